"""The tray application: icon with state, menu, and a clean exit on quit or SIGTERM."""

from __future__ import annotations

import logging
import signal
import sys

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon

from assistant import __version__
from assistant.app import App
from assistant.ui.icons import state_icon

log = logging.getLogger(__name__)


class TrayController(QObject):
    """Owns the tray icon and its menu; later issues attach dictation and reading here."""

    state_changed = Signal(str)

    def __init__(self, app: App, qt_app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.qt_app = qt_app
        self.state = "idle"
        self.tray = QSystemTrayIcon(state_icon("idle"))
        self.tray.setToolTip(self.tr("Assistent – klar"))
        self.menu = QMenu()
        self.action_doctor = QAction(self.tr("Diagnose …"), self.menu)
        self.action_doctor.triggered.connect(self.open_doctor)
        self.action_about = QAction(self.tr("Om Assistent"), self.menu)
        self.action_about.triggered.connect(self.show_about)
        self.action_quit = QAction(self.tr("Afslut"), self.menu)
        self.action_quit.triggered.connect(self.quit)
        for action in (self.action_doctor, self.action_about):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.action_quit)
        self.tray.setContextMenu(self.menu)
        self._doctor = None

    def show(self) -> None:
        self.tray.show()

    @Slot(str)
    def set_state(self, state: str) -> None:
        self.state = state
        self.tray.setIcon(state_icon(state))
        self.state_changed.emit(state)

    @Slot()
    def open_doctor(self) -> None:
        from assistant.ui.doctor_window import DoctorWindow

        self._doctor = DoctorWindow(self.app)
        self._doctor.show()

    @Slot()
    def show_about(self) -> None:
        QMessageBox.information(
            None,
            self.tr("Om Assistent"),
            self.tr("Assistent {0}\nDiktering, stavehjælp og oplæsning – helt uden internet.").format(
                __version__
            ),
        )

    @Slot()
    def quit(self) -> None:
        log.info("quit requested")
        self.tray.hide()
        self.qt_app.quit()


def _install_sigterm(qt_app: QApplication) -> QTimer:
    # Qt's event loop blocks Python signal handlers; a periodic no-op timer lets them run.
    signal.signal(signal.SIGTERM, lambda *_: qt_app.quit())
    signal.signal(signal.SIGINT, lambda *_: qt_app.quit())
    timer = QTimer()
    timer.start(250)
    timer.timeout.connect(lambda: None)
    return timer


def run_tray(app: App) -> int:
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("assistant")
    qt_app.setApplicationDisplayName("Assistent")
    qt_app.setQuitOnLastWindowClosed(False)
    if not QSystemTrayIcon.isSystemTrayAvailable():
        QMessageBox.warning(
            None,
            "Assistent",
            "Der er ingen statuslinje (system tray) på skrivebordet, så ikonet kan ikke vises.\n"
            "Brug kommandoerne i en terminal: assistant --help",
        )
        log.warning("no system tray available")
        return 1
    controller = TrayController(app, qt_app)
    controller.show()
    keep_alive = _install_sigterm(qt_app)
    log.info("tray started")
    code = qt_app.exec()
    keep_alive.stop()
    log.info("tray stopped")
    return int(code)
