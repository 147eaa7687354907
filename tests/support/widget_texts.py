"""What a widget shows as text, by its kind: for the tests that check every string a user sees."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)


def shown_texts(widget: QWidget) -> list[str]:
    """The text a label, button, group box, line edit, combo box or list shows (its items, its
    title, its placeholder); nothing for other widgets (tables differ by test: each reads its own)."""
    if isinstance(widget, (QLabel, QAbstractButton)):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        return [widget.item(i).text() for i in range(widget.count())]
    return []
