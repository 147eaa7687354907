"""The command line: one module per subcommand, discovered at start-up.

Each module in this package defines ``register(subparsers)`` which adds its parser and sets
``handler=fn(args, app) -> int``. Modules import heavy libraries inside their handlers so that
``assistant --help`` and the tray start stay fast. Handlers raise :class:`AssistantError` for
anything the user can fix; only ``__main__`` prints it and exits.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from typing import NoReturn

from assistant import __version__
from assistant.errors import UsageError

JSON_SCHEMA_VERSION = 1  # bump when a --json output changes incompatibly


class CommandLineError(UsageError):
    """Arguments argparse could not parse; printed by ``__main__`` on one line like any user error."""


class Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage block) and goes through ``__main__``."""

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            # Name the subcommand's help, not the top-level one (argparse reports these at the top).
            subcommands = getattr(self, "subcommands", {})
            command = subcommands.get(getattr(parsed, "command", None) or "", self)
            command.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def error(self, message: str) -> NoReturn:
        text = " ".join(message.split())
        raise CommandLineError(
            f"{text} (see {self.prog} --help)",
            msgid="usage.arguments",
            params={"command": self.prog},
        )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="assistant",
        description="Offline dictation, spelling and read-aloud helper. "
        "Without a command, starts the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"assistant {__version__}")
    parser.add_argument(
        "--log-level",
        choices=("ERROR", "WARNING", "INFO", "DEBUG"),
        help="detail in the log file for this run (user text is never logged)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.subcommands = subparsers.choices  # type: ignore[attr-defined]
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser
