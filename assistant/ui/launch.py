"""Starting the tray: one instance per user, translations and style, the controller, the event loop."""

from __future__ import annotations

import logging
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from assistant.app import App
from assistant.errors import SkipTeardown
from assistant.ui.main import TrayController

log = logging.getLogger("assistant.ui.main")


def _install_sigterm(qt_app: QApplication) -> QTimer:
    # Qt's event loop blocks Python signal handlers; a periodic no-op timer lets them run.
    signal.signal(signal.SIGTERM, lambda *_: qt_app.quit())
    signal.signal(signal.SIGINT, lambda *_: qt_app.quit())
    timer = QTimer()
    timer.start(250)
    timer.timeout.connect(lambda: None)
    return timer


def run_tray(app: App) -> int:
    from assistant.ui.single_instance import InstanceServer, ask_running_instance, endpoint
    from assistant.ui.style import apply_style
    from assistant.ui.translations import install_translator

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("assistant")
    qt_app.setApplicationDisplayName("Assistent")
    qt_app.setQuitOnLastWindowClosed(False)
    try:
        name = endpoint(str(app.paths.data_dir), str(app.paths.cache_dir), app.environ)
    except OSError as exc:  # no private folder at all: run, but without the single-instance check
        log.warning("single-instance check off: %s", exc)
        name = ""
    if name and ask_running_instance(name):
        log.info("another tray is running; asked it to come forward")
        print("assistant: already running; its panel was brought forward", file=sys.stderr)
        return 0
    instance = InstanceServer(name)
    if name and not instance.listen():
        log.warning("single-instance server could not listen: %s", instance.server.errorString())
    language = install_translator(qt_app, app.config["general.ui_language"])
    apply_style(qt_app, app.config)
    if not QSystemTrayIcon.isSystemTrayAvailable():
        QMessageBox.warning(
            None,
            "Assistent",
            qt_app.translate(
                "run_tray",
                "Der er ingen statuslinje (system tray) på skrivebordet, så ikonet kan ikke vises.\n"
                "Brug kommandoerne i en terminal: assistant --help",
            ),
        )
        log.warning("no system tray available")
        instance.close()
        return 1
    controller = TrayController(app, qt_app)
    instance.request.connect(controller.bring_forward)
    controller.show()
    _notify_unreadable_settings(controller, app)
    keep_alive = _install_sigterm(qt_app)
    log.info("tray started (ui language %s)", language)
    QTimer.singleShot(0, controller.start_services)
    if app.config["ui.first_run_guide"]:
        QTimer.singleShot(0, controller.open_first_run)
    code = qt_app.exec()
    controller.shutdown()
    instance.close()
    keep_alive.stop()
    log.info("tray stopped")
    # Everything is saved and closed by now: __main__ ends the process without the interpreter's
    # teardown, which can abort it (exit 134) after a normal quit: a model still loading in native
    # code ("terminate called without an active exception"), or PySide6 6.12's final garbage
    # collection after a dictation and a read-aloud ("bool_dealloc", tests/e2e/test_no_network.py).
    raise SkipTeardown(int(code))


def _notify_unreadable_settings(controller: TrayController, app: App) -> None:
    """A settings file that could not be read at all (e.g. brackets nested hundreds deep) is said
    in the UI's language; IT's policy notice, if any, is shown first and this one after it."""
    from assistant.ui.notices import unreadable_settings_notice

    text = unreadable_settings_notice(app.config)
    if text is None:
        return
    log.warning("the user's settings file could not be read; notice shown")
    title = QCoreApplication.translate("notices", "Indstillingerne kunne ikke læses")

    def show() -> None:
        controller.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15000)

    QTimer.singleShot(15000 if app.config.policy_failure is not None else 0, show)
