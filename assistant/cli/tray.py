"""``assistant tray`` (also what a bare ``assistant`` runs): the tray application."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.desktop import detect_session
from assistant.errors import AssistantError

if TYPE_CHECKING:
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tray", help="start the tray application (the default)")
    parser.set_defaults(handler=lambda args, app: start_tray(app))


def start_tray(app) -> int:
    if detect_session(app.environ) == "none":
        raise AssistantError(
            "No display: the tray application needs a desktop session (DISPLAY or WAYLAND_DISPLAY is not set)",
            "Start it from your desktop, or use the command-line tools: assistant --help",
        )
    from assistant.ui.main import run_tray

    return run_tray(app)
