"""The dictation panel: live words, doubtful words with suggestions, listen, insert, copy, undo.

The panel never takes the keyboard focus from the application the user dictates into: it is a
tool window with ``WindowDoesNotAcceptFocus`` and ``WA_ShowWithoutActivating``, so "Indsæt"
types into the window that had focus when dictation began (recorded by the inserter at start).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, QUrl, Signal, Slot
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
from assistant.ui.style import announce, set_line_spacing

PANEL_WIDTH = 720  # the width it is given where the screen has room
FRAME_SETTLE_MS = 150
MIN_HEIGHT = 200  # shorter than this, the panel is no use: it may then cover the lines
FIRST_LINES = 160  # of the focused window, kept visible when its caret is unknown
SENT_BACKGROUND = "#dcedc8"  # text the target window already has
UNSTABLE_TEXT = "#0b4f9c"  # words that may still change (7.9:1 on white)


class DictationPanel(QWidget):
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
            if c.selected is not None:
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
        for n, button in enumerate(self.suggestion_buttons, start=1):
            if doubt is not None and n <= len(doubt.suggestions):
                chord = self._chord(f"pick{n}") if n <= MAX_PICKS else ""
                # The number, not the whole chord (the label above names the keys once): a short
                # button wraps with its neighbours and is read whole.
                button.setText(f"{n}  {doubt.suggestions[n - 1]}")
                button.setAccessibleDescription(self.tr("Genvej: {0}").format(chord) if chord else "")
                button.show()
            else:
                button.hide()
        self.add_word_button.setVisible(doubt is not None)
        if doubt is not None:
            chord = self._chord("pick1")
            if not doubt.suggestions:
                text = self.tr("Ingen forslag til »{0}«.").format(doubt.word)
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
        else:
            self.suggestion_label.setText("")
        self._render()
        self.refit()

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

    def show_near_bottom(self, caret: QRect | None = None) -> None:
        """Show on the screen of the window that has focus, never over ``caret`` (the text cursor,
        when the field publishes it) and the lines just written above it, else clear of that
        window's first lines; beside the window when there is room; never over our other windows."""
        from assistant.ui.placement import focused_window_rect

        self._target, self._caret = focused_window_rect(self.controller.app.environ), caret
        self._place()
        self.show()
        self._place()  # the chords grabbed on show are on the buttons now: two lines each
        # Until the window manager has framed it, the frame is a guess: place again once known.
        QTimer.singleShot(FRAME_SETTLE_MS, self._place_if_framed)
        if caret is None:
            self._locate_caret()

    def _locate_caret(self) -> None:
        """Ask the focused field for its caret through AT-SPI, on a worker (it may take a
        second); when it answers, the panel moves clear of it and the lines above it."""
        environ = self.controller.app.environ

        def job() -> tuple[int, int, int, int] | None:
            from assistant.inject.atspi import AtSpi

            atspi = AtSpi(environ)
            try:
                field = atspi.focused_field()
                return atspi.caret_extents(field) if field is not None else None
            finally:
                atspi.close()

        self.controller.workers.run("caret", job, self._caret_tasks, abandonable=True)

    @Slot(str, object)
    def _on_caret(self, tag: str, result: object) -> None:
        from assistant.ui.placement import to_logical

        if result is None or not self.isVisible():
            return
        x, y, w, h = result  # type: ignore[misc]
        self._caret = to_logical(QRect(x, y, w, h))
        self._place()
        self.caret_located.emit()

    @Slot(str, str, str)
    def _on_caret_error(self, tag: str, message: str, hint: str) -> None:
        pass  # no caret known: the panel stays clear of the window's first lines

    @Slot()
    def _place_if_framed(self) -> None:
        if self.isVisible() and self.frameGeometry() != self.geometry():
            self._place()

    def _place(self) -> None:
        """Size and place: five lines of text, fewer (down to two) when that is what it takes to
        stay clear of the lines just written; still in the way, shorter (the rest scrolls)."""
        from assistant.ui.placement import MARGIN, choose_spot, screen_area, spot_cost

        area = screen_area(self._target, self)
        tiers = self._tiers(self._target, self._caret)
        for lines in (5, 4, 3, 2):
            size = self._fit(area, lines)
            spot = choose_spot(area, size, tiers)
            if not spot_cost(size, tiers, spot)[0]:
                self.move(spot)
                return
        # The free band below or above the protected lines, if it is tall enough to work in.
        for band in tiers[0]:
            below = area.bottom() - band.bottom() - 12 - MARGIN
            above = band.top() - area.top() - 12 - MARGIN
            free = max(below, above)
            if free >= MIN_HEIGHT:
                size = self._fit(area, 2, limit=free)
                spot = choose_spot(area, size, tiers)
                break
        self.move(spot)

    def _tiers(self, target: QRect | None, caret: QRect | None) -> list[list[QRect]]:
        from assistant.ui.placement import our_windows

        protected: list[QRect] = []
        if caret is not None and not caret.isEmpty():
            line = max(caret.height(), 12)
            left, right = (
                (target.left(), target.right())
                if target is not None
                else (caret.left() - 400, caret.right() + 400)
            )
            protected.append(QRect(left, caret.top() - 3 * line, right - left + 1, 4 * line + 8))
        elif target is not None:
            # Where the caret is not published: the window's first lines (FIRST_LINES px).
            protected.append(
                QRect(target.left(), target.top(), target.width(), min(target.height(), FIRST_LINES))
            )
        whole = [target] if target is not None else []
        return [protected, our_windows(exclude=[self]), whole]

    def _fit(self, area: QRect, lines: int = 5, limit: int | None = None) -> QSize:
        """A fixed width (suggestions appearing must not widen it past the screen): room for the
        buttons on one row where the screen allows; as tall as the wrapped rows need with
        ``lines`` lines of text, at most the screen (or ``limit``): the rest scrolls. Returns
        the frame size."""
        from assistant.ui.placement import MARGIN, frame_extra, needed_height

        extra = frame_extra(self)
        room = QSize(area.width() - extra.width() - 2 * MARGIN, area.height() - extra.height() - 2 * MARGIN)
        if limit is not None:
            room.setHeight(min(room.height(), limit - extra.height()))
        margins = self.content.layout().contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        wanted = max(PANEL_WIDTH, self.action_row.sizeHint().width() + margins.left() + margins.right() + bar)
        self.setMinimumSize(0, 0)
        width = min(max(wanted, self.content.layout().minimumSize().width() + bar), room.width())
        self.setFixedWidth(width)
        line = self.text.fontMetrics().lineSpacing() * max(self._line_spacing, 100) / 100
        chrome = 2 * int(self.text.document().documentMargin()) + 16
        self.text.setMinimumHeight(int(line * lines) + chrome)
        height = needed_height(self.content, width)
        if height > room.height():  # it scrolls: the bar takes some width
            height = needed_height(self.content, width - bar)
        # The scroll area gives the contents their minimum: the wrapped rows' real height.
        self.content.setMinimumHeight(height)
        height = min(height, room.height())
        self.resize(width, height)
        return QSize(width, height) + extra

    def make_way_for(self, window: QWidget) -> None:
        """One of our windows has opened: move clear of it; where the screen is too small for
        both, stop staying on top until it closes, so the panel is never over it."""
        if not self.isVisible() or not self.frameGeometry().intersects(window.frameGeometry()):
            return
        self.replace()
        if self.frameGeometry().intersects(window.frameGeometry()):
            self._yielded.add(window)
            window.installEventFilter(self)
            self.set_on_top(False)
            window.raise_()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if watched in self._yielded and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self._yielded.discard(watched)
            watched.removeEventFilter(self)
            if not any(w.isVisible() for w in self._yielded):
                self.set_on_top(True)
        return False

    def set_on_top(self, on_top: bool) -> None:
        """Keep above other windows, or not (changed on the native window: it stays put)."""
        handle = self.windowHandle()
        if handle is not None and self.isVisible():
            handle.setFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        flags = self.windowFlags()
        wanted = (
            flags | Qt.WindowType.WindowStaysOnTopHint
            if on_top
            else flags & ~Qt.WindowType.WindowStaysOnTopHint
        )
        if wanted != flags:
            if self.isVisible():
                self.overrideWindowFlags(wanted)
            else:
                self.setWindowFlags(wanted)

    @property
    def on_top(self) -> bool:
        handle = self.windowHandle()
        flags = handle.flags() if handle is not None else self.windowFlags()
        return bool(flags & Qt.WindowType.WindowStaysOnTopHint)

    def replace(self) -> None:
        """Move away from a window of ours that has just opened (the panel stays on top: it would
        hide part of it), still clear of the caret and the lines just written."""
        if not self.isVisible():
            return
        from assistant.ui.placement import choose_spot, screen_area

        area = screen_area(self._target, self)
        self.move(choose_spot(area, self.frameGeometry().size(), self._tiers(self._target, self._caret)))

    def refit(self) -> None:
        """Rows added (suggestions wrapped onto a new row): grow, and stay on screen and clear of
        the lines just written."""
        if self.isVisible():
            self._place()
