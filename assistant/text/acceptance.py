"""Is a word correct? Asked of libhunspell itself, then made stricter, never looser.

hunspell-da (and hunspell-en) decide with their own compound rules, forbidden words and case
rules, so the product accepts nothing that hunspell rejects. hunspell's compound rules are
generous, though: "nivau" passes as ni + vau, "københavn" as a compound although only
"København" is a word. So a word that hunspell accepts only as a compound (it is not one of the
dictionary's own forms, with its capitals) is held back when it is a near miss of a known word:
one edit away from a common form, the same letters with a doubled letter moved, the same sound,
a REP pattern of the dictionary, or the same word with the dictionary's capitals. This is
hunspell's own CHECKCOMPOUNDREP idea, widened. The user's and IT's term lists are accepted as
they are (the caller handles them), and so are the project's own term lists.

A near miss is strong evidence only when the word does not read as a compound of its own: a
correct compound of real words ("tunge|betændelse", "bid|stilling") is also one edit from
another compound ("lunge|betændelse") or word ("bestilling"), and a dyslexic writer who is
offered the other word takes it. So when the word and the known form share a part of at least
``SHARED_PART`` letters and what differs is, on each side, a real word (the word's own part
common enough, ``PART_FREQ``), the near miss is weak: the word is accepted, and
:meth:`Acceptance.alternatives` gives the known forms for the checker to weigh against the
neighbouring words. Everything else stays a strong near miss, flagged as a doubt ("Mente du
…?").

Capitalised words get exactly the checks of their lower-case form (a sentence begins with
"Egenlig" as often as a line has "egenlig"), unless the dictionary has the capitalised form
itself (a name); words in capitals throughout (acronyms) and mixed case follow hunspell.

When the binding is missing (``available()`` says why), only the dictionary's own forms are
accepted: stricter than hunspell, never looser.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from editdistpy import damerau_osa

from assistant.text.affix import BEGIN, END
from assistant.text.lexicon import Lexicon
from assistant.text.limits import too_long

log = logging.getLogger(__name__)

NEAR_MISS_FREQ = -6.0  # log10 frequency of a form common enough that one edit from it is a slip
# A part that a correct compound shares with the near miss, and how common the word's own
# differing part must be (log10) to count as a real word. Chosen on a list of clinic compounds
# built from tand, rod, bid, kind, mund ... + smerte, side, stilling, hul ... and on the misspellings
# that hunspell-da accepts in the Danish benchmark list (both sides must keep their catches).
SHARED_PART = 3
PART_FREQ = -6.0
_DOUBLE = re.compile(r"(.)\1+")


def _undouble(text: str) -> str:
    return _DOUBLE.sub(r"\1", text)


def hunspell_paths(language: str) -> tuple[Path, Path]:
    from assistant.text.build import hunspell_files

    return hunspell_files(language)


class Acceptance:
    """Decides whether a word (as written, capitals included) is correct in one language."""

    def __init__(self, lexicon: Lexicon, rep_variants=None) -> None:  # type: ignore[no-untyped-def]
        self.lexicon = lexicon
        self.language = lexicon.language
        self._rep_variants = rep_variants  # callable(str) -> set[str], from the speller
        self._lock = threading.Lock()  # libhunspell handles are not safe across threads
        self._hunspell = None
        self.reason: str | None = None
        try:
            from assistant.text.hunspell_binding import open_hunspell

            aff, dic = hunspell_paths(self.language)
            self._hunspell = open_hunspell(aff, dic)
        except ImportError:
            self.reason = "the hunspell Python binding is not installed (pip install chunspell)"
        except FileNotFoundError as exc:
            self.reason = str(exc)
        except Exception as exc:  # the binding raises its own error types for unreadable files
            self.reason = f"hunspell could not open its dictionary ({type(exc).__name__})"
        if self.reason:
            log.warning("spelling: only dictionary forms are accepted: %s", self.reason)
        from assistant.text.build import read_terms, term_files

        # The project's own term lists (resources/lexicon/terms), like an IT term list.
        self.terms = {t.lower() for path in term_files(self.language) for t in read_terms(path)}
        self._cached = lru_cache(maxsize=20000)(self._accepts_uncached)

    def available(self) -> str | None:
        """None when libhunspell answers; otherwise why only dictionary forms are accepted."""
        return self.reason

    def hunspell_accepts(self, word: str) -> bool:
        if self._hunspell is None:
            return self.known_form(word)
        with self._lock:
            return bool(self._hunspell.spell(word))

    def known_form(self, word: str) -> bool:
        """One of the dictionary's own forms (not a compound), with its capitals."""
        lex = self.lexicon
        wid = lex.find(word)
        if wid is None or not lex.standalone(wid):
            return False
        form = lex.display(wid)
        return word in (form, form[:1].upper() + form[1:]) or (len(word) > 1 and word.isupper())

    def accepts(self, word: str) -> bool:
        if too_long(word):
            return False  # never looked up (see assistant.text.limits)
        return self._cached(word)

    def _accepts_uncached(self, word: str) -> bool:
        if not word:
            return False
        if word.lower() in self.terms:
            return True
        if not self.hunspell_accepts(word):
            return False
        if self._hunspell is None or self.known_form(word):
            return True
        key = self._checked_form(word)
        if key is None:
            return True  # hyphenated, acronyms, mixed case: hunspell's word is final
        return not any(strong for _cid, strong in self._near_misses(key, capitalised=key != word))

    def doubtful(self, word: str) -> bool:
        """hunspell takes ``word`` but it is a strong near miss: flagged as a question."""
        return bool(word) and not self.accepts(word) and self.hunspell_accepts(word)

    def alternatives(self, word: str) -> list[str]:
        """Known forms that the accepted ``word`` is a weak near miss of (lower case), for the
        checker to weigh against the neighbouring words; empty for most words."""
        if too_long(word) or self._hunspell is None or not self.accepts(word):
            return []
        if word.lower() in self.terms or self.known_form(word):
            return []
        key = self._checked_form(word)
        if key is None:
            return []
        lex = self.lexicon
        return sorted({lex.keys[cid] for cid, _strong in self._near_misses(key, capitalised=key != word)})

    @staticmethod
    def _checked_form(word: str) -> str | None:
        """The lower-case form to check, or None when hunspell's verdict is final."""
        if "-" in word:
            return None
        if word.islower():
            return word
        if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
            return word.lower()
        return None

    def near_miss(self, word: str) -> bool:
        """Is ``word`` (lower case, accepted only as a compound) a slip for a known form?"""
        return any(strong for _cid, strong in self._near_misses(word, capitalised=False))

    def _near_misses(self, word: str, capitalised: bool) -> list[tuple[int, bool]]:
        """(known form id, strong evidence) for each known form ``word`` is a near miss of."""
        lex = self.lexicon
        wid = lex.find(word)
        if wid is not None and lex.standalone(wid) and not capitalised:
            # The word exists, but only with capitals (københavn -> København).
            return [(wid, True)]
        candidates: set[int] = set()
        for cid, dist in lex.index.lookup(word, 1):
            if dist == 1 and lex.logfreq[cid] >= NEAR_MISS_FREQ:
                candidates.add(cid)
        for cid in lex.sound_matches(word).tolist():
            if lex.keys[cid] != word and lex.logfreq[cid] >= NEAR_MISS_FREQ:
                candidates.add(cid)
        if self._rep_variants is not None:
            for variant in self._rep_variants(word):
                cid = lex.find(variant)
                if cid is not None and lex.logfreq[cid] >= NEAR_MISS_FREQ:
                    candidates.add(cid)
        undoubled = _undouble(word)
        for cid, _dist in lex.index.lookup(word, 2):
            key = lex.keys[cid]
            if key != word and _undouble(key) == undoubled:
                candidates.add(cid)
        solid = self._solid(word)
        return [
            (cid, not solid or not self._weak(word, lex.keys[cid]))
            for cid in sorted(candidates)
            if lex.standalone(cid) and self.hunspell_accepts(lex.display(cid))
        ]

    def _real(self, part: str, role: int, freq: float | None = None) -> bool:
        """A form that may stand in this place of a compound (and is this common)."""
        lex = self.lexicon
        pid = lex.find(part)
        if pid is None or len(part) < 2 or not int(lex.roles[pid]) & role:
            return False
        if freq is None:
            return True
        if float(lex.logfreq[pid]) >= freq:
            return True
        # A linking -s form ("rodbehandlings") carries an estimated frequency: use its stem's.
        return role == BEGIN and part.endswith("s") and self._real(part[:-1], BEGIN | END, freq)

    def _solid(self, word: str) -> bool:
        """Is ``word`` a compound of two real, common enough words ("bid|stilling")?"""
        return any(
            self._real(word[:cut], BEGIN, PART_FREQ) and self._real(word[cut:], END, PART_FREQ)
            for cut in range(SHARED_PART, len(word) - SHARED_PART + 1)
        )

    def _weak(self, word: str, known: str) -> bool:
        """Is the near miss of a solid compound ``word`` for ``known`` weak evidence: two or more
        edits apart, or the same compound with one part swapped for another real part
        ("tunge|betændelse" / "lunge|betændelse")?"""
        if damerau_osa.distance(word, known, 2) != 1:
            return True
        for cut in range(SHARED_PART, len(word) - 1):
            tail, head = word[-cut:], word[:cut]
            # A shared last part with differing first parts, or a shared first part.
            if (
                known.endswith(tail)
                and len(known) > cut
                and self._real(tail, END)
                and self._real(word[:-cut], BEGIN, PART_FREQ)
                and self._real(known[:-cut], BEGIN)
            ) or (
                known.startswith(head)
                and len(known) > cut
                and self._real(head, BEGIN)
                and self._real(word[cut:], END, PART_FREQ)
                and self._real(known[cut:], END)
            ):
                return True
        return False
