"""Where the dictation panel goes and how big it is: on the screen of the window the user
dictates into, never over the caret and the lines just written (from AT-SPI where the field
publishes its caret, else clear of the window's first lines), beside that window when there is
room, never over another of our windows; five lines of text where the screen allows, the rest
in a scroll area rather than squeezed. Mixed into :class:`DictationPanel`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, QTimer, Slot
from PySide6.QtWidgets import QWidget

PANEL_WIDTH = 720  # the width it is given where the screen has room
FRAME_SETTLE_MS = 150
MIN_HEIGHT = 200  # shorter than this, the panel is no use: it may then cover the lines
FIRST_LINES = 160  # of the focused window, kept visible when its caret is unknown


class PanelPlacement:
    """Needs the panel's ``controller``, ``content``, ``scroll``, ``text``, ``action_row``,
    ``_line_spacing``, ``_target``, ``_caret``, ``_yielded``, ``_caret_tasks`` and
    ``caret_located``; no ``tr`` or other QObject method is defined here (it would shadow Qt's)."""

    controller: Any
    content: Any
    scroll: Any
    text: Any
    action_row: Any
    caret_located: Any
    _line_spacing: int
    _target: QRect | None
    _caret: QRect | None
    _yielded: set[Any]
    _caret_tasks: Any

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
        from assistant.ui.placement import set_stays_on_top

        set_stays_on_top(self, on_top)

    @property
    def on_top(self) -> bool:
        from assistant.ui.placement import stays_on_top

        return stays_on_top(self)

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
