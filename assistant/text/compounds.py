"""Split compounds ("tand læge" -> tandlæge) and run-together words ("idag" -> i dag).

A split compound is the classic Danish error: each half is a word, so a word-by-word checker
sees nothing. Two neighbouring words are flagged when all of these hold:
- joined they make a word that the acceptance takes (hunspell's rules, no near miss);
- the dictionary lets the first begin a compound and the second end one (hunspell-da's compound
  flags: function words like "for", "i", "at" mostly have none);
- neither half is a very common word (those are where "over for" / "overfor", "af sted" /
  "afsted" are both right), and the two never stand side by side in the counted text.
Run-together words are found by :meth:`Speller.apart` (they are rejected words anyway).
"""

from __future__ import annotations

from assistant.text.affix import BEGIN, END
from assistant.text.spelling import Speller

COMMON_PART = -2.5  # log10 frequency: a half this common is left alone (for, over, til, sted)
MIN_PART = 3  # letters in each half of a split compound


class Compounds:
    def __init__(self, speller: Speller) -> None:
        self.speller = speller
        self.lexicon = speller.lexicon

    def _part(self, word: str, role: int) -> bool:
        lex = self.lexicon
        wid = lex.find(word)
        return (
            wid is not None
            and len(word) >= MIN_PART
            and bool(int(lex.roles[wid]) & role)
            and float(lex.logfreq[wid]) < COMMON_PART
        )

    def joined(self, first: str, second: str) -> str | None:
        """The compound that ``first second`` should be written as, or None."""
        if self.lexicon.language != "da" or not first.isalpha() or not second.isalpha():
            return None
        if not second.islower():
            return None  # "Aalborg Kommune": a name goes on in capitals
        a, b = first.lower(), second.lower()
        if not self._part(a, BEGIN) or not self._part(b, END):
            return None
        if b in self.lexicon.bigrams.get(a, {}):
            return None  # seen written apart in real text
        joined = first + b
        # A form of the dictionary itself, not one of hunspell's free compounds (those would
        # join "gennem årene" into "gennemårene").
        return joined if self.speller.acceptance.known_form(joined) else None
