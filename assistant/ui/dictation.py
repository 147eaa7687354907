"""Dictation in the tray: the controller (session, history, insertion) and the panel.

The panel never takes the keyboard focus from the application the user dictates into: it is a
tool window with ``WindowDoesNotAcceptFocus`` and ``WA_ShowWithoutActivating``, so "Indsæt"
types into the window that had focus when dictation began (recorded by the inserter at start).
The dictation is in history before it is inserted: the history recorder saves each final
segment on the session's worker thread, before the panel even hears of it.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.app import App
from assistant.errors import AssistantError
from assistant.log import describe
from assistant.ui.bridge import DictationBridge, HotkeyBridge, TaskBridge
from assistant.ui.style import set_line_spacing
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 5
CHOICE_KEYS = {f"pick{n}": str(n) for n in range(1, MAX_SUGGESTIONS + 1)} | {"pick_cancel": "<esc>"}


@dataclass(frozen=True)
class Doubt:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]


class DictationController(QObject):
    """Starts and stops dictations, keeps the panel's text, inserts it. GUI thread only."""

    state_changed = Signal(str)  # idle | listening | working | error
    text_updated = Signal(str)  # the panel's text (corrections included)
    doubts_updated = Signal()
    status = Signal(str, bool)  # message, is_problem
    inserted = Signal(int)  # chars
    insert_failed = Signal(str)
    session_stopped = Signal(str)
    level = Signal(float)

    def __init__(self, app: App, workers: Workers, history=None, inserter=None, spelling=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.app = app
        self.workers = workers
        self.history = history
        self._inserter = inserter
        self.spelling = spelling  # set when loaded in the background
        self.bridge = DictationBridge(self)
        self.bridge.text_changed.connect(self._on_text)
        self.bridge.level.connect(self._on_level)
        self.bridge.listening.connect(self._on_listening)
        self.bridge.model_ready.connect(self._on_model_ready)
        self.bridge.failed.connect(self._on_failed)
        self.bridge.stopped.connect(self._on_stopped)
        self.tasks = TaskBridge.connected(self, self._on_task_done, self._on_task_error)
        self.session = None
        self.recorder = None
        self.entry_id: int | None = None
        self._stopping = False
        # The panel's document: the session's text with the user's corrections applied.
        self.text = ""
        self.partial_from = 0  # text[partial_from:] may still change
        self._base = ""  # the session text the corrections were made on
        self.undo_stack: list[str] = []
        self.doubts: list[Doubt] = []
        self.selected: int | None = None
        self._streaming = None
        self._choice_grabber = None
        self.choice_keys = HotkeyBridge(self)
        self.choice_keys.pressed.connect(self._on_choice_key)

    # -- helpers -----------------------------------------------------------------------------------
    @property
    def listening(self) -> bool:
        return self.session is not None

    def inserter(self):  # type: ignore[no-untyped-def]
        if self._inserter is None:
            from assistant.inject.inserter import Inserter

            self._inserter = Inserter(self.app.config, self.app.environ)
        return self._inserter

    # -- start / stop ------------------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        if self.session is None:
            self.start()
        else:
            self.stop()

    @Slot()
    def start(self) -> None:
        if self.session is not None or self._stopping:
            return
        from assistant.audio.capture import Capture
        from assistant.storage.history import HistoryRecorder
        from assistant.stt.session import DictationSession
        from assistant.text.transcript import Transcript
        from assistant.text.vocabulary import Vocabulary, load_vocabulary

        config = self.app.config
        language = config["general.language"]
        try:
            target = self.inserter().begin()
        except AssistantError as exc:
            target = None
            log.info("focus tracking unavailable: %s", exc.message)
        log.info("dictation start; target window %s", getattr(target, "id", None))
        try:
            vocabulary = load_vocabulary(self.app.paths.data_dir, language)
        except AssistantError as exc:
            self.status.emit(exc.message, True)
            vocabulary = Vocabulary()
        history = self.history if config["privacy.history"] else None
        self.recorder = HistoryRecorder(history, self.bridge, language)
        self.entry_id = self.recorder.entry_id
        recorder, app = self.recorder, self.app

        def recognizer():  # runs on the session's worker thread
            from assistant.stt.select import choose_speech

            choice = choose_speech(app, language)
            if recorder.history is not None and recorder.entry_id is not None:
                recorder.history.update(
                    recorder.entry_id, "", engine=choice.engine.name, model=choice.model_name
                )
            return choice.engine.recognizer(choice.model_path, choice.language, prompt=vocabulary.prompt())

        device = config["audio.input_device"] or None
        self.session = DictationSession(
            Capture(device), recognizer, Transcript(language, vocabulary.replacer()), self.recorder
        )
        self.text, self._base, self.partial_from = "", "", 0
        self.undo_stack.clear()
        self.doubts, self.selected = [], None
        self._streaming = None
        try:
            self.session.start()  # opens the microphone now; the model loads on the worker
        except AssistantError as exc:
            self.session = None
            if history is not None and self.entry_id is not None:
                history.delete(self.entry_id)
                self.entry_id = None
            self.state_changed.emit("error")
            self.status.emit(exc.one_line(), True)
            return
        self.state_changed.emit("listening")
        self.text_updated.emit(self.text)
        self.doubts_updated.emit()

    @Slot()
    def stop(self) -> None:
        """Stop listening. Decoding the last words can take a moment: done on a worker thread."""
        session = self.session
        if session is None or self._stopping:
            return
        self._stopping = True
        self.state_changed.emit("working")
        self.status.emit(self.tr("Skriver de sidste ord …"), False)
        self.workers.run("dictation-stop", session.stop, self.tasks)

    def shutdown(self) -> None:
        """On quit: stop the session and wait for it (its words are saved by then)."""
        self._release_choice_keys()
        if self.session is not None:
            self.session.stop()
            self.session = None
        if self._inserter is not None:
            self._inserter.close()

    # -- session events (queued from the worker thread by the bridge) -------------------------------
    @Slot(str)
    def _on_listening(self, device: str) -> None:
        self.status.emit(self.tr("Lytter … (talemodellen indlæses)"), False)

    @Slot(float)
    def _on_model_ready(self, seconds: float) -> None:
        self.status.emit(self.tr("Lytter – tal nu"), False)

    @Slot(float)
    def _on_level(self, dbfs: float) -> None:
        self.level.emit(dbfs)

    @Slot(str, bool)
    def _on_text(self, text: str, final: bool) -> None:
        if self._base and text.startswith(self._base) and self.text != self._base:
            merged = self.text[: self._final_len()] + text[len(self._base) :]
        else:
            merged = text
        if final:
            self._base = text
            self.text = merged
            self.partial_from = len(merged)
            self._check_spelling()
            if self.app.config["dictation.auto_insert"]:
                self._auto_insert(merged)
        else:
            self.text = merged
            self.partial_from = min(self.partial_from, len(merged))
        self.text_updated.emit(self.text)

    def _final_len(self) -> int:
        return self.partial_from

    @Slot(str, str)
    def _on_failed(self, message: str, hint: str) -> None:
        self.state_changed.emit("error")
        self.status.emit(f"{message}. {hint}".strip(". ") if hint else message, True)

    @Slot(str)
    def _on_stopped(self, text: str) -> None:
        failed = self.session is not None and self.session.error is not None
        self.session = None
        self._stopping = False
        if text and not self.text:
            self.text = text
        self.partial_from = len(self.text)
        self._check_spelling()
        self.text_updated.emit(self.text)
        if self.recorder is not None and self.recorder.error is not None:
            self.status.emit(self.recorder.error.message, True)
        elif not failed:
            self.status.emit(self.tr("Færdig. Tjek teksten, og tryk Indsæt."), False)
        if not failed:
            self.state_changed.emit("idle")
        self.session_stopped.emit(self.text)
        log.info("dictation stopped: %s", describe(self.text))

    # -- spelling ------------------------------------------------------------------------------------
    def _check_spelling(self) -> None:
        if self.spelling is None:
            self.doubts = []
        else:
            done = self.text[: self.partial_from]
            flags = self.spelling.checker.check(done, top=MAX_SUGGESTIONS)
            self.doubts = [
                Doubt(f.start, f.end, f.word, tuple(s.word for s in f.suggestions[:MAX_SUGGESTIONS]))
                for f in flags
            ]
        if self.selected is not None and self.selected >= len(self.doubts):
            self.selected = None
        self.doubts_updated.emit()

    @Slot(int)
    def select_doubt(self, index: int) -> None:
        self.selected = index if 0 <= index < len(self.doubts) else None
        self.doubts_updated.emit()
        if self.selected is not None and self.doubts[self.selected].suggestions:
            self._grab_choice_keys()
        else:
            self._release_choice_keys()

    @Slot(int)
    def pick(self, number: int) -> None:
        """Replace the selected doubtful word with suggestion ``number`` (1-based)."""
        if self.selected is None:
            return
        doubt = self.doubts[self.selected]
        if not 1 <= number <= len(doubt.suggestions):
            return
        word = doubt.suggestions[number - 1]
        self._edit(doubt.start, doubt.end, word)
        if self.spelling is not None:
            try:
                self.spelling.accept(word)
            except AssistantError as exc:
                self.status.emit(exc.message, True)

    @Slot()
    def add_selected_to_dictionary(self) -> None:
        if self.selected is None or self.spelling is None or self.spelling.user is None:
            return
        word = self.doubts[self.selected].word
        try:
            self.spelling.user.add(word)
            self.spelling.refresh_user_words()
        except AssistantError as exc:
            self.status.emit(exc.message, True)
        self.selected = None
        self._release_choice_keys()
        self._check_spelling()

    def _edit(self, start: int, end: int, replacement: str) -> None:
        self.undo_stack.append(self.text)
        shift = len(replacement) - (end - start)
        self.text = self.text[:start] + replacement + self.text[end:]
        self.partial_from = max(0, self.partial_from + shift)
        self.selected = None
        self._release_choice_keys()
        self._check_spelling()
        self.text_updated.emit(self.text)

    @Slot()
    def undo(self) -> None:
        if not self.undo_stack:
            return
        self.text = self.undo_stack.pop()
        self.partial_from = len(self.text) if self.session is None else min(self.partial_from, len(self.text))
        self.selected = None
        self._check_spelling()
        self.text_updated.emit(self.text)

    @Slot(str)
    def load_text(self, text: str) -> None:
        """Show ``text`` (from history) to insert again into whichever window has focus."""
        if self.session is not None:
            return
        self.undo_stack.clear()
        self.text, self._base, self.partial_from = text, "", len(text)
        self.entry_id = None
        with contextlib.suppress(AssistantError):
            self.inserter().target = None
        self._check_spelling()
        self.text_updated.emit(text)

    # -- number keys while a word is selected: grabbed only then, released at once ---------------------
    def _grab_choice_keys(self) -> None:
        if self._choice_grabber is not None:
            return
        try:
            from assistant.hotkeys import create_grabber

            grabber = create_grabber(self.choice_keys, self.app.environ)
            grabber.start(CHOICE_KEYS)
        except AssistantError as exc:
            log.info("number keys for suggestions unavailable: %s", exc.message)
            return
        self._choice_grabber = grabber

    def _release_choice_keys(self) -> None:
        grabber, self._choice_grabber = self._choice_grabber, None
        if grabber is not None:
            grabber.stop()

    @Slot(str)
    def _on_choice_key(self, name: str) -> None:
        if name == "pick_cancel":
            self.select_doubt(-1)
        elif name.startswith("pick"):
            self.pick(int(name[4:]))

    # -- insert, copy --------------------------------------------------------------------------------
    @Slot()
    def insert(self) -> None:
        text = self.text
        if not text.strip():
            self.status.emit(self.tr("Der er ingen tekst at indsætte."), True)
            return
        if self.session is not None:
            self.status.emit(self.tr("Stop dikteringen først."), True)
            return
        history, entry_id = self.history, self.entry_id
        if history is not None and self.app.config["privacy.history"]:
            if entry_id is None:
                entry_id = history.add(text, self.app.config["general.language"])
                self.entry_id = entry_id
            else:
                history.finish(entry_id, text)  # the corrected text, saved before it is typed
        inserter = self.inserter()
        self.state_changed.emit("working")

        def job():  # type: ignore[no-untyped-def]
            result = inserter.insert(text)
            if history is not None and entry_id is not None:
                history.mark_inserted(entry_id, result.backend)
            return result

        self.workers.serial("insert", "insert", job, self.tasks)

    def _auto_insert(self, text: str) -> None:
        inserter = self.inserter()
        if self._streaming is None:
            self._streaming = inserter.stream()
        streaming = self._streaming
        self.workers.serial("insert", "auto-insert", lambda: streaming.update(text), self.tasks)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.status.emit(self.tr("Teksten er kopieret."), False)

    # -- worker results --------------------------------------------------------------------------------
    @Slot(str, object)
    def _on_task_done(self, tag: str, result: object) -> None:
        if tag == "insert":
            chars = getattr(result, "chars", 0)
            self.state_changed.emit("idle")
            self.status.emit(self.tr("Indsat ({0} tegn).").format(chars), False)
            self.inserted.emit(chars)

    @Slot(str, str, str)
    def _on_task_error(self, tag: str, message: str, hint: str) -> None:
        if tag in ("insert", "auto-insert"):
            self.state_changed.emit("idle" if self.session is None else "listening")
            self.status.emit(f"{message}. {hint}" if hint else message, True)
            self.insert_failed.emit(message)
        elif tag == "dictation-stop":
            self._stopping = False
            self.status.emit(message, True)


class DictationPanel(QWidget):
    """The floating panel: live words, doubtful words with suggestions, listen, insert, copy, undo."""

    read_aloud = Signal(str)

    def __init__(self, controller: DictationController, line_spacing: int = 150) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(self.tr("Diktering"))
        self.setObjectName("dictationPanel")
        self.controller = controller
        self._line_spacing = line_spacing
        self._highlight: tuple[int, int] | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.mic_button = QPushButton(self.tr("Start"))
        self.mic_button.clicked.connect(controller.toggle)
        self.level_bar = QProgressBar()
        self.level_bar.setRange(0, 60)
        self.level_bar.setTextVisible(False)
        self.level_bar.setMaximumHeight(14)
        self.status = QLabel(self.tr("Tryk Start eller genvejstasten for at diktere."))
        self.status.setWordWrap(True)
        top.addWidget(self.mic_button)
        top.addWidget(self.level_bar, 1)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.text = QTextBrowser()
        self.text.setObjectName("readingText")
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.anchorClicked.connect(self._on_anchor)
        self.text.setMinimumHeight(140)
        layout.addWidget(self.text, 1)
        self.suggestion_label = QLabel("")
        self.suggestion_label.setObjectName("hint")
        layout.addWidget(self.suggestion_label)
        self.suggestion_row = QHBoxLayout()
        self.suggestion_buttons: list[QPushButton] = []
        for n in range(1, MAX_SUGGESTIONS + 1):
            button = QPushButton()
            button.setProperty("number", n)
            button.clicked.connect(self._on_suggestion_clicked)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.hide()
            self.suggestion_row.addWidget(button)
            self.suggestion_buttons.append(button)
        self.add_word_button = QPushButton(self.tr("Tilføj til ordbog"))
        self.add_word_button.clicked.connect(controller.add_selected_to_dictionary)
        self.add_word_button.hide()
        self.suggestion_row.addWidget(self.add_word_button)
        self.suggestion_row.addStretch(1)
        layout.addLayout(self.suggestion_row)
        buttons = QHBoxLayout()
        self.listen_button = QPushButton(self.tr("Læs op"))
        self.listen_button.clicked.connect(self._on_listen)
        self.insert_button = QPushButton(self.tr("Indsæt"))
        self.insert_button.setDefault(True)
        self.insert_button.clicked.connect(controller.insert)
        self.copy_button = QPushButton(self.tr("Kopiér"))
        self.copy_button.clicked.connect(controller.copy)
        self.undo_button = QPushButton(self.tr("Fortryd"))
        self.undo_button.clicked.connect(controller.undo)
        self.close_button = QPushButton(self.tr("Skjul"))
        self.close_button.clicked.connect(self.hide)
        for button in (
            self.listen_button,
            self.insert_button,
            self.copy_button,
            self.undo_button,
            self.close_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.auto_insert = QCheckBox(self.tr("Indsæt automatisk efter hver sætning"))
        self.auto_insert.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        config = controller.app.config
        self.auto_insert.setChecked(bool(config["dictation.auto_insert"]))
        self.auto_insert.setEnabled(not config.is_locked("dictation.auto_insert"))
        self.auto_insert.toggled.connect(self._on_auto_insert)
        layout.addWidget(self.auto_insert)
        for button in (self.mic_button, self.listen_button, self.insert_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        controller.text_updated.connect(self._render)
        controller.doubts_updated.connect(self._render_doubts)
        controller.status.connect(self._on_status)
        controller.state_changed.connect(self._on_state)
        controller.level.connect(self._on_level)
        self.resize(720, 400)

    # -- rendering -------------------------------------------------------------------------------------
    @Slot(str)
    def _render(self, _text: str = "") -> None:
        c = self.controller
        doc = self.text.document()
        doc.clear()
        cursor = QTextCursor(doc)
        plain = QTextCharFormat()
        cursor.insertText(c.text[: c.partial_from], plain)
        tail = QTextCharFormat()
        tail.setForeground(QColor("#666666"))
        tail.setFontItalic(True)
        cursor.insertText(c.text[c.partial_from :], tail)
        for index, doubt in enumerate(c.doubts):
            if doubt.end > len(c.text):
                continue
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#c62828"))
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"doubt:{index}")
            if index == c.selected:
                fmt.setBackground(QColor("#ffe082"))
            sel = QTextCursor(doc)
            sel.setPosition(doubt.start)
            sel.setPosition(doubt.end, QTextCursor.MoveMode.KeepAnchor)
            sel.mergeCharFormat(fmt)
        if self._highlight is not None:
            start, end = self._highlight
            if end <= len(c.text):
                fmt = QTextCharFormat()
                fmt.setBackground(QColor("#90caf9"))
                sel = QTextCursor(doc)
                sel.setPosition(start)
                sel.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.mergeCharFormat(fmt)
        set_line_spacing(self.text, self._line_spacing)
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.ensureCursorVisible()
        has_text = bool(c.text.strip())
        for button in (self.insert_button, self.copy_button, self.listen_button):
            button.setEnabled(has_text)
        self.undo_button.setEnabled(bool(c.undo_stack))

    @Slot()
    def _render_doubts(self) -> None:
        c = self.controller
        doubt = c.doubts[c.selected] if c.selected is not None else None
        for n, button in enumerate(self.suggestion_buttons, start=1):
            if doubt is not None and n <= len(doubt.suggestions):
                button.setText(f"{n}  {doubt.suggestions[n - 1]}")
                button.show()
            else:
                button.hide()
        self.add_word_button.setVisible(doubt is not None)
        if doubt is not None:
            self.suggestion_label.setText(
                self.tr("Forslag til »{0}« – klik, eller tryk tallet:").format(doubt.word)
                if doubt.suggestions
                else self.tr("Ingen forslag til »{0}«.").format(doubt.word)
            )
        elif c.doubts:
            self.suggestion_label.setText(self.tr("Klik på et understreget ord for at se forslag."))
        else:
            self.suggestion_label.setText("")
        self._render()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("doubt:"):
            self.controller.select_doubt(int(text.split(":", 1)[1]))

    @Slot()
    def _on_suggestion_clicked(self) -> None:
        button = self.sender()
        self.controller.pick(int(button.property("number")))

    @Slot(str, bool)
    def _on_status(self, message: str, problem: bool) -> None:
        self.status.setText(message)
        self.status.setObjectName("problem" if problem else "")
        self.status.setStyleSheet("color: #a00000; font-weight: bold;" if problem else "")

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.mic_button.setText(self.tr("Stop") if state == "listening" else self.tr("Start"))
        if state != "listening":
            self.level_bar.setValue(0)

    @Slot(float)
    def _on_level(self, dbfs: float) -> None:
        self.level_bar.setValue(int(max(0.0, min(60.0, dbfs + 60.0))))

    @Slot()
    def _on_listen(self) -> None:
        self.read_aloud.emit(self.controller.text)

    @Slot(bool)
    def _on_auto_insert(self, on: bool) -> None:
        try:
            self.controller.app.config.set("dictation.auto_insert", on)
        except AssistantError as exc:
            self._on_status(exc.message, True)

    @Slot(int, int)
    def highlight(self, start: int, end: int) -> None:
        self._highlight = (start, end) if end > start else None
        self._render()

    @Slot()
    def clear_highlight(self) -> None:
        if self._highlight is not None:
            self._highlight = None
            self._render()

    def show_near_bottom(self) -> None:
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.move(screen.x() + (screen.width() - self.width()) // 2, screen.bottom() - self.height() - 60)
        self.show()
