"""Word error rate, with the normalisation speech benchmarks use (case, punctuation, numbers)."""

from __future__ import annotations

import re

from assistant.text.numbers import spoken_numbers_to_digits

_PUNCT = re.compile(r"[^\w\s']+")


def normalise(text: str, language: str) -> list[str]:
    words = _PUNCT.sub(" ", text.lower()).split()
    return spoken_numbers_to_digits(" ".join(words), language, always=True).split()


def word_errors(reference: str, hypothesis: str, language: str) -> tuple[int, int]:
    """(edit distance in words, number of reference words)."""
    ref, hyp = normalise(reference, language), normalise(hypothesis, language)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def wer(reference: str, hypothesis: str, language: str) -> float:
    errors, words = word_errors(reference, hypothesis, language)
    return errors / max(1, words)
