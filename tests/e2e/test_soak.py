"""A short soak in the suite: minutes of real speech and silence through the tray's dictation
(ALSA file microphone -> capture -> Whisper tiny.en -> transcript -> spelling -> the Qt panel
-> SQLite history), with memory, threads, descriptors and child processes sampled; the full
hour is ``bench/soak.py --minutes 60`` (bench/README.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_qt_signals_emitted_without_end_do_not_abort_the_process() -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to True at every emit (and to None at every
    delivery across threads): a dictation aborted the tray after a few minutes ("Fatal Python
    error: bool_dealloc"). pyproject keeps that release out; this pins that whatever PySide6 is
    installed survives 120,000 emits, 20,000 of them across threads."""
    script = textwrap.dedent(
        """
        import threading
        import assistant.ui  # noqa: F401  (the product's Qt layer, as the tray loads it)
        from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal, Slot

        class Bridge(QObject):
            level = Signal(float)
            text = Signal(str, bool, int)

        class Panel(QObject):
            def __init__(self):
                super().__init__()
                self.seen = 0

            @Slot(str, bool, int)
            def on_text(self, text, final, stable):
                self.seen += 1

        app = QCoreApplication([])
        bridge, panel = Bridge(), Panel()
        bridge.level.connect(lambda v: None)
        bridge.text.connect(panel.on_text)
        for _ in range(100_000):
            bridge.level.emit(-30.0)
        worker = threading.Thread(target=lambda: [bridge.text.emit("ord", True, 0) for _ in range(20_000)])
        worker.start()
        while worker.is_alive() or panel.seen < 20_000:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        print("alive", panel.seen)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=240
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "alive 20000" in result.stdout


@pytest.mark.display
@pytest.mark.slow
def test_short_soak_memory_and_threads_flat_and_no_word_dropped(xvfb) -> None:
    """Four minutes of audio (eight dictations of 30 s) through the real tray controller and
    panel, after four dictations of warm-up: no gross leak (idle RSS ends less than 80 MB above
    the highest RSS of warm-up; threads and descriptors do not rise by more than 2), no child
    process left, every utterance in history in order, and the WER at most that of decoding each
    recording alone plus 0.03.

    The bounds are loose on purpose: minutes of audio are still inside the allocator's warm-up (idle
    RSS steps up over the first ~10 minutes of audio, by an amount that depends on load: +5.8 to
    +62 MB over four 45 s dictations here at load 5-8; the 20-minute bench run: +58 MB, then
    +1.3 MB over the next 11 minutes). The tight bound is the hour: bench/soak.py."""
    env = {**os.environ, "DISPLAY": xvfb.display}
    env.pop("QT_QPA_PLATFORM", None)
    args = ["--minutes", "4", "--per-dictation", "0.5", "--warmup", "4"]
    args += ["--rss-bound", "80", "--count-slack", "2"]
    args += ["--interval", "1", "--json"]
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "soak.py"), *args],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    assert result.stdout.strip(), result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    summary = {k: v for k, v in figures.items() if k not in ("samples", "per_dictation")}
    print(json.dumps(summary))
    assert figures["checks"]["threads"], figures["threads_idle"]
    assert figures["checks"]["fds"], figures["fds_idle"]
    assert figures["checks"]["children"], figures["children_idle"]
    assert figures["checks"]["rss_above_warmup_peak"], (
        figures["rss_above_warmup_peak_mb"],
        figures["samples"],
    )
    assert figures["missing_utterances"] == 0, figures["per_dictation"]
    assert figures["checks"]["wer"], (figures["wer"], figures["baseline_wer"], figures["per_dictation"])
