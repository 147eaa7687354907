"""The tray's Hjælp item: opens the user guide in the UI's language, a local file, offline."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from assistant.help import user_guide
from assistant.ui.translations import current_language


def guide_url() -> QUrl:
    """The file URL of the guide for the UI's language (never a web address)."""
    return QUrl.fromLocalFile(str(user_guide(current_language())))


def open_user_guide() -> None:
    url = guide_url()
    # openUrl hands the file to the desktop's program for it; False when there is none.
    if user_guide(current_language()).is_file() and QDesktopServices.openUrl(url):
        return
    QMessageBox.information(
        None,
        QCoreApplication.translate("help", "Hjælp"),
        QCoreApplication.translate(
            "help",
            "Vejledningen kan ikke åbnes på denne computer. Bed din IT-afdeling om hjælp.",
        ),
    )
