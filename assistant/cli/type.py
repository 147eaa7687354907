"""``assistant type``: insert text into the window that has keyboard focus."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.inject import BACKENDS

DESCRIPTION = """Type TEXT into the focused window, exactly (æøå ÆØÅ é included).
TEXT '-' reads the text from standard input. If the focused window changes before typing
starts, nothing is typed. --list-backends shows every insertion method and why it can or
cannot run here."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("type", help="type text into the focused window", description=DESCRIPTION)
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the text, or - to read standard input")
    parser.add_argument("--backend", choices=BACKENDS, help="insertion method (default: from settings)")
    parser.add_argument(
        "--delay-ms", type=int, metavar="N", help="pause between characters (default: inject.delay_ms)"
    )
    parser.add_argument("--list-backends", action="store_true", help="show each backend and its status")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, app: Any) -> int:
    from assistant.errors import UsageError
    from assistant.inject import build_registry

    if args.delay_ms is not None and not 0 <= args.delay_ms <= 1000:
        raise UsageError("--delay-ms must be between 0 and 1000")
    if args.list_backends:
        return _list(build_registry(app.config, app.environ), args.json)
    if args.text is None:
        raise UsageError("Nothing to type", "Give TEXT, or - to read standard input")
    from assistant.inject.inserter import Inserter

    text = sys.stdin.read() if args.text == "-" else args.text
    inserter = Inserter(app.config, app.environ, backend=args.backend, delay_ms=args.delay_ms)
    try:
        inserter.begin()
        result = inserter.insert(text)
    finally:
        inserter.close()
    if args.json:
        from assistant.cli._output import print_json

        print_json("type", result.as_dict())
    else:
        state = "confirmed" if result.verified else "sent"
        sys.stderr.write(
            f"{state}: {result.chars} characters with {result.backend} in {result.seconds:.2f} s "
            f"({result.detail})\n"
        )
    return 0


def _list(registry: Any, as_json: bool) -> int:
    probes = registry.probe_all()
    if as_json:
        from assistant.cli._output import print_json

        print_json(
            "inject_backends",
            {"backends": [{"name": p.name, "ok": p.ok, "reason": p.reason} for p in probes]},
        )
    else:
        width = max(len(p.name) for p in probes)
        for p in probes:
            sys.stdout.write(f"{p.name:<{width}}  {'ok' if p.ok else 'unavailable: ' + (p.reason or '')}\n")
    return 0
