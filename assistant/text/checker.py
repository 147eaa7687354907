"""Sentence-level checking: flagged words with their spans and ranked suggestions.

Punctuation, numbers and spacing are never touched (the caller gets spans into its own text).
Every word that the acceptance rejects is flagged, in a sentence exactly as on its own (names
and acronyms too, as hunspell does: the user adds them to the dictionary). An abbreviation is
correct with its full stop ("kr."). A word that hunspell accepts but the acceptance holds back
(a strong near miss, see :mod:`assistant.text.acceptance`) is flagged as a ``doubt``: a question
("Mente du …?"), not a verdict. A correct word is flagged only by a confusion rule, or as a doubt
when it is a weak near miss of a known form that its neighbours clearly prefer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.text.compounds import Compounds
from assistant.text.context import Confusions
from assistant.text.limits import MAX_SUGGESTED_WORDS, check_extent, too_long
from assistant.text.spelling import Speller, Suggestion, match_case
from assistant.text.tokens import Token, tokenize

# A weak near miss is flagged when the known form was seen beside the word's neighbours at least
# this often in the counted text, and the word itself never was.
ALTERNATIVE_EVIDENCE = 3


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    word: str
    # "spelling", "doubt" (hunspell accepts it; a question), "confusion", "compound" (two words
    # that are one) or "run-together"
    kind: str
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
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                ends = nxt is None or (not nxt.is_word and nxt.text[:1] in ".!?")
                better = self.confusions.check(token.text, previous, following, ends) or self._preferred(
                    token.text, previous, following
                )
                if better is not None:
                    suggestion = Suggestion(match_case(token.text, better), 0.0, 0)
                    kind = "confusion" if better.lower() in self.confusions.known(token.text) else "doubt"
                    flags.append(Flag(token.start, token.end, token.text, kind, [suggestion]))
                continue
            suggestions: list[Suggestion] = []
            if suggested < MAX_SUGGESTED_WORDS:
                suggestions = self.speller.suggest(token.text, top, previous, following)
                suggested += 1
            # Best written as two words ("idag" -> "i dag"): a run-together word.
            if suggestions and " " in suggestions[0].word:
                kind = "run-together"
            elif self.speller.acceptance.doubtful(token.text):
                kind = "doubt"
            else:
                kind = "spelling"
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

    def _preferred(self, word: str, previous: str | None, following: str | None) -> str | None:
        """A known form that accepted ``word`` is a weak near miss of ("tungebetændelse" /
        "lungebetændelse"), when the neighbours were seen with it and never with ``word``."""
        alternatives = self.speller.acceptance.alternatives(word)
        if not alternatives:
            return None
        count = self.speller.lexicon.bigrams.count
        key = word.lower()

        def seen(form: str) -> int:
            return (count(previous, form) if previous else 0) + (count(form, following) if following else 0)

        if seen(key):
            return None
        best = max(alternatives, key=seen)
        return best if seen(best) >= ALTERNATIVE_EVIDENCE else None
