"""X11 typing through the XTEST extension, exact for any Unicode text and any layout.

Characters the active layout has on a key (unshifted or with Shift) are typed with that key.
Every other character (``é`` on a Danish layout, ``æøå`` on a US one, ``@`` behind AltGr) is
first mapped, all at once, onto a spare keycode as ``[keysym, keysym]``; clients refresh their
keymap from the MappingNotify that arrives before the key events. The spare keycodes are
restored only after a grace period, because a client that refreshes its keymap lazily must
still find the borrowed keysyms while it works through the queued key events.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from assistant.errors import InjectionError
from assistant.inject import x11
from assistant.inject.base import Delivery, FocusLost
from assistant.inject.keyboard import wait_keyboard_free
from assistant.inject.keymap import GRACE_S, KeymapFull, XKeyboard, busy_factor
from assistant.log import describe

log = logging.getLogger(__name__)

SETTLE_S = 0.05  # after changing the keymap, before the first key event
GRACE_PER_CHAR_S = 0.0015  # ... plus this per character typed, for slow targets
# Before a spare keycode gets another character the target must have decoded the earlier key
# events (clients fetch the new keymap lazily, so a late decode would use the next batch's map).
# Windows that answer _NET_WM_PING (Qt, GTK, Chromium) are pinged: the answer comes after every
# earlier event was handled. Others (xterm) get GRACE_S after the last key.
PING_TIMEOUT_S = 0.5  # a window that does not answer by then is not pinged again
GUARD_EVERY = 48  # with a focus guard, focus is checked again after this many keys


class XTestInjector:
    """Type text with synthetic key events that every X11 client accepts (xterm included)."""

    name = "xtest"

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        delay_ms: int = 0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self.delay_ms = delay_ms
        self._sleep = sleep
        self._disp: Any = None
        self._kb: XKeyboard | None = None
        self._typed_since_borrow = 0
        self._guard: int | None = None
        self._grabbed = False
        self._pings = 0
        self._silent: set[int] = set()  # windows that did not answer a ping

    # -- Backend -----------------------------------------------------------------------------
    def available(self) -> str | None:
        reason = x11.x11_reason(self._environ)
        if reason:
            return reason
        disp = x11.open_display(self._environ)
        try:
            if not disp.has_extension("XTEST"):
                return f"XTEST extension missing on {self._environ.get('DISPLAY', '')}"
        finally:
            disp.close()
        return None

    def _connect(self) -> tuple[Any, XKeyboard]:
        if self._disp is None:
            self._disp = x11.open_display(self._environ)
            if not self._disp.has_extension("XTEST"):
                raise InjectionError(
                    f"XTEST extension missing on {self._environ.get('DISPLAY', '')}",
                    "Use the clipboard backend: assistant type --backend clipboard",
                )
            self._kb = None
        if self._kb is None:
            self._kb = XKeyboard(self._disp)
            self._kb.drain = self._drain
        # The server switches the core keymap to that of the device that sent the last event;
        # send one harmless event from the XTEST device first, then read the keymap.
        from Xlib import X
        from Xlib.ext import xtest

        if self._kb.spare:
            xtest.fake_input(self._disp, X.KeyRelease, self._kb.spare[0])
        self._disp.sync()
        self._kb.reload()
        return self._disp, self._kb

    def _press(self, kc: int, down: bool) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        xtest.fake_input(self._disp, X.KeyPress if down else X.KeyRelease, kc)

    def _wait_for_keyboard(self) -> int:
        """Wait until no key is down and no client holds a keyboard grab (see
        :mod:`assistant.inject.keyboard`); returns the pointer's modifier mask (for Caps Lock)."""
        wait_keyboard_free(self._disp)
        return self._disp.screen().root.query_pointer().mask

    def type_text(self, text: str) -> Delivery:
        if not text:
            return Delivery(True, "nothing to type")
        disp, kb = self._connect()
        mask = self._wait_for_keyboard()
        from Xlib import X

        syms = [x11.char_keysym(ch) for ch in text]
        for i, ch in enumerate(text):
            legacy = x11.LEGACY_KEYSYMS.get(ch)
            if legacy and kb.key_for(syms[i]) is None and legacy in kb.layout:
                syms[i] = legacy
        missing: list[int] = []
        for sym in syms:
            if kb.key_for(sym) is None and sym not in missing:
                missing.append(sym)
        segments = self._segments(syms, missing, kb)
        missing_set = set(missing)
        caps_kc = kb.keycode_of.get(x11.KEYSYM_CAPS_LOCK)
        caps_on = bool(mask & X.LockMask) and caps_kc is not None
        if caps_on:
            self._press(caps_kc, True)
            self._press(caps_kc, False)
        shift_down = False
        typed = 0
        try:
            for segment in segments:
                borrowed = {s for s in segment if s in missing_set}
                need = [s for s in dict.fromkeys(segment) if kb.key_for(s) is None]
                if need:
                    # Never under the server grab: targets must be free to fetch the new map.
                    kb.borrow(need, keep=borrowed, typed=typed)
                    self._sleep(SETTLE_S)
                self._hold(typed)
                try:
                    for sym in segment:
                        hit = kb.key_for(sym)
                        if hit is None:  # cannot happen after borrow(); stop cleanly if it does
                            raise KeymapFull(typed)
                        kc, shifted = hit
                        if shifted != shift_down and kb.shift_kc:
                            self._press(kb.shift_kc, shifted)
                            shift_down = shifted
                        self._press(kc, True)
                        self._press(kc, False)
                        typed += 1
                        kb.used(kc, time.monotonic())
                        if self.delay_ms:
                            self._release()
                            disp.flush()
                            self._sleep(self.delay_ms / 1000)
                            if typed < len(syms):
                                self._hold(typed)
                        elif self._guard is not None and typed % GUARD_EVERY == 0 and typed < len(syms):
                            self._release()  # let other clients run, then check focus again
                            self._hold(typed)
                finally:
                    self._release()
                kb._last_use.update(dict.fromkeys(kb.borrowed.values(), time.monotonic()))
        finally:
            if shift_down and kb.shift_kc:
                self._press(kb.shift_kc, False)
            if caps_on:
                self._press(caps_kc, True)
                self._press(caps_kc, False)
            disp.sync()
        self._typed_since_borrow += len(text)
        log.debug("xtest typed %s (%d spare keycodes)", describe(text), len(kb.borrowed))
        return Delivery(False, "all key events were accepted by the X server")

    @staticmethod
    def _segments(syms: list[int], missing: list[int], kb: XKeyboard) -> list[list[int]]:
        """Split so that no segment needs more borrowed keysyms than there are spare keys."""
        capacity = len(kb.spare)
        if len(missing) <= capacity:
            return [syms]
        if capacity == 0:
            raise KeymapFull(0)
        missing_set = set(missing)
        segments: list[list[int]] = []
        current: list[int] = []
        used: set[int] = set()
        for sym in syms:
            if sym in missing_set and sym not in used and len(used) == capacity:
                segments.append(current)
                current, used = [], set()
            if sym in missing_set:
                used.add(sym)
            current.append(sym)
        segments.append(current)
        return segments

    # -- waiting for the target to decode what was sent -------------------------------------------
    def _drain(self, last: float, chars: int = 0) -> None:
        """Return once the focused window has handled every key sent so far (see PING_TIMEOUT_S);
        without an answer, wait GRACE_S (plus GRACE_PER_CHAR_S for each of ``chars``) after
        ``last``, the time of the last key."""
        disp = self._disp
        disp.sync()
        try:
            if self._ping_focused(disp):
                return
        except Exception as exc:  # a window that vanished: fall back to waiting
            log.debug("ping failed: %s", type(exc).__name__)
        # On a busy PC the target works through its keys more slowly: wait longer.
        pause = last + (GRACE_S + GRACE_PER_CHAR_S * chars) * busy_factor() - time.monotonic()
        if pause > 0:
            self._sleep(pause)

    def _ping_focused(self, disp: Any) -> bool:
        from Xlib import X
        from Xlib.protocol import event as xevent

        win = x11.focused_toplevel(disp)
        client = x11.ping_window(disp, win) if win is not None else None
        if client is None or client.id in self._silent:
            return False
        root = disp.screen().root
        protocols = disp.intern_atom("WM_PROTOCOLS")
        ping = disp.intern_atom("_NET_WM_PING")
        self._pings += 1
        stamp = (int(time.monotonic() * 1000) + self._pings) & 0x7FFFFFFF
        root.change_attributes(event_mask=X.SubstructureNotifyMask)
        try:
            message = xevent.ClientMessage(
                window=client, client_type=protocols, data=(32, [ping, stamp, client.id, 0, 0])
            )
            client.send_event(message, event_mask=0)
            disp.flush()
            deadline = time.monotonic() + PING_TIMEOUT_S
            while time.monotonic() < deadline:
                while disp.pending_events():
                    ev = disp.next_event()
                    if (
                        ev.type == X.ClientMessage
                        and ev.client_type == protocols
                        and ev.data[1][0] == ping
                        and ev.data[1][1] == stamp
                    ):
                        return True
                time.sleep(0.002)
            self._silent.add(client.id)  # Qt lists _NET_WM_PING but did not answer here
            return False
        finally:
            root.change_attributes(event_mask=X.NoEventMask)
            disp.sync()

    # -- focus guard: the focus check and the keys it allows are one atomic step -------------------
    def set_focus_guard(self, window_id: str | None) -> None:
        """Type only while the top-level window ``window_id`` ("x11:0x...") has focus: before
        each run of keys the server is grabbed, focus is checked on this same connection and
        the keys are sent, so no other client can move focus in between."""
        self._guard = int(window_id.removeprefix("x11:"), 16) if window_id else None

    def _hold(self, typed: int) -> None:
        if self._guard is None:
            return
        disp = self._disp
        disp.grab_server()
        self._grabbed = True
        try:
            win = x11.focused_toplevel(disp)
            ok = win is not None and int(win.id) == self._guard
        except Exception:
            ok = False
        if not ok:
            self._release()
            disp.sync()
            raise FocusLost(typed)

    def _release(self) -> None:
        if self._grabbed:
            self._grabbed = False
            self._disp.ungrab_server()
            self._disp.flush()

    def delete_backward(self, count: int) -> None:
        if count <= 0:
            return
        disp, kb = self._connect()
        self._wait_for_keyboard()
        kc = kb.keycode_of.get(x11.KEYSYM_BACKSPACE)
        if kc is None:
            raise InjectionError("The keyboard map has no BackSpace key", None)
        for _ in range(count):
            self._press(kc, True)
            self._press(kc, False)
            if self.delay_ms:
                disp.flush()
                self._sleep(self.delay_ms / 1000)
        disp.sync()

    def select_backward(self, count: int) -> None:
        """Extend a selection ``count`` characters to the left of the cursor (Shift+Left)."""
        if count <= 0:
            return
        disp, kb = self._connect()
        self._wait_for_keyboard()
        left = kb.keycode_of.get(x11.KEYSYM_LEFT)
        if left is None or kb.shift_kc is None:
            raise InjectionError("The keyboard map has no Left or Shift key", None)
        self._hold(0)  # with a focus guard: only while that window has focus
        try:
            self._press(kb.shift_kc, True)
            for _ in range(count):
                self._press(left, True)
                self._press(left, False)
            self._press(kb.shift_kc, False)
        finally:
            self._release()
        disp.sync()

    def press_key(self, keysym: int) -> None:
        """Press and release one key that is on the layout (e.g. Right to drop a selection)."""
        disp, kb = self._connect()
        self._wait_for_keyboard()
        kc = kb.keycode_of.get(keysym)
        if kc is None:
            raise InjectionError("The keyboard map lacks a key that is needed here", None)
        self._press(kc, True)
        self._press(kc, False)
        disp.sync()

    def press_combo(self, keysyms: list[int]) -> None:
        """Press keys in order and release them in reverse (e.g. Control_L + v)."""
        disp, kb = self._connect()
        self._wait_for_keyboard()
        codes = []
        for sym in keysyms:
            hit = kb.key_for(sym)
            if hit is None:
                kb.borrow([sym])
                self._sleep(SETTLE_S)
                hit = kb.key_for(sym)
            codes.append(hit[0])  # type: ignore[index]
        for kc in codes:
            self._press(kc, True)
        for kc in reversed(codes):
            self._press(kc, False)
        for kc in codes:
            kb.used(kc, time.monotonic())
        disp.sync()

    def finish(self) -> None:
        """Give the borrowed keycodes back once targets have had time to decode the typed keys
        (after every insertion, so the user's keymap is only borrowed while we type)."""
        if self._disp is None or self._kb is None or not self._kb.borrowed:
            return
        self._drain(self._kb.last_use(), self._typed_since_borrow)
        self._kb.restore()
        self._typed_since_borrow = 0

    def close(self) -> None:
        """Restore borrowed keycodes (see :meth:`finish`) and disconnect."""
        if self._disp is None:
            return
        try:
            self.finish()
        finally:
            self._disp.close()
            self._disp = None
            self._kb = None
            self._typed_since_borrow = 0
