"""faster-whisper through the product's recogniser, on real recordings and real models."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.files import read_audio
from assistant.stt.base import Partial, Segment
from assistant.stt.whisper_engine import WhisperEngine, WhisperRecognizer, load_model
from assistant.text.wer import wer
from tests.support import load_speech_manifest

SAMPLES = load_speech_manifest()


def run_stream(recognizer, samples: np.ndarray, step: int = 1600) -> tuple[list[Segment], list[Partial]]:
    segments: list[Segment] = []
    partials: list[Partial] = []
    for offset in range(0, len(samples), step):
        for result in recognizer.accept(samples[offset : offset + step]):
            (segments if isinstance(result, Segment) else partials).append(result)
    segments.extend(recognizer.flush())
    return segments, partials


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.language == "en"], ids=lambda s: s.path.stem)
def test_english_recordings_with_tiny_en(tiny_en, sample) -> None:
    recognizer = WhisperEngine().recognizer(tiny_en, "en")
    segments, _ = run_stream(recognizer, read_audio(sample.path))
    text = " ".join(s.text for s in segments)
    # tiny.en hears "four queen of clubs" as "Queen of Clothes"; the JFK quote is exact.
    limit = 0.0 if "jfk" in sample.path.stem else 0.5
    assert wer(sample.transcript, text, "en") <= limit, text
    assert all(0 <= s.start < s.end <= sample.duration_s + 0.05 for s in segments)
    assert [s.start for s in segments] == sorted(s.start for s in segments)


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.language == "da"], ids=lambda s: s.path.stem)
def test_danish_is_transcribed_as_danish_never_translated(whisper_base, sample) -> None:
    recognizer = WhisperEngine().recognizer(whisper_base, "da")
    segments, _ = run_stream(recognizer, read_audio(sample.path))
    text = " ".join(s.text for s in segments).lower()
    # The stock base model is weak on Danish (see the note it prints); pinned to "da" it still
    # writes Danish words, not an English translation.
    assert wer(sample.transcript, text, "da") < 0.7, text
    english = {"the", "what", "you", "and", "test", "one", "two", "three", "church", "new", "yesterday"}
    assert not english & set(text.replace(",", " ").replace(".", " ").split()), text


def test_silence_and_noise_give_no_text(tiny_en, whisper_base) -> None:
    rng = np.random.default_rng(7)
    seconds = 6
    silence = np.zeros(16000 * seconds, dtype=np.int16)
    hiss = (rng.normal(0, 300, 16000 * seconds)).astype(np.int16)  # fan / line noise, about -40 dBFS
    # Loud broadband bursts (a door, a cough-like click train) with no voice in them.
    bursts = np.zeros(16000 * seconds, dtype=np.int16)
    for start in range(8000, len(bursts) - 4000, 24000):
        bursts[start : start + 3000] = rng.normal(0, 6000, 3000).astype(np.int16)
    for model, language in ((tiny_en, "en"), (whisper_base, "da"), (whisper_base, "en")):
        for name, audio in (("silence", silence), ("hiss", hiss), ("bursts", bursts)):
            recognizer = WhisperRecognizer(load_model(model), language)
            segments, _ = run_stream(recognizer, audio)
            assert segments == [], f"{model.name}/{language}/{name}: {segments}"


def test_partials_while_speaking(tiny_en) -> None:
    sample = next(s for s in SAMPLES if "jfk" in s.path.stem)
    recognizer = WhisperRecognizer(load_model(tiny_en), "en", partial_interval=1.0)
    segments, partials = run_stream(recognizer, read_audio(sample.path))
    assert partials, "no partial results while speaking"
    assert "americans" in " ".join(p.text for p in partials).lower()
    assert wer(sample.transcript, " ".join(s.text for s in segments), "en") == 0.0


def test_vocabulary_prompt_biases_spelling(tiny_en) -> None:
    sample = next(s for s in SAMPLES if "jfk" in s.path.stem)
    recognizer = WhisperEngine().recognizer(tiny_en, "en", prompt="Americans, country, fellow")
    segments, _ = run_stream(recognizer, read_audio(sample.path))
    assert wer(sample.transcript, " ".join(s.text for s in segments), "en") == 0.0


def test_a_cut_off_danish_utterance_does_not_loop(whisper_base) -> None:
    """Greedy decoding of speech cut off mid-word looped "hjælp af hjælp af ..." before the
    temperature fallback and the loop filter; the text must stay a sentence."""
    sample = next(s for s in SAMPLES if s.path.stem.endswith("u0042008"))
    recognizer = WhisperRecognizer(load_model(whisper_base), "da")
    segments, _ = run_stream(recognizer, read_audio(sample.path)[: 5 * 16000])
    words = " ".join(s.text for s in segments).split()
    assert 8 <= len(words) <= 25, words
    assert max(words.count(w) for w in set(words)) <= 3, words
