"""Pieces of the Settings window that stand alone: hotkeys as people read them and as settings,
the hotkey grabber's reasons in the UI's language, and the page list (titles left, page right)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from assistant.ui.messages import message_for

_KEY_NAMES = {"space": "Space", "return": "Return", "escape": "Esc", "page_up": "PgUp", "page_down": "PgDown"}
_QT_MODIFIERS = {"ctrl": "ctrl", "alt": "alt", "shift": "shift", "meta": "super"}


def combo_text(setting: str) -> str:
    """A hotkey setting ("<ctrl>+<alt>+d") as people read it: "Ctrl+Alt+D" ("" when off)."""
    if not setting.strip():
        return ""
    parts = []
    for part in setting.split("+"):
        name = part.strip()
        name = name[1:-1] if name.startswith("<") and name.endswith(">") else name
        low = name.lower()
        if low in ("ctrl", "control"):
            parts.append("Ctrl")
        elif low in ("super", "cmd", "win", "meta"):
            parts.append("Meta")
        elif low in ("alt", "shift"):
            parts.append(low.capitalize())
        elif low in _KEY_NAMES:
            parts.append(_KEY_NAMES[low])
        else:
            parts.append(
                name.upper() if len(name) == 1 else name.capitalize() if len(name) > 3 else name.upper()
            )
    return "+".join(parts)


def combo_setting(sequence: QKeySequence) -> str:
    """What QKeySequenceEdit recorded (its first chord) as a setting: "Ctrl+Alt+D" -> "<ctrl>+<alt>+d"."""
    if sequence.isEmpty():
        return ""
    text = QKeySequence(sequence[0]).toString(QKeySequence.SequenceFormat.PortableText)
    parts = text.split("+") if text != "+" else ["+"]
    if text.endswith("++"):
        parts = [*text[:-2].split("+"), "+"]
    out = []
    for part in parts:
        low = part.lower()
        if low in _QT_MODIFIERS:
            out.append(f"<{_QT_MODIFIERS[low]}>")
        elif len(part) == 1:
            out.append(part.lower())
        else:
            named = {"esc": "esc", "pgup": "page_up", "pgdown": "page_down", "ins": "insert", "del": "delete"}
            out.append(f"<{named.get(low, low)}>")
    return "+".join(out)


class Pages(QWidget):
    """Page titles in a list on the left, the chosen page on the right (QTabWidget's API subset)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setFixedWidth(150)
        self.list.setSpacing(6)  # big, separate targets
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        row.addWidget(self.list)
        row.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)

    def addTab(self, page: QWidget, title: str) -> int:
        # A page taller than a small screen (large text, 150 % scaling) scrolls, so the window
        # itself always fits; its rows wrap rather than grow sideways.
        for form in page.findChildren(QFormLayout) + (
            [page.layout()] if isinstance(page.layout(), QFormLayout) else []
        ):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        # As wide as the longest title at this text size (never cut "Indsættelse").
        need = max(self.list.sizeHintForColumn(0), self.list.fontMetrics().horizontalAdvance(title) + 12)
        need += 2 * (self.list.spacing() + self.list.frameWidth()) + 8
        self.list.setFixedWidth(max(self.list.width(), need))
        self.list.addItem(title)
        if self.list.count() == 1:
            self.list.setCurrentRow(0)
        return self.stack.count() - 1

    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget:
        return self.stack.widget(index).widget()

    def tabText(self, index: int) -> str:
        return self.list.item(index).text()

    def setCurrentIndex(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def currentIndex(self) -> int:
        return self.stack.currentIndex()


def hotkey_problem_text(context: QObject, problem: str) -> str:
    """The hotkey grabber's English reason in the UI's language."""
    return message_for("engine", None, {}, problem, None)
