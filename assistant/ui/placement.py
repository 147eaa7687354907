"""Where our windows go on the screen: on it, and away from the window the user works in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)


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


def to_logical(rect: QRect) -> QRect:
    """X11 (device) pixels -> Qt's logical pixels, which differ under QT_SCALE_FACTOR or HiDPI."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() is not None else None
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    if ratio == 1.0:
        return rect
    return QRect(
        round(rect.x() / ratio),
        round(rect.y() / ratio),
        round(rect.width() / ratio),
        round(rect.height() / ratio),
    )


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
        return to_logical(QRect(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height)))
    except Exception:
        return None
    finally:
        disp.close()


# -- fitting and placing any of our windows ---------------------------------------------------------
FRAME_GUESS = QSize(8, 34)  # a window manager's border and title bar, before the window is shown
MARGIN = 8


def frame_extra(window: QWidget) -> QSize:
    """What the window manager adds around ``window`` (a guess until it has been shown)."""
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        if frame.size() != inner.size():
            return frame.size() - inner.size()
    if window.windowFlags() & Qt.WindowType.FramelessWindowHint:
        return QSize(0, 0)
    return QSize(FRAME_GUESS)


def screen_area(near: QRect | None = None, window: QWidget | None = None) -> QRect:
    """The available geometry (without panels and docks) of the screen ``near`` is on, else the
    window's own screen, else the primary screen."""
    screen = QGuiApplication.screenAt(near.center()) if near is not None else None
    if screen is None and window is not None and window.isVisible():
        screen = window.screen()
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def needed_height(window: QWidget, width: int) -> int:
    """The height ``window``'s layout needs at ``width`` (rows that wrap included), counted from
    its widgets' own current sizes: Qt's layout caches lag behind a text or minimum just changed."""
    layout = window.layout()
    if layout is None:
        return window.sizeHint().height()
    layout.invalidate()
    layout.activate()
    return max(_item_height(layout, width), layout.totalMinimumSize().height())


def _widget_height(widget: QWidget, width: int) -> int:
    policy = widget.sizePolicy()
    if widget.hasHeightForWidth() or policy.hasHeightForWidth():
        base = widget.heightForWidth(width)
    elif policy.verticalPolicy() == QSizePolicy.Policy.Ignored:
        base = 0
    elif policy.verticalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
        base = widget.minimumSizeHint().height()
    else:
        base = max(widget.sizeHint().height(), widget.minimumSizeHint().height())
    return max(base, widget.minimumHeight())


def _item_height(item: QLayoutItem, width: int) -> int:
    widget = item.widget()
    if widget is not None:
        return 0 if widget.isHidden() else _widget_height(widget, width)
    layout = item.layout()
    if layout is None:
        return 0 if item.isEmpty() else item.minimumSize().height()
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    if isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.TopToBottom,
        QBoxLayout.Direction.BottomToTop,
    ):
        heights = [_item_height(layout.itemAt(i), inner) for i in range(layout.count())]
        shown = [h for i, h in enumerate(heights) if not layout.itemAt(i).isEmpty()]
        spacing = layout.spacing() * max(0, len(shown) - 1)
        return sum(shown) + spacing + margins.top() + margins.bottom()
    if isinstance(layout, QBoxLayout):  # one row: its tallest item
        heights = [_item_height(layout.itemAt(i), inner) for i in range(layout.count())]
        return max(heights, default=0) + margins.top() + margins.bottom()
    if layout.hasHeightForWidth():
        return layout.heightForWidth(width)
    return layout.minimumSize().height()


def scrolling_layout(window: QWidget) -> QVBoxLayout:
    """A layout for ``window``'s contents inside a vertical scroll area (``window.content``): on
    a small screen at a large size the window still fits, and what does not fit scrolls instead
    of being squeezed on top of each other."""
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget()
    inner = QVBoxLayout(content)
    scroll.setWidget(content)
    outer.addWidget(scroll)
    window.content = content  # type: ignore[attr-defined]
    return inner


def fit_to_area(window: QWidget, area: QRect, preferred: QSize) -> QSize:
    """Size ``window`` (inside its frame) to ``preferred`` or less so that it fits ``area``, never
    narrower than its layout allows; the height is what the layout needs at that width. Returns
    the outer (frame) size."""
    extra = frame_extra(window)
    room = QSize(area.width() - extra.width() - 2 * MARGIN, area.height() - extra.height() - 2 * MARGIN)
    body = getattr(window, "content", None) or window  # the part that needs room, see scrolling_layout
    minimum = body.minimumSizeHint().expandedTo(window.minimumSizeHint())
    width = max(min(preferred.width(), room.width()), min(minimum.width(), room.width()))
    # Counted at the width left beside a scroll bar: rows wrapped a little narrower fit either way.
    bar = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) if body is not window else 0
    need = needed_height(body, width - bar)
    if body is not window and body.layout() is not None and body.layout().hasHeightForWidth():
        # What the scroll area will give the contents (preferred heights, not minimums).
        need = max(need, body.layout().totalHeightForWidth(width - bar))
    if body is not window:
        body.setMinimumHeight(need)  # the scroll area gives its contents no less (wrapped rows)
    height = min(max(preferred.height(), need), room.height())
    window.setMinimumSize(
        min(minimum.width(), room.width()), min(need, room.height()) if body is window else 0
    )
    window.resize(width, height)
    return QSize(width, height) + extra


def our_windows(exclude: Iterable[QWidget] = ()) -> list[QRect]:
    """Frames of our own windows on screen (the panel, the reader bar, settings, …)."""
    skip = set(map(id, exclude))
    rects = []
    for widget in QApplication.topLevelWidgets():
        kind = widget.windowType()
        if (
            id(widget) in skip
            or not widget.isVisible()
            or kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
        ):
            continue
        rects.append(widget.frameGeometry())
    return rects


def choose_spot(area: QRect, size: QSize, tiers: list[list[QRect]], gap: int = 12) -> QPoint:
    """A place for a window of ``size`` (frame) in ``area`` that covers none of ``tiers`` if it
    can; otherwise the least of the first tier, then of the second, and so on (the first tier is
    what must stay visible: the caret and the lines just written)."""

    def clamp(x: int, y: int) -> QPoint:
        x = min(max(x, area.left() + MARGIN), area.right() - size.width() - MARGIN + 1)
        y = min(max(y, area.top() + MARGIN), area.bottom() - size.height() - MARGIN + 1)
        return QPoint(x, y)

    candidates = []
    for rect in (r for tier in tiers for r in tier):
        cx = rect.left() + (rect.width() - size.width()) // 2
        cy = rect.top() + (rect.height() - size.height()) // 2
        candidates += [
            clamp(cx, rect.bottom() + gap),
            clamp(cx, rect.top() - gap - size.height()),
            clamp(rect.right() + gap, cy),
            clamp(rect.left() - gap - size.width(), cy),
            clamp(rect.left(), rect.bottom() + gap),
            clamp(rect.right() - size.width(), rect.bottom() + gap),
            clamp(rect.left(), rect.top() - gap - size.height()),
            clamp(rect.right() - size.width(), rect.top() - gap - size.height()),
            clamp(rect.right() + gap, rect.top()),
            clamp(rect.left() - gap - size.width(), rect.top()),
            clamp(rect.right() + gap, rect.bottom() - size.height()),
            clamp(rect.left() - gap - size.width(), rect.bottom() - size.height()),
        ]
    centre_x = area.left() + (area.width() - size.width()) // 2
    candidates += [
        clamp(centre_x, area.bottom()),
        clamp(area.right(), area.bottom()),
        clamp(area.left(), area.bottom()),
        clamp(area.right(), area.top()),
        clamp(area.left(), area.top()),
        clamp(centre_x, area.top()),
    ]

    # min keeps the first of equals: the order of the candidates is the preference
    return min(candidates, key=lambda point: spot_cost(size, tiers, point))


def spot_cost(size: QSize, tiers: list[list[QRect]], point: QPoint) -> tuple[int, ...]:
    """How much of each tier a window of ``size`` at ``point`` covers (square pixels)."""
    box = QRect(point, size)
    out = []
    for tier in tiers:
        covered = 0
        for rect in tier:
            common = box.intersected(rect)
            covered += 0 if common.isEmpty() else common.width() * common.height()
        out.append(covered)
    return tuple(out)


def show_window(window: QWidget, preferred: QSize, avoid: Iterable[QWidget] = ()) -> None:
    """Show one of our ordinary windows fitted to its screen, away from our other windows (the
    panel above all, which stays on top and would otherwise hide part of it)."""
    area = screen_area(window=window)
    size = fit_to_area(window, area, preferred)
    others = [w.frameGeometry() for w in avoid if w is not window and w.isVisible()]
    if not window.isVisible():
        window.move(choose_spot(area, size, [others]))
    window.show()


def set_stays_on_top(window: QWidget, on_top: bool) -> None:
    """Keep ``window`` above other windows, or not. A shown window is changed on its native window
    (setWindowFlags would hide it, and show it again elsewhere): it stays where it is."""
    handle = window.windowHandle()
    if handle is not None and window.isVisible():
        handle.setFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
    flags = window.windowFlags()
    wanted = (
        flags | Qt.WindowType.WindowStaysOnTopHint if on_top else flags & ~Qt.WindowType.WindowStaysOnTopHint
    )
    if wanted != flags:
        if window.isVisible():
            window.overrideWindowFlags(wanted)
        else:
            window.setWindowFlags(wanted)


def stays_on_top(window: QWidget) -> bool:
    """Whether ``window`` is kept above other windows (as the native window has it, once there is one)."""
    handle = window.windowHandle()
    flags = handle.flags() if handle is not None else window.windowFlags()
    return bool(flags & Qt.WindowType.WindowStaysOnTopHint)
