"""Where the user is typing, for writing help: the focused window, its text field (AT-SPI), the
caret's place on the screen, and whether the field must be left alone (a password field, or a
program IT listed). One thread at a time (the writing-help worker); nothing read is kept."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.inject.base import WindowRef

log = logging.getLogger(__name__)

Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class Spot:
    window: WindowRef | None
    window_rect: Rect | None  # the focused window on the screen
    caret: Rect | None  # the caret on the screen (AT-SPI), None where not published
    readable: bool  # the field's text can be read back
    hidden: bool  # a password field or a program IT listed: offer nothing


class CaretWatch:
    def __init__(self, environ: Mapping[str, str], ignored_apps: Iterable[str] = ()) -> None:
        from assistant.inject import focus_tracker
        from assistant.inject.atspi import AtSpi

        self._environ = dict(environ)
        self.atspi = AtSpi(self._environ)
        try:
            self._focus = focus_tracker(self._environ)
        except Exception:
            self._focus = None
        self._ignored = {a.lower() for a in ignored_apps}
        self._window: WindowRef | None = None
        self.field: Any = None
        self._disp: Any = None

    def window(self) -> WindowRef | None:
        try:
            return self._focus.current() if self._focus is not None else None
        except Exception:
            return None

    def look(self, fresh: bool = False) -> Spot:
        """Where the caret is now; ``fresh`` looks for the focused field again (a word begins,
        the caret moved), else the field found last in the same window is asked."""
        window = self.window()
        if window is not None and window.app.lower() in self._ignored:
            return Spot(window, None, None, False, True)
        if fresh or window != self._window or self.field is None:
            self._window = window
            self.field = self.atspi.focused_field(window) if window is not None else None
            log.debug(
                "writing help: window %s, field %s",
                window.app if window is not None else None,
                "none" if self.field is None else "secret" if self.field.secret else "text",
            )
        caret = self.atspi.caret_rect(self.field) if self.field is not None else None
        if caret is None and self.field is not None and not fresh:
            self.field = self.atspi.focused_field(window)  # the field may have changed
            caret = self.atspi.caret_rect(self.field) if self.field is not None else None
        secret = bool(self.field is not None and self.field.secret)
        rect = self._window_rect(window) if caret is None else None
        return Spot(window, rect, caret, self.field is not None and not secret, secret)

    def before_caret(self, count: int) -> str | None:
        if self.field is None:
            return None
        return self.atspi.text_before_caret(self.field, count)

    def _window_rect(self, window: WindowRef | None) -> Rect | None:
        if window is None or not window.id.startswith("x11:"):
            return None
        try:
            if self._disp is None:
                from assistant.inject.x11 import open_display

                self._disp = open_display(self._environ)
            win = self._disp.create_resource_object("window", int(window.id.removeprefix("x11:"), 0))
            geo = win.get_geometry()
            pos = win.translate_coords(self._disp.screen().root, 0, 0)
            return -pos.x, -pos.y, int(geo.width), int(geo.height)
        except Exception as exc:
            log.info("writing help: window geometry unknown (%s)", type(exc).__name__)
            return None

    def close(self) -> None:
        self.atspi.close()
        if self._disp is not None:
            self._disp.close()
            self._disp = None
        close = getattr(self._focus, "close", None)
        if close is not None:
            close()
