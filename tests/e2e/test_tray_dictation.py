"""The tray end to end on Xvfb with a tray host: a hotkey starts dictation, speech plays through
the virtual microphone, the panel shows it without taking focus, "Indsæt" types it into the xterm
that had focus, history holds it; and a tray killed mid-dictation loses nothing recognised."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from assistant.app import App
from assistant.storage.history import History
from assistant.text.wer import wer
from assistant.ui.main import TrayController
from tests.support import load_speech_manifest, wait_until
from tests.support.targets import start_target
from tests.support.targets.fixtures import x_env

pytestmark = [pytest.mark.display, pytest.mark.slow]

JFK = next(s for s in load_speech_manifest() if "jfk" in s.path.stem)


def _english_tiny(app: App) -> None:
    app.config.set("general.language", "en")
    app.config.set("stt.model_en", "whisper-tiny.en")
    app.config.set("ui.first_run_guide", False)


def _focused_window(display: str) -> int:
    from Xlib import display as xdisplay

    disp = xdisplay.Display(display)
    try:
        return int(disp.get_input_focus().focus.id)
    finally:
        disp.close()


def _click(widget, env: dict[str, str]) -> None:
    """A real pointer click (xdotool) in the middle of ``widget``, as a user would make it."""
    centre = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    subprocess.run(
        ["xdotool", "mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1"],
        env=env, check=True, timeout=10,
    )  # fmt: skip


def test_hotkey_dictation_panel_insert_into_xterm_and_history(
    xvfb, tray_host, pulse_vmic, qtbot, tmp_path: Path
) -> None:
    env = x_env(xvfb.display)
    app = App.create(env)
    _english_tiny(app)
    target = start_target("xterm", xvfb.display, tmp_path, env)
    controller = TrayController(app, QApplication.instance())
    try:
        controller.show()
        with qtbot.waitSignal(controller.spelling_loaded, timeout=60000):
            controller.start_services(preload=False)
        assert controller.hotkey_problems == {}
        target.focus()
        assert _focused_window(xvfb.display) == target.window

        subprocess.run(["xdotool", "key", "ctrl+alt+d"], env=env, check=True, timeout=10)
        qtbot.waitUntil(lambda: controller.dictation.listening, timeout=10000)
        assert controller.state == "listening"
        qtbot.waitUntil(controller.panel.isVisible, timeout=5000)
        # Speak once the microphone delivers (the pipe source drops what nobody reads).
        qtbot.waitUntil(lambda: controller.dictation.session.capture.frames_captured > 0, timeout=10000)
        pulse_vmic.play(JFK.path, lead_silence=0.2).wait(timeout=30)
        # The last words are final (Whisper may or may not add the full stop).
        qtbot.waitUntil(
            lambda: controller.dictation.text.rstrip(". ").endswith("for your country"), timeout=90000
        )
        assert "country" in controller.panel.text.toPlainText()  # the panel shows the words
        # Saved before anything was inserted (at the final decode: the panel may show live words first).
        entry_id = controller.dictation.entry_id
        qtbot.waitUntil(lambda: "country" in History(app.paths.history_db).get(entry_id).text, timeout=60000)

        with qtbot.waitSignal(controller.dictation.session_stopped, timeout=60000):
            subprocess.run(["xdotool", "key", "ctrl+alt+d"], env=env, check=True, timeout=10)
        qtbot.waitUntil(lambda: controller.state == "idle", timeout=10000)
        text = controller.dictation.text
        assert wer(JFK.transcript, text, "en") == 0.0, text
        # The panel never took the focus from the xterm.
        assert _focused_window(xvfb.display) == target.window

        with qtbot.waitSignal(controller.dictation.inserted, timeout=30000):
            _click(controller.panel.insert_button, env)
        got, _ = target.wait_for(text, timeout=30)
        assert got == text
        assert _focused_window(xvfb.display) == target.window

        entry = History(app.paths.history_db).get(entry_id)
        assert entry.text == text and entry.status == "done" and entry.inserted == 1
        assert entry.model == "whisper-tiny.en"
        window = controller.open_history()
        assert window.entries[0].id == entry_id
    finally:
        controller.shutdown()
        target.stop()
    # The words never reach the log.
    logs = "".join(p.read_text(encoding="utf-8") for p in app.paths.log_dir.glob("*.log*"))
    assert "country" not in logs.lower()


def test_killed_mid_dictation_loses_nothing_recognised(xvfb, tray_host, pulse_vmic, tmp_path: Path) -> None:
    env = {**x_env(xvfb.display), **pulse_vmic.env}
    home = Path(env["ASSISTANT_HOME"])
    app = App.create(env)
    _english_tiny(app)
    log_file = home / "logs" / "assistant.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"], env=env, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:

        def ready() -> bool:
            if proc.poll() is not None:
                pytest.fail(f"tray exited: {proc.stderr.read() if proc.stderr else ''}")
            return log_file.exists() and "hotkeys grabbed: hotkeys.dictate" in log_file.read_text(
                encoding="utf-8"
            )

        wait_until(ready, timeout=60, message="tray started with its hotkeys")
        subprocess.run(["xdotool", "key", "ctrl+alt+d"], env=env, check=True, timeout=10)
        wait_until(
            lambda: "microphone delivering" in log_file.read_text(encoding="utf-8"),
            timeout=60,
            message="the microphone delivering sound (the model loads meanwhile)",
        )
        playback = pulse_vmic.play(JFK.path, lead_silence=0.2)

        def saved() -> str:
            history = History(home / "data" / "history.sqlite3")
            try:
                entries = history.list()
            finally:
                history.close()
            return entries[0].text if entries and "americans" in entries[0].text.lower() else ""

        heard = wait_until(saved, timeout=90, interval=0.05, message="a recognised segment in history")
        os.killpg(proc.pid, signal.SIGKILL)  # mid-dictation: the recording is still playing
        proc.wait(timeout=10)
        playback.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    entries = History(home / "data" / "history.sqlite3").list()
    assert entries[0].text.startswith(heard) and entries[0].status == "recording"
    assert "americans" in entries[0].text.lower()


def test_second_launch_brings_the_first_forward(xvfb, tray_host, tmp_path: Path) -> None:
    env = x_env(xvfb.display)
    app = App.create(env)
    app.config.set("ui.first_run_guide", False)
    log_file = Path(env["ASSISTANT_HOME"]) / "logs" / "assistant.log"
    started = time.monotonic()
    first = subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_until(
            lambda: log_file.exists() and "tray started" in log_file.read_text(encoding="utf-8"),
            timeout=30, message="first tray started",
        )  # fmt: skip
        startup = time.monotonic() - started
        second = subprocess.run(
            [sys.executable, "-m", "assistant", "tray"], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        wait_until(
            lambda: "another launch asked: show" in log_file.read_text(encoding="utf-8"),
            timeout=10, message="the first tray heard the second launch",
        )  # fmt: skip
        assert first.poll() is None
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
    finally:
        if first.poll() is None:
            first.kill()
    text = log_file.read_text(encoding="utf-8")
    assert "tray services stopped" in text and "still running" not in text
    assert startup < 10, f"tray start took {startup:.2f} s"
    print(f"tray start-up: {startup:.2f} s")


def test_menu_opens_the_panel_and_a_held_key_is_push_to_talk_for_30s_of_speech(
    xvfb, tray_host, pulse_vmic, qtbot, tmp_path: Path
) -> None:
    """Menu "Diktér" shows the panel as the hotkey does; holding the dictation key through 30 s of
    continuous speech (a 20-term vocabulary in the prompt) and letting go gives every word."""
    from assistant.text.vocabulary import Vocabulary, save_vocabulary
    from tests.support.speech import VOCABULARY_20, continuous_speech

    env = x_env(xvfb.display)
    app = App.create(env)
    _english_tiny(app)
    save_vocabulary(app.paths.data_dir, "en", Vocabulary(terms=list(VOCABULARY_20)))
    controller = TrayController(app, QApplication.instance())
    try:
        controller.show()
        with qtbot.waitSignal(controller.spelling_loaded, timeout=60000):
            controller.start_services(preload=False)
        assert controller.hotkey_problems == {}

        controller.action_dictate.trigger()  # what a click on "Diktér" in the tray menu does
        qtbot.waitUntil(lambda: controller.dictation.listening, timeout=10000)
        assert controller.panel.isVisible()
        with qtbot.waitSignal(controller.dictation.session_stopped, timeout=60000):
            controller.action_dictate.trigger()
        controller.panel.hide()

        samples, reference, times = continuous_speech(30)
        subprocess.run(["xdotool", "keydown", "ctrl+alt+d"], env=env, check=True, timeout=10)
        try:
            qtbot.waitUntil(lambda: controller.dictation.listening, timeout=10000)
            qtbot.waitUntil(controller.panel.isVisible, timeout=5000)
            qtbot.waitUntil(lambda: controller.dictation.session.capture.frames_captured > 0, timeout=10000)
            playback = pulse_vmic.play(samples, lead_silence=0.2)
            qtbot.waitUntil(playback.finished.is_set, timeout=90000)
            # Words show while the key is still held.
            qtbot.waitUntil(lambda: controller.dictation.text.strip() != "", timeout=60000)
            assert controller.dictation.listening
        finally:
            subprocess.run(["xdotool", "keyup", "ctrl+alt+d"], env=env, check=True, timeout=10)
        # Released after more than a moment: push-to-talk, so the dictation stops by itself.
        qtbot.waitUntil(lambda: not controller.dictation.listening, timeout=120000)
        text = controller.dictation.text
        assert text.lower().count("country") == 2 * times, text
        assert wer(reference, text, "en") <= 0.1, text
    finally:
        controller.shutdown()


# Holds the history database's write lock (an open exclusive transaction) until stdin closes.
_LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT INTO dictations(started, updated) VALUES ('x', 'x')")
print("locked", flush=True)
sys.stdin.read()
db.execute("ROLLBACK")
"""


def test_a_locked_history_holds_up_neither_the_microphone_nor_a_word(
    xvfb, tray_host, pulse_vmic, qtbot, tmp_path: Path
) -> None:
    """Another process holds history.sqlite3 in an exclusive transaction. The microphone opens
    at the key press (before the database is touched): its first block is in within 0.4 s, the
    first word is in the text, the panel says it is kept (not saved), and it is saved once the
    lock is gone."""
    from tests.support.audio import load_wav

    env = x_env(xvfb.display)
    app = App.create(env)
    _english_tiny(app)
    History(app.paths.history_db).close()  # the file exists, in WAL mode
    controller = TrayController(app, QApplication.instance())
    locker = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(app.paths.history_db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        controller.show()
        with qtbot.waitSignal(controller.spelling_loaded, timeout=60000):
            controller.start_services(preload=False, hotkeys=False)
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        # JFK from 0.1 s before "And", the first sentence, then a pause.
        audio = load_wav(JFK.path)
        speech = np.concatenate([audio[int(0.23 * 16000) : 5 * 16000], np.zeros(24000, dtype=np.int16)])
        pressed = time.monotonic()
        controller.dictation.toggle()  # the key press
        returned = time.monotonic() - pressed
        qtbot.waitUntil(lambda: controller.dictation.session.capture.frames_captured > 0, timeout=10000)
        delivering = time.monotonic() - pressed
        # The first 100 ms block is in within 0.4 s of the press although the database is locked
        # (before: the press waited 10 s in SQLite's busy timeout, then the microphone opened).
        assert returned < 0.5, f"the key press held the GUI {returned:.2f} s"
        assert delivering < 0.4, f"the microphone delivered {delivering:.2f} s after the key press"
        # Speech starts then: the virtual source's own start-up (it sometimes drops its first
        # 0.5 s when speech is queued before anyone records) is not what is measured here.
        playback = pulse_vmic.play(speech)
        assert playback.finished.wait(30)
        with qtbot.waitSignal(controller.dictation.session_stopped, timeout=90000):
            controller.dictation.toggle()
        text = controller.dictation.text
        assert text.lower().startswith("and so"), (text, delivering)
        assert playback.frames_lost == 0
        assert "americans" in text.lower()
        status = controller.panel.status.text()
        assert "ikke tabt" in status and "gemt i" not in status, status
        assert controller.history.kept == 1
        # The lock goes; the retry saves the dictation with its text.
        locker.stdin.close()  # type: ignore[union-attr]
        locker.wait(timeout=10)
        assert controller.history.retry()
        saved = History(app.paths.history_db).list()
        assert [(e.text, e.status) for e in saved] == [(text, "done")]
        print(
            f"key press -> GUI free {returned:.3f} s, first block {delivering:.3f} s, unheard {playback.frames_lost / 16000:.3f} s"
        )
    finally:
        controller.shutdown()
        if locker.poll() is None:
            locker.kill()
            locker.wait(timeout=10)


def test_a_mute_microphone_is_named_in_the_panel(xvfb, tray_host, pulse_vmic, qtbot, tmp_path: Path) -> None:
    """Only digital silence for 3 s: the panel says the microphone gives no sound (not "Lytter –
    tal nu"), says "Lytter" again when sound comes, and a dictation that heard nothing does not
    end with "Færdig"."""
    from tests.support.audio import load_wav

    env = x_env(xvfb.display)
    app = App.create(env)
    _english_tiny(app)
    controller = TrayController(app, QApplication.instance())
    dictation = controller.dictation
    try:
        controller.show()
        for speak in (True, False):
            dictation.toggle()
            qtbot.waitUntil(lambda: dictation.session.capture.frames_captured > 0, timeout=10000)
            began = time.monotonic()
            qtbot.waitUntil(lambda: "ingen lyd" in controller.panel.status.text(), timeout=10000)
            assert time.monotonic() - began >= 2.5
            assert controller.panel.status.text() == "Mikrofonen giver ingen lyd – er den slået fra?"
            if speak:
                playback = pulse_vmic.play(load_wav(JFK.path)[: 3 * 16000])
                qtbot.waitUntil(lambda: controller.panel.status.text().startswith("Lytter"), timeout=10000)
                playback.wait(timeout=30)
            with qtbot.waitSignal(dictation.session_stopped, timeout=60000):
                dictation.toggle()
            status = controller.panel.status.text()
            assert ("Færdig" in status) == speak and ("ingen lyd" in status) != speak, status
    finally:
        controller.shutdown()


def test_a_tray_stopped_for_8_s_keeps_the_dictation_and_what_follows(
    xvfb, tray_host, pulse_vmic, tmp_path: Path
) -> None:
    """SIGSTOP of the tray for 8 s mid-dictation, then SIGCONT: the microphone is not taken for
    unplugged (the reader did not run; the stream is still active), the words said after it are
    recognised, and the dictation ends as done, not failed."""
    env = {**x_env(xvfb.display), **pulse_vmic.env}
    home = Path(env["ASSISTANT_HOME"])
    app = App.create(env)
    _english_tiny(app)
    log_file = home / "logs" / "assistant.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"], env=env, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    history_db = home / "data" / "history.sqlite3"

    def log_text() -> str:
        return log_file.read_text(encoding="utf-8") if log_file.exists() else ""

    def entries() -> list:
        history = History(history_db)
        try:
            return history.list()
        finally:
            history.close()

    try:
        wait_until(lambda: "hotkeys grabbed: hotkeys.dictate" in log_text(), timeout=60, message="tray up")
        subprocess.run(["xdotool", "key", "ctrl+alt+d"], env=env, check=True, timeout=10)
        wait_until(lambda: "microphone delivering" in log_text(), timeout=60, message="microphone delivering")
        time.sleep(2.0)  # the audio queued while the model loaded is read: the tray waits for more
        os.killpg(proc.pid, signal.SIGSTOP)
        # The source is suspended too, so the sound server holds no backlog to hand over at once:
        # the tray resumes to an empty queue, as after an overrun on a real device.
        pulse_vmic.pactl("suspend-source", pulse_vmic.source, "1")
        time.sleep(8.0)  # the stop itself is what is tested
        os.killpg(proc.pid, signal.SIGCONT)
        time.sleep(0.5)
        pulse_vmic.pactl("suspend-source", pulse_vmic.source, "0")
        pulse_vmic.play(JFK.path, lead_silence=0.3).wait(timeout=30)
        wait_until(
            lambda: entries() and "country" in entries()[0].text.lower(), timeout=90,
            message="the words said after the stop, in history",
        )  # fmt: skip
        subprocess.run(["xdotool", "key", "ctrl+alt+d"], env=env, check=True, timeout=10)
        wait_until(lambda: entries()[0].status != "recording", timeout=60, message="the dictation ended")
        entry = entries()[0]
        assert entry.status == "done", entry.status
        assert wer(JFK.transcript, entry.text, "en") <= 0.1, entry.text
        assert "unplugged" not in log_text() and "dictation interrupted" not in log_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGCONT)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
