"""The tray on a full disk or a read-only profile (issue 16): dictation still works, the text
reaches the panel, the tray and the panel say in Danish that it is not saved yet, and it is saved
once there is room. The disk is a real tmpfs (tests/support/disk.py): ENOSPC and EROFS from the
kernel."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from assistant.app import App
from assistant.storage.history import History
from assistant.ui.main import TrayController
from assistant.ui.messages import user_message
from tests.support import load_speech_manifest
from tests.support.audio import load_wav
from tests.support.disk import fill, free, set_read_only, small_filesystem

JFK = next(s for s in load_speech_manifest() if "jfk" in s.path.stem)
SPOKEN = 5 * 16000  # "And so my fellow Americans, ask not", then a pause: a short dictation


@pytest.mark.parametrize("problem", ["full", "read-only"])
def test_dictation_is_kept_and_saved_when_there_is_room(
    problem: str, xvfb, tray_host, pulse_vmic, qtbot, tmp_path: Path
) -> None:
    with small_filesystem(tmp_path / "home", 1024) as home:
        app = App.create({**os.environ, "ASSISTANT_HOME": str(home)})
        app.config.set("general.language", "en")
        app.config.set("stt.model_en", "whisper-tiny.en")
        app.config.set("ui.first_run_guide", False)
        if problem == "full":
            fill(home)
        else:
            set_read_only(home)
        controller = TrayController(app, QApplication.instance())
        try:
            controller.show()
            # Said at once, before any dictation: in the tray and its tooltip.
            qtbot.waitUntil(lambda: controller._storage_notice == f"storage.{problem}.kept", timeout=5000)
            assert "gemmes" in controller.tray.toolTip()

            controller.dictation.toggle()  # what the dictation hotkey does
            qtbot.waitUntil(lambda: controller.dictation.listening, timeout=10000)
            # Speak once the microphone delivers (the pipe source drops what nobody reads).
            qtbot.waitUntil(lambda: controller.dictation.session.capture.frames_captured > 0, timeout=10000)
            # A pause after the words: the session ends the utterance on it (the pipe source
            # delivers nothing once the words are played).
            speech = np.concatenate([load_wav(JFK.path)[:SPOKEN], np.zeros(24000, dtype=np.int16)])
            pulse_vmic.play(speech, lead_silence=0.2).wait(timeout=30)
            # Tap to stop once the words are played: the last words are decoded then.
            with qtbot.waitSignal(controller.dictation.session_stopped, timeout=90000):
                controller.dictation.toggle()
            text = controller.dictation.text
            # Storage is what is tested here, not recognition ("ask not" is sometimes "asked not").
            assert "my fellow americans" in text.lower(), text
            assert controller.panel.text.toPlainText() == text  # the text reached the panel
            status = controller.panel.status.text()
            expected = "Disken er fuld" if problem == "full" else "skrivebeskyttet"
            assert expected in status and "ikke tabt" in status, status

            # Kept in memory: the history window lists it already.
            kept = controller.history.list()
            assert [(e.text, e.status) for e in kept] == [(text, "done")] and kept[0].id < 0
            window = controller.open_history()
            assert window.list.item(0).text().startswith("⚠") and "ikke tabt" in window.note.text()
            window.close()

            if problem == "full":
                free(home)  # the user deleted something
            else:
                set_read_only(home, False)  # IT fixed the profile
            controller.history.retry()  # what the retry timer does (every 10 s)
            qtbot.waitUntil(lambda: controller._storage_notice is None, timeout=5000)
            assert "gemt" in controller.panel.status.text()
            saved = History(app.paths.history_db).list()
            assert [(e.text, e.status, e.model) for e in saved] == [(text, "done", "whisper-tiny.en")]
        finally:
            controller.shutdown()


def test_storage_messages_in_danish_and_english(xvfb, qtbot) -> None:
    from assistant.fsutil import storage_error
    from assistant.ui.translations import install_translator

    qt_app = QApplication.instance()
    errors = {
        problem: storage_error(OSError(code, os.strerror(code)), "What you dictated", Path("/x/h"), kept=kept)
        for problem, code, kept in (
            ("full", errno.ENOSPC, False),
            ("read-only", errno.EROFS, False),
            ("full.kept", errno.ENOSPC, True),
            ("read-only.kept", errno.EROFS, True),
        )
    }
    danish = {"full": "Disken er fuld", "read-only": "skrivebeskyttet", "full.kept": "ikke tabt",
              "read-only.kept": "ikke tabt"}  # fmt: skip
    english = {"full": "the disk is full", "read-only": "read-only", "full.kept": "kept",
               "read-only.kept": "kept"}  # fmt: skip
    try:
        for problem, error in errors.items():
            assert error.msgid == f"storage.{problem}"
            assert danish[problem] in user_message(error), problem
        assert install_translator(qt_app, "en") == "en"
        for problem, error in errors.items():
            assert english[problem] in user_message(error), problem
    finally:
        install_translator(qt_app, "da")
