"""Is the keyboard free for synthetic keys? (X11, no Qt.)

Synthetic key events go wherever real ones would go. While a key is physically down they mix
with it (a held Ctrl turns "." into a shortcut; a held I keeps the tray's own chord grab
active, so every key goes to the tray instead of the journal), and while any client holds an
active keyboard grab (a menu, a screen locker, a remote desktop, our own hotkey grab between the
press and release of its key) they go to that client. So before the first key of any insertion
we wait, bounded, until no key is down and a test grab of the keyboard succeeds; if that does
not happen, nothing is sent and the caller is told why.

A passive key grab (our hotkeys, the panel's Ctrl+Alt chords) becomes an active grab when its
key is pressed and ends by itself when that key is released, so "no key down" releases the
product's own grab too; the test grab then proves that no other client holds one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from assistant.errors import InjectionError

log = logging.getLogger(__name__)

KEYBOARD_WAIT_S = 2.0  # how long the user (or another program) may keep the keyboard
POLL_S = 0.01


class KeyboardBusy(InjectionError):
    """A key stayed down, or another program kept the keyboard grabbed: nothing was sent."""

    exit_code = 3

    def __init__(self, why: str) -> None:
        self.why = why  # "key" or "grab"
        if why == "key":
            message = "A key was still held down after 2 seconds, so nothing was typed"
            hint = "Let go of all keys and insert the text again"
        else:
            message = "Another program holds the keyboard (a menu, a locked screen or a remote desktop), so nothing was typed"
            hint = "Close that menu or program and insert the text again"
        super().__init__(message, hint, msgid=f"keyboard.busy-{why}")


def keys_down(disp: Any) -> list[int]:
    """Keycodes the server has down now (any device, XTEST included)."""
    bits = disp.query_keymap()
    return [i * 8 + b for i, byte in enumerate(bits) for b in range(8) if byte & (1 << b)]


def grab_held_elsewhere(disp: Any) -> bool:
    """True when another client holds an active keyboard grab: our own test grab on the root
    window is refused with AlreadyGrabbed (or the keyboard is frozen by a sync grab). A grab we
    get is let go at once."""
    from Xlib import X

    root = disp.screen().root
    status = root.grab_keyboard(False, X.GrabModeAsync, X.GrabModeAsync, X.CurrentTime)
    if status == X.GrabSuccess:
        disp.ungrab_keyboard(X.CurrentTime)
        disp.sync()
        return False
    return status in (X.AlreadyGrabbed, X.GrabFrozen)


def wait_keyboard_free(
    disp: Any,
    timeout: float = KEYBOARD_WAIT_S,
    *,
    ignore: frozenset[int] = frozenset(),
    sleep: Callable[[float], None] = time.sleep,
) -> float:
    """Return once no key is down and no client holds a keyboard grab (seconds waited); raise
    :class:`KeyboardBusy` after ``timeout``. ``ignore``: keycodes that may stay down."""
    start = time.monotonic()
    deadline = start + timeout
    why = "key"
    while True:
        down = [kc for kc in keys_down(disp) if kc not in ignore]
        if not down:
            if not grab_held_elsewhere(disp):
                waited = time.monotonic() - start
                if waited > POLL_S:
                    log.info("waited %.2f s for the keyboard to be free", waited)
                return waited
            why = "grab"
        else:
            why = "key"
        if time.monotonic() > deadline:
            log.info("keyboard not free after %.1f s (%s); nothing typed", timeout, why)
            raise KeyboardBusy(why)
        sleep(POLL_S)
