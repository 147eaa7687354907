"""Highlight lag measured outside the product: what the loudspeaker played vs. when the word lit up.

The reader bar reads a text into a PulseAudio null sink. ``parec`` records the sink's monitor (what
a loudspeaker would play) with the arrival time of every block on ``time.monotonic()``
(tests/support/playback_sink.py's ``MonitorRecorder``); the lower envelope of (arrival - sample
index / rate) gives the recording's own clock, so the time of every recorded sample is known
without asking the product. Each word's sound is then found in the
recording by normalised cross-correlation: the first 120 ms of the word, cut from the same
sentence synthesised again (espeak-ng is deterministic), searched for near the moment the word was
highlighted. lag = time the highlight was painted (after ``repaint()``) - time the word's first
sample was played. Positive: the highlight comes after the sound. A match counts when its
correlation is at least 0.6: the sound passes PulseAudio's mixer, and on a loaded machine scores of
0.7-0.9 were seen for matches whose lags agreed with their neighbours' to a few milliseconds.

Used by ``bench/bench_tts.py --lag`` and by ``tests/e2e/test_read_aloud.py`` (which only checks
that the pipeline finds the words, never a timing).
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

import numpy as np

RATE = 22050  # the null sink's rate and espeak-ng's: no resampling between them
TEMPLATE_S = 0.12
SEARCH_BEFORE_S = 0.6  # how early the sound may have been, before the highlight
SEARCH_AFTER_S = 0.3  # how late


@dataclass(frozen=True)
class WordLag:
    word: str
    painted_at: float
    played_at: float  # from the recording
    claimed_at: float  # the reader's own playback-clock time (heard_at)
    score: float  # normalised correlation of the match (1.0: identical)

    @property
    def lag(self) -> float:
        return self.painted_at - self.played_at

    @property
    def clock_error(self) -> float:
        return self.claimed_at - self.played_at


def _find(template: np.ndarray, tape: np.ndarray, lo: int, hi: int) -> tuple[int, float]:
    lo, hi = max(lo, 0), min(hi, len(tape))
    window = tape[lo:hi].astype(np.float64)
    t = template.astype(np.float64)
    t = t - t.mean()
    norm_t = np.sqrt((t * t).sum())
    if len(window) < len(t) or norm_t == 0:
        return -1, 0.0
    corr = np.correlate(window, t, mode="valid")
    sums = np.cumsum(np.concatenate([[0.0], window]))
    squares = np.cumsum(np.concatenate([[0.0], window * window]))
    n = len(t)
    local_sum = sums[n:] - sums[:-n]
    local_sq = squares[n:] - squares[:-n]
    local_norm = np.sqrt(np.maximum(local_sq - local_sum * local_sum / n, 1e-9))
    score = corr / (local_norm * norm_t)
    best = int(np.argmax(score))
    return lo + best, float(score[best])


def word_templates(text: str, language: str, voice: str, rate: int) -> dict[tuple[int, int], np.ndarray]:
    """(start, end) of each word -> the first 120 ms of its sound, from the sentence synthesised
    again exactly as the reader does it."""
    from assistant.tts.espeak import EspeakSynthesizer
    from assistant.tts.reader import plan, synthesize_chunk

    synthesizer = EspeakSynthesizer()
    out: dict[tuple[int, int], np.ndarray] = {}
    for chunk in plan(text, language):
        speech = synthesize_chunk(synthesizer, text, chunk, voice, rate)
        assert speech.sample_rate == RATE
        for mark in speech.marks:
            at = int(mark.time * RATE)
            out[(mark.start, mark.end)] = speech.samples[at : at + int(TEMPLATE_S * RATE)]
    return out


def match_words(
    text: str,
    painted: list[tuple[int, int, float, float]],
    templates: dict[tuple[int, int], np.ndarray],
    tape: np.ndarray,
    t0: float,
) -> list[WordLag]:
    """Find each painted word's sound on the tape. ``painted``: (start, end, heard_at, painted_at)."""
    found: list[WordLag] = []
    for start, end, heard_at, painted_at in painted:
        template = templates.get((start, end))
        if template is None or len(template) < RATE // 50:
            continue
        centre = int((painted_at - t0) * RATE)
        index, score = _find(
            template, tape, centre - int(SEARCH_BEFORE_S * RATE), centre + int(SEARCH_AFTER_S * RATE)
        )
        if index >= 0:
            found.append(WordLag(text[start:end], painted_at, t0 + index / RATE, heard_at, score))
    return found


def summary(lags: list[WordLag], min_score: float = 0.6) -> dict[str, float]:
    good = [w for w in lags if w.score >= min_score]
    values = sorted(w.lag for w in good)
    if not values:
        return {"words": 0, "matched": 0}
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    clock = sorted(abs(w.clock_error) for w in good)
    return {
        "words": len(lags),
        "matched": len(good),
        "mean": statistics.mean(values),
        "median": statistics.median(values),
        "p95": p95,
        "abs_p95": sorted(abs(v) for v in values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
        "min": values[0],
        "max": values[-1],
        "clock_error_p95": clock[min(len(clock) - 1, round(0.95 * (len(clock) - 1)))],
    }


def measure_bar(qt_app, sink, text: str, language: str, rate: int, timeout: float = 120.0) -> list[WordLag]:  # type: ignore[no-untyped-def]
    """Read ``text`` with the real reader bar into ``sink`` (a tests.support PulseNullSink whose
    server is this process's PULSE_SERVER) and return each word's lag."""
    from PySide6.QtCore import QEventLoop, QTimer

    from assistant.app import App
    from assistant.ui.bridge import TaskBridge
    from assistant.ui.reader_bar import ReaderBar
    from assistant.ui.reading import ReaderController
    from assistant.ui.workers import Workers

    app = App.create()
    voice = "gmq/da" if language == "da" else "gmw/en-US"
    app.config.set("tts.rate", rate)
    app.config.set(f"tts.voice_{language}", voice)
    controller = ReaderController(app, Workers(TaskBridge()))
    bar = ReaderBar(controller)
    painted: list[tuple[int, int, float, float]] = []
    bar.painted.connect(lambda s, e, heard, at: painted.append((s, e, heard, at)))
    done = threading.Event()
    controller.finished.connect(lambda stopped: done.set())
    templates = word_templates(text, language, voice, rate)
    if sink.RATE != RATE:
        raise ValueError(f"the sink plays at {sink.RATE} Hz, the templates are {RATE} Hz")
    tape = sink.record(latency_ms=5)
    try:
        deadline = time.monotonic() + 10
        while not tape.started(blocks=4) and time.monotonic() < deadline:
            qt_app.processEvents()
            time.sleep(0.01)
        bar.show()
        # The real event loop, as in the tray: a word event waits for nothing but the loop itself.
        loop = QEventLoop()
        controller.finished.connect(loop.quit)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        controller.read(text, "bar", language)
        if not done.is_set():
            loop.exec()
        tail = QEventLoop()
        QTimer.singleShot(500, tail.quit)  # the end of the last word reaches the tape
        tail.exec()
    finally:
        tape.stop()
        controller.shutdown()
        bar.close()
    samples, t0 = tape.clock()
    return match_words(text, painted, templates, samples, t0)
