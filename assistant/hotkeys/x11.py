"""Global hotkeys on X11: XGrabKey on the root window, events read on one thread (no Qt here).

Each combination is grabbed four times, with and without NumLock and CapsLock, because X
matches modifiers exactly. A key another program has grabbed fails with BadAccess: that is
reported as a conflict for that key (the others still work), never raised. Events are passed
to one plain callback ``on_event(name, pressed)`` on the hotkey thread; it must return quickly
(the tray re-emits them as Qt signals). Key auto-repeat (release+press with the same time) is
swallowed, so push-to-talk sees one press and one release.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.errors import AssistantError, EngineUnavailable
from assistant.hotkeys.base import GrabberThread
from assistant.hotkeys.combo import Combo, parse_combo
from assistant.log import log_failure

log = logging.getLogger(__name__)

HotkeyCallback = Callable[[str, bool], None]
REPEAT_WAIT_SECONDS = 0.05  # how long a release waits for an auto-repeat press to follow it


@dataclass(frozen=True)
class GrabResult:
    name: str
    combo: str
    problem: str | None  # None: grabbed; else why not (conflict, unknown key, bad text)

    @property
    def ok(self) -> bool:
        return self.problem is None


def _keysym_for(key: str) -> int:
    from Xlib import XK

    if len(key) == 1:
        code = ord(key)
        if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
            return code  # Latin-1 keysyms equal their code point
        return 0x1000000 + code
    return XK.string_to_keysym(key)


class X11HotkeyGrabber(GrabberThread):
    """Grabs a set of named combinations on its own X connection and thread."""

    thread_name = "hotkeys-x11"
    late_message = "The X server did not answer the hotkey grab in time"

    def __init__(self, on_event: HotkeyCallback, environ: Mapping[str, str] | None = None) -> None:
        super().__init__(on_event)
        env = os.environ if environ is None else environ
        self._display_name = env.get("DISPLAY", "")
        # How long each key was last held, by the X server's clock (not the GUI's, which lags on
        # a busy machine): set before its release is delivered.
        self.held_seconds: dict[str, float] = {}
        self._pressed_at: dict[int, int] = {}
        self._wake_r, self._wake_w = -1, -1
        self._stopping = False

    # -- public ---------------------------------------------------------------------------------
    def _before_start(self) -> None:
        self._wake_r, self._wake_w = os.pipe()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping = True
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")
        thread.join(10)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._wake_r = self._wake_w = -1
        self._stopping = False

    # -- the thread -------------------------------------------------------------------------------
    def _run(self, bindings: dict[str, str]) -> None:
        from Xlib import X
        from Xlib import display as xdisplay
        from Xlib import error as xerror

        try:
            disp = xdisplay.Display(self._display_name or None)
        except Exception as exc:  # Xlib raises several kinds for an unreachable display
            self._error = EngineUnavailable(
                f"Cannot connect to the X display for hotkeys ({type(exc).__name__})"
            )
            self._ready.set()
            return
        root = disp.screen().root
        numlock = self._numlock_mask(disp)
        variants = sorted({0, X.LockMask, numlock, numlock | X.LockMask})
        mod_masks = {
            "ctrl": X.ControlMask,
            "alt": X.Mod1Mask,
            "shift": X.ShiftMask,
            "super": X.Mod4Mask,
        }
        table: dict[tuple[int, int], str] = {}
        grabbed: list[tuple[int, int]] = []
        results: list[GrabResult] = []
        for name, text in bindings.items():
            if not text:
                continue
            try:
                combo: Combo = parse_combo(text)
            except AssistantError as exc:
                results.append(GrabResult(name, text, exc.message))
                continue
            keycode = disp.keysym_to_keycode(_keysym_for(combo.key))
            if not keycode:
                results.append(GrabResult(name, text, f"the key '{combo.key}' is not on this keyboard"))
                continue
            mods = 0
            for m in combo.modifiers:
                mods |= mod_masks[m]
            if (keycode, mods) in table:
                results.append(GrabResult(name, text, f"the same keys as '{table[(keycode, mods)]}'"))
                continue
            catch = xerror.CatchError(xerror.BadAccess)
            mine = []
            for extra in variants:
                root.grab_key(keycode, mods | extra, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catch)
                mine.append((keycode, mods | extra))
            disp.sync()
            if catch.get_error() is not None:
                for kc, m in mine:
                    root.ungrab_key(kc, m)
                disp.sync()
                results.append(GrabResult(name, text, "another program already uses this key combination"))
                log.warning("hotkey %s (%s): conflict, another program holds it", name, text)
                continue
            grabbed.extend(mine)
            table[(keycode, mods)] = name
            results.append(GrabResult(name, text, None))
        self.results = results
        self._ready.set()
        log.info("hotkeys grabbed: %s", ", ".join(r.name for r in results if r.ok) or "none")
        relevant = X.ControlMask | X.Mod1Mask | X.ShiftMask | X.Mod4Mask
        pushed_back = None
        down: dict[int, str] = {}  # keycode -> binding held down now
        try:
            while not self._stopping:
                if pushed_back is None and not disp.pending_events():
                    readable, _, _ = select.select([disp.fileno(), self._wake_r], [], [], 1.0)
                    if self._wake_r in readable:
                        break
                    if not disp.pending_events():
                        continue
                event = pushed_back or disp.next_event()
                pushed_back = None
                if event.type not in (X.KeyPress, X.KeyRelease):
                    continue
                if event.type == X.KeyPress:
                    name = table.get((event.detail, event.state & relevant))
                    if name is None or down.get(event.detail) == name:
                        continue  # not ours, or a repeat of a key still held
                    down[event.detail] = name
                    self._pressed_at[event.detail] = event.time
                else:
                    # The modifiers may be let go first: a release matches by key alone.
                    name = down.get(event.detail)
                    if name is None:
                        continue
                if event.type == X.KeyRelease and not disp.pending_events():
                    # Auto-repeat sends the press right after the release; on a busy machine it
                    # may not have been read yet: give it a moment before calling this a release.
                    select.select([disp.fileno()], [], [], REPEAT_WAIT_SECONDS)
                if event.type == X.KeyRelease and disp.pending_events():
                    following = disp.next_event()
                    if (
                        following.type == X.KeyPress
                        and following.detail == event.detail
                        and following.time == event.time
                    ):
                        continue  # auto-repeat: neither a release nor a new press
                    pushed_back = following
                if event.type == X.KeyRelease:
                    del down[event.detail]
                    pressed_at = self._pressed_at.pop(event.detail, event.time)
                    self.held_seconds[name] = ((event.time - pressed_at) & 0xFFFFFFFF) / 1000
                self._deliver(name, event.type == X.KeyPress)
        except Exception:
            log_failure(log, "hotkey thread failed")
        finally:
            try:
                for kc, m in grabbed:
                    root.ungrab_key(kc, m)
                disp.sync()
                disp.close()
            except Exception:
                log.info("hotkey ungrab on a closed display")

    def _deliver(self, name: str, pressed: bool) -> None:
        try:
            self._on_event(name, pressed)
        except Exception:
            log_failure(log, "hotkey callback failed")

    @staticmethod
    def _numlock_mask(disp) -> int:  # type: ignore[no-untyped-def]
        from Xlib import XK, X

        numlock = disp.keysym_to_keycode(XK.string_to_keysym("Num_Lock"))
        masks = (
            X.ShiftMask,
            X.LockMask,
            X.ControlMask,
            X.Mod1Mask,
            X.Mod2Mask,
            X.Mod3Mask,
            X.Mod4Mask,
            X.Mod5Mask,
        )
        for index, keycodes in enumerate(disp.get_modifier_mapping()):
            if numlock and numlock in keycodes:
                return masks[index]
        return X.Mod2Mask
