"""The microphone test plays the recording back: a tone said into the (virtual) microphone comes
out of the (virtual) loudspeaker after the test button is clicked, as the guide promises."""

from __future__ import annotations

import subprocess

import numpy as np
from PySide6.QtCore import Qt

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.settings_window import SettingsWindow
from assistant.ui.workers import Workers
from tests.support import wait_until
from tests.support.procs import require_executable

TONE_HZ = 880


def test_microphone_test_plays_the_recording_back(xvfb, qtbot, pulse_vmic, tmp_path) -> None:
    parec = require_executable("parec", "pulseaudio-utils")
    heard = tmp_path / "loudspeaker.s16le"
    recorder = subprocess.Popen(
        [
            parec,
            "-d",
            pulse_vmic.monitor,
            "--raw",
            "--format=s16le",
            "--rate=16000",
            "--channels=1",
            str(heard),
        ],
        env=pulse_vmic.env,
    )
    try:
        window = SettingsWindow(App.create(), Workers(TaskBridge()))
        qtbot.addWidget(window)
        window.show()
        levels: list[int] = []
        window.level.valueChanged.connect(levels.append)
        with qtbot.waitSignal(window.mic_test_done, timeout=30000) as done:
            # A real click: clicked(bool) once carried False into the play-back flag.
            qtbot.mouseClick(window.test_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: bool(levels), timeout=10000)  # recording: now speak
            t = np.arange(int(1.2 * 16000)) / 16000
            pulse_vmic.play((0.5 * 32767 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.int16))
        assert done.args[0] > -20, done.args  # the tone was recorded
        assert window.mic_page.played_frames > 16000, window.mic_page.played_frames

        def tone_heard() -> bool:
            samples = np.frombuffer(heard.read_bytes(), dtype=np.int16).astype(np.float64)
            if len(samples) < 16000:
                return False
            loud = samples[np.abs(samples) > 1000]
            if len(loud) < 8000:  # half a second of it
                return False
            spectrum = np.abs(np.fft.rfft(samples))
            return abs(np.argmax(spectrum) * 16000 / (2 * (len(spectrum) - 1)) - TONE_HZ) < 20

        wait_until(
            tone_heard,
            timeout=10,
            message=lambda: (
                f"the tone from the loudspeaker ({heard.stat().st_size} bytes: {_loudness(heard)})"
            ),
        )
        assert window.test_result.text().startswith("Mikrofonen virker")
        window.close()
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)


def _loudness(path) -> list[int]:  # type: ignore[no-untyped-def]
    samples = np.frombuffer(path.read_bytes(), dtype=np.int16).astype(np.float64)
    n = len(samples) // 8000
    return [int(np.sqrt((samples[i * 8000 : (i + 1) * 8000] ** 2).mean())) for i in range(n)]
