"""The tray application: icon with state, menu, hotkeys, windows, and a clean exit.

Start-up shows the icon at once; the speech model, spelling lexicon and voices load on worker
threads afterwards (the tooltip and the icon's "working" state show it). Every thread is
joined in :meth:`TrayController.quit`; those loads only briefly (see Workers: they hold nothing
the user said), so quitting is prompt even while a model loads.
"""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QObject, QRect, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon, QToolTip

from assistant import __version__
from assistant.app import App
from assistant.config.schema import HOTKEY_KEYS
from assistant.errors import AssistantError
from assistant.ui.bridge import HotkeyBridge, TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.help import open_user_guide
from assistant.ui.icons import state_icon
from assistant.ui.placement import show_window
from assistant.ui.reader_bar import ReaderBar
from assistant.ui.reading import ReaderController
from assistant.ui.tray_hotkeys import HOTKEY_RETRY_MS, TrayHotkeys
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

__all__ = ["HOTKEY_KEYS", "TrayController"]  # HOTKEY_KEYS: the tests read it from here

PURGE_INTERVAL_MS = 6 * 3600 * 1000
READER_NOTE_MS = 6000
BALLOON_TRIES = 50  # x 100 ms: how long a notice waits for the tray to place its icon


class TrayController(TrayHotkeys, QObject):
    """Owns the tray icon, its menu, the hotkeys and every window."""

    state_changed = Signal(str)
    hotkeys_ready = Signal()
    model_loaded = Signal(bool)  # ok
    spelling_loaded = Signal()
    storage_problem = Signal()  # the history's problem changed (see _on_storage_problem)

    def __init__(self, app: App, qt_app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.qt_app = qt_app
        self.state = "idle"
        self.tasks = TaskBridge.connected(self, self._on_task_done, self._on_task_error)
        self.workers = Workers(self.tasks)
        self.storage_problem.connect(self._on_storage_problem)
        self.history = self._open_history()
        self.dictation = DictationController(app, self.workers, self.history)
        self.dictation.state_changed.connect(self.set_state)
        spacing = int(app.config["ui.line_spacing"])
        self.panel = DictationPanel(self.dictation, spacing)
        self.reader = ReaderController(app, self.workers)
        self.reader_bar = ReaderBar(self.reader, spacing)
        self.panel.read_aloud.connect(self._read_panel)
        self.reader.word.connect(self._on_reader_word)
        self.reader.finished.connect(self.panel.clear_highlight)
        self.reader.text_started.connect(self._on_reading_started)
        self.dictation.state_changed.connect(self.reader.mute_echo_while)
        self.dictation.inserted.connect(self._mute_echo_after_insert)
        self.reader.problem.connect(self._on_reader_problem)
        self.hotkey_bridge = HotkeyBridge(self)
        self.hotkey_bridge.pressed.connect(self._on_hotkey_pressed)
        self.hotkey_bridge.released.connect(self._on_hotkey_released)
        self.grabber = None
        self.hotkey_problems: dict[str, str] = {}
        self._hotkey_retry = QTimer(self)
        self._hotkey_retry.setInterval(HOTKEY_RETRY_MS)
        self._hotkey_retry.timeout.connect(self._retry_hotkeys)
        self._loading = 0
        self._purge_timer = QTimer(self)
        self._purge_timer.timeout.connect(self.purge_history)

        self.tray = QSystemTrayIcon(state_icon("idle"))
        self.tray.activated.connect(self._on_activated)
        self.menu = QMenu()
        self.action_dictate = self._action(self.tr("Diktér"), self.dictate_from_menu)
        self.action_read = self._action(self.tr("Læs markering op"), self.reader.read_selection)
        self.action_panel = self._action(self.tr("Åbn panel"), self.show_panel)
        self.action_history = self._action(self.tr("Historik …"), self.open_history)
        self.action_settings = self._action(self.tr("Indstillinger …"), self.open_settings)
        self.action_models = self._action(self.tr("Modeller …"), self.open_models)
        self.action_doctor = self._action(self.tr("Diagnose …"), self.open_doctor)
        self.action_help = self._action(self.tr("Hjælp"), open_user_guide)
        self.action_about = self._action(self.tr("Om Assistent"), self.show_about)
        self.action_quit = self._action(self.tr("Afslut"), self.quit)
        for action in (self.action_dictate, self.action_read, self.action_panel):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.action_history, self.action_settings, self.action_models):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.action_doctor, self.action_help, self.action_about):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.action_quit)
        self.tray.setContextMenu(self.menu)
        self._update_tooltip()
        self.windows: dict[str, QObject] = {}
        self._quitting = False
        self.abandoned: list[str] = []  # threads still running after quit joined them

    def _action(self, text: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.menu)
        action.triggered.connect(slot)
        return action

    def _open_history(self):  # type: ignore[no-untyped-def]
        """A history that never fails a dictation: a full disk or a read-only folder keeps the
        words in memory until they can be saved (KeptHistory), and the tray says so."""
        from assistant.storage.kept_history import KeptHistory

        history = KeptHistory(self.app.paths.history_db)
        # Weak: a cycle tray -> history -> tray would leave the tray's Qt objects to the garbage
        # collector, which may free them at any moment (seen to crash a later window).
        tray = weakref.ref(self)

        def tell(problem) -> None:  # type: ignore[no-untyped-def]  # any thread
            controller = tray()
            if controller is not None:
                controller.storage_problem.emit()  # queued to the GUI thread

        history.listeners.append(tell)
        return history

    @Slot()
    def _on_storage_problem(self) -> None:
        """The history could not be saved (or is saved again): say so in the tray and the panel."""
        from assistant.ui.messages import user_message

        problem = self.history.problem if self.history is not None else None
        msgid = problem.msgid if problem is not None else None
        if msgid == getattr(self, "_storage_notice", None):
            return
        self._storage_notice = msgid
        if problem is not None:
            text = user_message(problem)
            self.tray.showMessage(
                self.tr("Dikteringer kan ikke gemmes"), text, QSystemTrayIcon.MessageIcon.Warning, 15000
            )
            self.dictation.status.emit(text, True)
        else:
            text = self.tr("Alt, du har dikteret, er nu gemt i historikken.")
            self.tray.showMessage(
                self.tr("Dikteringer er gemt"), text, QSystemTrayIcon.MessageIcon.Information, 5000
            )
            self.dictation.status.emit(text, False)
        self._update_tooltip()

    # -- start-up ----------------------------------------------------------------------------------
    def show(self) -> None:
        self.tray.show()
        self._notify_policy_failure()
        self._on_storage_problem()

    def _notify_policy_failure(self) -> None:
        """IT's policy file cannot be used: the privacy settings failed closed; say so in Danish."""
        failure = self.app.config.policy_failure
        # Our own words in the balloon; the parser's text and the file's path go to the log only.
        self.policy_notice = (
            self.tr(
                "IT-politikken kan ikke bruges. Af hensyn til privatlivet gælder de strengeste "
                "indstillinger: historik er slået fra, og modeller kan ikke hentes. Kontakt din IT-afdeling."
            )
            if failure is not None
            else ""
        )
        if failure is not None:
            log.warning("%s", failure.message)
            self._balloon_when_placed(self.tr("IT-politikken kan ikke bruges"), self.policy_notice, 0)
            self._update_tooltip()

    def _balloon_when_placed(self, title: str, text: str, tries: int) -> None:
        """A balloon points at the icon only once the tray has placed it (before that, Qt draws it
        at the screen's top-left corner, far from anything)."""
        if self.tray.geometry().isEmpty() and tries < BALLOON_TRIES:
            QTimer.singleShot(100, lambda: self._balloon_when_placed(title, text, tries + 1))
            return
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15000)

    def start_services(self, *, preload: bool = True, hotkeys: bool = True) -> None:
        """Everything after the icon is up: hotkeys, history purge, background loading."""
        self.purge_history()
        self._purge_timer.start(PURGE_INTERVAL_MS)
        if hotkeys:
            self.grab_hotkeys()
        self._load_spelling()
        # PortAudio's start-up (~0.1 s) now, not at the key press: the microphone must open at once.
        self.workers.run("audio", _load_audio, abandonable=True)
        if preload:
            self._preload_model()
            self.reader.load()
        if self.app.config["tts.echo"] != "off":
            self.reader.set_echo(self.app.config["tts.echo"])
        from assistant.ui.writing_assist import attach

        self.writing = attach(self)

    def _load_spelling(self) -> None:
        app = self.app

        def job():  # type: ignore[no-untyped-def]
            from assistant.text.service import from_app

            return from_app(app)

        # Reads (or builds into a temporary folder, then renames): safe to abandon on quit.
        self.workers.run("spelling", job, abandonable=True)

    def _preload_model(self) -> None:
        app = self.app
        self._loading += 1
        self._update_tooltip()
        if self.state == "idle":
            self.set_state("working")

        def job() -> str:
            from assistant.stt.select import choose_speech

            choice = choose_speech(app)
            choice.engine.recognizer(choice.model_path, choice.language)  # loads and caches the model
            return choice.model_name

        # Only fills a cache: quit does not wait the minute a load can take on a busy machine.
        self.workers.run("model", job, abandonable=True)

    @Slot(str, object)
    def _on_task_done(self, tag: str, result: object) -> None:
        if tag == "spelling":
            self.dictation.spelling = result
            self.spelling_loaded.emit()
        elif tag == "model":
            self._loading -= 1
            log.info("speech model ready in the background")
            if self.state == "working" and not self.dictation.listening:
                self.set_state("idle")
            self._update_tooltip()
            self.model_loaded.emit(True)

    @Slot(str, str, str)
    def _on_task_error(self, tag: str, message: str, hint: str) -> None:
        if tag == "model":
            self._loading -= 1
            self.set_state("error")
            self.tray.setToolTip(self.tr("Assistent – ingen talemodel: {0}").format(message))
            self.model_loaded.emit(False)
        elif tag == "spelling":
            log.warning("spelling unavailable: %s", message)
            self.spelling_loaded.emit()

    # -- menu ----------------------------------------------------------------------------------------
    @Slot()
    def dictate_from_menu(self) -> None:
        """Menu "Diktér": like a tap on the dictation key (the panel shows that it listens)."""
        if not self.dictation.listening:
            self.show_panel()
        self.dictation.toggle()

    # -- state -------------------------------------------------------------------------------------
    @Slot(str)
    def set_state(self, state: str) -> None:
        self.state = state
        self.tray.setIcon(state_icon(state))
        self._label_menu()
        self._update_tooltip()
        self.state_changed.emit(state)

    def _update_tooltip(self) -> None:
        texts = {
            "idle": self.tr("Assistent – klar"),
            "listening": self.tr("Assistent – lytter"),
            "working": self.tr("Assistent – arbejder …"),
            "error": self.tr("Assistent – der er et problem"),
        }
        text = texts.get(self.state, texts["idle"])
        if self._loading > 0:
            text += "\n" + self.tr("Indlæser talemodel …")
        if getattr(self, "policy_notice", ""):
            text += "\n" + self.tr("IT-politikken kan ikke bruges: historik og download er slået fra")
        if getattr(self, "_storage_notice", None) is not None:
            text += "\n" + self.tr("Dikteringer kan ikke gemmes nu; de gemmes, når det kan lade sig gøre")
        self.tray.setToolTip(text)

    # -- windows -----------------------------------------------------------------------------------
    @Slot()
    def show_panel(self) -> None:
        if not self.panel.isVisible():
            self.panel.show_near_bottom()
        self.panel.raise_()

    @Slot(str)
    def _read_panel(self, text: str) -> None:
        self.reader.read(text, "panel")

    @Slot(str, str)
    def _on_reading_started(self, text: str, source: str) -> None:
        if source not in ("panel", "echo"):
            from assistant.ui.reading import focused_window_rect

            # The window whose selection is read: the bar goes beside it, not over it.
            target = focused_window_rect(self.app.environ) if source == "selection" else None
            if target is not None and target == self.reader_bar.frameGeometry():
                target = None  # the bar itself had focus: keep it where it is
            self.reader_bar.show_for(target)
            self.panel.make_way_for(self.reader_bar)

    @Slot(int)
    def _mute_echo_after_insert(self, chars: int) -> None:
        self.reader.mute_echo_while("idle")  # the inserted keys may still be on their way

    @Slot(int, int)
    def _on_reader_word(self, start: int, end: int) -> None:
        if self.reader.source == "panel":
            self.panel.highlight(start, end)

    @Slot(str)
    def _on_reader_problem(self, message: str) -> None:
        # By the mouse pointer, where the user just selected (or did not): not in a far corner.
        QToolTip.showText(QCursor.pos(), message, None, QRect(), READER_NOTE_MS)

    def _window(self, name: str, factory):  # type: ignore[no-untyped-def]
        window = self.windows.get(name)
        if window is None:
            window = factory()
            self.windows[name] = window
        show_window(window, window.size(), avoid=[self.panel, self.reader_bar])
        self.panel.make_way_for(window)  # on top, it would hide part of the new window
        window.raise_()
        window.activateWindow()
        return window

    @Slot()
    def open_history(self):  # type: ignore[no-untyped-def]
        from assistant.ui.history_window import HistoryWindow

        def make():  # type: ignore[no-untyped-def]
            window = HistoryWindow(
                self.history,
                int(self.app.config["privacy.retention_days"]),
                bool(self.app.config["privacy.history"]),
            )
            window.insert_again.connect(self._insert_again)
            self.dictation.session_stopped.connect(window.refresh)
            self.dictation.inserted.connect(window.refresh)
            return window

        window = self._window("history", make)
        window.refresh()
        return window

    @Slot(str, str)
    def _insert_again(self, text: str, language: str = "") -> None:
        spelling = self.dictation.spelling
        if language and language != self.app.config["general.language"]:
            self.dictation.spelling = None  # the spelling lists are the dictation language's
        try:
            self.dictation.load_text(text)
        finally:
            self.dictation.spelling = spelling
        self.show_panel()
        self.dictation.status.emit(self.tr("Klik i feltet, hvor teksten skal stå, og tryk Indsæt."), False)

    @Slot()
    def open_settings(self):  # type: ignore[no-untyped-def]
        from assistant.ui.settings_window import SettingsWindow

        def make():  # type: ignore[no-untyped-def]
            window = SettingsWindow(self.app, self.workers, self.hotkey_problems)
            window.setting_changed.connect(self._on_setting_changed)
            return window

        return self._window("settings", make)

    @Slot(str)
    def _on_setting_changed(self, key: str) -> None:
        from assistant.ui.live_settings import apply_setting

        apply_setting(self, key)

    @Slot()
    def open_models(self):  # type: ignore[no-untyped-def]
        from assistant.ui.models_window import ModelsWindow

        return self._window("models", lambda: ModelsWindow(self.app, self.workers))

    @Slot()
    def open_doctor(self):  # type: ignore[no-untyped-def]
        from assistant.ui.doctor_window import DoctorWindow

        self.windows.pop("doctor", None)
        return self._window("doctor", lambda: DoctorWindow(self.app))

    @Slot()
    def open_first_run(self):  # type: ignore[no-untyped-def]
        from assistant.ui.first_run import FirstRunGuide
        from assistant.ui.settings_window import SettingsWindow

        settings = SettingsWindow(self.app, self.workers, self.hotkey_problems)
        self.windows["first-run-settings"] = settings
        return self._window("first-run", lambda: FirstRunGuide(self.app, settings, self.reader))

    @Slot()
    def show_about(self) -> None:
        QMessageBox.information(
            None,
            self.tr("Om Assistent"),
            self.tr("Assistent {0}\nDiktering, stavehjælp og oplæsning – helt uden internet.").format(
                __version__
            ),
        )

    @Slot(str)
    def bring_forward(self, request: str = "show") -> None:
        """A second launch asked us to come forward: show the panel."""
        self.show_panel()
        self.panel.activateWindow()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_panel()

    # -- history purge -----------------------------------------------------------------------------
    @Slot()
    def purge_history(self) -> int:
        if self.history is None:
            return 0
        try:
            return self.history.purge(int(self.app.config["privacy.retention_days"]))
        except AssistantError as exc:
            log.warning("history purge: %s", exc.message)
            return 0

    # -- quit --------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop hotkeys, dictation (its words are saved), reading; join every thread."""
        if self._quitting:
            return
        self._quitting = True
        self._purge_timer.stop()
        self._hotkey_retry.stop()
        if self.grabber is not None:
            self.grabber.stop()
            self.grabber = None
        self.dictation.shutdown()
        self.reader.shutdown()
        if getattr(self, "writing", None) is not None:
            self.writing.stop()  # the keyboard hook ends with the tray
        left = self.workers.join_all()
        self.abandoned = left
        for window in self.windows.values():
            window.close()
        self.panel.hide()
        self.reader_bar.hide()
        if self.history is not None:
            self.history.close()
        self.tray.hide()
        log.info(
            "tray services stopped%s", f" ({len(left)} thread(s) left to the process exit)" if left else ""
        )

    @Slot()
    def quit(self) -> None:
        log.info("quit requested")
        self.shutdown()
        self.qt_app.quit()


def _load_audio() -> None:
    from assistant.audio.devices import load_sounddevice

    load_sounddevice()
