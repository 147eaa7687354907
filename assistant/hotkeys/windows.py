"""Global hotkeys on Windows: RegisterHotKey on a thread of our own, with its own message loop.

Windows sends WM_HOTKEY for the press only, so a release is found by watching the key
(GetAsyncKeyState) every 20 ms while it is held; MOD_NOREPEAT keeps auto-repeat from firing the
hotkey again. A chord another program has registered fails with ERROR_HOTKEY_ALREADY_REGISTERED:
that is reported for that key (the others still work), never raised. Everything registered is
unregistered by the same thread when :meth:`WindowsHotkeyGrabber.stop` ends its loop.
Same interface as :class:`assistant.hotkeys.x11.X11HotkeyGrabber`.
"""

from __future__ import annotations

import ctypes
import logging
import time
from collections.abc import Mapping

from assistant.errors import AssistantError
from assistant.hotkeys.base import GrabberThread
from assistant.hotkeys.combo import Combo, parse_combo
from assistant.hotkeys.x11 import GrabResult, HotkeyCallback
from assistant.log import log_failure

log = logging.getLogger(__name__)

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
_MODS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "super": MOD_WIN}
WM_HOTKEY, WM_QUIT = 0x0312, 0x0012
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
POLL_MS = 20  # how often a held hotkey is checked for its release
_INFINITE = 0xFFFFFFFF
_QS_ALLINPUT = 0x04FF
_PM_REMOVE = 0x0001

# Virtual-key codes for the key names combo.py uses (X11 keysym names).
_VK = {
    "space": 0x20,
    "Return": 0x0D,
    "Tab": 0x09,
    "Escape": 0x1B,
    "BackSpace": 0x08,
    "Delete": 0x2E,
    "Insert": 0x2D,
    "Home": 0x24,
    "End": 0x23,
    "Prior": 0x21,
    "Next": 0x22,
    "Up": 0x26,
    "Down": 0x28,
    "Left": 0x25,
    "Right": 0x27,
    "Pause": 0x13,
    "Print": 0x2C,
    "Scroll_Lock": 0x91,
    "Menu": 0x5D,
    **{f"F{n}": 0x70 + n - 1 for n in range(1, 25)},
}


def _user32():  # type: ignore[no-untyped-def]
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    user32.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
    user32.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.GetAsyncKeyState.restype = ctypes.c_short
    user32.VkKeyScanW.restype = ctypes.c_short
    user32.PeekMessageW.argtypes = [
        ctypes.POINTER(wintypes.MSG),
        wintypes.HWND,
        wintypes.UINT,
        wintypes.UINT,
        wintypes.UINT,
    ]
    user32.MsgWaitForMultipleObjects.argtypes = [
        wintypes.DWORD,
        ctypes.c_void_p,
        wintypes.BOOL,
        wintypes.DWORD,
        wintypes.DWORD,
    ]
    user32.MsgWaitForMultipleObjects.restype = wintypes.DWORD
    user32.PostThreadMessageW.argtypes = [wintypes.DWORD, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
    return user32


def virtual_key(user32, key: str) -> int | None:  # type: ignore[no-untyped-def]
    """The virtual-key code of a combo's key on this keyboard layout, None if it has none."""
    if key in _VK:
        return _VK[key]
    if len(key) == 1 and key.isascii() and key.isalnum():
        return ord(key.upper())
    if len(key) == 1:
        scan = user32.VkKeyScanW(ord(key))  # the layout's key for æ, ø, å, punctuation
        return None if scan == -1 else scan & 0xFF
    return None


class WindowsHotkeyGrabber(GrabberThread):
    """Registers a set of named combinations on its own thread."""

    thread_name = "hotkeys-windows"
    late_message = "Windows did not answer the hotkey registration in time"

    def __init__(self, on_event: HotkeyCallback, environ: Mapping[str, str] | None = None) -> None:
        super().__init__(on_event)
        self._thread_id = 0
        self.held_seconds: dict[str, float] = {}

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if self._thread_id:
            _user32().PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        thread.join(10)

    def _register(self, user32, bindings: dict[str, str]) -> dict[int, tuple[str, int]]:  # type: ignore[no-untyped-def]
        registered: dict[int, tuple[str, int]] = {}
        results: list[GrabResult] = []
        for name, text in bindings.items():
            if not text.strip():
                continue
            try:
                combo: Combo = parse_combo(text)
            except AssistantError as exc:
                results.append(GrabResult(name, text, exc.message))
                continue
            vk = virtual_key(user32, combo.key)
            if vk is None:
                results.append(GrabResult(name, str(combo), f"'{combo.key}' has no key on this keyboard"))
                continue
            mods = MOD_NOREPEAT
            for modifier in combo.modifiers:
                mods |= _MODS[modifier]
            ident = len(registered) + 1
            if user32.RegisterHotKey(None, ident, mods, vk):
                registered[ident] = (name, vk)
                results.append(GrabResult(name, str(combo), None))
                continue
            code = ctypes.get_last_error()
            problem = (
                f"{combo} is already used by another program"
                if code == ERROR_HOTKEY_ALREADY_REGISTERED
                else f"Windows refused {combo} (error {code})"
            )
            results.append(GrabResult(name, str(combo), problem))
        self.results = results
        return registered

    def _run(self, bindings: dict[str, str]) -> None:
        from ctypes import wintypes

        user32 = _user32()
        self._thread_id = ctypes.WinDLL("kernel32").GetCurrentThreadId()  # type: ignore[attr-defined]
        msg = wintypes.MSG()
        # A thread gets its message queue on its first call that needs one: make it before we
        # are "ready", so a stop() posted right after start() is not lost.
        user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, 0)
        registered = self._register(user32, bindings)
        self._ready.set()
        held: dict[int, float] = {}  # hotkey id -> when it was pressed
        try:
            while True:
                wait = POLL_MS if held else _INFINITE
                user32.MsgWaitForMultipleObjects(0, None, False, wait, _QS_ALLINPUT)
                while user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, _PM_REMOVE):
                    if msg.message == WM_QUIT:
                        return
                    if msg.message == WM_HOTKEY and msg.wParam in registered and msg.wParam not in held:
                        held[msg.wParam] = time.monotonic()
                        self._deliver(registered[msg.wParam][0], True)
                for ident in [i for i in held if not user32.GetAsyncKeyState(registered[i][1]) & 0x8000]:
                    name = registered[ident][0]
                    self.held_seconds[name] = time.monotonic() - held.pop(ident)
                    self._deliver(name, False)
        finally:
            for ident in registered:
                user32.UnregisterHotKey(None, ident)
            self._thread_id = 0

    def _deliver(self, name: str, pressed: bool) -> None:
        try:
            self._on_event(name, pressed)
        except Exception:
            log_failure(log, "hotkey callback failed")
