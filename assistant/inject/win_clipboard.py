"""Windows: insert text by pasting it, and give the user's clipboard back afterwards.

Every clipboard format held in global memory is copied first (text, rich text, HTML, DIB
images, files, the formats programs register for themselves). Our text is then offered by
delayed rendering: Windows sends us WM_RENDERFORMAT when the target reads it after Ctrl+V, which
is the confirmation that the target took the text (``Delivery.verified``). The text is marked so
that clipboard history, cloud clipboard and clipboard monitors leave it alone. Then the saved
formats are put back. Formats held as GDI objects (CF_BITMAP, CF_PALETTE, metafiles) are not
copied; Windows makes CF_BITMAP again from the DIB it is given back.
"""

from __future__ import annotations

import ctypes
import sys
import time
from ctypes import wintypes

from assistant.errors import InjectionError
from assistant.inject.base import Delivery
from assistant.inject.sendinput import KEYEVENTF_KEYUP, SendInputInjector

CF_UNICODETEXT = 13
_GDI_FORMATS = {2, 3, 9, 14, 0x82, 0x83, 0x8E}  # bitmap, metafiles, palette (+ their DSP forms)
_PRIVATE = {  # data of these registered formats: how monitors and history must treat ours
    "ExcludeClipboardContentFromMonitorProcessing": b"\0",
    "CanIncludeInClipboardHistory": (0).to_bytes(4, "little"),
    "CanUploadToCloudClipboard": (0).to_bytes(4, "little"),
}
WM_RENDERFORMAT, WM_RENDERALLFORMATS, WM_DESTROYCLIPBOARD = 0x0305, 0x0306, 0x0307
GMEM_MOVEABLE = 0x0002
HWND_MESSAGE = -3
VK_CONTROL, VK_V = 0x11, 0x56
REQUEST_WAIT_S = 2.0  # how long the target may take to read the pasted text
# WINFUNCTYPE exists only in Windows' ctypes; the module must still import elsewhere (the
# registry lists every backend with its reason for not running).
_WNDPROC = (
    ctypes.WINFUNCTYPE(ctypes.c_ssize_t, wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM)  # type: ignore[attr-defined]
    if sys.platform == "win32"
    else None
)


def _apis():  # type: ignore[no-untyped-def]
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    for name, res, args in (
        ("GetClipboardData", ctypes.c_void_p, [wintypes.UINT]),
        ("SetClipboardData", ctypes.c_void_p, [wintypes.UINT, ctypes.c_void_p]),
        ("OpenClipboard", wintypes.BOOL, [wintypes.HWND]),
        ("EnumClipboardFormats", wintypes.UINT, [wintypes.UINT]),
        ("RegisterClipboardFormatW", wintypes.UINT, [wintypes.LPCWSTR]),
        ("DefWindowProcW", ctypes.c_ssize_t, [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]),
        ("CreateWindowExW", wintypes.HWND, [wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
                                            ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                            wintypes.HWND, wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID]),
        ("DestroyWindow", wintypes.BOOL, [wintypes.HWND]),
        ("PeekMessageW", wintypes.BOOL, [ctypes.POINTER(wintypes.MSG), wintypes.HWND, wintypes.UINT,
                                         wintypes.UINT, wintypes.UINT]),
        ("DispatchMessageW", ctypes.c_ssize_t, [ctypes.POINTER(wintypes.MSG)]),
    ):  # fmt: skip
        getattr(user32, name).restype = res
        getattr(user32, name).argtypes = args
    kernel32.GlobalAlloc.restype = ctypes.c_void_p
    kernel32.GlobalAlloc.argtypes = [wintypes.UINT, ctypes.c_size_t]
    kernel32.GlobalLock.restype = ctypes.c_void_p
    kernel32.GlobalLock.argtypes = [ctypes.c_void_p]
    kernel32.GlobalUnlock.argtypes = [ctypes.c_void_p]
    kernel32.GlobalSize.restype = ctypes.c_size_t
    kernel32.GlobalSize.argtypes = [ctypes.c_void_p]
    return user32, kernel32


def _global(kernel32, data: bytes) -> int:  # type: ignore[no-untyped-def]
    handle = kernel32.GlobalAlloc(GMEM_MOVEABLE, max(1, len(data)))
    if not handle:
        raise InjectionError("Windows has no memory for the clipboard", None)
    pointer = kernel32.GlobalLock(handle)
    ctypes.memmove(pointer, data, len(data))
    kernel32.GlobalUnlock(handle)
    return handle


class WindowsClipboardInjector:
    name = "clipboard"

    def __init__(self) -> None:
        self._text = ""
        self.requested = False

    def available(self) -> str | None:
        return None if sys.platform == "win32" else "not Windows"

    # -- the clipboard ---------------------------------------------------------------------------
    def _open(self, user32, hwnd) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 2.0
        while not user32.OpenClipboard(hwnd):  # another program may hold it for a moment
            if time.monotonic() > deadline:
                raise InjectionError(
                    "Another program keeps the clipboard open, so nothing was pasted", "Try again"
                )
            time.sleep(0.02)

    def snapshot(self, user32, kernel32, hwnd) -> list[tuple[int, bytes]]:  # type: ignore[no-untyped-def]
        """Every format held in global memory, with its bytes, in the clipboard's order."""
        self._open(user32, hwnd)
        saved: list[tuple[int, bytes]] = []
        try:
            fmt = user32.EnumClipboardFormats(0)
            while fmt:
                if fmt not in _GDI_FORMATS:
                    handle = user32.GetClipboardData(fmt)
                    pointer = kernel32.GlobalLock(handle) if handle else None
                    if pointer:
                        saved.append((fmt, ctypes.string_at(pointer, kernel32.GlobalSize(handle))))
                        kernel32.GlobalUnlock(handle)
                fmt = user32.EnumClipboardFormats(fmt)
        finally:
            user32.CloseClipboard()
        return saved

    def restore(self, user32, kernel32, hwnd, saved: list[tuple[int, bytes]]) -> None:  # type: ignore[no-untyped-def]
        self._open(user32, hwnd)
        try:
            user32.EmptyClipboard()
            for fmt, data in saved:
                user32.SetClipboardData(fmt, _global(kernel32, data))
        finally:
            user32.CloseClipboard()

    # -- the injector -----------------------------------------------------------------------------
    def type_text(self, text: str) -> Delivery:
        if not text:
            return Delivery(True, "nothing to paste")
        user32, kernel32 = _apis()
        keys = SendInputInjector()
        self._text, self.requested = text.replace("\n", "\r\n"), False

        def proc(hwnd, msg, wparam, lparam):  # type: ignore[no-untyped-def]
            if msg == WM_RENDERFORMAT and wparam == CF_UNICODETEXT:
                data = (self._text + "\0").encode("utf-16-le")
                user32.SetClipboardData(CF_UNICODETEXT, _global(kernel32, data))
                self.requested = True
                return 0
            if msg in (WM_RENDERALLFORMATS, WM_DESTROYCLIPBOARD):
                return 0  # our text is never left behind for anyone
            return user32.DefWindowProcW(hwnd, msg, wparam, lparam)

        callback = _WNDPROC(proc)  # alive until the window is destroyed below
        # A message-only window of a system class, given our window procedure: the clipboard owner.
        hwnd = user32.CreateWindowExW(0, "STATIC", None, 0, 0, 0, 0, 0, HWND_MESSAGE, None, None, None)
        if not hwnd:
            raise InjectionError("Windows refused a clipboard window", None)
        set_proc = getattr(user32, "SetWindowLongPtrW", None) or user32.SetWindowLongW
        set_proc.restype = ctypes.c_void_p
        set_proc.argtypes = [wintypes.HWND, ctypes.c_int, ctypes.c_void_p]
        set_proc(hwnd, -4, ctypes.cast(callback, ctypes.c_void_p))  # GWLP_WNDPROC
        try:
            keys._wait_for_modifiers(user32)
            saved = self.snapshot(user32, kernel32, hwnd)
            self._open(user32, hwnd)
            try:
                user32.EmptyClipboard()
                user32.SetClipboardData(CF_UNICODETEXT, None)  # rendered when the target asks
                for name, value in _PRIVATE.items():
                    user32.SetClipboardData(user32.RegisterClipboardFormatW(name), _global(kernel32, value))
            finally:
                user32.CloseClipboard()
            try:
                paste = [(VK_CONTROL, 0, 0), (VK_V, 0, 0), (VK_V, 0, KEYEVENTF_KEYUP)]
                keys._send_raw([*paste, (VK_CONTROL, 0, KEYEVENTF_KEYUP)])
                msg = wintypes.MSG()
                deadline = time.monotonic() + REQUEST_WAIT_S
                while not self.requested and time.monotonic() < deadline:
                    while user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, 1):
                        user32.DispatchMessageW(ctypes.byref(msg))
                    time.sleep(0.005)
            finally:
                self.restore(user32, kernel32, hwnd, saved)
        finally:
            user32.DestroyWindow(hwnd)
            self._text = ""
        if self.requested:
            return Delivery(True, "the target window read the pasted text")
        return Delivery(False, "no window read the pasted text; your clipboard was given back")

    def delete_backward(self, count: int) -> None:
        SendInputInjector().delete_backward(count)

    def close(self) -> None:
        pass
