"""The Settings window's microphone page: choose the microphone, watch its level, and record a
few seconds that are then played back on the chosen loudspeaker, so the user hears herself."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QPushButton, QWidget

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

TEST_SECONDS = 3.0


class MicTestPage(QWidget):
    """``done`` carries the recording's peak in dBFS (-100 when nothing was recorded)."""

    done = Signal(float)

    def __init__(self, app: App, workers: Workers, device_row: tuple[QLabel, QWidget]) -> None:
        super().__init__()
        self.app = app
        self.workers = workers
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error, self._on_progress)
        self.played_frames = 0  # what the last test handed to the loudspeaker
        form = QFormLayout(self)
        form.setVerticalSpacing(12)
        form.addRow(*device_row)
        self.level = QProgressBar()
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        form.addRow(self.tr("Lydniveau"), self.level)
        self.test_button = QPushButton(self.tr("Prøv mikrofonen (3 sekunder)"))
        # clicked(bool) carries "checked" (False): it must not reach the play-back flag.
        self.test_button.clicked.connect(self._on_test_clicked)
        form.addRow("", self.test_button)
        self.test_result = QLabel(
            self.tr("Sig et par ord efter du har trykket. Du hører optagelsen bagefter.")
        )
        self.test_result.setWordWrap(True)
        self.test_result.setObjectName("hint")
        form.addRow("", self.test_result)

    @Slot()
    def _on_test_clicked(self) -> None:
        self.test_microphone()

    def test_microphone(self, play_back: bool = True) -> None:
        device = self.app.config["audio.input_device"] or None
        output = self.app.config["audio.output_device"] or None
        tasks = self.tasks

        def job() -> tuple[float, int]:
            import numpy as np

            from assistant.audio.capture import Capture

            capture = Capture(device)
            blocks = []
            got = 0
            capture.start()
            try:
                while got < TEST_SECONDS * 16000:
                    block = capture.read(timeout=0.5)
                    if block is None:
                        continue
                    blocks.append(block)
                    got += len(block)
                    tasks.on_progress("level", "level", int(capture.level_dbfs * 100 + 10000), 10000)
            finally:
                capture.stop()
            samples = np.concatenate(blocks) if blocks else np.zeros(0, np.int16)
            peak = float(np.max(np.abs(samples.astype(np.int32)))) if len(samples) else 0.0
            played = (
                _play(samples, output, lambda: tasks.on_progress("level", "playing", 0, 0))
                if play_back
                else 0
            )
            return (20 * np.log10(peak / 32768.0) if peak > 0 else -100.0), played

        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Optager … sig noget nu."))
        self.workers.run("mic-test", job, self.tasks)

    @Slot(str, str, "qint64", "qint64")
    def _on_progress(self, tag: str, stage: str, done: int, total: int) -> None:
        if stage == "playing":
            self.level.setValue(0)
            self.test_result.setText(self.tr("Afspiller optagelsen …"))
        elif tag == "level":
            dbfs = (done - 10000) / 100.0
            self.level.setValue(int(max(0.0, min(60.0, dbfs + 60.0))))

    @Slot(str, object)
    def _on_done(self, tag: str, result: object) -> None:
        peak, played = result  # type: ignore[misc]
        self.played_frames = int(played)
        self.test_button.setEnabled(True)
        self.level.setValue(0)
        if peak < -50:
            self.test_result.setText(
                self.tr("Der kom næsten ingen lyd ({0:.0f} dB). Tjek mikrofonen.").format(peak)
            )
        else:
            self.test_result.setText(self.tr("Mikrofonen virker ({0:.0f} dB).").format(peak))
        self.done.emit(float(peak))

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(f"{message}. {hint}" if hint else message)
        self.done.emit(-100.0)


def _play(samples, device: str | None, started: Callable[[], None]) -> int:  # type: ignore[no-untyped-def]
    """Play the recording on ``device`` until the loudspeaker has had all of it; the frames played
    (0 when there is no loudspeaker: that is not a microphone problem, and it is logged)."""
    import time

    from assistant.audio.playback import Clip, Player
    from assistant.errors import AssistantError

    if not len(samples):
        return 0
    player = Player(16000, device=device)
    try:
        player.open()
        started()
        clip = player.enqueue(Clip(samples))
        deadline = time.monotonic() + len(samples) / 16000 + 5.0
        while not player.position().drained and time.monotonic() < deadline:
            time.sleep(0.05)  # a worker thread waiting for the device to finish
        return clip.copied
    except AssistantError as exc:
        log.info("test playback failed: %s", type(exc).__name__)
        return 0
    finally:
        player.close()
