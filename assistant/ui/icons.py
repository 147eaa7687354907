"""Tray icons drawn at run time, so each state is recognisable by shape and colour alike."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# Colour plus a distinct mark per state: colour alone fails for colour-blind users.
STATE_COLOURS = {
    "idle": "#3b6ea5",
    "listening": "#c62828",
    "working": "#ef8f00",
    "error": "#6d6d6d",
}


def state_icon(state: str, size: int = 64) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS.get(state, STATE_COLOURS["idle"]))
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    # A microphone capsule in white; listening fills it, error crosses it out.
    pen = QPen(QColor("white"), size * 0.08)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    capsule = QPainterPath()
    capsule.addRoundedRect(
        QRectF(size * 0.38, size * 0.2, size * 0.24, size * 0.38), size * 0.12, size * 0.12
    )
    if state == "listening":
        painter.setBrush(QColor("white"))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(capsule)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(size * 0.28, size * 0.3, size * 0.44, size * 0.4), 200 * 16, 140 * 16)
    painter.drawLine(int(size * 0.5), int(size * 0.7), int(size * 0.5), int(size * 0.8))
    if state == "working":
        painter.drawPoint(int(size * 0.8), int(size * 0.8))
    if state == "error":
        painter.drawLine(int(size * 0.25), int(size * 0.25), int(size * 0.75), int(size * 0.75))
    painter.end()
    return QIcon(pixmap)
