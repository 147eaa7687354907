"""Is there a system tray to put our icon in? Asked without Qt, so the core can report it.

On X11 a tray host owns the selection ``_NET_SYSTEM_TRAY_S<screen>`` (freedesktop System Tray
Protocol); that is what Qt itself checks for ``QSystemTrayIcon.isSystemTrayAvailable()``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from assistant.desktop import detect_session, x11_display_problem


def tray_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """``None`` if a tray host is running, else why the tray icon cannot be shown."""
    session = detect_session(environ)
    if session in ("windows", "macos"):
        return None
    if session == "wayland":
        return (
            "on Wayland the tray depends on the desktop's StatusNotifier support; "
            "if no icon appears, use the panel window"
        )
    if session == "none":
        return "no display: this is a terminal session (the command-line tools still work)"
    problem = x11_display_problem(environ)
    if problem:
        return problem
    from Xlib import display as xdisplay

    env_display = (environ or {}).get("DISPLAY") if environ is not None else None
    conn = xdisplay.Display(env_display) if env_display else xdisplay.Display()
    try:
        screen = conn.get_default_screen()
        atom = conn.intern_atom(f"_NET_SYSTEM_TRAY_S{screen}")
        owner = conn.get_selection_owner(atom)
        if owner == 0 or owner is None:
            return "no system tray is running on this desktop (no program owns _NET_SYSTEM_TRAY)"
        return None
    finally:
        conn.close()


def platform_name() -> str:
    return sys.platform
