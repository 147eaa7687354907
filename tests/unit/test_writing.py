"""Writing help's core: the word being typed from key events, what is offered for it, and how a
pick replaces the typed letters (real Danish lexicon, no mocks)."""

from __future__ import annotations

import pytest

from assistant.text.writing import Offer, Suggester, WordTracker, plan_replace


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    from assistant.text.service import open_spelling

    return Suggester(open_spelling("da"))


def feed(tracker: WordTracker, text: str):  # type: ignore[no-untyped-def]
    state = tracker.state
    for char in text:
        state = tracker.feed(char)
    return state


def test_the_tracker_follows_the_word_being_typed() -> None:
    tracker = WordTracker()
    state = feed(tracker, "Jeg gik til tanx\bd")
    assert (state.prefix, state.previous) == ("tand", "til")
    state = feed(tracker, "læe ")
    assert (state.prefix, state.finished, state.ender, state.previous) == ("", "tandlæe", " ", "tandlæe")
    state = feed(tracker, "\b")  # back into the finished word
    assert state.prefix == "tandlæe"
    state = feed(tracker, ". Hu")
    assert (state.prefix, state.previous) == ("Hu", None)  # a full stop ends the sentence
    assert tracker.forget().prefix == "" and tracker.state.previous is None
    serial = tracker.state.serial
    assert tracker.picked("tandlæge").previous == "tandlæge" and tracker.state.serial == serial + 1


def test_completions_include_phonetic_and_dyslexic_matches(suggester: Suggester) -> None:
    tracker = WordTracker()
    for typed in ("tandl", "tanl"):
        tracker.forget()
        offer = suggester.offer(feed(tracker, typed))
        assert offer.kind == "complete" and "tandlæge" in offer.words and len(offer.words) <= 5, offer
    offer = suggester.offer(feed(WordTracker(), "Tandl"))
    assert offer.words[0] == "Tandlæge"


def test_a_misspelt_finished_word_is_marked_with_suggestions(suggester: Suggester) -> None:
    offer = suggester.offer(feed(WordTracker(), "min tandlæe "))
    assert offer.kind == "misspelt" and offer.typed == "tandlæe" and offer.words[0] == "tandlæge"
    assert suggester.offer(feed(WordTracker(), "min tandlæge ")).kind == "none"
    assert suggester.offer(WordTracker().state).kind == "none"


def test_a_pick_is_checked_against_the_field_before_anything_is_erased() -> None:
    fuzzy = Offer("complete", "tanl", ("tandlæge", "tallet"))
    plan = plan_replace(fuzzy, 0, "Min tanl")
    assert plan is not None and (plan.old, plan.new, plan.erase) == ("tanl", "tandlæge ", 1)
    assert plan_replace(fuzzy, 0, "Min tank") is None  # the field says otherwise: touch nothing
    assert plan_replace(fuzzy, 0, None) is None  # unreadable: no BackSpace it cannot check
    plain = Offer("complete", "tandl", ("tandlæge",))
    plan = plan_replace(plain, 0, None)
    assert plan is not None and (plan.erase, plan.new[len(plan.old) :]) == (0, "æge ")
    misspelt = Offer("misspelt", "tandlæe", ("tandlæge",), ender=" ")
    plan = plan_replace(misspelt, 0, "min tandlæe ")
    assert plan is not None and (plan.old, plan.new) == ("tandlæe ", "tandlæge ")
    assert plan_replace(misspelt, 0, None) is None and plan_replace(misspelt, 3, "x") is None
