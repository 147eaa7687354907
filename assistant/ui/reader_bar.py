"""The reader bar: play/pause, stop, sentence skip, speed, voice, and the text being read with the
sentence and the spoken word highlighted (driven by :class:`ReaderController`'s signals)."""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
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

from assistant.ui.flow import FlowLayout
from assistant.ui.placement import (
    choose_spot,
    fit_to_area,
    our_windows,
    screen_area,
    set_stays_on_top,
    stays_on_top,
)
from assistant.ui.reading import (
    SENTENCE_BACKGROUND,
    SENTENCE_TEXT,
    WORD_BACKGROUND,
    WORD_TEXT,
    ReaderController,
    Utf16Map,
    voice_label,
)
from assistant.ui.style import announce, set_line_spacing

BAR_WIDTH = 760  # where the screen has room


def _group(*widgets: QWidget) -> QWidget:
    """Widgets that stay together on one row (a label, its control, its value)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return holder


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
        # The controls wrap onto a second row rather than push "Luk" off a small screen.
        row = FlowLayout()
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
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance("4444"))
        row.addWidget(_group(speed_label, self.speed, self.speed_label))
        self.lock_label = QLabel(self.tr("Låst af IT"))
        self.lock_label.setObjectName("hint")
        self.lock_label.setVisible(controller.rate_locked)
        if controller.rate_locked:
            self.speed.setEnabled(False)
            self.speed.setToolTip(self.tr("Farten er bestemt af din IT-afdeling."))
        row.addWidget(self.lock_label)
        voice_label = QLabel(self.tr("St&emme:"))
        self.voice = QComboBox()
        self.voice.addItem(self.tr("Automatisk"), "")
        self.voice.currentIndexChanged.connect(self._on_voice)
        self.voice.setMinimumWidth(160)
        self.voice.setAccessibleName(self.tr("Stemme"))
        voice_label.setBuddy(self.voice)
        row.addWidget(_group(voice_label, self.voice))
        row.add_right(self.close_button)
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
        self.resize(BAR_WIDTH, 300)

    # -- showing and placing -----------------------------------------------------------------------
    def show_for(self, target: QRect | None) -> None:
        """Show (without taking focus) on the screen, away from ``target`` and our other windows,
        on top while reading; sized to fit the screen, its controls wrapped if they must."""
        if target is None and self.isVisible():
            self._set_on_top(True)
            return  # already showing: stay where the user may have moved it
        area = screen_area(target, self)
        size = fit_to_area(self, area, QSize(BAR_WIDTH, max(self.height(), 300)))
        tiers = [[target] if target is not None else [], our_windows(exclude=[self])]
        self.move(choose_spot(area, size, tiers))  # nothing to avoid: the bottom centre
        self._set_on_top(True)
        self.show()

    def _set_on_top(self, on_top: bool) -> None:
        set_stays_on_top(self, on_top)

    @property
    def on_top(self) -> bool:
        return stays_on_top(self)

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

    def show_rate(self, rate: int) -> None:
        """The speed was set elsewhere (Settings): the slider shows it."""
        self.speed.blockSignals(True)
        self.speed.setValue(rate)
        self.speed.blockSignals(False)
        self.speed_label.setText(str(self.speed.value()))

    def set_line_spacing(self, percent: int) -> None:
        self._line_spacing = percent
        set_line_spacing(self.text, percent)

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
