"""``assistant history list|show|delete|purge``: the dictations saved on this computer.

``list`` shows dates, sizes and status only; the words themselves are printed only by ``show``
(or ``list --text``), because the user asked for them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.cli._input import MAX_ID, int_in_range

if TYPE_CHECKING:
    from assistant.app import App

MAX_LIMIT = 1_000_000_000
MAX_DAYS = 36500  # a century: longer would overflow the date arithmetic, and means "keep all"
_ID = int_in_range(1, MAX_ID, "a dictation id (a whole number)")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="list, show, delete or purge saved dictations")
    actions = parser.add_subparsers(dest="history_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="saved dictations, newest first (no text unless --text)")
    listing.add_argument(
        "--limit",
        type=int_in_range(0, MAX_LIMIT),
        default=50,
        help="at most this many (default 50; 0 for all)",
    )
    listing.add_argument("--text", action="store_true", help="include the dictated text")
    listing.add_argument("--json", action="store_true", help="print versioned JSON")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="print one dictation's text")
    show.add_argument("id", type=_ID)
    show.add_argument("--json", action="store_true", help="print versioned JSON")
    show.set_defaults(handler=_show)

    delete = actions.add_parser("delete", help="delete dictations by id, or all of them")
    delete.add_argument("ids", type=_ID, nargs="*", metavar="ID")
    delete.add_argument("--all", action="store_true", help="delete every saved dictation")
    delete.add_argument("--json", action="store_true", help="print versioned JSON")
    delete.set_defaults(handler=_delete)

    purge = actions.add_parser(
        "purge", help="delete dictations older than the retention period (privacy.retention_days)"
    )
    purge.add_argument(
        "--days", type=int_in_range(0, MAX_DAYS), help="use this many days instead of the setting"
    )
    purge.add_argument("--json", action="store_true", help="print versioned JSON")
    purge.set_defaults(handler=_purge)


def _open(app: App):  # type: ignore[no-untyped-def]
    from assistant.storage.history import History

    return History(app.paths.history_db)


def _list(args: argparse.Namespace, app: App) -> int:
    from assistant.cli._output import print_json

    history = _open(app)
    try:
        entries = history.list(limit=args.limit or None)
    finally:
        history.close()
    if args.json:
        print_json("history.list", {"entries": [e.to_json(with_text=args.text) for e in entries]})
        return 0
    if not entries:
        print("No saved dictations.")
        return 0
    for e in entries:
        when = e.started_local.strftime("%Y-%m-%d %H:%M")
        state = "inserted" if e.inserted else e.status
        line = f"{e.id:>5}  {when}  {len(e.text.split()):>4} words  {state:<9} {e.language or '-'}  {e.model or '-'}"
        print(line)
        if args.text:
            print("       " + e.text.replace("\n", "\n       "))
    return 0


def _show(args: argparse.Namespace, app: App) -> int:
    from assistant.cli._output import print_json
    from assistant.errors import UsageError

    history = _open(app)
    try:
        entry = history.get(args.id)
    finally:
        history.close()
    if entry is None:
        raise UsageError(f"No dictation with id {args.id}", "Run 'assistant history list' to see the ids")
    if args.json:
        print_json("history.entry", {"entry": entry.to_json()})
    else:
        print(entry.text)
    return 0


def _delete(args: argparse.Namespace, app: App) -> int:
    from assistant.cli._output import print_json
    from assistant.errors import UsageError

    if not args.ids and not args.all:
        raise UsageError("Say which dictations to delete", "Give their ids, or --all")
    history = _open(app)
    try:
        if args.all:
            deleted = history.delete_all()
            missing: list[int] = []
        else:
            done = [i for i in args.ids if history.delete(i)]
            deleted, missing = len(done), [i for i in args.ids if i not in done]
    finally:
        history.close()
    if args.json:
        print_json("history.delete", {"deleted": deleted, "missing": missing})
    else:
        print(f"Deleted {deleted} dictation(s).")
    if missing:
        raise UsageError(f"No dictation with id {', '.join(map(str, missing))}")
    return 0


def _purge(args: argparse.Namespace, app: App) -> int:
    from assistant.cli._output import print_json

    days = args.days if args.days is not None else int(app.config["privacy.retention_days"])
    history = _open(app)
    try:
        deleted = history.purge(days)
    finally:
        history.close()
    if args.json:
        print_json("history.purge", {"deleted": deleted, "retention_days": days})
    else:
        print(
            f"Deleted {deleted} dictation(s) older than {days} days."
            if days
            else "Retention is 0: nothing deleted."
        )
    return 0
