"""``assistant spell``: suggestions for single words, from arguments or one per line on stdin."""

from __future__ import annotations

import argparse
import sys

from assistant.text.limits import MAX_WORD_CHARS, too_long


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
    from assistant.cli._input import check_argument_text, read_stdin_text

    words = [check_argument_text(w, "WORD") for w in args.words]
    if not words:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("No words given", "Pass words as arguments or one per line on standard input")
        words = [line.strip() for line in read_stdin_text().splitlines() if line.strip()]
    spelling = from_app(app, args.language)
    results = []
    done: dict[str, dict[str, object]] = {}  # a word list repeats words: each is looked up once
    skipped = 0
    for word in words:
        item = done.get(word)
        if item is None:
            item = done[word] = _check(spelling, word, args.top)
        skipped += not item["checked"]
        if args.json:
            results.append(item)
            continue
        # Printed as it goes, so a long list shows progress and holds nothing back.
        mark = "ok" if item["correct"] else "?" if item["checked"] else "long"
        print(f"{word}\t{mark}\t{', '.join(item['suggestions'])}")  # type: ignore[arg-type]
    if args.json:
        from assistant.cli._output import print_json

        print_json("spell", {"language": spelling.language, "results": results})
    if skipped:
        print(
            f"assistant: {skipped} word(s) longer than {MAX_WORD_CHARS} characters were not checked",
            file=sys.stderr,
        )
    return 0


def _check(spelling: object, word: str, top: int) -> dict[str, object]:
    """One result; a word longer than MAX_WORD_CHARS is not looked up (``checked`` false)."""
    if too_long(word):
        return {"word": word, "correct": False, "checked": False, "suggestions": []}
    speller = spelling.speller  # type: ignore[attr-defined]
    correct = speller.is_correct(word)
    # A correct word gets no suggestions: another correct word a letter away ("tungebetændelse" /
    # "lungebetændelse") would be taken by a writer who cannot judge it.
    suggestions = [] if correct else [s.word for s in speller.suggest(word, top)]
    return {"word": word, "correct": correct, "checked": True, "suggestions": suggestions}
