"""Text as a person would read it aloud: abbreviations, times, dates and numbers spelt out.

``make_readable(text, language)`` returns a :class:`Readable`: the ``spoken`` text for the voice,
and a map back to the ``original``, so a word the voice says (a span of ``spoken``) can be
highlighted in what the user wrote (``original_span``). Danish rules cover what Danish journals
are full of: ``f.eks.``, ``ca.``, ``kl. 14.30``, ``3. kvartal``, ``12.03.2024``, ``2,5 mg``,
``1.500 kr.``. English keeps numbers for the voice (every engine reads them well) and expands
the usual abbreviations. Also here: words, sentence splitting and long-sentence cutting.

The per-language tables and rules are ``text/readable_rules.py``, the Danish number words
``text/spoken_da.py``, the language guesser ``text/language_guess.py``; this module is the engine
that applies the rules and maps every spoken piece back to its exact source span.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from assistant.text.language_guess import guess_language
from assistant.text.limits import MAX_CHUNK_CHARS
from assistant.text.readable_rules import _DA_ABBREVIATIONS, _EN_ABBREVIATIONS, _Rule, _rules
from assistant.text.spoken_da import number_da, ordinal_da, year_da

# The number words and the language guesser lived here before they had modules of their own;
# callers import them from here.
__all__ = [
    "MAX_CHUNK_WORDS",
    "Readable",
    "guess_language",
    "make_readable",
    "number_da",
    "ordinal_da",
    "split_long",
    "split_sentences",
    "word_spans",
    "year_da",
]

# -- words -----------------------------------------------------------------------------------------

_RUN = re.compile(r"\S+")


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word of ``text``: a run of non-space characters without the
    punctuation at its edges (quotes »« „“ ”, brackets, commas, a sentence's full stop).

    Emoji (with skin tones and joiners) and combining marks stay inside their word; inner
    punctuation stays too ("f.eks", "14.30", "it's"). A run of punctuation only ("—", "…") is not
    a word. Indices are Python string indices (code points), never UTF-16 units.
    """
    spans: list[tuple[int, int]] = []
    for run in _RUN.finditer(text):
        start, end = run.start(), run.end()
        while start < end and _is_punctuation(text[start]):
            start += 1
        while end > start and _is_punctuation(text[end - 1]):
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


# -- the readable text and its map back to the original -------------------------------------------


@dataclass(frozen=True)
class Readable:
    """``spoken`` is what the voice gets; ``original_span`` maps a span of it back to ``original``.

    ``_spoken_starts[i]``/``_original_starts[i]`` begin piece ``i``; a piece is either copied
    (same length in both) or replaced (a rule's words for an original stretch).
    """

    original: str
    spoken: str
    _spoken_starts: tuple[int, ...]
    _original_starts: tuple[int, ...]
    _copied: tuple[bool, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of ``original`` that ``spoken[start:end]`` was made from."""
        if not self._spoken_starts:
            return (0, 0)
        end = max(end, start + 1)
        first = max(bisect_right(self._spoken_starts, start) - 1, 0)
        last = max(bisect_right(self._spoken_starts, end - 1) - 1, 0)
        o_start = self._map(first, start, at_end=False)
        o_end = self._map(last, end, at_end=True)
        return (min(o_start, len(self.original)), min(max(o_end, o_start), len(self.original)))

    def _map(self, piece: int, position: int, *, at_end: bool) -> int:
        if self._copied[piece]:
            return self._original_starts[piece] + (position - self._spoken_starts[piece])
        if at_end:
            return (
                self._original_starts[piece + 1]
                if piece + 1 < len(self._original_starts)
                else len(self.original)
            )
        return self._original_starts[piece]


def make_readable(text: str, language: str) -> Readable:
    """``text`` rewritten for a ``language`` ("da" or "en") voice, with its map back."""
    rules = _rules(language)
    spoken: list[str] = []
    s_starts: list[int] = []
    o_starts: list[int] = []
    copied: list[bool] = []
    length = 0

    def add(original_start: int, words: str, is_copy: bool) -> None:
        nonlocal length
        if not words:
            return
        s_starts.append(length)
        o_starts.append(original_start)
        copied.append(is_copy)
        spoken.append(words)
        length += len(words)

    position = 0
    # Each rule's next match, searched again only once the text before it has been passed: a
    # fresh search of every rule after every match would scan the rest of the text each time
    # (quadratic in a long text of numbers). A match at or after ``position`` does not depend on
    # where the search began (look-behinds see the whole text), so the result is the same.
    upcoming: list[re.Match[str] | None] = [None] * len(rules)
    exhausted = [False] * len(rules)
    while position < len(text):
        best: tuple[int, int, _Rule, re.Match[str]] | None = None
        for order, rule in enumerate(rules):
            if exhausted[order]:
                continue
            match = upcoming[order]
            if match is None or match.start() < position:
                match = upcoming[order] = rule.pattern.search(text, position)
                exhausted[order] = match is None
            if match and match.end() > match.start() and (best is None or match.start() < best[0]):
                best = (match.start(), order, rule, match)
        if best is None:
            add(position, text[position:], True)
            break
        start, _, rule, match = best
        add(position, text[position:start], True)
        words = rule.speak(match)  # type: ignore[operator]
        # Keep the words apart from their neighbours ("2,5mg" -> "to komma fem milligram").
        if spoken and spoken[-1] and not spoken[-1][-1].isspace() and not words[:1].isspace():
            words = " " + words
        if match.end() < len(text) and text[match.end()].isalnum() and not words[-1:].isspace():
            words += " "
        add(start, words, False)
        position = match.end()
    return Readable(text, "".join(spoken), tuple(s_starts), tuple(o_starts), tuple(copied))


# -- sentences and language ------------------------------------------------------------------------

_NO_BREAK_AFTER = {
    *(k.rstrip(".").lower() for k in _DA_ABBREVIATIONS if k.endswith(".")),
    *(k.rstrip(".").lower() for k in _EN_ABBREVIATIONS if k.endswith(".")),
}
# A run of marks is matched from its first mark only: tried from every mark of a long run that
# no space follows, the pattern would take quadratic time.
_BREAK = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)]*(?=\s)|\n\s*\n|\n(?=\s*[-•*\d])")
_WORD_BEFORE = re.compile(r"[\w.]+$")
_NON_SPACE = re.compile(r"\S")
_ABBREVIATION_MAX = 16  # letters: longer than any abbreviation or ordinal that keeps a sentence going
MAX_CHUNK_WORDS = 30


def _word_before(text: str, start: int, end: int) -> str:
    """The run of letters, digits and dots that ends at ``end`` (not before ``start``), in lower
    case; "" when there is none or it is too long to be an abbreviation or an ordinal."""
    window = max(start, end - _ABBREVIATION_MAX)
    found = _WORD_BEFORE.search(text, window, end)
    if found is None:
        return ""
    if found.start() == window and window > start and _WORD_BEFORE.match(text, window - 1, window):
        return ""  # the run goes on before the window: a long word, no abbreviation
    return found.group().lower()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed. An abbreviation's or an ordinal's dot
    does not end a sentence; a blank line or a list item does. Linear in the length of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            word = _word_before(text, start, match.start())
            next_char = _NON_SPACE.search(text, end)
            following = next_char.group() if next_char else ""
            if word in _NO_BREAK_AFTER or word.rstrip(".") in _NO_BREAK_AFTER:
                continue
            if word.isdigit() and following and not following.isupper():
                continue  # "3. kvartal", "d. 3. marts"
            if following and following.islower():
                continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_long(
    text: str, start: int, end: int, max_words: int = MAX_CHUNK_WORDS, max_chars: int = MAX_CHUNK_CHARS
) -> list[tuple[int, int]]:
    """A sentence longer than ``max_words`` cut at clause marks (, ; :), else between words, so
    that the first sound of a long text comes quickly. A piece is also at most ``max_chars`` long:
    cut between words, or inside a run without spaces (a link, a pasted blob)."""
    return [
        cut for piece in _split_words(text, start, end, max_words) for cut in _cap(text, *piece, max_chars)
    ]


_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


def _glued(char: str) -> bool:
    """A character that belongs to the one before it (combining mark, joiner, skin tone)."""
    return unicodedata.combining(char) > 0 or char in _JOINERS or "\U0001f3fb" <= char <= "\U0001f3ff"


def _cap(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        limit = start + max_chars
        space = max(text.rfind(" ", start + 1, limit + 1), text.rfind("\n", start + 1, limit + 1))
        if space > start:
            cut, resume = space, space
        else:
            cut = limit
            # Not between a letter and its accent, nor inside an emoji sequence.
            while cut > start + 1 and (_glued(text[cut]) or text[cut - 1] == "\u200d"):
                cut -= 1
            resume = cut
        trimmed = cut
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        if trimmed > start:
            pieces.append((start, trimmed))
        while resume < end and text[resume].isspace():
            resume += 1
        start = resume
    if end > start:
        pieces.append((start, end))
    return pieces


def _split_words(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= max_words:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    count = 0
    for index, word in enumerate(words):
        count += 1
        clause_end = word.group().endswith((",", ";", ":"))
        long_enough = (clause_end and count >= max_words // 3) or count >= max_words
        if long_enough and index + 1 < len(words):
            pieces.append((piece_start, start + word.end()))
            piece_start = start + words[index + 1].start()
            count = 0
    pieces.append((piece_start, end))
    return pieces
