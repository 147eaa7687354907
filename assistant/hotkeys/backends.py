"""Availability of global hotkeys per desktop (grabbing: assistant/hotkeys/x11.py, windows.py)."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from assistant.desktop import detect_session, x11_display_problem


class X11Hotkeys:
    """XGrabKey on the root window (python-xlib); works under any X11 window manager."""

    name = "x11"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._env = environ

    def available(self) -> str | None:
        if detect_session(self._env) != "x11":
            return "not an X11 session"
        return x11_display_problem(self._env)


class WindowsHotkeys:
    """RegisterHotKey through ctypes."""

    name = "windows"

    def available(self) -> str | None:
        return None if sys.platform == "win32" else "not Windows"


class MacHotkeys:
    """A Quartz event tap; needs the Accessibility permission."""

    name = "macos"

    def available(self) -> str | None:
        if sys.platform != "darwin":
            return "not macOS"
        return "macOS hotkeys are not implemented yet; use the tray menu"


class WaylandHotkeys:
    """Wayland lets no application grab keys; the desktop's own shortcut settings must call us."""

    name = "wayland"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._env = environ

    def available(self) -> str | None:
        if detect_session(self._env) != "wayland":
            return "not a Wayland session"
        return (
            "Wayland does not let applications grab global keys; bind 'assistant dictate' "
            "to a shortcut in your desktop's keyboard settings"
        )
