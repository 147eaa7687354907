"""``assistant dictionary list|add|remove|import``: the user's own words for spelling."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.app import App


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dictionary", help="your own words for spelling: list, add, remove, import"
    )
    parser.add_argument(
        "--language", "-l", choices=("da", "en"), help="default: the setting general.language"
    )
    actions = parser.add_subparsers(dest="dictionary_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="print your words, one per line").set_defaults(handler=_list)
    add = actions.add_parser("add", help="add words")
    add.add_argument("words", nargs="+")
    add.set_defaults(handler=_add)
    remove = actions.add_parser("remove", help="remove words")
    remove.add_argument("words", nargs="+")
    remove.set_defaults(handler=_remove)
    imp = actions.add_parser("import", help="add every word of a UTF-8 term list (one per line, # comments)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)


def _dictionary(args: argparse.Namespace, app: App):
    # Not through assistant.text.service: that loads the spelling stack (numpy, ~0.7 s) for a
    # command that only edits a word list.
    from assistant.text.userdict import UserDictionary, dictionary_dir

    language = args.language or app.config["general.language"]
    return UserDictionary(dictionary_dir(app.paths.data_dir), language)


def _list(args: argparse.Namespace, app: App) -> int:
    for word in _dictionary(args, app).words:
        print(word)
    return 0


def _add(args: argparse.Namespace, app: App) -> int:
    from assistant.errors import UsageError

    if any(not word.strip() for word in args.words):
        raise UsageError(
            "An empty word cannot be added to the dictionary", "Give the words to add, e.g. 'tandsten'"
        )
    # "-" (stdin elsewhere in this CLI), "..." or "--": nothing a speller could ever match.
    wordless = next((w for w in args.words if not any(ch.isalnum() for ch in w)), None)
    if wordless is not None:
        raise UsageError(
            f"'{wordless}' is not a word (it has no letters or digits); nothing was added",
            "Give the words to add, e.g. 'tandsten' (to add a list from a file: assistant dictionary import FILE)",
        )
    dictionary = _dictionary(args, app)
    added = dictionary.add_many(args.words)
    print(f"{added} added, {len(args.words) - added} already there")
    return 0


def _remove(args: argparse.Namespace, app: App) -> int:
    from assistant.errors import UsageError

    dictionary = _dictionary(args, app)
    removed = dictionary.remove_many(args.words)
    if removed == 0:
        raise UsageError(
            "None of those words is in your dictionary", "See them with 'assistant dictionary list'"
        )
    print(f"{removed} removed")
    return 0


def _import(args: argparse.Namespace, app: App) -> int:
    from assistant.errors import UsageError

    if not args.file.is_file():
        raise UsageError(f"The term list {args.file} does not exist", "Give the path of a UTF-8 text file")
    added = _dictionary(args, app).import_file(args.file)
    print(f"{added} new words imported")
    return 0
