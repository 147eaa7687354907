"""Read-aloud in the tray: the controller around the core Reader, and the reader bar.

The synthesizer and Reader are created on a worker thread (voices load there); controls
(play/pause/stop, speed, voice) are quick calls into the Reader, whose clock thread sends the
word events that the bridge turns into ``word`` signals for the highlight.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.app import App
from assistant.errors import AssistantError
from assistant.ui.bridge import ReaderBridge, TaskBridge
from assistant.ui.style import set_line_spacing
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)


class ReaderController(QObject):
    ready = Signal()
    text_started = Signal(str, str)  # text, source ("panel", "selection", "bar", "sample")
    word = Signal(int, int)  # start, end in the text being read
    paused_changed = Signal(bool)
    finished = Signal(bool)  # stopped
    problem = Signal(str)
    voices_loaded = Signal(list)  # [(id, name, languages)]

    def __init__(self, app: App, workers: Workers) -> None:
        super().__init__()
        self.app = app
        self.workers = workers
        self.reader = None
        self.text = ""
        self.source = ""
        self.paused = False
        self.reading = False
        self._utterance = 0
        self._pending: tuple[str, str, str | None] | None = None
        self._loading = False
        self.bridge = ReaderBridge(self)
        self.bridge.word.connect(self._on_word)
        self.bridge.paused.connect(self._on_paused)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failed.connect(self._on_failed)
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error)

    def load(self) -> None:
        """Create the synthesizer and reader in the background (idempotent)."""
        if self.reader is not None or self._loading:
            return
        self._loading = True
        app, bridge = self.app, self.bridge

        def job():  # type: ignore[no-untyped-def]
            from assistant.tts import choose_synthesizer, reader_settings
            from assistant.tts.reader import Reader

            reader = Reader(
                choose_synthesizer(app.config["tts.engine"]), bridge, **reader_settings(app.config)
            )
            reader.prepare()
            voices = [(v.id, v.name, v.languages) for v in reader.synthesizer.voices()]
            return reader, voices

        self.workers.run("reader-load", job, self.tasks)

    @Slot(str, object)
    def _on_done(self, tag: str, result: object) -> None:
        if tag == "reader-load":
            self._loading = False
            self.reader, voices = result  # type: ignore[misc]
            self.voices_loaded.emit(voices)
            self.ready.emit()
            if self._pending is not None:
                pending, self._pending = self._pending, None
                self.read(*pending)
        elif tag == "selection":
            self.read(str(result), "selection")

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        if tag == "reader-load":
            self._loading = False
            self._pending = None
        self.problem.emit(f"{message}. {hint}" if hint else message)

    # -- controls ----------------------------------------------------------------------------------
    def read(self, text: str, source: str = "bar", language: str | None = None) -> None:
        if not text.strip():
            self.problem.emit(self.tr("Der er ingen tekst at læse op."))
            return
        if self.reader is None:
            self._pending = (text, source, language)
            self.load()
            return
        try:
            self._utterance = self.reader.read(text, language)
        except AssistantError as exc:
            self.problem.emit(exc.one_line())
            return
        self.text, self.source, self.paused, self.reading = text, source, False, True
        self.text_started.emit(text, source)

    @Slot()
    def read_selection(self) -> None:
        environ = self.app.environ
        self.load()

        def job() -> str:
            from assistant.selection import read_selection

            return read_selection(environ)[0]

        self.workers.run("selection", job, self.tasks)

    @Slot()
    def toggle_pause(self) -> None:
        if self.reader is None or not self.reading:
            if self.text:
                self.read(self.text, self.source)
            return
        if self.paused:
            self.reader.resume()
        else:
            self.reader.pause()

    @Slot()
    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()

    def set_rate(self, rate: int) -> None:
        if self.reader is not None:
            try:
                self.reader.set_rate(rate)
            except AssistantError as exc:
                self.problem.emit(exc.message)

    def set_voice(self, language: str, voice: str | None) -> None:
        if self.reader is not None:
            try:
                self.reader.set_voice(language, voice)
            except AssistantError as exc:
                self.problem.emit(exc.message)

    def shutdown(self) -> None:
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    # -- events ------------------------------------------------------------------------------------
    @Slot(int, int, int)
    def _on_word(self, utterance: int, start: int, end: int) -> None:
        if utterance == self._utterance:
            self.word.emit(start, end)

    @Slot(bool)
    def _on_paused(self, paused: bool) -> None:
        self.paused = paused
        self.paused_changed.emit(paused)

    @Slot(int, bool)
    def _on_finished(self, utterance: int, stopped: bool) -> None:
        if utterance == self._utterance:
            self.reading = False
            self.paused = False
            self.finished.emit(stopped)

    @Slot(str, str)
    def _on_failed(self, message: str, hint: str) -> None:
        self.reading = False
        self.problem.emit(f"{message}. {hint}" if hint else message)


class ReaderBar(QWidget):
    """Play/pause/stop, speed, voice and the text with the spoken word highlighted."""

    def __init__(self, controller: ReaderController, line_spacing: int = 150) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Oplæsning"))
        self.controller = controller
        self._line_spacing = line_spacing
        config = controller.app.config
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Afspil"))
        self.play_button.clicked.connect(controller.toggle_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(controller.stop)
        row.addWidget(self.play_button)
        row.addWidget(self.stop_button)
        row.addWidget(QLabel(self.tr("Fart:")))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(80, 450)
        self.speed.setSingleStep(10)
        self.speed.setValue(int(config["tts.rate"]))
        self.speed.setMinimumWidth(160)
        self.speed.valueChanged.connect(self._on_speed)
        self.speed_label = QLabel(str(self.speed.value()))
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        row.addWidget(QLabel(self.tr("Stemme:")))
        self.voice = QComboBox()
        self.voice.addItem(self.tr("Automatisk"), "")
        self.voice.currentIndexChanged.connect(self._on_voice)
        self.voice.setMinimumWidth(180)
        row.addWidget(self.voice)
        row.addStretch(1)
        for widget in (self.play_button, self.stop_button, self.speed, self.voice):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addLayout(row)
        self.text = QTextBrowser()
        self.text.setObjectName("readingText")
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.text, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.current_word = ""
        controller.text_started.connect(self._on_started)
        controller.word.connect(self._on_word)
        controller.paused_changed.connect(self._on_paused)
        controller.finished.connect(self._on_finished)
        controller.problem.connect(self._on_problem)
        controller.voices_loaded.connect(self._on_voices)
        self.resize(720, 300)

    @Slot(str, str)
    def _on_started(self, text: str, source: str) -> None:
        self.text.setPlainText(text)
        set_line_spacing(self.text, self._line_spacing)
        self.play_button.setText(self.tr("Pause"))
        self.status.setText("")

    @Slot(int, int)
    def _on_word(self, start: int, end: int) -> None:
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#90caf9"))
        fmt.setFontWeight(700)
        word = QTextCursor(doc)
        word.setPosition(min(start, doc.characterCount() - 1))
        word.setPosition(min(end, doc.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
        word.setCharFormat(fmt)
        self.current_word = word.selectedText()
        self.text.setTextCursor(word)
        self.text.ensureCursorVisible()

    @Slot(bool)
    def _on_paused(self, paused: bool) -> None:
        self.play_button.setText(self.tr("Fortsæt") if paused else self.tr("Pause"))

    @Slot(bool)
    def _on_finished(self, stopped: bool) -> None:
        self.play_button.setText(self.tr("Afspil"))

    @Slot(str)
    def _on_problem(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #a00000; font-weight: bold;")

    @Slot(int)
    def _on_speed(self, value: int) -> None:
        self.speed_label.setText(str(value))
        self.controller.set_rate(value)

    @Slot(list)
    def _on_voices(self, voices: list) -> None:
        self.voice.blockSignals(True)
        self.voice.clear()
        self.voice.addItem(self.tr("Automatisk"), "")
        for voice_id, name, languages in voices:
            if any(str(lang).split("/")[-1].startswith(("da", "en")) for lang in languages):
                self.voice.addItem(name, voice_id)
        self.voice.blockSignals(False)

    @Slot(int)
    def _on_voice(self, index: int) -> None:
        voice = self.voice.itemData(index) or None
        language = self.controller.app.config["general.language"]
        self.controller.set_voice(language, voice)
