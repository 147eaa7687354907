"""``assistant suggest``: check a sentence and predict how the last word goes on."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest",
        help="check a sentence and predict words",
        description="Flag misspelled or confused words in TEXT with suggestions, and predict the "
        "word being typed (or the next word when TEXT ends with a space).",
    )
    parser.add_argument(
        "--language", choices=("da", "en"), help="language (default: the general.language setting)"
    )
    parser.add_argument("--top", type=int, default=5, metavar="N", help="suggestions per word (default 5)")
    parser.add_argument("--json", action="store_true", help="print versioned JSON")
    parser.add_argument("text", metavar="TEXT", help="the text, in quotes")
    parser.set_defaults(handler=run)


def last_word(text: str) -> tuple[str | None, str]:
    """(previous word, the word being typed) at the end of ``text``; '' when a word is done."""
    from assistant.text.tokens import tokenize

    words = [t for t in tokenize(text) if t.is_word]
    if not words:
        return None, ""
    tail = words[-1]
    if tail.end == len(text):
        return (words[-2].text if len(words) > 1 else None), tail.text
    return tail.text, ""


def run(args: argparse.Namespace, app: object) -> int:
    from assistant.errors import UsageError
    from assistant.text.service import from_app

    if args.top < 1 or args.top > 50:
        raise UsageError("--top must be between 1 and 50")
    from assistant.text.limits import check_extent

    spelling = from_app(app, args.language)
    flags = spelling.checker.check(args.text, args.top)
    checked = check_extent(args.text)
    previous, typing = last_word(args.text)
    if typing:
        predictions = spelling.predictor.complete(typing, previous, args.top)
    else:
        predictions = spelling.predictor.next_words(previous, args.top)
    if args.json:
        from assistant.cli._output import print_json

        print_json(
            "suggest",
            {
                "language": spelling.language,
                "checked_chars": checked,
                "flags": [f.as_dict() for f in flags],
                "prediction": {"prefix": typing, "previous": previous, "words": predictions},
            },
        )
        _note_unchecked(checked, len(args.text))
        return 0
    for flag in flags:
        words = ", ".join(s.word for s in flag.suggestions)
        print(f"{flag.start}-{flag.end}\t{flag.word}\t{flag.kind}\t{words}")
    print(f"prediction\t{', '.join(predictions)}")
    _note_unchecked(checked, len(args.text))
    return 0


def _note_unchecked(checked: int, length: int) -> None:
    if checked < length:
        import sys

        print(
            f"assistant: only the first {checked} of {length} characters were checked; "
            "check the rest separately",
            file=sys.stderr,
        )
