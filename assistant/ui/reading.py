"""Read-aloud in the tray: the controller around the core Reader, and the reader bar.

The synthesizer and Reader are created on a worker thread (voices load there); controls
(play/pause/stop, sentence skip, speed, voice) are quick calls into the Reader, whose clock thread
sends the sentence and word events that the bridge turns into signals for the highlight.

Positions in the core are Python string indices (code points); Qt's text positions count UTF-16
units, so an emoji before a word would shift every highlight after it by one. :class:`Utf16Map`
converts once per text.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_right
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.app import App
from assistant.errors import AssistantError
from assistant.ui.bridge import ReaderBridge, TaskBridge
from assistant.ui.messages import user_message
from assistant.ui.style import announce, set_line_spacing
from assistant.ui.typing_echo import EchoFeed
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

# Two colours, both far above WCAG AAA's 7:1 against their text, and no change of weight or size,
# so nothing moves when a word lights up: the sentence on a pale yellow, the word dark on white.
SENTENCE_BACKGROUND = "#fff1a8"
SENTENCE_TEXT = "#1a1a1a"
WORD_BACKGROUND = "#0b3a75"
WORD_TEXT = "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    qc = QColor(colour)
    channels = []
    for value in (qc.redF(), qc.greenF(), qc.blueF()):
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


class Utf16Map:
    """Python string index -> Qt (UTF-16) position for one text."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # two UTF-16 units each

    def __call__(self, index: int) -> int:
        return index + bisect_right(self._wide, index - 1)


def place_bar(screen: QRect, target: QRect | None, size: QSize, gap: int = 12) -> QPoint:
    """Where the bar goes: fully on ``screen`` and, if it can, not over ``target`` (the window
    being read): below it, else above, else beside it; without a target, at the bottom centre."""

    def clamp(x: int, y: int) -> QPoint:
        x = min(max(x, screen.left()), screen.right() - size.width() + 1)
        y = min(max(y, screen.top()), screen.bottom() - size.height() + 1)
        return QPoint(x, y)

    bottom = clamp(screen.left() + (screen.width() - size.width()) // 2, screen.bottom() - size.height() - 40)
    if target is None or not target.intersects(screen):
        return bottom
    centre_x = target.left() + (target.width() - size.width()) // 2
    centre_y = target.top() + (target.height() - size.height()) // 2
    candidates = [
        clamp(centre_x, target.bottom() + gap),
        clamp(centre_x, target.top() - gap - size.height()),
        clamp(target.right() + gap, centre_y),
        clamp(target.left() - gap - size.width(), centre_y),
    ]

    def overlap(point: QPoint) -> int:
        common = QRect(point, size).intersected(target)
        return common.width() * common.height() if not common.isEmpty() else 0

    for point in candidates:
        if overlap(point) == 0:
            return point
    corners = [
        clamp(screen.left(), screen.top()),
        clamp(screen.right(), screen.top()),
        clamp(screen.left(), screen.bottom()),
        clamp(screen.right(), screen.bottom()),
        bottom,
    ]
    return min([*candidates, *corners], key=overlap)


def focused_window_rect(environ: Mapping[str, str]) -> QRect | None:
    """The frame of the X11 window that has focus (the one whose text is read), or None."""
    try:
        from assistant.inject.x11 import focused_toplevel, open_display

        disp = open_display(environ)
    except Exception:
        return None
    try:
        window = focused_toplevel(disp)
        if window is None:
            return None
        geometry = window.get_geometry()
        origin = disp.screen().root.translate_coords(window, 0, 0)
        return QRect(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height))
    except Exception:
        return None
    finally:
        disp.close()


def voice_label(name: str) -> str:
    """A voice's name as shown: the engines name voices in English ("Danish")."""
    names = {
        "Danish": QCoreApplication.translate("voices", "Dansk"),
        "English (Great Britain)": QCoreApplication.translate("voices", "Engelsk (Storbritannien)"),
        "English (America)": QCoreApplication.translate("voices", "Engelsk (USA)"),
    }
    return names.get(name, name)


class ReaderController(QObject):
    ready = Signal()
    text_started = Signal(str, str)  # text, source ("panel", "selection", "bar", "sample")
    sentence = Signal(int, int)  # start, end in the text being read
    word = Signal(int, int)  # start, end in the text being read
    word_painted = Signal(int, int, float)  # start, end, heard_at (time.monotonic of its sound)
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
        self.bridge.sentence.connect(self._on_sentence)
        self.bridge.paused.connect(self._on_paused)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failed.connect(self._on_failed)
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error)
        self.echo = EchoFeed(app.environ, self)
        self.echo.text.connect(self._on_echo)
        self.echo.problem.connect(self.problem)

    # -- read as you type ------------------------------------------------------------------------
    def set_echo(self, mode: str) -> None:
        """Read each typed word or sentence aloud ("word"/"sentence"), or stop ("off")."""
        if self.echo.set_mode(mode):
            self.load()

    @property
    def echo_mode(self) -> str:
        return self.echo.mode

    @property
    def _watcher(self):  # type: ignore[no-untyped-def]
        return self.echo.watcher

    @Slot(str)
    def mute_echo_while(self, state: str) -> None:
        """Dictation state: while it listens or inserts, and a moment after, typing is not ours."""
        self.echo.mute_while(state)

    @Slot(str)
    def _on_echo(self, text: str) -> None:
        self.read(text, "echo")

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

        self.workers.run("reader-load", job, self.tasks, abandonable=True)  # loads voices only

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
            self.problem.emit(user_message(exc))
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

    @Slot()
    def next_sentence(self) -> None:
        if self.reader is not None and self.reading:
            self.reader.next_sentence()

    @Slot()
    def previous_sentence(self) -> None:
        if self.reader is not None and self.reading:
            self.reader.previous_sentence()

    @property
    def rate_locked(self) -> bool:
        return bool(self.app.config.is_locked("tts.rate"))

    def set_rate(self, rate: int) -> None:
        if self.rate_locked:
            return
        if self.reader is not None:
            try:
                self.reader.set_rate(rate)
            except AssistantError as exc:
                self.problem.emit(user_message(exc))

    def set_voice(self, language: str, voice: str | None) -> None:
        if self.reader is not None:
            try:
                self.reader.set_voice(language, voice)
            except AssistantError as exc:
                self.problem.emit(user_message(exc))

    def shutdown(self) -> None:
        self.echo.stop()
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    # -- events ------------------------------------------------------------------------------------
    @Slot(int, int, int, float)
    def _on_word(self, utterance: int, start: int, end: int, heard_at: float) -> None:
        if utterance == self._utterance:
            self.word.emit(start, end)
            self.word_painted.emit(start, end, heard_at)

    @Slot(int, int, int)
    def _on_sentence(self, utterance: int, start: int, end: int) -> None:
        if utterance == self._utterance:
            self.sentence.emit(start, end)

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
    """Play/pause, stop, sentence skip, speed, voice, close, and the text with the sentence and
    the spoken word highlighted. Keys when the bar has focus: Space pause/resume, Esc stop,
    Left/Right previous/next sentence, Ctrl+W close. It shows without taking focus, keeps on top
    of other windows only while it reads, and places itself on screen beside the window read."""

    painted = Signal(int, int, float, float)  # start, end, heard_at, painted_at (time.monotonic)

    def __init__(self, controller: ReaderController, line_spacing: int = 150) -> None:
        super().__init__(None, Qt.WindowType.Tool)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Oplæsning"))
        self.setAccessibleName(self.tr("Oplæsning"))
        self.controller = controller
        self._line_spacing = line_spacing
        self._utf16 = Utf16Map("")
        self._sentence: tuple[int, int] | None = None
        self._word: tuple[int, int] | None = None
        config = controller.app.config
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("&Afspil"))
        self.play_button.clicked.connect(controller.toggle_pause)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.clicked.connect(controller.stop)
        self.previous_button = QPushButton(self.tr("◀ Fo&rrige"))
        self.previous_button.setToolTip(self.tr("Forrige sætning (venstre pil)"))
        self.previous_button.clicked.connect(controller.previous_sentence)
        self.next_button = QPushButton(self.tr("&Næste ▶"))
        self.next_button.setToolTip(self.tr("Næste sætning (højre pil)"))
        self.next_button.clicked.connect(controller.next_sentence)
        self.close_button = QPushButton(self.tr("&Luk"))
        self.close_button.setToolTip(self.tr("Stop oplæsningen og luk vinduet"))
        self.close_button.clicked.connect(self.close_bar)
        for button in (self.play_button, self.stop_button, self.previous_button, self.next_button):
            row.addWidget(button)
        speed_label = QLabel(self.tr("Far&t:"))
        row.addWidget(speed_label)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(80, 450)
        self.speed.setSingleStep(10)
        self.speed.setPageStep(20)
        self.speed.setValue(int(config["tts.rate"]))
        self.speed.setMinimumWidth(140)
        self.speed.setAccessibleName(self.tr("Fart i ord pr. minut"))
        self.speed.valueChanged.connect(self._on_speed)
        speed_label.setBuddy(self.speed)
        self.speed_label = QLabel(str(self.speed.value()))
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        self.lock_label = QLabel(self.tr("Låst af IT"))
        self.lock_label.setObjectName("hint")
        self.lock_label.setVisible(controller.rate_locked)
        if controller.rate_locked:
            self.speed.setEnabled(False)
            self.speed.setToolTip(self.tr("Farten er bestemt af din IT-afdeling."))
        row.addWidget(self.lock_label)
        voice_label = QLabel(self.tr("St&emme:"))
        row.addWidget(voice_label)
        self.voice = QComboBox()
        self.voice.addItem(self.tr("Automatisk"), "")
        self.voice.currentIndexChanged.connect(self._on_voice)
        self.voice.setMinimumWidth(160)
        self.voice.setAccessibleName(self.tr("Stemme"))
        voice_label.setBuddy(self.voice)
        row.addWidget(self.voice)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.text = QTextBrowser()
        self.text.setObjectName("readingText")
        self.text.setAccessibleName(self.tr("Teksten der læses op"))
        layout.addWidget(self.text, 1)
        self.status = QLabel("")
        self.status.setObjectName("problem")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.current_word = ""
        self.current_sentence = ""
        for keys, slot in (
            ("Space", controller.toggle_pause),
            ("Esc", controller.stop),
            ("Left", controller.previous_sentence),
            ("Right", controller.next_sentence),
            ("Ctrl+W", self.close_bar),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        controller.text_started.connect(self._on_started)
        controller.sentence.connect(self._on_sentence)
        controller.word_painted.connect(self._on_word)
        controller.paused_changed.connect(self._on_paused)
        controller.finished.connect(self._on_finished)
        controller.problem.connect(self._on_problem)
        controller.voices_loaded.connect(self._on_voices)
        self.resize(760, 300)

    # -- showing and placing -----------------------------------------------------------------------
    def show_for(self, target: QRect | None) -> None:
        """Show (without taking focus) on the screen, away from ``target``, on top while reading."""
        if target is None and self.isVisible():
            self._set_on_top(True)
            return  # already showing: stay where the user may have moved it
        screen = QGuiApplication.screenAt(target.center()) if target is not None else None
        area = (screen or QGuiApplication.primaryScreen()).availableGeometry()
        width = min(self.width(), area.width() - 20)
        height = min(max(self.height(), self.sizeHint().height()), area.height() // 2)
        self.resize(width, height)
        frame = self.frameGeometry().size() if self.isVisible() else QSize(width, height + 30)
        self.move(place_bar(area, target, frame))
        self._set_on_top(True)
        self.show()

    def _set_on_top(self, on_top: bool) -> None:
        flags = self.windowFlags()
        wanted = (
            flags | Qt.WindowType.WindowStaysOnTopHint
            if on_top
            else flags & ~Qt.WindowType.WindowStaysOnTopHint
        )
        if wanted == flags:
            return
        handle = self.windowHandle()
        if handle is not None and self.isVisible():
            # Changing the flag on the native window keeps it where it is (setWindowFlags would hide it).
            handle.setFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
            self.overrideWindowFlags(wanted)
        else:
            self.setWindowFlags(wanted)

    @property
    def on_top(self) -> bool:
        handle = self.windowHandle()
        flags = handle.flags() if handle is not None else self.windowFlags()
        return bool(flags & Qt.WindowType.WindowStaysOnTopHint)

    @Slot()
    def close_bar(self) -> None:
        self.controller.stop()
        self.hide()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.controller.stop()
        super().closeEvent(event)

    # -- highlighting ------------------------------------------------------------------------------
    @Slot(str, str)
    def _on_started(self, text: str, source: str) -> None:
        self.text.setPlainText(text)
        set_line_spacing(self.text, self._line_spacing)
        self._utf16 = Utf16Map(text)
        self._sentence = self._word = None
        self.current_word = self.current_sentence = ""
        self._paint()
        self.play_button.setText(self.tr("&Pause"))
        self.status.setText("")

    @Slot(int, int)
    def _on_sentence(self, start: int, end: int) -> None:
        self._sentence = (start, end)
        self._word = None
        self.current_sentence = self.controller.text[start:end]
        self._paint()

    @Slot(int, int, float)
    def _on_word(self, start: int, end: int, heard_at: float) -> None:
        self._word = (start, end)
        self.current_word = self.controller.text[start:end]
        self._paint()
        self.text.repaint()  # paint now, so the time below is when the highlight was drawn
        self.painted.emit(start, end, heard_at, time.monotonic())

    def _selection(self, span: tuple[int, int], background: str, foreground: str) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        last = self.text.document().characterCount() - 1
        cursor.setPosition(min(self._utf16(span[0]), last))
        cursor.setPosition(min(self._utf16(span[1]), last), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(background))
        fmt.setForeground(QColor(foreground))
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _paint(self) -> None:
        # Extra selections colour the text without changing the document: no reflow, no undo.
        selections = []
        if self._sentence is not None:
            selections.append(self._selection(self._sentence, SENTENCE_BACKGROUND, SENTENCE_TEXT))
        if self._word is not None:
            word = self._selection(self._word, WORD_BACKGROUND, WORD_TEXT)
            selections.append(word)
            visible = QTextCursor(word.cursor)
            visible.clearSelection()
            self.text.setTextCursor(visible)
            self.text.ensureCursorVisible()
        self.text.setExtraSelections(selections)

    def highlighted(self) -> list[tuple[str, str]]:
        """(text, background) of each highlight now shown: for tests and screen readers."""
        return [
            (s.cursor.selectedText(), s.format.background().color().name())
            for s in self.text.extraSelections()
        ]

    # -- state -------------------------------------------------------------------------------------
    @Slot(bool)
    def _on_paused(self, paused: bool) -> None:
        self.play_button.setText(self.tr("F&ortsæt") if paused else self.tr("&Pause"))
        announce(
            self, self.tr("Oplæsningen er sat på pause.") if paused else self.tr("Oplæsningen fortsætter.")
        )

    @Slot(bool)
    def _on_finished(self, stopped: bool) -> None:
        self.play_button.setText(self.tr("&Afspil"))
        self._word = None
        self._paint()
        self._set_on_top(False)
        announce(self, self.tr("Oplæsningen er stoppet.") if stopped else self.tr("Oplæsningen er færdig."))

    @Slot(str)
    def _on_problem(self, message: str) -> None:
        self.status.setText(message)
        announce(self, message)

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
                self.voice.addItem(voice_label(name), voice_id)
        self.voice.blockSignals(False)

    @Slot(int)
    def _on_voice(self, index: int) -> None:
        voice = self.voice.itemData(index) or None
        language = self.controller.app.config["general.language"]
        self.controller.set_voice(language, voice)
