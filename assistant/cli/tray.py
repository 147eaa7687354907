"""``assistant tray`` (also what a bare ``assistant`` runs): the tray application."""

from __future__ import annotations

import argparse
import os
import socket
from collections.abc import Mapping

from assistant.desktop import detect_session, x11_display_problem
from assistant.errors import AssistantError

_HINT = "Start it from your desktop, or use the command-line tools: assistant --help"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tray", help="start the tray application (the default)")
    parser.set_defaults(handler=lambda args, app: start_tray(app))


def start_tray(app) -> int:
    if detect_session(app.environ) == "none":
        raise AssistantError(
            "No display: the tray application needs a desktop session (DISPLAY or WAYLAND_DISPLAY is not set)",
            _HINT,
            msgid="tray.no-display",
        )
    problem = display_problem(app.environ)
    if problem:
        # Qt aborts the whole process (SIGABRT, exit 134) when its platform cannot connect:
        # ask first, without Qt, and say it in one line.
        raise AssistantError(
            f"The desktop cannot be reached: {problem}", _HINT, msgid="tray.display-unreachable"
        )
    from assistant.ui.launch import run_tray

    return run_tray(app)


def display_problem(environ: Mapping[str, str]) -> str | None:
    """``None`` if the display Qt will use answers, else why not."""
    if detect_session(environ) in ("windows", "macos"):
        return None  # Qt draws through the system itself there: no display server to ask first
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        platforms = [p.split(":")[0].strip() for p in requested.split(";") if p.strip()]
    elif detect_session(environ) == "wayland":
        platforms = ["wayland", "xcb"]  # Qt's own order on a Wayland session
    else:
        platforms = ["xcb"]
    problems = []
    for platform in platforms:
        if platform == "xcb":
            problem = x11_display_problem(environ) if environ.get("DISPLAY") else "DISPLAY is not set"
        elif platform.startswith("wayland"):
            problem = _wayland_problem(environ)
        else:
            return None  # offscreen, vnc, eglfs ...: nothing to connect to first
        if problem is None:
            return None
        problems.append(problem)
    return "; ".join(problems) or None


def _wayland_problem(environ: Mapping[str, str]) -> str | None:
    name = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    path = name if os.path.isabs(name) else os.path.join(runtime, name)
    if not os.path.isabs(path):
        return "XDG_RUNTIME_DIR is not set, so the Wayland display cannot be found"
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            probe.connect(path)
    except OSError as exc:
        return f"cannot connect to Wayland display {name} ({exc.strerror or type(exc).__name__})"
    return None
