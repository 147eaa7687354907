"""Sentence-level checking: flagged words with their spans and ranked suggestions.

Punctuation, numbers and spacing are never touched (the caller gets spans into its own text).
Words with digits, all-capital acronyms and capitalised words inside a sentence that the
lexicon does not know (names) are left alone. A known word is flagged only by a confusion rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.text.context import Confusions
from assistant.text.spelling import Speller, Suggestion, match_case
from assistant.text.tokens import Token, tokenize


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    word: str
    kind: str  # "spelling" or "confusion"
    suggestions: list[Suggestion] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "word": self.word,
            "kind": self.kind,
            "suggestions": [s.word for s in self.suggestions],
        }


def _neighbours(tokens: list[Token], i: int) -> tuple[str | None, str | None]:
    """The words just before and after token ``i`` within its sentence (None at a boundary)."""
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    p = prev.text.lower() if prev is not None and prev.is_word else None
    n = nxt.text.lower() if nxt is not None and nxt.is_word else None
    return p, n


class Checker:
    def __init__(self, speller: Speller, confusions: Confusions) -> None:
        self.speller = speller
        self.confusions = confusions

    def _skip(self, token: Token) -> bool:
        word = token.text
        if len(word) > 1 and word.isupper():
            return True  # acronym
        return word[:1].isupper() and not token.sentence_start and not self.speller.is_correct(word)

    def check(self, text: str, top: int = 5) -> list[Flag]:
        tokens = tokenize(text)
        flags: list[Flag] = []
        for i, token in enumerate(tokens):
            if not token.is_word or self._skip(token):
                continue
            previous, following = _neighbours(tokens, i)
            if self.speller.is_correct(token.text):
                better = self.confusions.check(token.text, previous, following)
                if better is not None:
                    suggestion = Suggestion(match_case(token.text, better), 0.0, 0)
                    flags.append(Flag(token.start, token.end, token.text, "confusion", [suggestion]))
                continue
            suggestions = self.speller.suggest(token.text, top, previous, following)
            flags.append(Flag(token.start, token.end, token.text, "spelling", suggestions))
        return flags
