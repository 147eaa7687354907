"""The keyboard map as XTEST events see it, and the spare keycodes borrowed for characters the
layout lacks (see :mod:`assistant.inject.xtest`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from assistant.errors import InjectionError

log = logging.getLogger(__name__)

GRACE_S = 0.5  # spare keycodes stay mapped this long after the last key event (see xtest)


class XKeyboard:
    """The layout as XTEST events will see it, and the spare keycodes we may borrow."""

    def __init__(self, disp: Any) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        self._X = X
        self._xtest = xtest
        self.disp = disp
        self.min_kc = disp.display.info.min_keycode
        self.max_kc = disp.display.info.max_keycode
        self.borrowed: dict[int, int] = {}  # keysym -> spare keycode holding it now
        self._last_use: dict[int, float] = {}  # spare keycode -> monotonic time of last event
        self._original: dict[int, list[int]] = {}
        # Waits until targets have decoded the keys sent up to a time (set by the injector).
        self.drain: Callable[[float], None] = self._grace
        self.reload()

    @staticmethod
    def _grace(last: float) -> None:
        pause = last + GRACE_S - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def reload(self) -> None:
        mapping = self.disp.get_keyboard_mapping(self.min_kc, self.max_kc - self.min_kc + 1)
        self.width = len(mapping[0]) if mapping else 2
        modmap = self.disp.get_modifier_mapping()
        modifier_keys = {kc for row in modmap for kc in row if kc}
        self.layout: dict[int, tuple[int, bool]] = {}
        self.spare: list[int] = []
        for offset, syms in enumerate(mapping):
            kc = self.min_kc + offset
            syms = list(syms)
            if not any(syms):
                if kc not in modifier_keys:
                    self.spare.append(kc)
                continue
            if kc in self._original or kc in self.borrowed.values():
                continue
            for level in (0, 1):
                sym = syms[level] if level < len(syms) else 0
                if sym and sym not in self.layout:
                    self.layout[sym] = (kc, level == 1)
        self.spare = [kc for kc in self.spare if kc not in self.borrowed.values()] + list(
            self.borrowed.values()
        )
        self.shift_kc = modmap[X_SHIFT_INDEX][0] if modmap[X_SHIFT_INDEX][0] else None
        self.keycode_of = {sym: kc for sym, (kc, shifted) in self.layout.items() if not shifted}

    def key_for(self, sym: int) -> tuple[int, bool] | None:
        if sym in self.borrowed:
            return self.borrowed[sym], False
        return self.layout.get(sym)

    def borrow(self, syms: list[int]) -> None:
        """Map ``syms`` onto spare keycodes in one batch (evicting the least recently used)."""
        free = [kc for kc in self.spare if kc not in self.borrowed.values()]
        if len(syms) > len(free) + len(self.borrowed):
            raise InjectionError(
                f"The keyboard map has only {len(self.spare)} spare keys for {len(syms)} characters",
                "Type the text in smaller pieces",
            )
        # Key events sent so far must be processed (and delivered) by the server before any
        # keycode changes meaning: python-xlib buffers requests, and the server would otherwise
        # apply the new map first and hand the earlier keys to clients under it.
        self.disp.sync()
        keep = set(syms)
        evictable = sorted(
            (kc for sym, kc in self.borrowed.items() if sym not in keep),
            key=lambda kc: self._last_use.get(kc, 0.0),
        )
        wait_until = 0.0
        for sym in syms:
            if free:
                kc = free.pop(0)
            else:
                kc = evictable.pop(0)
                wait_until = max(wait_until, self._last_use.get(kc, 0.0))
                old = next(s for s, k in self.borrowed.items() if k == kc)
                del self.borrowed[old]
            self.borrowed[sym] = kc
        if wait_until:
            # A target may still be decoding earlier events with the evicted keysym.
            self.drain(wait_until)
        for sym in syms:
            kc = self.borrowed[sym]
            self._original.setdefault(kc, [0] * self.width)
            self.disp.change_keyboard_mapping(kc, [[sym, sym] + [0] * (self.width - 2)])
        self.disp.sync()
        log.debug("borrowed %d spare keycodes", len(syms))

    def used(self, kc: int, when: float) -> None:
        if kc in self._original:
            self._last_use[kc] = when

    def restore(self) -> None:
        self.disp.sync()
        for kc, syms in self._original.items():
            self.disp.change_keyboard_mapping(kc, [list(syms)])
        self._original.clear()
        self.borrowed.clear()
        self._last_use.clear()
        self.disp.sync()

    def last_use(self) -> float:
        return max(self._last_use.values(), default=0.0)


X_SHIFT_INDEX = 0
