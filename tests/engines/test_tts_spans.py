"""Every highlighted span is exactly the word the voice says, for text full of what broke it
before: Danish and English quotes, emoji (with skin tones and joiners), combining marks and
abbreviations that are expanded for speech."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from assistant.text.readable import make_readable
from assistant.tts.espeak import EspeakSynthesizer
from assistant.tts.reader import Chunk, plan, render, synthesize_chunk

ESPEAK = EspeakSynthesizer()

DANISH = (
    "Hun sagde »hej« og „farvel“ om ”tandsten”. Det var 😀 sjovt, f.eks. kl. 14.30 — på "
    + unicodedata.normalize("NFD", "café")
    + " (ærlig talt) med 👍🏽 og 👨‍👩‍👧. Se s. 3, ca. 2,5 mg!"
)
DANISH_WORDS = [
    "Hun", "sagde", "hej", "og", "farvel", "om", "tandsten", "Det", "var", "😀", "sjovt", "f.eks.",
    "kl. 14.30", "på", unicodedata.normalize("NFD", "café"), "ærlig", "talt", "med", "👍🏽", "og",
    "👨‍👩‍👧", "Se", "s.", "3", "ca.", "2,5", "mg",
]  # fmt: skip
ENGLISH = (
    "She said “hello” and ‘bye’ — it’s fine 👍🏽, e.g. Dr. Smith’s "
    + unicodedata.normalize("NFD", "naïve")
    + " café (really) at 5 % «ok» 😀. Done!"
)
ENGLISH_WORDS = [
    "She", "said", "hello", "and", "bye", "it’s", "fine", "👍🏽", "e.g.", "Dr.", "Smith’s",
    unicodedata.normalize("NFD", "naïve"), "café", "really", "at", "5", "%", "ok", "😀", "Done",
]  # fmt: skip


def _loud(samples: np.ndarray, start: float, end: float, rate: int) -> int:
    part = samples[int(start * rate) : max(int(end * rate), int(start * rate) + 1)]
    return int(np.abs(part.astype(np.int32)).max()) if len(part) else 0


@pytest.mark.parametrize(
    ("language", "text", "words"), [("da", DANISH, DANISH_WORDS), ("en", ENGLISH, ENGLISH_WORDS)]
)
def test_each_highlight_is_the_word_being_said(language: str, text: str, words: list[str]) -> None:
    speech = render(ESPEAK, text, language=language, rate=180)
    spans = [text[m.start : m.end] for m in speech.marks]
    assert spans == words
    for mark in speech.marks:
        piece = text[mark.start : mark.end]
        assert piece.strip() == piece and piece, f"space in the highlight {piece!r}"
        assert not unicodedata.category(piece[0]).startswith("M"), f"a combining mark cut off: {piece!r}"
    times = [m.time for m in speech.marks]
    assert times == sorted(times) and len(set(times)) == len(times) and times[-1] < speech.duration
    rate = speech.sample_rate
    for mark, following in zip(speech.marks, [*times[1:], speech.duration], strict=True):
        # The voice is heard during each highlighted word, and the word's sound starts at its mark.
        assert _loud(speech.samples, mark.time, following, rate) > 1000, text[mark.start : mark.end]
        assert _loud(speech.samples, mark.time, mark.time + 0.03, rate) > 100, text[mark.start : mark.end]


@pytest.mark.parametrize(("language", "text"), [("da", DANISH), ("en", ENGLISH)])
def test_the_voice_says_each_highlighted_word_when_it_is_lit(language: str, text: str) -> None:
    """The witness is the engine itself: the spoken form of each highlighted word, synthesised on
    its own, is as long as the stretch of audio the highlight stays lit (within what sentence
    melody and joined-up speech change), so no highlight runs a word ahead or behind."""
    chunks = plan(text, language)
    ratios = []
    for chunk in chunks:
        speech = synthesize_chunk(ESPEAK, text, chunk, "gmq/da" if language == "da" else "gmw/en-US", 180)
        ends = [m.time for m in speech.marks[1:]]
        for mark, end in zip(speech.marks[:-1], ends, strict=True):
            spoken = make_readable(text[mark.start : mark.end], language).spoken
            alone = ESPEAK.synthesize(spoken, voice=speech.voice, rate=180)
            level = np.abs(alone.samples.astype(np.int32))
            voiced = np.flatnonzero(level > 300)
            own = (voiced[-1] - voiced[0]) / alone.sample_rate
            ratios.append(((end - mark.time) / own, text[mark.start : mark.end]))
    # Shifted by one word, the lit stretch would be another word's: ratios would scatter widely.
    bad = [(round(r, 2), w) for r, w in ratios if not 0.5 < r < 2.2]
    assert len(bad) <= len(ratios) // 8, bad


def test_a_chunk_of_punctuation_and_space_gives_no_word() -> None:
    text = "— … »« !"
    speech = synthesize_chunk(ESPEAK, text, Chunk(0, 0, 0, len(text), "da"), "gmq/da", 160)
    assert [text[m.start : m.end] for m in speech.marks] == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # espeak-ng points the event for "have" into "gerne", and gives "been" no event at all.
        ("da", "Hun vil gerne have kaffe med det samme. Vi har talt om, hvordan hjemmet kan indrettes."),
        ("en", "Please open the window and close the door. It has been arranged with the doctor."),
    ],
)
def test_every_word_is_highlighted_in_order(language: str, text: str) -> None:
    speech = render(ESPEAK, text, language=language, rate=160)
    assert [text[m.start : m.end] for m in speech.marks] == [w.strip(".,") for w in text.split()]
    times = [m.time for m in speech.marks]
    assert times == sorted(times) and len(set(times)) == len(times)


def test_no_word_events_give_no_highlight_rather_than_a_crash() -> None:
    # espeak reads "-1" as a number and reports no word event for it: speak --out crashed here.
    from assistant.tts.base import marks_from_events

    samples = np.zeros(2205, dtype=np.int16)
    assert marks_from_events("-1", [], samples, 22050) == ()
    assert marks_from_events("to ord", [], samples, 22050) == ()
