"""Where our windows go on the screen: on it, and away from the window the user works in."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPoint, QRect, QSize


def place_bar(screen: QRect, target: QRect | None, size: QSize, gap: int = 12) -> QPoint:
    """Where the bar goes: fully on ``screen`` and, if it can, not over ``target`` (the window
    being read): below it, else above, else beside it; without a target, at the bottom centre."""

    def clamp(x: int, y: int) -> QPoint:
        x = min(max(x, screen.left()), screen.right() - size.width() + 1)
        y = min(max(y, screen.top()), screen.bottom() - size.height() + 1)
        return QPoint(x, y)

    bottom = clamp(screen.left() + (screen.width() - size.width()) // 2, screen.bottom() - size.height() - 40)
    if target is None or not target.intersects(screen):
        return bottom
    centre_x = target.left() + (target.width() - size.width()) // 2
    centre_y = target.top() + (target.height() - size.height()) // 2
    candidates = [
        clamp(centre_x, target.bottom() + gap),
        clamp(centre_x, target.top() - gap - size.height()),
        clamp(target.right() + gap, centre_y),
        clamp(target.left() - gap - size.width(), centre_y),
    ]

    def overlap(point: QPoint) -> int:
        common = QRect(point, size).intersected(target)
        return common.width() * common.height() if not common.isEmpty() else 0

    for point in candidates:
        if overlap(point) == 0:
            return point
    corners = [
        clamp(screen.left(), screen.top()),
        clamp(screen.right(), screen.top()),
        clamp(screen.left(), screen.bottom()),
        clamp(screen.right(), screen.bottom()),
        bottom,
    ]
    return min([*candidates, *corners], key=overlap)


def focused_window_rect(environ: Mapping[str, str]) -> QRect | None:
    """The frame of the X11 window that has focus (the one whose text is read), or None."""
    try:
        from assistant.inject.x11 import focused_toplevel, open_display

        disp = open_display(environ)
    except Exception:
        return None
    try:
        window = focused_toplevel(disp)
        if window is None:
            return None
        geometry = window.get_geometry()
        origin = disp.screen().root.translate_coords(window, 0, 0)
        return QRect(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height))
    except Exception:
        return None
    finally:
        disp.close()
