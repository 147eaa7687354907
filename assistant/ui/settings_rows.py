"""The Settings window's rows that are more than one plain control: the background colour (a
swatch, a colour dialog, "no colour") and the insertion methods (ticked and ordered by dragging)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from assistant.config.schema import SCHEMA
from assistant.ui.flow import FlowLayout


class SpecialRows:
    """Mixed into the Settings window: needs ``app``, ``save(key, value) -> bool`` and ``tr``."""

    # No stubs here: a ``tr`` defined on the mixin would shadow QObject.tr (and its translations).
    app: Any

    def _colour_row(self, key: str, value: str) -> QWidget:
        holder = QWidget()
        row = FlowLayout(holder)  # wraps at a large size instead of widening the page
        button = QPushButton(self.tr("Vælg farve …"))
        swatch = QLabel()
        swatch.setFixedSize(48, 28)
        none = QPushButton(self.tr("Ingen farve"))

        def show(colour: str) -> None:
            swatch.setStyleSheet(f"background: {colour or '#ffffff'}; border: 1px solid #444444;")
            swatch.setAccessibleName(colour or self.tr("ingen"))

        def pick() -> None:
            chosen = QColorDialog.getColor(
                QColor(self.app.config[key] or "#ffffff"), self, self.tr("Baggrundsfarve")
            )
            if chosen.isValid() and self.save(key, chosen.name()):
                show(chosen.name())

        def clear() -> None:
            if self.save(key, ""):
                show("")

        button.clicked.connect(pick)
        none.clicked.connect(clear)
        show(value)
        row.addWidget(swatch)
        row.addWidget(button)
        row.addWidget(none)
        holder.swatch = swatch  # type: ignore[attr-defined]
        return holder

    def _injection_name(self, name: str) -> str:
        names = {
            "xtest": self.tr("Tastetryk (X11)"),
            "clipboard": self.tr("Indsæt via udklipsholderen"),
            "wayland": self.tr("Tastetryk (Wayland)"),
            "sendinput": self.tr("Tastetryk (Windows)"),
            "macos": self.tr("Tastetryk (macOS)"),
        }
        return names.get(name, name)

    def _order_row(self, key: str, value: list[str]) -> QWidget:
        """Insertion methods: tick the ones to use, drag to order; none ticked is "automatic"."""
        items = QListWidget()
        items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # Only the ways this desktop can use (no Wayland, Windows or macOS boxes on X11).
        usable = _usable_injection(self.app.environ)
        choices = [c for c in SCHEMA[key].item_choices or () if c in usable]
        for name in [*[v for v in value if v in usable], *[c for c in choices if c not in value]]:
            item = QListWidgetItem(self._injection_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in value else Qt.CheckState.Unchecked)
            items.addItem(item)
        items.setMaximumHeight(items.sizeHintForRow(0) * (len(choices) + 1) + 8)
        items.setMinimumWidth(items.sizeHintForColumn(0) + 2 * items.frameWidth() + 8)

        def changed(*_: object) -> None:
            chosen = [
                items.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(items.count())
                if items.item(i).checkState() == Qt.CheckState.Checked
            ]
            self.save(key, chosen)

        items.itemChanged.connect(changed)
        items.model().rowsMoved.connect(changed)
        items.setToolTip(
            self.tr("Sæt flueben ved de måder, der må bruges, og træk dem i rækkefølge. Ingen: automatisk.")
        )
        return items


def _usable_injection(environ) -> set[str]:  # type: ignore[no-untyped-def]
    """Insertion methods that can work in this kind of session (the clipboard works everywhere)."""
    from assistant.desktop import detect_session

    session = detect_session(environ)
    own = {"x11": "xtest", "wayland": "wayland", "windows": "sendinput", "macos": "macos"}.get(session)
    usable = {"clipboard"} | ({own} if own else set())
    if session == "wayland" and environ.get("DISPLAY"):
        usable.add("xtest")  # XWayland windows still take X11 key events
    return usable
