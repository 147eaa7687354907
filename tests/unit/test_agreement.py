"""LocalAgreement: words two successive decodes agree on are stable; the rest is the tail."""

from __future__ import annotations

from assistant.hotkeys.press import HOLD_SECONDS, tap_or_hold
from assistant.stt.agreement import LocalAgreement


def test_words_become_stable_when_two_hypotheses_agree() -> None:
    agreement = LocalAgreement()
    live = agreement.update(["and", "so", "my", "fellow"])
    assert live.stable == () and live.tail == ("and", "so", "my", "fellow")
    live = agreement.update(["And", "so,", "my", "fellow", "Americans"])
    assert live.stable == ("And", "so,", "my", "fellow") and live.tail == ("Americans",)
    assert (
        live.text == "And so, my fellow Americans" and live.text[: live.stable_chars] == "And so, my fellow"
    )


def test_stable_words_never_change_within_an_utterance() -> None:
    agreement = LocalAgreement()
    agreement.update(["ask", "not", "what"])
    agreement.update(["ask", "not", "what", "your"])
    live = agreement.update(["ask", "knot", "what", "your", "country"])  # a later decode disagrees
    assert live.stable == ("ask", "not", "what")
    assert live.tail == ("your", "country")
    agreement.reset()
    assert agreement.update(["new"]).stable == ()


def test_agree_three_needs_three_decodes() -> None:
    agreement = LocalAgreement(agree=3)
    agreement.update(["one", "two"])
    assert agreement.update(["one", "two"]).stable == ()
    assert agreement.update(["one", "two", "three"]).stable == ("one", "two")


def test_dictation_key_tap_or_hold_is_decided_at_release() -> None:
    assert tap_or_hold(0.12) == "tap"
    assert tap_or_hold(HOLD_SECONDS - 0.01) == "tap"
    assert tap_or_hold(HOLD_SECONDS) == "hold"
    assert tap_or_hold(3.0) == "hold"
