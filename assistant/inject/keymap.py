"""The keyboard map as XTEST events see it, and the spare keycodes borrowed for characters the
layout lacks (see :mod:`assistant.inject.xtest`)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from assistant.errors import InjectionError

log = logging.getLogger(__name__)

GRACE_S = 0.5  # spare keycodes stay mapped this long after the last key event (see xtest)
CONFIRM_S = 1.0  # how long the server may take to report a changed key map


def busy_factor() -> float:
    """How many times longer than on an idle PC a target may take to handle its keys now: the
    processes ready to run per core (from /proc/loadavg; 1 where it cannot be read), at most 8."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
        cores = len(os.sched_getaffinity(0))
    except (OSError, ValueError, IndexError, AttributeError):
        return 1.0
    return max(1.0, min(8.0, running / max(1, cores)))


class KeymapFull(InjectionError):
    """A character could not be put on a key (no spare keycode left, or the server did not take
    the new map): typing stopped after ``typed`` characters of this call."""

    exit_code = 3

    def __init__(
        self, typed: int, why: str = "no spare key left for a character missing from the layout"
    ) -> None:
        super().__init__(
            f"Typing stopped: {why}; {typed} characters were typed", "Use the clipboard backend for this text"
        )
        self.typed = typed


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
        self._rows: dict[int, list[int]] = {}  # keycode -> its keysyms before we borrowed it
        # Waits until targets have decoded the keys sent up to a time (set by the injector).
        self.drain: Callable[[float], None] = self._grace
        self.reload()

    @staticmethod
    def _grace(last: float) -> None:
        pause = last + GRACE_S * busy_factor() - time.monotonic()
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
            if kc not in self._original:
                self._rows[kc] = syms
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
        held = set(self.borrowed.values())
        self.spare = [kc for kc in self.spare if kc not in held] + list(held)
        self.shift_kc = modmap[X_SHIFT_INDEX][0] if modmap[X_SHIFT_INDEX][0] else None
        self.keycode_of = {sym: kc for sym, (kc, shifted) in self.layout.items() if not shifted}

    def key_for(self, sym: int) -> tuple[int, bool] | None:
        if sym in self.borrowed:
            return self.borrowed[sym], False
        return self.layout.get(sym)

    def borrow(self, syms: list[int], keep: set[int] | frozenset[int] = frozenset(), typed: int = 0) -> None:
        """Map ``syms`` onto spare keycodes in one batch, evicting the least recently used keysym
        that is not in ``keep`` (the borrowed keysyms the next keys still need). Returns once
        the server has reported the new map and reads it back (else :class:`KeymapFull`)."""
        free = [kc for kc in self.spare if kc not in self.borrowed.values()]
        keep = set(syms) | set(keep)
        evictable_count = sum(1 for sym in self.borrowed if sym not in keep)
        if len(syms) > len(free) + evictable_count:
            raise KeymapFull(typed)
        # Key events sent so far must be processed (and delivered) by the server before any
        # keycode changes meaning: python-xlib buffers requests, and the server would otherwise
        # apply the new map first and hand the earlier keys to clients under it.
        self.disp.sync()
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
        self._drop_mapping_events()
        for sym in syms:
            kc = self.borrowed[sym]
            self._original.setdefault(kc, list(self._rows.get(kc, [0] * self.width)))
            self.disp.change_keyboard_mapping(kc, [[sym, sym] + [0] * (self.width - 2)])
        self.disp.sync()
        self._confirm({self.borrowed[sym]: sym for sym in syms}, typed)
        log.debug("borrowed %d spare keycodes", len(syms))

    def _drop_mapping_events(self) -> None:
        """Forget queued events (earlier MappingNotify), so only the coming ones confirm."""
        while self.disp.pending_events():
            self.disp.next_event()

    def _confirm(self, wanted: dict[int, int], typed: int) -> None:
        """Wait until the server has announced the change of every keycode in ``wanted``
        (MappingNotify, which every client gets before any later key event) and reads the new
        keysyms back; a key is typed only then."""
        from Xlib import X

        pending = set(wanted)
        deadline = time.monotonic() + CONFIRM_S
        while pending and time.monotonic() < deadline:
            while self.disp.pending_events():
                ev = self.disp.next_event()
                if ev.type == X.MappingNotify and ev.request == X.MappingKeyboard:
                    pending -= set(range(ev.first_keycode, ev.first_keycode + ev.count))
            if pending:
                time.sleep(0.002)
        low, high = min(wanted), max(wanted)
        rows = self.disp.get_keyboard_mapping(low, high - low + 1)
        wrong = [kc for kc, sym in wanted.items() if list(rows[kc - low])[:1] != [sym]]
        if pending or wrong:
            log.info(
                "key map change not confirmed (%d unannounced, %d not read back)", len(pending), len(wrong)
            )
            raise KeymapFull(typed, "the X server did not take the changed keyboard map")

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
