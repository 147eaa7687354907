"""``assistant type``: insert text into the window that has keyboard focus."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli._input import int_in_range
from assistant.inject import BACKENDS

DESCRIPTION = """Type TEXT into the focused window, exactly (æøå ÆØÅ é included).
TEXT '-' reads UTF-8 text from standard input. Control characters other than tab and line
break are dropped (and counted); a line break is typed as Return. Focus is checked before
every chunk: if another window has focus before typing starts, nothing is typed (exit 2); if
focus moves part-way, typing stops at once and the message says how many characters landed in
which window (exit 3). Typing waits up to 2 s until no key is held down and no other program
holds the keyboard grab; if it stays busy, nothing is typed (exit 3). Afterwards the text is selected back and read from the field where the
program publishes its selection (not terminals, not remote desktops): "inserted and read back",
else "sent". --list-backends shows every insertion method and why it can or cannot
run here."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("type", help="type text into the focused window", description=DESCRIPTION)
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the text, or - to read standard input")
    parser.add_argument("--backend", choices=BACKENDS, help="insertion method (default: from settings)")
    parser.add_argument(
        "--delay-ms",
        type=int_in_range(0, 1000),
        metavar="N",
        help="pause between characters (default: inject.delay_ms)",
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="do not look at the field through AT-SPI (kind of field, read-back)",
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
    from assistant.cli._input import check_argument_text, read_stdin_text
    from assistant.inject.inserter import Inserter

    if args.text == "-":
        # NULs and other control characters are dropped and counted when typing (inject/text.py).
        text = read_stdin_text(nothing_done="nothing was typed", allow_nul=True)
    else:
        text = check_argument_text(args.text)
    inserter = Inserter(
        app.config, app.environ, backend=args.backend, delay_ms=args.delay_ms, check=not args.no_check
    )
    try:
        inserter.begin()
        result = inserter.insert(text)
    finally:
        inserter.close()
    if args.json:
        from assistant.cli._output import print_json

        print_json("type", result.as_dict())
    else:
        from assistant.inject.inserter import window_label

        state = "inserted and read back" if result.read_back else "sent"
        if result.check_failed:
            state = "sent, but the field read back differently (check it)"
        dropped = f"; {result.dropped} control characters dropped" if result.dropped else ""
        if result.breaks_as_spaces:
            dropped += f"; {result.breaks_as_spaces} line breaks/tabs typed as spaces (single-line field)"
        sys.stderr.write(
            f"{state}: {result.chars} characters to {window_label(result.window)} with {result.backend} "
            f"in {result.seconds:.2f} s ({result.detail}{dropped})\n"
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
