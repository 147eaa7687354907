"""Where the words the recogniser doubted are in the dictated text.

The recogniser's words (``assistant.stt.confidence.WordConfidence``) are raw: the text the user
sees has been through spoken commands, numbers and capitals. Each final utterance's words are
found in order, case-insensitively and as whole words, in the stretch of text that utterance
added; a word not found there (turned into punctuation, a number, or changed by a user's
replacement) is simply not marked. Edits shift the marks after them and drop the ones they touch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class UnsureSpan:
    start: int
    end: int
    word: str
    probability: float
    alternatives: tuple[str, ...] = ()


def locate(text: str, region_start: int, words: Sequence[Any]) -> list[UnsureSpan]:
    """Spans in ``text[region_start:]`` of the unsure ones among ``words`` (all of the
    utterance's words, in order, so that a repeated word is matched at the right place)."""
    spans: list[UnsureSpan] = []
    cursor = max(0, region_start)
    for word in words:
        raw = str(getattr(word, "text", "")).strip()
        if not raw:
            continue
        found = re.compile(rf"(?<!\w){re.escape(raw)}(?!\w)", re.IGNORECASE).search(text, cursor)
        if found is None:
            continue
        cursor = found.end()
        if getattr(word, "unsure", False):
            spans.append(
                UnsureSpan(
                    found.start(),
                    found.end(),
                    text[found.start() : found.end()],
                    float(getattr(word, "probability", 0.0)),
                    tuple(getattr(word, "alternatives", ())),
                )
            )
    return spans


def after_edit(spans: Iterable[UnsureSpan], start: int, end: int, replacement: str) -> list[UnsureSpan]:
    """The spans once ``text[start:end]`` became ``replacement``: those it touched are gone (the
    user dealt with the word), later ones move."""
    shift = len(replacement) - (end - start)
    kept = []
    for span in spans:
        if span.end <= start:
            kept.append(span)
        elif span.start >= end:
            kept.append(replace(span, start=span.start + shift, end=span.end + shift))
    return kept


def still_there(spans: Iterable[UnsureSpan], text: str) -> list[UnsureSpan]:
    """The spans whose word is still at its place in ``text`` (after an undo, say)."""
    return [s for s in spans if text[s.start : s.end] == s.word]
