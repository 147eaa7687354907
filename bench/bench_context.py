"""Danish context benchmark on held-out real prose: word prediction, real-word confusions and
split compounds.

    python bench/bench_context.py [--sentences N]

The text is the held-out fifth of Dasher's Danish prose (dasher-data; every fifth paragraph,
see assistant/text/corpus.py): none of it is in the counts the product is built from.

1. Prediction: the user types a word letter by letter and picks it as soon as it is among the
   N words shown (N = 3 and 5); a pick costs one keystroke and types the space. Keystrokes
   saved per character = (letters and spaces not typed) / (letters and spaces), against
   onboard's own Danish model (onboard-data da_DK.lm: its word and word-pair counts, ranked
   by pair count after the previous word, then word count) as the peer, same rule.
2. Confusions: every word of the held-out text that is one side of a supported confusion (a
   hand-written rule or a "pair" line in resources/lexicon/confusions.tsv: nogle/nogen,
   ligger/lægger, har/er, at/og, de/dem, vil/ville, var/havde, lå/lagde) is swapped for the
   other side, one swap per sentence copy. Recall = swaps flagged as a confusion at that word with
   the original as suggestion; false flags = confusion flags on the unchanged text per 1,000
   words.
3. Split compounds: every dictionary compound in the held-out text that splits into two
   dictionary words (first may begin, second may end a compound, both 3+ letters) is written
   apart. Recall = split pairs flagged as "compound" with the joined word; false flags =
   "compound" flags on the unchanged text per 1,000 words.
"""

from __future__ import annotations

import argparse
import bisect
import os
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.text import corpus
from assistant.text.service import open_spelling
from tests.support.spelling_cases import compounds_written_apart


class OnboardPeer:
    """Prediction from onboard's own counts: previous-word pairs first, then word counts."""

    def __init__(self) -> None:
        unigrams, bigrams = corpus.read_onboard("da")
        counts: Counter[str] = Counter()
        for word, n in unigrams.items():
            counts[word.lower()] += n
        self.counts = counts
        self.words = sorted(counts)
        self.follow: dict[str, Counter[str]] = {}
        for (a, b), n in bigrams.items():
            self.follow.setdefault(a.lower(), Counter())[b.lower()] += n
        self._top = lru_cache(maxsize=100_000)(self._top_uncached)

    def _top_uncached(self, prefix: str, n: int) -> tuple[str, ...]:
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        best = sorted(self.words[lo:hi], key=lambda w: -self.counts[w])
        return tuple(w for w in best if w != prefix)[:n]

    def __call__(self, previous: str | None, prefix: str, n: int) -> list[str]:
        follow = self.follow.get(previous.lower(), Counter()) if previous else Counter()
        first = [w for w, _ in follow.most_common() if w.startswith(prefix) and w != prefix][:n]
        rest = [w for w in self._top(prefix, n + len(first)) if w not in first]
        return (first + rest)[:n]


def product_predictor(spelling):  # type: ignore[no-untyped-def]
    predictor = spelling.predictor

    def predict(previous: str | None, prefix: str, n: int) -> list[str]:
        if prefix:
            return predictor.complete(prefix, previous, n)
        return predictor.next_words(previous, n)

    return predict


def keystrokes_saved(predict, sentences: list[str], shown: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    saved = chars = 0
    for sentence in sentences:
        previous = None
        for word in corpus.sentence_words(sentence):
            target = word.lower()
            chars += len(word) + 1
            for typed in range(len(word)):
                offered = [w.lower() for w in predict(previous, target[:typed], shown)]
                if target in offered:
                    saved += len(word) - typed
                    break
            previous = word
    return saved / max(chars, 1), chars


def timed(measure, predict, sentences: list[str], shown: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """``measure(predict, sentences, shown)``'s ratio, and the milliseconds each call of
    ``predict`` took on average during it."""
    calls = [0]

    def counted(previous, prefix, n):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return predict(previous, prefix, n)

    started = time.perf_counter()
    ratio, _chars = measure(counted, sentences, shown)
    return ratio, (time.perf_counter() - started) / max(calls[0], 1) * 1000


def confusion_cases(spelling, sentences: list[str]) -> list[tuple[str, int, str, str]]:  # type: ignore[no-untyped-def]
    """(changed sentence, start of the swapped word, swapped-in word, original word)."""
    from assistant.text.tokens import tokenize

    confusions = spelling.checker.confusions
    wrong_for: dict[str, set[str]] = {}
    for written, rules in confusions.rules.items():
        for rule in rules:
            wrong_for.setdefault(rule.suggested, set()).add(written)
    for word, others in confusions.pairs.items():
        wrong_for.setdefault(word, set()).update(others)
    cases = []
    for sentence in sentences:
        for token in tokenize(sentence):
            key = token.text.lower()
            if not token.is_word or key not in wrong_for:
                continue
            for wrong in sorted(wrong_for[key]):
                written = wrong[:1].upper() + wrong[1:] if token.text[:1].isupper() else wrong
                changed = sentence[: token.start] + written + sentence[token.end :]
                cases.append((changed, token.start, written, token.text))
    return cases


def read_text(path: Path) -> list[str]:
    """Paragraphs of a text file; lines starting with # are comments."""
    with open(path, encoding="utf-8") as handle:
        text = "".join(line for line in handle if not line.startswith("#"))
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=0, help="use only the first N held-out sentences")
    parser.add_argument(
        "--part",
        choices=("tuning", "unseen"),
        default="tuning",
        help="the held-out fifth (looked at while tuning) or the unseen tenth of the prose",
    )
    parser.add_argument("--text", type=Path, help="measure on this UTF-8 text file instead")
    parser.add_argument("--no-prediction", action="store_true", help="skip the prediction table")
    args = parser.parse_args()
    if args.text is not None:
        held, name = read_text(args.text), args.text.name
    elif args.part == "unseen":
        held, name = corpus.unseen_part("da"), "unseen tenth of the Danish prose"
    else:
        held, name = corpus.split("da")[1], "held-out (tuning) fifth of the Danish prose"
    if not held:
        raise SystemExit("dasher-data is not installed (apt-get install dasher-data)")
    sentences = corpus.sentences(held)
    if args.sentences:
        sentences = sentences[: args.sentences]
    words = sum(len(corpus.sentence_words(s)) for s in sentences)
    print(f"{name}: {len(sentences)} sentences, {words} words\n")

    spelling = open_spelling("da")
    peer = OnboardPeer()
    print("| predictor | shown | keystrokes saved per character | ms per prediction |")
    print("|---|---|---|---|")
    predictors = (
        () if args.no_prediction else (("product", product_predictor(spelling)), ("onboard da_DK.lm", peer))
    )
    for name, predict in predictors:
        for shown in (3, 5):
            ratio, per_call = timed(keystrokes_saved, predict, sentences, shown)
            print(f"| {name} | {shown} | {ratio:.1%} | {per_call:.2f} |")

    checker = spelling.checker
    clean: Counter[str] = Counter()
    for sentence in sentences:
        for flag in checker.check(sentence):
            clean[flag.kind] += 1
    print(
        "\nflags on the unchanged text (per 1,000 words): "
        + ", ".join(f"{kind} {n} ({1000 * n / words:.2f})" for kind, n in sorted(clean.items()))
    )
    cases = confusion_cases(spelling, sentences)
    caught = 0
    for changed, start, _wrong, original in cases:
        for flag in checker.check(changed):
            if flag.kind == "confusion" and flag.start == start:
                caught += flag.suggestions[0].word.lower() == original.lower()
    print(
        f"confusions: {len(cases)} swaps, recall {caught / max(len(cases), 1):.1%} ({caught}); "
        f"false flags on clean text {clean['confusion']} = {1000 * clean['confusion'] / words:.2f} per 1,000 words"
    )
    splits = compounds_written_apart(spelling, sentences)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for changed, start, compound, kind in splits:
        total[kind] += 1
        for flag in checker.check(changed):
            if flag.kind == "compound" and flag.start == start:
                found[kind] += flag.suggestions[0].word == compound
    recall = "; ".join(
        f"{kind} forms: {total[kind]} written apart, recall {found[kind] / max(total[kind], 1):.1%} ({found[kind]})"
        for kind in ("dictionary", "hunspell")
    )
    print(
        f"split compounds: {recall}; false flags on the unsplit text {clean['compound']} = "
        f"{1000 * clean['compound'] / words:.2f} per 1,000 words"
    )
    print(f"\ncpu: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
