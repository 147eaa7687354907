"""The dictation panel: live words, doubtful words with suggestions, listen, insert, copy, undo.

The panel never takes the keyboard focus from the application the user dictates into: it is a
tool window with ``WindowDoesNotAcceptFocus`` and ``WA_ShowWithoutActivating``, so "Indsæt"
types into the window that had focus when dictation began (recorded by the inserter at start).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
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

from assistant.errors import AssistantError
from assistant.ui.dictation import MAX_SUGGESTIONS, DictationController
from assistant.ui.messages import user_message
from assistant.ui.panel_keys import MAX_PICKS, PanelKeys
from assistant.ui.style import announce, set_line_spacing

SENT_BACKGROUND = "#dcedc8"  # text the target window already has
# Words the recogniser was unsure of: a blue dotted underline, apart from spelling's red wave.
UNSURE_COLOUR = "#1565c0"
UNSURE_SELECTED = "#bbdefb"


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
        top.addWidget(self.level_bar, 1)
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
        self.listen_word_button = QPushButton(self.tr("Læs ordet op"))
        self.listen_word_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.listen_word_button.clicked.connect(self._on_listen_word)
        self.listen_word_button.hide()
        self.suggestion_row.addWidget(self.listen_word_button)
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
        self.resize(720, 400)

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
        button.setAccessibleDescription(self.tr("Genvej: {0}").format(chord) if chord else "")

    def _relabel(self) -> None:
        for button in self._labels:
            self._set_label(button)
        chord = self._chord("auto_insert")
        base = self.tr("Indsæt automatisk efter hver sætning")
        self.auto_insert.setText(f"{base}  {chord}" if chord else base)
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
        tail.setForeground(QColor("#666666"))
        tail.setFontItalic(True)
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
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
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
                word = choices[n - 1]
                button.setText(f"{word}  {chord}" if chord else f"{n}  {word}")
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
            self.suggestion_label.setText(
                self.tr("Forslag til »{0}« – klik på det rigtige ord:").format(doubt.word)
                if doubt.suggestions
                else self.tr("Ingen forslag til »{0}«.").format(doubt.word)
            )
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
        """Show beside (not over) the window that has focus, fully on screen, at a fixed width."""
        from assistant.ui.reading import focused_window_rect, place_bar

        target = focused_window_rect(self.controller.app.environ)
        screen = QGuiApplication.screenAt(target.center()) if target is not None else None
        area = (screen or QGuiApplication.primaryScreen()).availableGeometry()
        # A fixed width: suggestions appearing must not widen the panel past the screen.
        self.setFixedWidth(min(720, area.width() - 40))
        height = min(max(self.height(), self.sizeHint().height()), area.height() - 40)
        self.resize(self.width(), height)
        self.move(place_bar(area, target, QSize(self.width(), height + 30)))
        self.show()
