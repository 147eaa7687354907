"""``assistant read-selection``: read aloud the text selected in any program."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "read-selection",
        help="read aloud the text selected in another program",
        description="Read the selected text aloud: the X11 PRIMARY selection, else a simulated "
        "copy (your clipboard is restored afterwards). Says clearly when nothing is selected.",
    )
    parser.add_argument("--language", choices=("da", "en"), help="language of the text (default: guessed)")
    parser.add_argument("--rate", type=int, metavar="WPM", help="words per minute (80-450)")
    parser.add_argument("--no-copy", action="store_true", help="never simulate a copy (ctrl+c)")
    parser.add_argument("--print", action="store_true", help="print the selected text instead of reading it")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, app) -> int:
    import sys

    from assistant.selection import read_selection

    text, _backend = read_selection(app.environ, copy_fallback=not args.no_copy)
    if args.print:
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
        return 0
    from assistant.cli.speak import has_visible_text
    from assistant.errors import AudioError, UsageError

    if not has_visible_text(text):
        raise UsageError(
            "The selection has no text to read", "Select some words first", msgid="selection.empty"
        )
    from assistant.tts import choose_synthesizer, reader_settings
    from assistant.tts.reader import Reader, ReadingFailed

    settings = reader_settings(app.config)
    if args.rate is not None:
        settings["rate"] = args.rate
    failures: list[ReadingFailed] = []

    def on_event(event: object) -> None:
        if isinstance(event, ReadingFailed):
            failures.append(event)

    with Reader(choose_synthesizer(app.config["tts.engine"]), on_event, **settings) as reader:
        reader.read(text, args.language)
        reader.wait_idle()
    if failures:
        raise AudioError(failures[0].message, failures[0].hint)
    return 0
