"""Dyslexia-friendly look: a large readable sans-serif, generous spacing, big click targets and
an optional tinted background for text, all from the settings (ui.font_size, ui.tint,
ui.line_spacing)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

# Fonts known to read well for people with dyslexia, best first; the first installed one wins.
PREFERRED_FONTS = (
    "Atkinson Hyperlegible",
    "Lexend",
    "OpenDyslexic",
    "Verdana",
    "Tahoma",
    "Segoe UI",
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
)


def readable_family() -> str:
    families = set(QFontDatabase.families())
    for name in PREFERRED_FONTS:
        if name in families:
            return name
    return QApplication.font().family()


def apply_style(qt_app: QApplication, config) -> None:  # type: ignore[no-untyped-def]
    size = int(config["ui.font_size"])
    font = QFont(readable_family(), size)
    qt_app.setFont(font)
    tint = config["ui.tint"] or "#ffffff"
    qt_app.setStyleSheet(
        f"""
        QPushButton, QToolButton {{ min-height: {size * 2 + 8}px; padding: 4px 14px; }}
        QComboBox, QLineEdit, QSpinBox {{ min-height: {size * 2}px; }}
        QTextEdit#readingText, QTextBrowser#readingText, QPlainTextEdit#readingText {{
            background: {tint}; color: #1a1a1a; padding: 8px;
        }}
        QLabel#hint {{ color: #444444; }}
        QLabel#problem {{ color: #a00000; font-weight: bold; }}
        """
    )


def set_line_spacing(edit: QTextEdit, percent: int) -> None:
    """Proportional line spacing for the whole document of ``edit``."""
    cursor = QTextCursor(edit.document())
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(float(percent), 1)  # 1 = QTextBlockFormat.ProportionalHeight
    cursor.mergeBlockFormat(block)


def announce(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tell screen readers (Orca through AT-SPI; NVDA through UI Automation) about a change of
    state, such as "Pause" or a problem, without moving focus."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
