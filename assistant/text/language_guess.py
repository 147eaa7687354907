"""A small language guesser: Danish or English, from letters and common words."""

from __future__ import annotations

import re

_DA_WORDS = set(
    [
        "og",
        "i",
        "at",
        "det",
        "er",
        "en",
        "til",
        "på",
        "som",
        "de",
        "med",
        "for",
        "ikke",
        "der",
        "af",
        "var",
        "jeg",
        "han",
        "hun",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "sig",
        "men",
        "kan",
        "skal",
        "vil",
        "eller",
        "hvis",
        "efter",
        "også",
        "når",
        "blev",
        "være",
        "ved",
        "fra",
        "så",
        "meget",
        "nu",
        "hvor",
        "bliver",
        "patienten",
        "borgeren",
        "dag",
        "godt",
        "mødes",
        "vi",
    ]
)
_EN_WORDS = set(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "is",
        "that",
        "it",
        "you",
        "was",
        "for",
        "on",
        "are",
        "with",
        "as",
        "he",
        "she",
        "they",
        "be",
        "at",
        "this",
        "have",
        "from",
        "or",
        "by",
        "not",
        "but",
        "what",
        "all",
        "were",
        "we",
        "when",
        "your",
        "can",
        "there",
        "an",
        "which",
        "their",
        "if",
        "do",
        "will",
        "would",
        "has",
    ]
)


def guess_language(text: str, default: str = "da") -> str:
    """ "da" or "en" from letters and common words; ``default`` when the text does not tell."""
    lowered = text.lower()
    words = re.findall(r"[a-zæøå']+", lowered)
    danish = sum(w in _DA_WORDS for w in words) + 2 * len(re.findall(r"[æøå]", lowered))
    english = sum(w in _EN_WORDS for w in words) + 2 * len(re.findall(r"\b(?:th\w+|\w+ing)\b", lowered))
    if danish == english:
        return default
    return "da" if danish > english else "en"
