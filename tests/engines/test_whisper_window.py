"""The short encoder window: Whisper encodes an utterance over its own length, not 30 s.

Behaviour, not speed (bench/bench_dictation.py measures the speed): the window is shorter than
3000 mel frames, the words are those of faster-whisper's full window, text Whisper repeats into
the padding is never shown, and a decode that echoes itself is redone over the full window.
"""

from __future__ import annotations

import numpy as np

from assistant.audio.files import read_audio
from assistant.stt import whisper_window
from assistant.stt.vad import Segmenter
from assistant.stt.whisper_engine import WhisperEngine, WhisperRecognizer, load_model
from assistant.stt.whisper_text import echo_at
from assistant.text.wer import wer
from tests.support import load_speech_manifest

SAMPLES = load_speech_manifest()


class _Widths:
    """CTranslate2's Whisper, recording the width (mel frames) of every window it encodes."""

    def __init__(self, whisper) -> None:
        self.whisper = whisper
        self.is_multilingual = whisper.is_multilingual
        self.widths: list[int] = []

    def encode(self, features, *args, **kwargs):
        self.widths.append(int(features.shape[-1]))
        return self.whisper.encode(features, *args, **kwargs)

    def generate(self, *args, **kwargs):
        return self.whisper.generate(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.whisper, name)


class _Recording:
    """A loaded WhisperModel whose encoder windows are recorded (everything else is the model's)."""

    def __init__(self, model) -> None:
        self.real = model
        self.hf_tokenizer = model.hf_tokenizer
        self.feature_extractor = model.feature_extractor
        self.get_prompt = model.get_prompt
        self.model = _Widths(model.model)

    def transcribe(self, audio, **options):
        segments, info = self.real.transcribe(audio, **options)
        self.model.widths.append(3000)  # faster-whisper always pads to the full window
        return segments, info


def _full_window_text(model, audio: np.ndarray) -> str:
    """Raw faster-whisper with the product's decode settings: the reference words."""
    segments, _ = model.transcribe(
        audio.astype(np.float32) / 32768.0,
        language="en",
        beam_size=5,
        temperature=0.0,
        condition_on_previous_text=False,
        vad_filter=False,
        no_repeat_ngram_size=4,
    )
    return " ".join(s.text.strip() for s in segments)


def _utterances(samples: np.ndarray) -> list[np.ndarray]:
    segmenter = Segmenter(end_silence_ms=500, max_seconds=15.0, split_window=6.0)
    found = [u for k in range(0, len(samples), 1600) for u in segmenter.feed(samples[k : k + 1600])]
    return [u.samples for u in found + segmenter.flush()]


def _echo(text: str) -> int | None:
    return echo_at(text.split())


def test_echo_is_found_where_whisper_repeats_itself() -> None:
    assert _echo("1 1 1 1") == 1
    assert _echo("1. 2 2") == 2
    assert _echo("And so and so, and so") == 2
    assert _echo("10 of clubs 10 of clubs") == 3
    assert _echo("And so my fellow Americans. And so my fellow Americans.") == 5
    assert _echo("very good, very good") == 2  # speech, rarely: then a full-window decode, no words lost
    assert _echo("one two three") is None
    assert _echo("ask not what your country can do for you ask what you can do for your country") is None
    assert _echo("") is None


def test_an_utterance_is_encoded_over_its_own_length_with_the_full_window_words(tiny_en) -> None:
    model = load_model(tiny_en)
    sample = next(s for s in SAMPLES if "jfk" in s.path.stem)
    audio = read_audio(sample.path)
    recording = _Recording(model)
    recognizer = WhisperRecognizer(recording, "en")
    for utterance in _utterances(audio):
        recording.model.widths.clear()
        text = " ".join(s.text for s in recognizer._decode_audio(utterance.astype(np.float32) / 32768.0))
        assert recording.model.widths, "nothing was encoded"
        assert recording.model.widths[0] <= min(len(utterance) // 160 + 1002, 2999)
        # The same words (punctuation may differ: "And so my" / "And so, my").
        assert wer(_full_window_text(model, utterance), text, "en") == 0.0, text


def test_text_repeated_into_the_padding_is_never_shown(tiny_en, monkeypatch) -> None:
    """Single short words ("one", "two", "three"): over a window of the word plus 2 s, tiny.en
    writes "1 1 1 1". A preview keeps the first word; a final decode that echoes is done again
    over the full window (forced here by giving the final text the preview's 2 s of padding)."""
    monkeypatch.setattr(whisper_window, "FINAL_PAD_FRAMES", {"en": whisper_window.PREVIEW_PAD_FRAMES})
    model = load_model(tiny_en)
    sample = next(s for s in SAMPLES if s.path.stem == "speech_recognition_english")
    recording = _Recording(model)
    recognizer = WhisperRecognizer(recording, "en")
    finals, previews = [], []
    for utterance in _utterances(read_audio(sample.path)):
        preview = recognizer._transcribe(utterance, beam_size=1)
        previews.append(preview)
        assert echo_at(preview.split()) is None, preview
        text = " ".join(s.text for s in recognizer._decode_audio(utterance.astype(np.float32) / 32768.0))
        finals.append(text)
        assert echo_at(text.split()) is None, text
        assert wer(_full_window_text(model, utterance), text, "en") == 0.0, text
    assert len(" ".join(finals).split()) == 3, finals
    assert recognizer.full_window_decodes >= 1  # the echo was seen and redone, not shown


def test_segments_that_begin_past_the_audio_are_dropped(tiny_en) -> None:
    recognizer = WhisperEngine().recognizer(tiny_en, "en")
    tokenizer = recognizer._tokenizer()
    ts = lambda seconds: tokenizer.timestamp_begin + round(seconds / 0.02)  # noqa: E731
    words = lambda text: tokenizer.encode(text)  # noqa: E731
    ids = [ts(0.0), *words(" Ten of clubs."), ts(1.2), ts(1.2), *words(" Four queen."), ts(2.0)]
    # Whisper repeating itself into the 2 s of padding after 2.5 s of audio:
    ids += [ts(2.4), *words(" Ten of clubs."), ts(3.4)]
    segments = recognizer._split_timestamps(ids, 2.5, 0.01, -0.2)
    assert [s.text.strip() for s in segments] == ["Ten of clubs.", "Four queen."]
    assert [(s.start, s.end) for s in segments] == [(0.0, 1.2), (1.2, 2.0)]
    # An unfinished last segment ends with the audio.
    open_ended = recognizer._split_timestamps([ts(0.5), *words(" Seven")], 1.5, 0.01, -0.2)
    assert [(s.text.strip(), s.start, s.end) for s in open_ended] == [("Seven", 0.5, 1.5)]
