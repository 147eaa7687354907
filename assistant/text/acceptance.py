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

When the binding is missing (``available()`` says why), only the dictionary's own forms are
accepted: stricter than hunspell, never looser.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from assistant.text.lexicon import Lexicon
from assistant.text.limits import too_long

log = logging.getLogger(__name__)

NEAR_MISS_FREQ = -6.0  # log10 frequency of a form common enough that one edit from it is a slip
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
        if "-" in word or not word.islower():
            # Hyphenated parts and capitalised names: hunspell's word is final.
            return True
        return not self.near_miss(word)

    def near_miss(self, word: str) -> bool:
        """Is ``word`` (lower case, accepted only as a compound) a slip for a known form?"""
        lex = self.lexicon
        wid = lex.find(word)
        if wid is not None and lex.standalone(wid):
            return True  # the word exists, but only with capitals (københavn -> København)
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
        return any(lex.standalone(cid) and self.hunspell_accepts(lex.display(cid)) for cid in candidates)
