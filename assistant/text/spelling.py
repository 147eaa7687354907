"""Suggestions for one word: candidates by letters, by sound and by REP patterns, ranked.

Candidates come from three places: the symmetric-delete index (up to two edits), forms that
share the word's sound key (however far apart the letters are), and hunspell's REP patterns
(the replacements the dictionary's authors saw people make). Each candidate gets a cost: its
edit distance, made cheaper when the change is one people make by ear or by finger (same sound,
doubled letter, vowel for vowel, keyboard neighbour, two neighbours swapped, a REP pattern, or
only letters the writer left out) and dearer when the first or the last letter changes. The score adds the word's frequency and, when the neighbours are known, how
often the pair occurs, plus the user's own accepted words. Lower scores rank first.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
from editdistpy import damerau_osa

from assistant.text.acceptance import Acceptance
from assistant.text.lexicon import Lexicon
from assistant.text.limits import too_long
from assistant.text.phonetic import sound_key

APART_COST = 1.0  # a split into two words costs as much as this many edits
NAME_COST = 0.5  # edits: a capitalised-only form (a name) for a word typed in lower case
SOUND_DISTANCE = 4  # how far (in letters) a same-sounding form may be
# Per language: (edit weight, common). One edit costs as much as a 10**weight difference in
# frequency: Danish weighs frequency less, because most Danish forms (inflections, compounds)
# are missing from wordfreq's small list and carry estimated frequencies. "common" is the log10
# frequency of a one-edit candidate that ends the search before two edits; None: always search
# two edits, as English does (short words with many neighbours; with a threshold it searched
# two edits for 93 % of the benchmark words anyway, and ranked the same), which aspell does too.
RANKING: dict[str, tuple[float, float | None]] = {"da": (4.0, -6.0), "en": (3.0, None)}
EDIT_WEIGHT, COMMON = RANKING["da"]
# The error model's three cues from how people misspell, in edits (chosen on en_aspell alone,
# then checked on the other lists): the writer left letters out (the most common error, so a
# candidate that only adds letters is cheaper), swapped two neighbours (ie/ei), and got the
# end of the word right (a candidate whose last letter, ignoring a silent e, differs is dearer).
OMIT_BONUS = 0.4
SWAP_BONUS = 0.2
END_COST = 0.5
# A cheap cut-off for the two-edit search (log10 frequency): rarer forms two letters away are
# skipped. Set from en_aspell, where every correct word two edits away but one is above it.
TWO_EDIT_FLOOR = {"en": -7.5}
_ONE_LETTER_WORDS = {"da": frozenset("iåø"), "en": frozenset("ai")}
_VOWELS = set("aeiouyæøåéèêëáàâäöüí")


@dataclass(frozen=True)
class Suggestion:
    word: str
    score: float
    distance: int
    sound: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "word": self.word,
            "score": round(self.score, 3),
            "distance": self.distance,
            "sound_alike": self.sound,
        }


def _swapped(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1


def _ending(text: str) -> str:
    return text[-2:-1] if len(text) > 2 and text.endswith("e") else text[-1:]


_DOUBLE = re.compile(r"(.)\1+")


def _undouble(text: str) -> str:
    return _DOUBLE.sub(r"\1", text)


_SAME_VOWEL = str.maketrans({"æ": "e", "ä": "e", "é": "e", "è": "e", "å": "o", "ö": "ø", "ü": "y"})


def _skeleton(text: str) -> str:
    """The word with vowels that sound alike merged (æ/e, å/o) and doubled letters single."""
    return _undouble(text.translate(_SAME_VOWEL))


def _keyboard_neighbours(rows: list[str]) -> dict[str, set[str]]:
    near: dict[str, set[str]] = {}
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            group = near.setdefault(ch, set())
            for rr in (r - 1, r, r + 1):
                if 0 <= rr < len(rows):
                    for cc in (c - 1, c, c + 1):
                        if 0 <= cc < len(rows[rr]) and (rr, cc) != (r, c):
                            group.add(rows[rr][cc])
    return near


def match_case(template: str, word: str) -> str:
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Speller:
    """Suggests corrections for single words in one language."""

    def __init__(
        self, lexicon: Lexicon, boosts: dict[str, float] | None = None, acceptance: Acceptance | None = None
    ) -> None:
        self.lexicon = lexicon
        self.language = lexicon.language
        self.boosts = boosts if boosts is not None else {}  # lower-case word -> score bonus
        self.extra_words: dict[str, str] = {}  # user and machine terms: lower case -> as written
        self._near = _keyboard_neighbours(lexicon.keyboard)
        self._rep = self._compile_rep(lexicon.rep)
        # REP patterns that split a whole word: "^forlængst$" -> "for længst".
        self._space_rep = {
            src.strip("^$"): dst for src, dst in lexicon.rep if " " in dst and src.startswith("^")
        }
        self.edit_weight, self.common = RANKING.get(self.language, (EDIT_WEIGHT, COMMON))
        floor = TWO_EDIT_FLOOR.get(self.language)
        self._two_edit_keep = None if floor is None else lexicon.logfreq >= floor
        self.acceptance = acceptance if acceptance is not None else Acceptance(lexicon, self.rep_variants)

    @staticmethod
    def _compile_rep(pairs: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str], str]]:
        out = []
        for src, dst in pairs:
            start, end = src.startswith("^"), src.endswith("$")
            core = src.strip("^$")
            if not core or " " in dst:
                continue
            pattern = ("^" if start else "") + re.escape(core) + ("$" if end else "")
            out.append((core, re.compile(pattern), dst.strip("^$")))
        return out

    def is_correct(self, word: str) -> bool:
        """Correct when the user's or IT's term lists have it, or hunspell accepts it and it is
        no near miss of a known word (see :mod:`assistant.text.acceptance`). A word longer than
        :data:`~assistant.text.limits.MAX_WORD_CHARS` is not looked up (False): callers that
        report words say "too long" (see :func:`~assistant.text.limits.too_long`)."""
        if too_long(word):
            return False
        return word.lower() in self.extra_words or self.acceptance.accepts(word)

    def apart(self, word: str) -> tuple[str, float] | None:
        """Two (or more) words that ``word`` runs together ("idag" -> "i dag"), with a score
        like a suggestion's, or None. From the dictionary's REP patterns, or a split into two
        accepted words that stand side by side in the counted text."""
        key = word.lower()
        if too_long(key):
            return None
        if key in self._space_rep:
            return self._space_rep[key], 0.3 * self.edit_weight
        lex = self.lexicon
        accepts = self.acceptance.accepts

        def part_ok(part: str) -> bool:
            # One-letter words only where the language has them ("i dag", "a lot").
            return (len(part) > 1 or part in _ONE_LETTER_WORDS.get(self.language, ())) and accepts(part)

        def logfreq(part: str) -> float:
            wid = lex.find(part)
            return float(lex.logfreq[wid]) if wid is not None else -9.0

        best: tuple[float, str] | None = None
        count = lex.bigrams.count
        for cut in range(1, len(key)):
            a, rest = key[:cut], key[cut:]
            if lex.find(a) is None or not part_ok(a):
                continue
            n = count(a, rest)
            if n and part_ok(rest):
                score = (
                    APART_COST * self.edit_weight - min(logfreq(a), logfreq(rest)) - 0.3 * min(n, 30) ** 0.5
                )
                if best is None or score < best[0]:
                    best = (score, f"{a} {rest}")
                continue
            for cut2 in range(1, len(rest)):
                # Three words, each pair seen side by side: "ihvertfald" -> "i hvert fald".
                b, c = rest[:cut2], rest[cut2:]
                if lex.find(b) is None or lex.find(c) is None:
                    continue
                n1 = count(a, b)
                n2 = count(b, c) if n1 else 0
                if n1 and n2 and part_ok(b) and part_ok(c):
                    rarest = min(logfreq(a), logfreq(b), logfreq(c))
                    score = 1.5 * APART_COST * self.edit_weight - rarest - 0.3 * min(n1, n2, 30) ** 0.5
                    if best is None or score < best[0]:
                        best = (score, f"{a} {b} {c}")
        return (best[1], best[0]) if best else None

    def rep_variants(self, key: str) -> set[str]:
        found: set[str] = set()
        if too_long(key):
            return found  # one variant per match, each a copy of the word: quadratic
        for core, pattern, dst in self._rep:
            if core not in key:
                continue
            for m in pattern.finditer(key):
                found.add(key[: m.start()] + dst + key[m.end() :])
        return found

    def _adjusted(
        self, query: str, undoubled: str, cand: str, dist: int, same_sound: bool, rep: bool
    ) -> float:
        cost = float(dist)
        if dist == 0:
            return 0.0
        if same_sound:
            # Sounds the same: what is left is vowels and doubled letters, which is cheap.
            skeleton = damerau_osa.distance(_skeleton(query), _skeleton(cand), 9)
            cost = min(cost, 0.3 + 0.5 * skeleton + 0.15 * dist)
        if rep:
            cost = min(cost, 0.7)
        if cand[:1] == query[:1] and cand[-1:] == query[-1:] and _undouble(cand) == undoubled:
            cost = min(cost, 0.4 * abs(len(query) - len(cand)) + 0.2)
        if len(query) == len(cand) and dist == 1:
            diff = [(a, b) for a, b in zip(query, cand, strict=True) if a != b]
            if len(diff) == 1:
                a, b = diff[0]
                if a in _VOWELS and b in _VOWELS:
                    cost -= 0.25
                elif b in self._near.get(a, ()):
                    cost -= 0.2
            elif _swapped(query, cand):
                cost -= SWAP_BONUS
        if len(cand) - len(query) == dist:
            cost -= OMIT_BONUS
        if query[:1] != cand[:1]:
            cost += 0.3
        if _ending(query) != _ending(cand):
            cost += END_COST
        return max(cost, 0.1)

    def candidates(self, word: str) -> dict[int, tuple[int, bool, bool]]:
        """word id -> (edit distance, same sound, from a REP pattern)."""
        lex = self.lexicon
        query = word.lower()
        found: dict[int, tuple[int, bool, bool]] = {}
        if too_long(query):
            return found
        query_key = sound_key(query, self.language)
        query_sound = zlib.crc32(query_key.encode("utf-8"))
        sound_ids = lex.sound_matches_hashes(np.asarray([query_sound], dtype=np.uint32)).tolist()
        logfreq = lex.logfreq
        common = self.common
        near = lex.index.lookup(query, 1) if common is not None else []
        if common is None or (
            not any(logfreq[wid] >= common for wid, _ in near)
            and not any(logfreq[wid] >= common for wid in sound_ids)
        ):
            # Two letters away is only worth the search when nothing common is one letter away
            # or sounds the same.
            near = lex.index.lookup(query, 2, self._two_edit_keep)
        for wid, dist in near:
            found[wid] = (dist, False, False)
        for wid in sound_ids:
            dist = (
                found[wid][0] if wid in found else damerau_osa.distance(query, lex.keys[wid], SOUND_DISTANCE)
            )
            if dist >= 0:
                found[wid] = (dist, True, False)
        for variant in self.rep_variants(query):
            wid = lex.find(variant)
            if wid is not None:
                dist = damerau_osa.distance(query, variant, 9)
                old = found.get(wid)
                found[wid] = (dist, old[1] if old else False, True)
        if found:
            # Forms found by letters that also sound the same (checked in one go).
            ids = np.fromiter(found, dtype=np.int64, count=len(found))
            for wid in ids[lex.word_sound[ids] == query_sound].tolist():
                dist, same, rep = found[wid]
                if not same and dist > 0:
                    found[wid] = (dist, True, rep)
        if len(query_key) >= 4 and not any(d <= 1 or s for d, s, _ in found.values()):
            # Nothing close by letters or by sound: try forms whose sound keys are near.
            for wid in lex.sound_near(query).tolist():
                if wid not in found:
                    dist = damerau_osa.distance(query, lex.keys[wid], SOUND_DISTANCE)
                    if dist >= 0:
                        found[wid] = (dist, False, False)
        if not found:
            return found
        ids = np.fromiter(found, dtype=np.int64, count=len(found))
        return {wid: found[wid] for wid in ids[lex.suggestible_mask(ids)].tolist()}

    def suggest(
        self, word: str, top: int = 5, previous: str | None = None, following: str | None = None
    ) -> list[Suggestion]:
        """Ranked suggestions for ``word``; ``previous``/``following`` are its neighbours. Empty
        for a word that is too long to look up."""
        if too_long(word):
            return []
        lex = self.lexicon
        query = word.lower()
        # (score, tie-break, word as shown or None for a lexicon form, word id, distance, sound):
        # only the few that are shown are turned into Suggestions.
        scored: list[tuple[float, int, str | None, int, int, bool]] = []
        prev_pairs = lex.bigrams.get(previous.lower(), {}) if previous else {}
        following_key = following.lower() if following else None
        undoubled = _undouble(query)
        lower_query = word.islower()
        keys, case, logfreq = lex.keys, lex.case, lex.logfreq
        weight, boosts = self.edit_weight, self.boosts
        for wid, (dist, same, rep) in self.candidates(word).items():
            key = keys[wid]
            cost = self._adjusted(query, undoubled, key, dist, same, rep)
            if lower_query and case[wid] == 1:
                cost += NAME_COST  # typed in lower case: a name is less likely meant
            score = cost * weight - float(logfreq[wid])
            if prev_pairs or following_key:
                score -= self._context_bonus(prev_pairs, key, following_key)
            if boosts:
                score -= boosts.get(key, 0.0)
            scored.append((score, len(scored), None, wid, dist, same))
        for extra, written in self.extra_words.items():
            dist = damerau_osa.distance(query, extra, 2)
            if dist >= 0 and lex.find(extra) is None:
                score = dist * weight + 6.0 - boosts.get(extra, 0.0)
                scored.append((score, len(scored), match_case(word, written), -1, dist, False))
        apart = None if self.is_correct(word) else self.apart(word)
        if apart is not None:
            written = word[:1] + apart[0][1:] if word[:1].isupper() else apart[0]
            scored.append((apart[1], len(scored), written, -1, 1, False))
        scored.sort()
        out: list[Suggestion] = []
        seen: set[str] = set()
        accepts = self.acceptance.accepts
        for score, _, shown, wid, dist, same in scored:
            if shown is None:
                shown = match_case(word, lex.display(wid))
            key = shown.lower()
            if key in seen:
                continue
            seen.add(key)
            # Never offer a word that the checker would flag in turn.
            if key in self.extra_words or all(accepts(part) for part in shown.split(" ")):
                out.append(Suggestion(shown, score, dist, same))
                if len(out) >= top:
                    break
        return out

    def _context_bonus(self, prev_pairs: dict[str, int], key: str, following: str | None) -> float:
        bonus = 0.0
        n = prev_pairs.get(key)
        if n:
            bonus += 0.8 + 0.3 * min(n, 30) ** 0.5
        if following:
            m = self.lexicon.bigrams.count(key, following)
            if m:
                bonus += 0.8 + 0.3 * min(m, 30) ** 0.5
        return bonus
