"""The dictation panel: live words, doubtful words with suggestions, listen, insert, copy, undo.

The panel never takes the keyboard focus from the application the user dictates into: it is a
tool window with ``WindowDoesNotAcceptFocus`` and ``WA_ShowWithoutActivating``, so "Indsæt"
types into the window that had focus when dictation began (recorded by the inserter at start).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import AssistantError
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import MAX_SUGGESTIONS, DictationController
from assistant.ui.flow import FlowLayout
from assistant.ui.messages import user_message
from assistant.ui.panel_keys import MAX_PICKS, PanelKeys
from assistant.ui.panel_placement import PANEL_WIDTH, PanelPlacement
from assistant.ui.style import announce, set_line_spacing

SENT_BACKGROUND = "#dcedc8"  # text the target window already has
UNSTABLE_TEXT = "#0b4f9c"  # words that may still change (7.9:1 on white)
# Words the recogniser was unsure of: a purple dashed underline, apart from the live words' blue
# dots and spelling's red wave (three marks a reader tells apart by line shape, not colour alone).
UNSURE_COLOUR = "#6a1b9a"
UNSURE_SELECTED = "#e1bee7"


class DictationPanel(PanelPlacement, QWidget):
    """The floating panel: live words, doubtful words with suggestions, listen, insert, copy, undo."""

    read_aloud = Signal(str)
    caret_located = Signal()  # the panel has moved clear of the caret the field published

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
        # Everything in a vertical scroll area: on a small screen at a large size the panel still
        # fits, and what does not fit scrolls instead of being squeezed on top of each other.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.content = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(self.content)
        layout.setSpacing(8)
        top = QHBoxLayout()
        # Every action has a Ctrl+Alt chord, grabbed while the panel is shown (see panel_keys).
        self.keys = PanelKeys(controller.app.environ)
        self.keys.triggered.connect(self._on_chord)
        # A panel deleted while shown gets no hideEvent: let go of the chords then too.
        self.destroyed.connect(self.keys.release)
        self._labels: dict[QPushButton, tuple[str, str]] = {}  # button -> (text, action)
        self.mic_button = QPushButton(self.tr("Start"))
        self.mic_button.clicked.connect(controller.toggle)
        self.level_bar = QProgressBar()
        self.level_bar.setRange(0, 60)
        self.level_bar.setTextVisible(False)
        self.level_bar.setMaximumHeight(14)
        self.status = QLabel(self.tr("Tryk Start eller genvejstasten for at diktere."))
        self.status.setWordWrap(True)
        top.addWidget(self.mic_button)
        # Aligned, so the thin bar does not cap the row's height (and cut the button's second line).
        top.addWidget(self.level_bar, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.text = QTextBrowser()
        self.text.setObjectName("readingText")
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.anchorClicked.connect(self._on_anchor)
        # At least five lines at the chosen font size and line spacing, whatever the tint or font.
        lines = self.text.fontMetrics().lineSpacing() * 5 * max(line_spacing, 100) / 100
        self.text.setMinimumHeight(int(lines) + 2 * int(self.text.document().documentMargin()) + 16)
        # Its height is what _fit gives it (five lines, fewer on a small screen), not its hint.
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.text, 1)
        self.suggestion_label = QLabel("")
        self.suggestion_label.setObjectName("hint")
        self.suggestion_label.setWordWrap(True)
        layout.addWidget(self.suggestion_label)
        # Suggestions wrap onto more rows: a word the user cannot read whole is no suggestion.
        self.suggestion_row = FlowLayout()
        self.suggestion_buttons: list[QPushButton] = []
        for n in range(1, MAX_SUGGESTIONS + 1):
            button = QPushButton()
            button.setProperty("number", n)
            button.clicked.connect(self._on_suggestion_clicked)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.hide()
            self.suggestion_row.addWidget(button)
            self.suggestion_buttons.append(button)
        self.listen_word_button = QPushButton(self.tr("Læs ordet op"))
        self.listen_word_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.listen_word_button.clicked.connect(self._on_listen_word)
        self.listen_word_button.hide()
        self.suggestion_row.addWidget(self.listen_word_button)
        self.add_word_button = QPushButton(self.tr("Tilføj til ordbog"))
        self.add_word_button.clicked.connect(controller.add_selected_to_dictionary)
        self.add_word_button.hide()
        self.suggestion_row.addWidget(self.add_word_button)
        layout.addLayout(self.suggestion_row)
        buttons = FlowLayout()
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
        self.action_row = buttons
        self.auto_insert = QCheckBox(self.tr("Indsæt automatisk efter hver sætning"))
        self.auto_insert.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        config = controller.app.config
        self.auto_insert.setChecked(bool(config["dictation.auto_insert"]))
        self.auto_insert.setEnabled(not config.is_locked("dictation.auto_insert"))
        self.auto_insert.toggled.connect(self._on_auto_insert)
        # Its chord beside it in a row of its own that wraps: a check box cannot wrap its text.
        self.auto_insert_chord = QLabel("")
        self.auto_insert_chord.setObjectName("hint")
        auto_row = FlowLayout()
        auto_row.addWidget(self.auto_insert)
        auto_row.addWidget(self.auto_insert_chord)
        layout.addLayout(auto_row)
        self.text.setAccessibleName(self.tr("Den dikterede tekst"))
        self.level_bar.setAccessibleName(self.tr("Lydniveau fra mikrofonen"))
        self.status.setAccessibleName(self.tr("Status"))
        for button in (self.mic_button, self.listen_button, self.insert_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        controller.text_updated.connect(self._render)
        controller.doubts_updated.connect(self._render_doubts)
        controller.status.connect(self._on_status)
        controller.state_changed.connect(self._on_state)
        controller.level.connect(self._on_level)
        for button, action in (
            (self.mic_button, "mic"),
            (self.listen_button, "listen"),
            (self.insert_button, "insert"),
            (self.copy_button, "copy"),
            (self.undo_button, "undo"),
            (self.close_button, "hide"),
            (self.add_word_button, "add_word"),
        ):
            self._labels[button] = (button.text(), action)
        self.scroll.setWidget(self.content)
        for button in self.findChildren(QPushButton):
            # Never squeezed shorter than its lines: a cut "J" reads as "I".
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._target: QRect | None = None
        self._caret: QRect | None = None
        self._yielded: set[QWidget] = set()  # our windows the panel stays below while they show
        self._caret_tasks = TaskBridge.connected(self, self._on_caret, self._on_caret_error)
        self.resize(PANEL_WIDTH, 400)

    # -- keyboard chords (grabbed only while shown) -------------------------------------------------
    def _chord(self, action: str) -> str:
        from assistant.ui.settings_window import combo_text

        return combo_text(self.keys.chords[action]) if self.keys.works(action) else ""

    def _set_label(self, button: QPushButton, text: str | None = None) -> None:
        base, action = self._labels[button]
        if text is not None:
            self._labels[button] = (text, action)
            base = text
        chord = self._chord(action)
        # The chord goes on a second line: five buttons share the panel's fixed width.
        button.setText(f"{base}\n{chord}" if chord else base)
        button.setMinimumHeight(0)
        button.setMinimumHeight(button.sizeHint().height())  # both lines whole, whatever the row
        button.setAccessibleDescription(self.tr("Genvej: {0}").format(chord) if chord else "")

    def _relabel(self) -> None:
        for button in self._labels:
            self._set_label(button)
        chord = self._chord("auto_insert")
        self.auto_insert_chord.setText(chord)
        self.auto_insert_chord.setVisible(bool(chord))
        self.auto_insert.setAccessibleDescription(self.tr("Genvej: {0}").format(chord) if chord else "")
        self._render_doubts()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        config = self.controller.app.config
        problems = self.keys.grab(str(v) for k, v in config.items() if k.startswith("hotkeys."))
        self._relabel()
        if problems and len(problems) < len(self.keys.chords):
            from assistant.ui.settings_window import combo_text

            keys = ", ".join(combo_text(self.keys.chords[a]) for a in sorted(problems))
            self._on_status(self.tr("Et andet program bruger disse taster: {0}").format(keys), True)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().hideEvent(event)
        self.keys.release()
        self._relabel()

    @Slot(str)
    def _on_chord(self, action: str) -> None:
        """A chord was pressed while the target window keeps focus: act as if clicked."""
        if not self.isVisible():
            return
        c = self.controller
        if action.startswith("pick"):
            if c.selected is not None or c.selected_unsure is not None:
                c.pick(int(action[4:]))
        elif action == "next_doubt":
            if c.doubts:
                c.select_doubt(0 if c.selected is None else (c.selected + 1) % len(c.doubts))
        elif action == "auto_insert":
            if self.auto_insert.isEnabled():
                self.auto_insert.toggle()
        else:
            button = next((b for b, (_, a) in self._labels.items() if a == action), None)
            if button is not None and button.isEnabled() and (button.isVisible() or action == "hide"):
                button.click()

    # -- rendering -------------------------------------------------------------------------------------
    @Slot(str)
    def _render(self, _text: str = "") -> None:
        c = self.controller
        doc = self.text.document()
        doc.clear()
        cursor = QTextCursor(doc)
        # Words that stayed the same over successive decodes read as normal text; only the
        # unstable tail after them is marked.
        unstable = c.unstable_from()
        plain = QTextCharFormat()
        cursor.insertText(c.text[:unstable], plain)
        tail = QTextCharFormat()
        # Colour and a dotted line, not grey italics: slanted letters are harder to read.
        tail.setForeground(QColor(UNSTABLE_TEXT))
        tail.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        tail.setUnderlineColor(QColor(UNSTABLE_TEXT))
        cursor.insertText(c.text[unstable:], tail)
        sent, _window = c.ledger.state()
        if 0 < sent <= len(c.text):
            # Text that is already in the target window is marked; Indsæt sends only the rest.
            done = QTextCharFormat()
            done.setBackground(QColor(SENT_BACKGROUND))
            sel = QTextCursor(doc)
            sel.setPosition(0)
            sel.setPosition(sent, QTextCursor.MoveMode.KeepAnchor)
            sel.mergeCharFormat(done)
        for index, span in enumerate(c.unsure):
            if span.end > len(c.text):
                continue
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(UNSURE_COLOUR))
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"unsure:{index}")
            if index == c.selected_unsure:
                fmt.setBackground(QColor(UNSURE_SELECTED))
            sel = QTextCursor(doc)
            sel.setPosition(span.start)
            sel.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            sel.mergeCharFormat(fmt)
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
                from assistant.ui.reading import WORD_BACKGROUND, WORD_TEXT, Utf16Map

                # The reader's word colours (7:1 or more); Qt counts UTF-16 units, not code points.
                to_qt = Utf16Map(c.text)
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(WORD_BACKGROUND))
                fmt.setForeground(QColor(WORD_TEXT))
                sel = QTextCursor(doc)
                sel.setPosition(to_qt(start))
                sel.setPosition(to_qt(end), QTextCursor.MoveMode.KeepAnchor)
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
        unsure = c.unsure[c.selected_unsure] if c.selected_unsure is not None else None
        choices = (
            doubt.suggestions if doubt is not None else unsure.alternatives if unsure is not None else ()
        )
        for n, button in enumerate(self.suggestion_buttons, start=1):
            if n <= len(choices):
                chord = self._chord(f"pick{n}") if n <= MAX_PICKS else ""
                # The number, not the whole chord (the label above names the keys once): a short
                # button wraps with its neighbours and is read whole.
                button.setText(f"{n}  {choices[n - 1]}")
                button.setAccessibleDescription(self.tr("Genvej: {0}").format(chord) if chord else "")
                button.show()
            else:
                button.hide()
        self.add_word_button.setVisible(doubt is not None)
        self.listen_word_button.setVisible(unsure is not None)
        if unsure is not None:
            self.suggestion_label.setText(
                self.tr(
                    "Genkenderen var usikker på »{0}«. Lyt til ordet, og ret det, hvis det er forkert."
                ).format(unsure.word)
            )
        elif doubt is not None:
            chord = self._chord("pick1")
            if not doubt.suggestions:
                text = self.tr("Ingen forslag til »{0}«.").format(doubt.word)
            elif doubt.kind == "doubt":
                # A correct word that is likely not the one meant: a question, not a verdict.
                text = self.tr("»{0}« er et rigtigt ord. Mente du et af disse?").format(doubt.word)
            elif chord:
                keys = chord[: -len("1")]
                text = self.tr(
                    "Forslag til »{0}« – klik på det rigtige ord, eller tryk {1} og tallet:"
                ).format(doubt.word, keys)
            else:
                text = self.tr("Forslag til »{0}« – klik på det rigtige ord:").format(doubt.word)
            self.suggestion_label.setText(text)
        elif c.doubts:
            chord = self._chord("next_doubt")
            self.suggestion_label.setText(
                self.tr("Klik på et understreget ord, eller tryk {0}, for at se forslag.").format(chord)
                if chord
                else self.tr("Klik på et understreget ord for at se forslag.")
            )
        elif c.unsure:
            self.suggestion_label.setText(
                self.tr("Genkenderen var usikker på de blåt prikkede ord: klik på et for at lytte til det.")
            )
        else:
            self.suggestion_label.setText("")
        self._render()
        self.refit()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("doubt:"):
            self.controller.select_doubt(int(text.split(":", 1)[1]))
        elif text.startswith("unsure:"):
            self.controller.select_unsure(int(text.split(":", 1)[1]))

    @Slot()
    def _on_listen_word(self) -> None:
        c = self.controller
        if c.selected_unsure is not None and c.selected_unsure < len(c.unsure):
            self.read_aloud.emit(c.unsure[c.selected_unsure].word)

    @Slot()
    def _on_suggestion_clicked(self) -> None:
        button = self.sender()
        self.controller.pick(int(button.property("number")))

    @Slot(str, bool)
    def _on_status(self, message: str, problem: bool) -> None:
        self.status.setText(message)
        announce(self, message)  # screen readers hear it without the panel taking focus
        self.status.setObjectName("problem" if problem else "")
        self.status.setStyleSheet("color: #a00000; font-weight: bold;" if problem else "")

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self._set_label(self.mic_button, self.tr("Stop") if state == "listening" else self.tr("Start"))
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
            self._on_status(user_message(exc), True)

    def set_line_spacing(self, percent: int) -> None:
        self._line_spacing = percent
        self._render()
        self.refit()

    def show_auto_insert(self, on: bool) -> None:
        """The setting changed elsewhere (Settings): the box shows it, without saving it again."""
        self.auto_insert.blockSignals(True)
        self.auto_insert.setChecked(on)
        self.auto_insert.blockSignals(False)

    @Slot(int, int)
    def highlight(self, start: int, end: int) -> None:
        self._highlight = (start, end) if end > start else None
        self._render()

    @Slot()
    def clear_highlight(self) -> None:
        if self._highlight is not None:
            self._highlight = None
            self._render()
