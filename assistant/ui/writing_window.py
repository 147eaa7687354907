"""The writing-help window: up to five words beside the text cursor of another program.

It never takes the keyboard focus (the user keeps typing in their own field): a frameless tool
window that refuses focus and bypasses the window manager, shown without being activated. A word
is picked by a click (or Ctrl+Alt+1..5, grabbed by the controller while this shows); hovering a
word asks for it to be read aloud.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assistant.text.writing import Offer, Rect, place

HOVER_AFTER_S = 0.3
FLAGS = (
    Qt.WindowType.Tool
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowDoesNotAcceptFocus
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.X11BypassWindowManagerHint
)


class WritingWindow(QFrame):
    picked = Signal(int)  # index of the word clicked
    hovered = Signal(int)  # index of the word the pointer rests on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, FLAGS)
        self.setObjectName("writingHelp")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_X11NetWmWindowTypeToolTip)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "#writingHelp { background: #fffbe6; border: 1px solid #8a7a3a; }"
            " QLabel { padding: 2px 8px; color: #1a1a1a; }"
            " QLabel[row='true']:hover { background: #ffe27a; }"
            " QLabel#mark { color: #a00000; font-weight: bold; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        self.mark = QLabel()
        self.mark.setObjectName("mark")
        layout.addWidget(self.mark)
        self.rows: list[QLabel] = []
        for i in range(5):
            row = QLabel()
            row.setProperty("row", True)
            row.setCursor(Qt.CursorShape.PointingHandCursor)
            row.installEventFilter(self)
            row.setProperty("index", i)
            layout.addWidget(row)
            self.rows.append(row)
        self.offer = Offer("none")
        self._shown_at = 0.0

    def show_offer(self, offer: Offer, caret: Rect | None, window: Rect | None) -> None:
        """Show ``offer`` beside ``caret`` (or the focused ``window``); hide it for "none"."""
        self.offer = offer
        if offer.kind == "none" or not offer.words:
            self.hide()
            return
        if offer.kind == "misspelt":
            self.mark.setText(f"{self.tr('Stavefejl:')} {offer.typed}")
        self.mark.setVisible(offer.kind == "misspelt")
        for i, row in enumerate(self.rows):
            if i < len(offer.words):
                row.setText(f"{i + 1}  {offer.words[i]}")
                row.show()
            else:
                row.hide()
        self.adjustSize()
        screen = self.screen().geometry()
        x, y = place(
            (self.width(), self.height()),
            caret,
            window,
            (screen.x(), screen.y(), screen.width(), screen.height()),
        )
        self.move(x, y)
        if not self.isVisible():
            self._shown_at = time.monotonic()
        self.show()
        self.raise_()

    def rect_on_screen(self) -> Rect | None:
        if not self.isVisible():
            return None
        g = self.frameGeometry()
        return g.x(), g.y(), g.width(), g.height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        index = watched.property("index") if isinstance(watched, QLabel) else None
        if index is not None:
            if event.type() == QEvent.Type.MouseButtonPress:
                self.picked.emit(int(index))
                return True
            # A window appearing under a resting pointer is not the user pointing at a word.
            if event.type() == QEvent.Type.Enter and time.monotonic() - self._shown_at > HOVER_AFTER_S:
                self.hovered.emit(int(index))
        return super().eventFilter(watched, event)
