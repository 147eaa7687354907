"""The reader's global hotkeys (pause, next and previous sentence) are grabbed by the tray, work
with real X key presses, and a key another program held is taken over once that program lets go."""

from __future__ import annotations

import subprocess

from PySide6.QtWidgets import QApplication

from assistant.app import App
from assistant.hotkeys.x11 import X11HotkeyGrabber
from assistant.ui.main import HOTKEY_KEYS, TrayController
from tests.support.playback_sink import null_sink  # noqa: F401  (fixture)

TEXT = "Første sætning er her. Anden sætning er her. Tredje sætning er her. Fjerde sætning er her."


def _press(combo: str) -> None:
    subprocess.run(["xdotool", "key", combo], check=True, timeout=10)


def test_reader_hotkeys_work_and_a_released_conflict_is_retried(xvfb, qtbot, null_sink) -> None:  # noqa: F811
    assert {"hotkeys.pause_reading", "hotkeys.next_sentence", "hotkeys.previous_sentence"} <= set(HOTKEY_KEYS)
    app = App.create()
    app.config.set("hotkeys.pause_reading", "<ctrl>+<alt>+k")
    app.config.set("hotkeys.next_sentence", "<ctrl>+<alt>+l")
    app.config.set("hotkeys.previous_sentence", "<ctrl>+<alt>+h")
    other = X11HotkeyGrabber(lambda name, pressed: None)  # another program holds the pause key
    assert other.start({"theirs": "<ctrl>+<alt>+k"})[0].ok
    controller = TrayController(app, QApplication.instance())
    try:
        problems = controller.grab_hotkeys()
        assert set(problems) == {"hotkeys.pause_reading"}
        assert controller._hotkey_retry.isActive()
        other.stop()
        controller._hotkey_retry.setInterval(100)
        qtbot.waitUntil(lambda: not controller.hotkey_problems, timeout=10000)
        assert not controller._hotkey_retry.isActive()

        reader = controller.reader
        sentences: list[str] = []
        reader.sentence.connect(lambda s, e: sentences.append(reader.text[s:e]))
        with qtbot.waitSignal(reader.word, timeout=60000):
            reader.read(TEXT, "bar", "da")
        with qtbot.waitSignal(reader.sentence, timeout=10000):
            _press("ctrl+alt+l")
        assert sentences[-1] == "Anden sætning er her."
        with qtbot.waitSignal(reader.sentence, timeout=10000):
            _press("ctrl+alt+h")
        assert sentences[-1] == "Første sætning er her."
        with qtbot.waitSignal(reader.paused_changed, timeout=10000) as paused:
            _press("ctrl+alt+k")
        assert paused.args == [True]
        with qtbot.waitSignal(reader.paused_changed, timeout=10000) as resumed:
            _press("ctrl+alt+k")
        assert resumed.args == [False]
        with qtbot.waitSignal(reader.finished, timeout=10000):
            _press("ctrl+alt+s")  # the default stop key
    finally:
        other.stop()
        controller.shutdown()
