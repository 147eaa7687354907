"""``assistant doctor [--json]``: check everything the product depends on."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

_MARK = {"ok": "OK  ", "warning": "WARN", "error": "FAIL"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check microphone, engines, models, voices, text insertion, hotkeys, tray and settings",
        description="Check everything the product depends on. Exit code 0: all OK or warnings only; "
        "1: something needed is missing.",
    )
    parser.add_argument("--json", action="store_true", help="print the versioned JSON report")
    parser.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help="also write a diagnostics zip for IT: the report, the logs and the settings, no user text",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, app) -> int:
    from assistant.cli._output import print_json
    from assistant.doctor import overall, report_json, run_checks

    sections = run_checks(app)
    if args.bundle:
        from pathlib import Path

        from assistant.diagnostics import write_bundle

        members = write_bundle(Path(args.bundle), report_json(app, sections), app.config, app.paths.log_dir)
        if not args.json:
            print(f"Diagnostics: {args.bundle} ({len(members)} files, no dictated or written text)")
    if args.json:
        print_json("doctor", report_json(app, sections))
    else:
        for section in sections.values():
            print(f"[{_MARK[section.status]}] {section.title}: {section.summary}")
            if section.hint:  # an OK section may still say how to make it better
                print(f"       -> {section.hint}")
        print(f"Overall: {overall(sections).upper()}")
    return 1 if overall(sections) == "error" else 0
