"""``assistant spell``: suggestions for single words, from arguments or one per line on stdin."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "spell",
        help="suggest spellings for words",
        description="Check words and suggest spellings, best first. Words come from the arguments, "
        "or one per line on standard input.",
    )
    parser.add_argument(
        "--language", choices=("da", "en"), help="language (default: the general.language setting)"
    )
    parser.add_argument("--top", type=int, default=5, metavar="N", help="suggestions per word (default 5)")
    parser.add_argument("--json", action="store_true", help="print versioned JSON")
    parser.add_argument("words", nargs="*", metavar="WORD")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, app: object) -> int:
    from assistant.errors import UsageError
    from assistant.text.service import from_app

    if args.top < 1 or args.top > 50:
        raise UsageError("--top must be between 1 and 50")
    words = list(args.words)
    if not words:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("No words given", "Pass words as arguments or one per line on standard input")
        words = [line.strip() for line in sys.stdin if line.strip()]
    spelling = from_app(app, args.language)
    results = []
    for word in words:
        correct = spelling.speller.is_correct(word)
        suggestions = spelling.speller.suggest(word, args.top)
        if correct:
            suggestions = [s for s in suggestions if s.word.lower() != word.lower()]
        results.append({"word": word, "correct": correct, "suggestions": [s.word for s in suggestions]})
    if args.json:
        from assistant.cli._output import print_json

        print_json("spell", {"language": spelling.language, "results": results})
        return 0
    for item in results:
        mark = "ok" if item["correct"] else "?"
        print(f"{item['word']}\t{mark}\t{', '.join(item['suggestions'])}")
    return 0
