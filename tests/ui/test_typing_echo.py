"""Read-as-you-type in other programs: key presses on the X server become words to read; keys
pressed with Ctrl/Alt are shortcuts, not text. Typed text is only passed on, never kept."""

from __future__ import annotations

import os
import subprocess
import threading

from assistant.tts.echo import TypingEcho
from assistant.tts.typing import X11TypingWatcher, keysym_char
from tests.support import wait_until
from tests.support.playback_sink import null_sink  # noqa: F401  (fixture)
from tests.support.said import Said


def test_keysyms_to_characters() -> None:
    assert keysym_char(0xE6) == "æ" and keysym_char(0xF8) == "ø" and keysym_char(0xE5) == "å"
    assert keysym_char(0x61) == "a" and keysym_char(0xFF08) == "\b" and keysym_char(0xFF0D) == "\n"
    assert keysym_char(0x010020AC) == "€" and keysym_char(0xFFE1) is None  # Shift_L


def test_words_typed_in_another_program_are_read(xvfb) -> None:
    said = Said()
    echo = TypingEcho(said, "word")  # type: ignore[arg-type]
    lock = threading.Lock()

    def on_char(char: str) -> None:
        with lock:
            echo.feed(char)

    watcher = X11TypingWatcher(on_char, {"DISPLAY": xvfb.display})
    assert watcher.available() is None
    watcher.start()
    try:
        env = dict(os.environ, DISPLAY=xvfb.display, LC_ALL="C.UTF-8")
        subprocess.run(["xdotool", "type", "--delay", "15", "Hej blåbær "], check=True, env=env, timeout=20)
        subprocess.run(["xdotool", "key", "ctrl+alt+x", "ctrl+c"], check=True, env=env, timeout=20)
        subprocess.run(["xdotool", "type", "--delay", "15", "tanx"], check=True, env=env, timeout=20)
        subprocess.run(["xdotool", "key", "BackSpace"], check=True, env=env, timeout=20)
        subprocess.run(["xdotool", "type", "--delay", "15", "d. "], check=True, env=env, timeout=20)
        wait_until(lambda: len(said.texts) >= 3, timeout=10, message=lambda: f"words read: {said.texts}")
    finally:
        watcher.stop()
    assert said.texts == ["Hej", "blåbær", "tand"]
    assert not watcher.running


def test_the_tray_reader_reads_words_typed_elsewhere_when_turned_on(xvfb, qtbot, null_sink) -> None:  # noqa: F811
    from assistant.app import App
    from assistant.ui.bridge import TaskBridge
    from assistant.ui.reading import ReaderController
    from assistant.ui.workers import Workers

    controller = ReaderController(App.create(), Workers(TaskBridge()))
    read: list[tuple[str, str]] = []
    controller.text_started.connect(lambda text, source: read.append((text, source)))
    try:
        controller.set_echo("word")
        assert controller.echo_mode == "word"
        env = dict(os.environ, DISPLAY=xvfb.display, LC_ALL="C.UTF-8")
        with qtbot.waitSignal(controller.text_started, timeout=60000):
            subprocess.run(["xdotool", "type", "--delay", "15", "tandlæge "], check=True, env=env, timeout=20)
        assert read[-1] == ("tandlæge", "echo")
        controller.mute_echo_while("working")  # the product inserting dictated text
        subprocess.run(["xdotool", "type", "--delay", "15", "hemmelig "], check=True, env=env, timeout=20)
        qtbot.wait(300)
        assert all(text != "hemmelig" for text, _ in read)
        controller.set_echo("off")
        assert controller.echo_mode == "off" and controller._watcher is None
    finally:
        controller.shutdown()
