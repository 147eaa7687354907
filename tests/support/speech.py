"""Long continuous real speech for dictation tests: the evaluation recordings joined end to end."""

from __future__ import annotations

import numpy as np

from tests.support import SpeechSample, load_speech_manifest
from tests.support.audio import load_wav

RATE = 16000

# Twenty terms a user might keep in the vocabulary: long enough to make Whisper's prompt long.
VOCABULARY_20 = [
    "Americans", "Kennedy", "inauguration", "Washington", "democracy", "Massachusetts",
    "constitution", "citizenship", "Copenhagen", "Aarhus", "dyslexia", "ordblindhed",
    "CTranslate2", "faster-whisper", "PySide6", "Xvfb", "PulseAudio", "Kubernetes",
    "Netflix", "Skovgaard",
]  # fmt: skip


def _trimmed(samples: np.ndarray, floor_dbfs: float = -45.0) -> np.ndarray:
    """The recording without its leading and trailing silence."""
    frame = 320
    n = len(samples) // frame
    rms = np.sqrt(np.square(samples[: n * frame].astype(np.float64).reshape(n, frame)).mean(axis=1))
    loud = np.nonzero(20 * np.log10(rms / 32768 + 1e-9) > floor_dbfs)[0]
    if not len(loud):
        return samples
    return samples[max(0, loud[0] - 2) * frame : (loud[-1] + 3) * frame]


def continuous_speech(seconds: float, gap: float = 0.25) -> tuple[np.ndarray, str, int]:
    """About ``seconds`` of the JFK recording said again and again with only ``gap`` s between.

    Returns (samples, reference transcript, how many times the quote was said). The gap is
    shorter than any pause that ends an utterance, so it is one long stretch of speech.
    """
    jfk: SpeechSample = next(s for s in load_speech_manifest() if "jfk" in s.path.stem)
    quote = _trimmed(load_wav(jfk.path))
    pause = np.zeros(int(gap * RATE), dtype=np.int16)
    times = max(1, round(seconds * RATE / (len(quote) + len(pause))))
    samples = np.concatenate([np.concatenate([quote, pause]) for _ in range(times)])
    return samples, " ".join([jfk.transcript] * times), times
