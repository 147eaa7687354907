"""Windows: SendInput with KEYEVENTF_UNICODE, so every character arrives whatever the layout.

Characters outside the Basic Multilingual Plane are sent as their two UTF-16 surrogates, each
a down/up pair. Line breaks and tabs are sent as the Return and Tab keys, because many programs
ignore a Unicode "\\n". Event construction is pure Python (:func:`key_events`) and unit-tested
everywhere; only :meth:`SendInputInjector.type_text` needs Windows.
"""

from __future__ import annotations

import ctypes
import sys
import time

from assistant.errors import InjectionError
from assistant.inject.base import Delivery, WindowRef

INPUT_KEYBOARD = 1
KEYEVENTF_KEYUP = 0x0002
KEYEVENTF_UNICODE = 0x0004
VK_RETURN = 0x0D
VK_TAB = 0x09
VK_BACK = 0x08
# Shift, Ctrl, Alt and the Windows keys: typed while one is held, letters become shortcuts.
MODIFIER_KEYS = (0x10, 0x11, 0x12, 0x5B, 0x5C)
MODIFIER_WAIT_S = 2.0
_KEYS = {"\n": VK_RETURN, "\t": VK_TAB}


def key_events(text: str) -> list[tuple[int, int, int]]:
    """(virtual key, scan code, flags) for each event that types ``text``, in order."""
    events: list[tuple[int, int, int]] = []
    for ch in text:
        vk = _KEYS.get(ch)
        if vk is not None:
            events += [(vk, 0, 0), (vk, 0, KEYEVENTF_KEYUP)]
            continue
        units = ch.encode("utf-16-le")
        for i in range(0, len(units), 2):
            unit = int.from_bytes(units[i : i + 2], "little")
            events += [(0, unit, KEYEVENTF_UNICODE), (0, unit, KEYEVENTF_UNICODE | KEYEVENTF_KEYUP)]
    return events


def _structures():
    from ctypes import wintypes

    ulong_ptr = ctypes.c_size_t

    class KEYBDINPUT(ctypes.Structure):
        _fields_ = (
            ("wVk", wintypes.WORD),
            ("wScan", wintypes.WORD),
            ("dwFlags", wintypes.DWORD),
            ("time", wintypes.DWORD),
            ("dwExtraInfo", ulong_ptr),
        )

    class MOUSEINPUT(ctypes.Structure):
        _fields_ = (
            ("dx", wintypes.LONG),
            ("dy", wintypes.LONG),
            ("mouseData", wintypes.DWORD),
            ("dwFlags", wintypes.DWORD),
            ("time", wintypes.DWORD),
            ("dwExtraInfo", ulong_ptr),
        )

    class _UNION(ctypes.Union):
        _fields_ = (("ki", KEYBDINPUT), ("mi", MOUSEINPUT))

    class INPUT(ctypes.Structure):
        _fields_ = (("type", wintypes.DWORD), ("u", _UNION))

    return INPUT, KEYBDINPUT


def _user32():  # type: ignore[no-untyped-def]
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    user32.GetAsyncKeyState.restype = ctypes.c_short
    return user32


class SendInputInjector:
    name = "sendinput"

    def __init__(self, delay_ms: int = 0) -> None:
        self.delay_ms = delay_ms

    def available(self) -> str | None:
        if sys.platform != "win32":
            return "not Windows"
        return None

    def _wait_for_modifiers(self, user32) -> None:  # type: ignore[no-untyped-def]
        """Wait until Shift/Ctrl/Alt/Windows are released; nothing is typed while one is held."""
        deadline = time.monotonic() + MODIFIER_WAIT_S
        while any(user32.GetAsyncKeyState(vk) & 0x8000 for vk in MODIFIER_KEYS):
            if time.monotonic() > deadline:
                raise InjectionError(
                    "Modifier keys (Ctrl, Alt, Shift or Windows) are held down, so typing would "
                    "trigger shortcuts; nothing was typed",
                    "Release the keys and insert the text again",
                )
            time.sleep(0.02)

    def _send(self, events: list[tuple[int, int, int]]) -> None:
        self._wait_for_modifiers(_user32())
        self._send_raw(events)

    def _send_raw(self, events: list[tuple[int, int, int]]) -> None:
        """Send the events without waiting for held keys (our own Ctrl+V, say)."""
        INPUT, KEYBDINPUT = _structures()
        user32 = _user32()
        batch = 1 if self.delay_ms else len(events)
        for start in range(0, len(events), batch):
            chunk = events[start : start + batch]
            array = (INPUT * len(chunk))()
            for i, (vk, scan, flags) in enumerate(chunk):
                array[i].type = INPUT_KEYBOARD
                array[i].u.ki = KEYBDINPUT(vk, scan, flags, 0, 0)
            sent = user32.SendInput(len(chunk), array, ctypes.sizeof(INPUT))
            if sent != len(chunk):
                raise InjectionError(
                    "Windows blocked the key events (SendInput)",
                    "The target may run as administrator; run the assistant the same way or use paste",
                )
            if self.delay_ms:
                time.sleep(self.delay_ms / 1000)

    def type_text(self, text: str) -> Delivery:
        self._send(key_events(text))
        return Delivery(False, "SendInput accepted every key event")

    def delete_backward(self, count: int) -> None:
        self._send([(VK_BACK, 0, 0), (VK_BACK, 0, KEYEVENTF_KEYUP)] * max(0, count))

    def close(self) -> None:
        pass


class WindowsFocus:
    def available(self) -> str | None:
        return None if sys.platform == "win32" else "not Windows"

    def current(self) -> WindowRef | None:
        user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
        hwnd = user32.GetForegroundWindow()
        if not hwnd:
            return None
        buf = ctypes.create_unicode_buffer(256)
        user32.GetClassNameW(hwnd, buf, 256)
        return WindowRef(id=f"win:{hwnd:#x}", app=buf.value)
