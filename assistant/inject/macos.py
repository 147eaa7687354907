"""macOS: CGEvent keyboard events carrying Unicode strings (CGEventKeyboardSetUnicodeString).

The text is sent in chunks of at most 20 UTF-16 units (the limit the API honours), never
splitting a surrogate pair; line breaks and tabs are the Return (36) and Tab (48) keys. The
process needs the Accessibility permission (System Settings > Privacy & Security).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time

from assistant.errors import InjectionError
from assistant.inject.base import Delivery

MAX_UNITS = 20
KEY_RETURN = 36
KEY_TAB = 48
KEY_DELETE = 51
_KEYS = {"\n": KEY_RETURN, "\t": KEY_TAB}


def chunks(text: str) -> list[str | int]:
    """Pieces to post in order: strings of <= 20 UTF-16 units, or key codes for \\n and \\t."""
    out: list[str | int] = []
    current = ""
    units = 0
    for ch in text:
        if ch in _KEYS:
            if current:
                out.append(current)
            out.append(_KEYS[ch])
            current, units = "", 0
            continue
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > MAX_UNITS:
            out.append(current)
            current, units = "", 0
        current += ch
        units += width
    if current:
        out.append(current)
    return out


class MacInjector:
    name = "macos"

    def __init__(self, delay_ms: int = 0) -> None:
        self.delay_ms = delay_ms
        self._cg = None

    def available(self) -> str | None:
        if sys.platform != "darwin":
            return "not macOS"
        path = ctypes.util.find_library("ApplicationServices")
        if not path:
            return "ApplicationServices framework not found"
        services = ctypes.cdll.LoadLibrary(path)
        if not services.AXIsProcessTrusted():
            return "no Accessibility permission: allow the assistant in System Settings > Privacy & Security"
        return None

    def _lib(self):
        if self._cg is None:
            cg = ctypes.cdll.LoadLibrary(ctypes.util.find_library("ApplicationServices"))
            cg.CGEventCreateKeyboardEvent.restype = ctypes.c_void_p
            cg.CGEventCreateKeyboardEvent.argtypes = (ctypes.c_void_p, ctypes.c_uint16, ctypes.c_bool)
            cg.CGEventKeyboardSetUnicodeString.argtypes = (
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(ctypes.c_uint16),
            )
            cg.CGEventPost.argtypes = (ctypes.c_uint32, ctypes.c_void_p)
            cg.CFRelease.argtypes = (ctypes.c_void_p,)
            self._cg = cg
        return self._cg

    def _post(self, keycode: int, text: str | None) -> None:
        cg = self._lib()
        for down in (True, False):
            event = cg.CGEventCreateKeyboardEvent(None, keycode, down)
            if not event:
                raise InjectionError(
                    "macOS refused to create a key event", "Check the Accessibility permission"
                )
            if text is not None:
                data = text.encode("utf-16-le")
                units = (ctypes.c_uint16 * (len(data) // 2)).from_buffer_copy(data)
                cg.CGEventKeyboardSetUnicodeString(event, len(units), units)
            cg.CGEventPost(0, event)  # kCGHIDEventTap
            cg.CFRelease(event)
        time.sleep(self.delay_ms / 1000 if self.delay_ms else 0.002)

    def type_text(self, text: str) -> Delivery:
        for piece in chunks(text):
            if isinstance(piece, int):
                self._post(piece, None)
            else:
                self._post(0, piece)
        return Delivery(False, "macOS accepted every key event")

    def delete_backward(self, count: int) -> None:
        for _ in range(max(0, count)):
            self._post(KEY_DELETE, None)

    def close(self) -> None:
        pass
