"""What kind of desktop session this process runs in; decides which backends can work."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Literal

Session = Literal["x11", "wayland", "windows", "macos", "none"]


def detect_session(environ: Mapping[str, str] | None = None) -> Session:
    env = os.environ if environ is None else environ
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    session_type = env.get("XDG_SESSION_TYPE", "").lower()
    if env.get("WAYLAND_DISPLAY") or session_type == "wayland":
        return "wayland"
    if env.get("DISPLAY"):
        return "x11"
    return "none"


def x11_display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """``None`` if an X server answers on $DISPLAY, else why not (no Qt needed)."""
    env = os.environ if environ is None else environ
    display = env.get("DISPLAY")
    if not display:
        return "no X display (DISPLAY is not set)"
    try:
        from Xlib import display as xdisplay
        from Xlib.error import DisplayError
    except ImportError:
        return "python-xlib is not installed"
    try:
        conn = xdisplay.Display(display)
    except (DisplayError, OSError, Exception) as exc:
        return f"cannot connect to X display {display} ({type(exc).__name__})"
    try:
        # python-xlib connects to ":0.5" even when the server has one screen; Qt then aborts the
        # whole process (exit 134) on the missing screen.
        screens = conn.screen_count()
        wanted = _screen_number(display)
    finally:
        conn.close()
    if wanted is not None and wanted >= screens:
        return f"X display {display} has no screen {wanted} (it has {screens})"
    return None


def _screen_number(display: str) -> int | None:
    """The screen of ``host:display.screen``; None when the name gives none or is not a number."""
    tail = display.rsplit(":", 1)[-1]
    if "." not in tail:
        return None
    try:
        return int(tail.split(".", 1)[1])
    except ValueError:
        return None
