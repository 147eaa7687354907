"""The tray's Hjælp / Help item opens the user guide of the UI's language: a local file that is
there, never a web address. Qt's own URL-handler hook receives what the item opens, so no viewer
program is started. That the bundle ships them: tests/e2e/test_packaging.py."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from assistant.app import App
from assistant.ui.main import TrayController
from assistant.ui.translations import install_translator

REPO = Path(__file__).resolve().parents[2]


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_the_help_item_opens_the_local_guide_in_the_ui_language(xvfb, qtbot) -> None:
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    qt_app = QCoreApplication.instance()
    try:
        for language, title, guide, heading in (
            ("da", "Hjælp", "brugervejledning.md", "# Brugervejledning"),
            ("en", "Help", "user-guide.md", "# User guide"),
        ):
            install_translator(qt_app, language)
            tray = TrayController(App.create(), QApplication.instance())
            item = next(a for a in tray.menu.actions() if a.text() == title)
            item.trigger()
            url = opened.urls.pop()
            assert url.isLocalFile(), url.toString()
            path = Path(url.toLocalFile())
            assert path == REPO / "docs" / guide
            text = path.read_text(encoding="utf-8")
            assert text.startswith(heading)
            for image in re.findall(r"\]\((screenshots/[^)]+)\)", text):
                assert (path.parent / image).is_file(), image
            tray.shutdown()
    finally:
        QDesktopServices.unsetUrlHandler("file")
        install_translator(qt_app, "da")
