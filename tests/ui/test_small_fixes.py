"""The smaller cases of issue 23 (item 6): the tray menu shows the hotkeys; an English history
entry inserted again is not spell-checked as Danish; a reading notice appears at the pointer, not
in a far corner; words that may still change are marked by colour and a dotted line, not grey
italics."""

from __future__ import annotations

from PySide6.QtGui import QCursor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from assistant.app import App
from assistant.text.service import from_app
from assistant.ui.main import TrayController


def test_menu_keys_history_language_reader_notice_and_live_words(tray_host, qtbot) -> None:
    app = App.create()
    tray = TrayController(app, QApplication.instance())
    try:
        tray.show()
        tray.grab_hotkeys(quiet=True)
        assert tray.action_dictate.text() == "Diktér\tCtrl+Alt+D", tray.action_dictate.text()
        assert tray.action_read.text().startswith("Læs markering op\tCtrl+Alt+"), tray.action_read.text()

        tray.dictation.spelling = from_app(app, "da")
        tray._insert_again("The patient has a toothache and will come back next week.", "en")
        assert tray.dictation.doubts == []
        tray._insert_again("Tandlægn sagde at jeg skal børste bedere.", "da")
        assert tray.dictation.doubts, "a Danish entry is still checked"

        tray.reader.problem.emit("Der er ikke markeret noget.")
        qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
        assert QToolTip.text() == "Der er ikke markeret noget."

        controller, panel = tray.dictation, tray.panel
        controller.load_text("")
        controller._on_text("hej med dig", False, 4)
        cursor = QTextCursor(panel.text.document())
        cursor.setPosition(len("hej med dig"))
        tail = cursor.charFormat()
        assert not tail.fontItalic()
        assert tail.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
        assert tail.foreground().color().name() == "#0b4f9c"
        assert QCursor.pos() is not None
    finally:
        tray.shutdown()
