"""Alternatives for an unsure word from the decoder's other hypotheses (the beam's runners-up):
the words a runner-up has in its place, one for one or a few for one; sure words get none."""

from __future__ import annotations

from assistant.stt.base import Segment
from assistant.stt.confidence import WordConfidence, with_alternatives


def _segment(text: str, unsure: set[str]) -> Segment:
    words = tuple(
        WordConfidence(
            w.strip(",.?"),
            i * 0.3,
            i * 0.3 + 0.2,
            0.3 if w.strip(",.?") in unsure else 0.9,
            w.strip(",.?") in unsure,
        )
        for i, w in enumerate(text.split())
    )
    return Segment(text, 0.0, 3.0, words=words)


def _alternatives(segments: list[Segment]) -> dict[str, tuple[str, ...]]:
    return {w.text: w.alternatives for s in segments for w in s.words if w.alternatives}


def test_an_unsure_word_gets_what_the_runners_up_say_in_its_place() -> None:
    best = [_segment("Hvad synes du om den ny bank der åbne i går", {"ny", "åbne"})]
    runners_up = [
        " Hvad synes du om den nye bank, der åbnede i går?",
        " Hvad synes du om den ny bank der åbnede i går.",
        " Hvad synes du om den nye bank der er åbnet i går",
    ]
    found = _alternatives(with_alternatives(best, runners_up))
    assert found == {"ny": ("nye",), "åbne": ("åbnede", "er åbnet")}


def test_sure_words_punctuation_and_case_bring_no_alternatives() -> None:
    best = [_segment("Tester ind tog 3, 4, 5", {"tog"})]
    runners_up = [" tester ind tog 3 4 5.", " Tester, ind tog 3, 4, 5!", " Test er ind tog 3, 4, 5"]
    assert _alternatives(with_alternatives(best, runners_up)) == {}


def test_alternatives_follow_words_across_segments_and_are_capped() -> None:
    best = [_segment("ti af", set()), _segment("kløver hjerter", {"kløver"})]
    runners_up = [f" ti af {w} hjerter" for w in ("klør", "klover", "kløve", "kløer", "klør")]
    scored = with_alternatives(best, runners_up)
    assert [len(s.words) for s in scored] == [2, 2] and [s.text for s in scored] == [
        "ti af",
        "kløver hjerter",
    ]
    assert _alternatives(scored) == {"kløver": ("klør", "klover", "kløve")}
    assert with_alternatives(best, []) is best
