"""Is the focused Windows control a password box? (Win32, no UI Automation.)

A classic EDIT control (and the RichEdit and common-control boxes built on it) that hides its
characters answers EM_GETPASSWORDCHAR with the mask character, across processes, without any
accessibility layer. The product never types into such a box, as it never types into an AT-SPI
PASSWORD_TEXT field on Linux. Controls that draw themselves (browsers, WPF, UWP) say it only
through UI Automation's IsPassword, which is not asked here yet: a documented limit.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes

EM_GETPASSWORDCHAR = 0x00D2
ES_PASSWORD = 0x0020
GWL_STYLE = -16


class _GUITHREADINFO(ctypes.Structure):
    _fields_ = [
        ("cbSize", wintypes.DWORD),
        ("flags", wintypes.DWORD),
        ("hwndActive", wintypes.HWND),
        ("hwndFocus", wintypes.HWND),
        ("hwndCapture", wintypes.HWND),
        ("hwndMenuOwner", wintypes.HWND),
        ("hwndMoveSize", wintypes.HWND),
        ("hwndCaret", wintypes.HWND),
        ("rcCaret", wintypes.RECT),
    ]


def focused_control(foreground: int) -> int | None:
    """The control with keyboard focus inside the top-level window ``foreground`` (another
    process's window included), or None."""
    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
    user32.GetWindowThreadProcessId.restype = wintypes.DWORD
    user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.c_void_p]
    user32.GetGUIThreadInfo.argtypes = [wintypes.DWORD, ctypes.POINTER(_GUITHREADINFO)]
    thread = user32.GetWindowThreadProcessId(foreground, None)
    info = _GUITHREADINFO(cbSize=ctypes.sizeof(_GUITHREADINFO))
    if not thread or not user32.GetGUIThreadInfo(thread, ctypes.byref(info)):
        return None
    return int(info.hwndFocus or 0) or None


def is_password_control(hwnd: int) -> bool:
    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
    user32.SendMessageTimeoutW.restype = ctypes.c_ssize_t
    user32.SendMessageTimeoutW.argtypes = [
        wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM,
        wintypes.UINT, wintypes.UINT, ctypes.POINTER(ctypes.c_size_t),
    ]  # fmt: skip
    user32.GetWindowLongW.restype = ctypes.c_long
    user32.GetWindowLongW.argtypes = [wintypes.HWND, ctypes.c_int]
    if user32.GetWindowLongW(hwnd, GWL_STYLE) & ES_PASSWORD:
        return True
    mask = ctypes.c_size_t(0)
    # A hung target must not hang the insertion: 200 ms, then "not known to be secret".
    answered = user32.SendMessageTimeoutW(hwnd, EM_GETPASSWORDCHAR, 0, 0, 0x0002, 200, ctypes.byref(mask))
    return bool(answered and mask.value)


def focused_is_password(window_id: str | None) -> bool:
    """True when the focused control of the window ``win:0x…`` (a WindowRef id) hides its
    characters. False off Windows, or when it cannot be told."""
    if sys.platform != "win32" or not window_id or not window_id.startswith("win:"):
        return False
    try:
        control = focused_control(int(window_id[4:], 16))
        return control is not None and is_password_control(control)
    except (OSError, ValueError):
        return False
