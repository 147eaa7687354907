"""The tray application on Windows: it starts without any X display check, its icon is handed to
the shell's notification area, a second start brings the running one's panel forward (single
instance over a local named pipe), and nothing needs python-xlib."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from ctypes import wintypes
from pathlib import Path

from conftest import REPO, wait_until

user32 = ctypes.WinDLL("user32", use_last_error=True)
ENUM = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
user32.EnumWindows.argtypes = [ENUM, wintypes.LPARAM]
user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
user32.FindWindowW.restype = wintypes.HWND


def all_windows() -> list[tuple[int, str, str, bool]]:
    """(process id, class, title, visible) of every top-level window."""
    found: list[tuple[int, str, str, bool]] = []

    def visit(hwnd, _):  # type: ignore[no-untyped-def]
        owner = wintypes.DWORD()
        user32.GetWindowThreadProcessId(hwnd, ctypes.byref(owner))
        cls, title = ctypes.create_unicode_buffer(256), ctypes.create_unicode_buffer(256)
        user32.GetClassNameW(hwnd, cls, 256)
        user32.GetWindowTextW(hwnd, title, 256)
        found.append((owner.value, cls.value, title.value, bool(user32.IsWindowVisible(hwnd))))
        return True

    user32.EnumWindows(ENUM(visit), 0)
    return found


def windows_of(pid: int) -> list[tuple[str, str, bool]]:
    """(class, title, visible) of every top-level window of process ``pid``."""
    return [(cls, title, visible) for owner, cls, title, visible in all_windows() if owner == pid]


def start_tray() -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=dict(os.environ, PYTHONUTF8="1"),
    )


def test_tray_starts_shows_its_icon_and_a_second_start_opens_the_panel(run_cli, assistant_home) -> None:
    assert run_cli("config", "set", "ui.first_run_guide", "false").returncode == 0
    log = Path(assistant_home.home) / "logs" / "assistant.log"
    tray = start_tray()
    try:

        def started() -> bool:
            if tray.poll() is not None:
                raise AssertionError(f"the tray exited {tray.returncode}: {tray.stderr.read()}")  # type: ignore[union-attr]
            return log.is_file() and "tray started" in log.read_text(encoding="utf-8", errors="replace")

        wait_until(started, timeout=120, message="'tray started' in the log")
        # Qt hands its icon to the shell through a hidden message window of its own.
        classes = {cls for cls, _title, _visible in windows_of(tray.pid)}
        assert any("TrayIconMessageWindow" in cls for cls in classes), classes
        assert user32.FindWindowW("Shell_TrayWnd", None), "no notification area (Shell_TrayWnd)"
        assert not any(
            title.startswith("Diktering") and visible for _c, title, visible in windows_of(tray.pid)
        )

        second = run_cli("tray", timeout=120)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        wait_until(
            lambda: any(
                title.startswith("Diktering") and visible for _c, title, visible in windows_of(tray.pid)
            ),
            timeout=30,
            message="the dictation panel of the running tray",
        )
        assert tray.poll() is None
    finally:
        tray.kill()
        tray.wait(30)


def test_the_tray_module_needs_no_x_libraries() -> None:
    from assistant.cli.tray import display_problem

    assert display_problem({}) is None  # no DISPLAY on Windows, and none needed
    import importlib.util

    assert importlib.util.find_spec("Xlib") is None  # pyproject installs python-xlib on Linux only
