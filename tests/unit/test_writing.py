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
    picked = tracker.picked("tandlæge")
    assert (picked.previous, picked.finished, picked.ender) == ("tandlæge", "tandlæge", " ")
    assert tracker.state.serial == serial + 1


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
    after = suggester.offer(feed(WordTracker(), "min tandlæge "))  # a right word: the next ones
    assert after.kind == "complete" and after.typed == "" and after.words and after.ender == " "
    assert suggester.offer(feed(WordTracker(), "min tandlæge, ")).kind == "none"
    assert suggester.offer(feed(WordTracker(), "Det var godt.")).kind == "none"
    assert suggester.offer(WordTracker().state).kind == "none"
    line = suggester.offer(feed(WordTracker(), "Hej\n"))
    assert line.kind == "complete" and all(w[:1].isupper() for w in line.words)


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
    following = Offer("complete", "", ("er",), ender=" ")
    plan = plan_replace(following, 0, "Hun ")
    assert plan is not None and (plan.old, plan.new, plan.erase) == ("", "er ", 0)
    assert plan_replace(following, 0, "Hun") is None  # the space is not there: the caret moved
