"""Split text into words with their character spans, leaving everything else untouched."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters, with inner hyphens, apostrophes or full stops (f.eks., e-mail, don't).
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?|\S+")
_LETTERS = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    is_word: bool
    sentence_start: bool


def tokenize(text: str) -> list[Token]:
    """Words and other runs (numbers, punctuation, links) with ``text[start:end] == token``.

    A trailing full stop belongs to the word only when the word is a known abbreviation shape
    (contains an inner full stop, like ``f.eks.``); otherwise it is left as punctuation.
    """
    tokens: list[Token] = []
    sentence_start = True
    for m in _WORD.finditer(text):
        chunk, start = m.group(), m.start()
        word_like = bool(_LETTERS.match(chunk)) and all(c.isalpha() or c in "'’.-" for c in chunk)
        if word_like and chunk.endswith(".") and "." not in chunk[:-1]:
            tokens.append(Token(chunk[:-1], start, start + len(chunk) - 1, True, sentence_start))
            tokens.append(Token(".", start + len(chunk) - 1, start + len(chunk), False, False))
            sentence_start = True
            continue
        if word_like:
            tokens.append(Token(chunk, start, m.end(), True, sentence_start))
            sentence_start = False
            continue
        # Punctuation glued to a word ("ost," "(tand") is split off so the word is still seen.
        inner = re.match(r"^([^\w]*)([^\W\d_]+(?:['’-][^\W\d_]+)*)([^\w]*)$", chunk)
        if inner and inner.group(2):
            lead, word, _trail = inner.groups()
            if lead:
                tokens.append(Token(lead, start, start + len(lead), False, False))
            ws = start + len(lead)
            tokens.append(Token(word, ws, ws + len(word), True, sentence_start))
            rest = chunk[len(lead) + len(word) :]
            if rest:
                tokens.append(Token(rest, ws + len(word), m.end(), False, False))
                sentence_start = bool(_SENTENCE_END.search(rest))
            else:
                sentence_start = False
            continue
        tokens.append(Token(chunk, start, m.end(), False, False))
        if _SENTENCE_END.search(chunk):
            sentence_start = True
    return tokens
