"""A small Win32 program with one multi-line EDIT control, started as its own process: the
window the SendInput tests type into and read back with WM_GETTEXT (from the test process, so
the text crosses processes the way it does for a user's editor).

Run as a script it creates the window, prints the control's handle and runs the message loop."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import time
from ctypes import wintypes
from dataclasses import dataclass

user32 = ctypes.WinDLL("user32", use_last_error=True)
user32.CreateWindowExW.restype = wintypes.HWND
user32.CreateWindowExW.argtypes = [
    wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
    ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
    wintypes.HWND, wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID,
]  # fmt: skip
user32.SendMessageW.restype = ctypes.c_ssize_t
user32.SendMessageW.argtypes = [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
user32.GetForegroundWindow.restype = wintypes.HWND
user32.SetForegroundWindow.argtypes = [wintypes.HWND]

WS_OVERLAPPEDWINDOW = 0x00CF0000
WS_VISIBLE = 0x10000000
WS_VSCROLL = 0x00200000
ES_MULTILINE = 0x0004
ES_AUTOVSCROLL = 0x0040
ES_PASSWORD = 0x0020
WM_GETTEXT = 0x000D
WM_GETTEXTLENGTH = 0x000E
WM_SETTEXT = 0x000C


@dataclass
class EditTarget:
    hwnd: int
    process: subprocess.Popen[str]

    def text(self) -> str:
        length = user32.SendMessageW(self.hwnd, WM_GETTEXTLENGTH, 0, 0)
        buffer = ctypes.create_unicode_buffer(length + 1)
        user32.SendMessageW(self.hwnd, WM_GETTEXT, length + 1, ctypes.addressof(buffer))
        # Read the UTF-16 units as they are: a lone surrogate must show, not be repaired.
        raw = ctypes.string_at(ctypes.addressof(buffer), length * 2)
        return raw.decode("utf-16-le", errors="surrogatepass")

    def focus(self) -> None:
        user32.SetForegroundWindow(self.hwnd)
        deadline = time.monotonic() + 10
        while user32.GetForegroundWindow() != self.hwnd:
            if time.monotonic() > deadline:
                raise AssertionError("the target window did not get the focus")
            time.sleep(0.02)

    def close(self) -> None:
        self.process.kill()
        self.process.wait(10)


def start_target(password: bool = False) -> EditTarget:
    args = [sys.executable, __file__] + (["--password"] if password else [])
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.strip():
        process.kill()
        raise AssertionError(f"the target program did not start (exit {process.wait(10)})")
    return EditTarget(int(line), process)


def main() -> int:
    # --password: a single-line box that masks its characters, as a log-in form's.
    style = ES_PASSWORD if "--password" in sys.argv else WS_VSCROLL | ES_MULTILINE | ES_AUTOVSCROLL
    hwnd = user32.CreateWindowExW(
        0, "EDIT", "",  # an EDIT window's title is its text
        WS_OVERLAPPEDWINDOW | WS_VISIBLE | style,
        100, 100, 600, 300, None, None, None, None,
    )  # fmt: skip
    if not hwnd:
        print(0, flush=True)
        return 1
    print(int(hwnd), flush=True)
    msg = wintypes.MSG()
    while user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
        user32.TranslateMessage(ctypes.byref(msg))
        user32.DispatchMessageW(ctypes.byref(msg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
