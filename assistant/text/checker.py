"""Sentence-level checking: flagged words with their spans and ranked suggestions.

Punctuation, numbers and spacing are never touched (the caller gets spans into its own text).
Every word that the acceptance rejects is flagged, in a sentence exactly as on its own (names
and acronyms too, as hunspell does: the user adds them to the dictionary). An abbreviation is
correct with its full stop ("kr."). A correct word is flagged only by a confusion rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.text.compounds import Compounds
from assistant.text.context import Confusions
from assistant.text.limits import MAX_SUGGESTED_WORDS, check_extent, too_long
from assistant.text.spelling import Speller, Suggestion, match_case
from assistant.text.tokens import Token, tokenize


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    word: str
    kind: str  # "spelling", "confusion", "compound" (two words that are one) or "run-together"
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
        self.compounds = Compounds(speller)

    def _correct(self, tokens: list[Token], i: int) -> bool:
        word = tokens[i].text
        if self.speller.is_correct(word):
            return True
        # "kr." and "f.eks.": the tokenizer leaves the full stop as punctuation.
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        glued = nxt is not None and nxt.start == tokens[i].end and nxt.text.startswith(".")
        return glued and self.speller.is_correct(word + ".")

    def check(self, text: str, top: int = 5) -> list[Flag]:
        """Flags for the words of ``text``, with spans into ``text``. Bounded for any text (see
        :mod:`assistant.text.limits`): only ``text[:check_extent(text)]`` is checked, a word too
        long to look up is left alone, and only the first flagged words get suggestions."""
        tokens = tokenize(text[: check_extent(text)])
        flags: list[Flag] = []
        correct = [t.is_word and self._correct(tokens, i) for i, t in enumerate(tokens)]
        suggested = 0
        skip_next = False
        for i, token in enumerate(tokens):
            if not token.is_word or too_long(token.text):
                continue
            if skip_next:
                skip_next = False
                continue
            previous, following = _neighbours(tokens, i)
            if correct[i]:
                joined = self._split_compound(text, tokens, correct, i)
                if joined is not None:
                    end = tokens[i + 1].end
                    suggestion = Suggestion(joined, 0.0, 1)
                    flags.append(Flag(token.start, end, text[token.start : end], "compound", [suggestion]))
                    skip_next = True
                    continue
                better = self.confusions.check(token.text, previous, following)
                if better is not None:
                    suggestion = Suggestion(match_case(token.text, better), 0.0, 0)
                    flags.append(Flag(token.start, token.end, token.text, "confusion", [suggestion]))
                continue
            suggestions: list[Suggestion] = []
            if suggested < MAX_SUGGESTED_WORDS:
                suggestions = self.speller.suggest(token.text, top, previous, following)
                suggested += 1
            # Best written as two words ("idag" -> "i dag"): a run-together word.
            kind = "run-together" if suggestions and " " in suggestions[0].word else "spelling"
            flags.append(Flag(token.start, token.end, token.text, kind, suggestions))
        return flags

    def _split_compound(self, text: str, tokens: list[Token], correct: list[bool], i: int) -> str | None:
        """The compound that word ``i`` and the next word should be written as, or None."""
        if i + 1 >= len(tokens) or not correct[i + 1]:
            return None
        nxt = tokens[i + 1]
        if text[tokens[i].end : nxt.start] != " ":
            return None  # only words one space apart (not across punctuation or lines)
        return self.compounds.joined(tokens[i].text, nxt.text)
