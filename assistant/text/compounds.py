"""Split compounds ("tand læge" -> tandlæge) and run-together words ("idag" -> i dag).

A split compound is the classic Danish error: each half is a word, so a word-by-word checker
sees nothing. Two neighbouring words are flagged when all of these hold:
- joined they make a word that the acceptance takes: one of the dictionary's forms, or a
  compound that hunspell builds by its own rules when the first word is a linking form
  ("visdomstands operation", "rodbehandlings forløb"). hunspell-da lets nouns compound with
  verbs and adjectives too ("planet huser"), so without the linking -s its compounds flagged
  2 in 1,000 words of correct prose;
- the dictionary lets the first begin a compound and the second end one (hunspell-da's compound
  flags: function words like "for", "i", "at" mostly have none);
- neither half is a very common word (those are where "over for" / "overfor", "af sted" /
  "afsted" are both right), and the two never stand side by side in the counted text;
- the first word is not one that stands before many different words in the counted text
  (adjectives and prepositions: "gode råd", "efter skole", "venstre ben" are right as written);
- the joined word is clearly likelier than the two words side by side: its frequency (a
  compound that no list has seen counts as ``UNSEEN_COMPOUND``) beats the product of the two
  words' frequencies by ``JOIN_MARGIN`` (log10).
Run-together words are found by :meth:`Speller.apart` (they are rejected words anyway).
"""

from __future__ import annotations

from assistant.text.affix import BEGIN, END
from assistant.text.spelling import Speller

COMMON_PART = -2.5  # log10 frequency: a half this common is left alone (for, over, til, sted)
MIN_PART = 3  # letters in each half of a split compound
# Chosen on the held-out (tuning) part of Dasher's prose with its own compounds written apart,
# never on the test part or the project's correct-Danish texts (see tests/unit/test_spelling_compounds.py).
MODIFIER_FOLLOWERS = 50  # a first word seen before this many different words stands apart
UNSEEN_COMPOUND = -9.0  # log10 frequency of a compound that no frequency list has
JOIN_MARGIN = 0.5  # log10: how much likelier the compound must be than the two words apart


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

    def _linking(self, word: str) -> bool:
        """A first part with the linking -s of a compound ("rodbehandlings", "hospitals")."""
        return len(word) > MIN_PART + 1 and word.endswith("s") and self.lexicon.find(word[:-1]) is not None

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
        acceptance = self.speller.acceptance
        known = acceptance.known_form(joined)
        if not known and not (self._linking(a) and acceptance.accepts(joined)):
            return None
        if len(self.lexicon.bigrams.get(a, {}) or {}) >= MODIFIER_FOLLOWERS:
            return None
        lex = self.lexicon
        wid = lex.find(joined)
        together = float(lex.logfreq[wid]) if known and wid is not None else UNSEEN_COMPOUND
        apart = float(lex.logfreq[lex.find(a)]) + float(lex.logfreq[lex.find(b)])
        return joined if together - apart >= JOIN_MARGIN else None
