"""Suggestions for one word: candidates by letters, by sound and by REP patterns, ranked.

Candidates come from three places: the symmetric-delete index (up to two edits), forms that
share the word's sound key (however far apart the letters are), and hunspell's REP patterns
(the replacements the dictionary's authors saw people make). Each candidate gets a cost: its
edit distance, made cheaper when the change is one people make by ear or by finger (same sound,
doubled letter, vowel for vowel, keyboard neighbour, a REP pattern) and dearer when the first
letter changes. The score adds the word's frequency and, when the neighbours are known, how
often the pair occurs, plus the user's own accepted words. Lower scores rank first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editdistpy import damerau_osa

from assistant.text.lexicon import Lexicon
from assistant.text.phonetic import sound_key

EDIT_WEIGHT = 2.5  # one edit costs as much as a 10**2.5 difference in frequency
SOUND_DISTANCE = 4
COMMON = -6.0  # log10 frequency of a word common enough to end the search at one edit  # how far (in letters) a same-sounding form may be
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

    def __init__(self, lexicon: Lexicon, boosts: dict[str, float] | None = None) -> None:
        self.lexicon = lexicon
        self.language = lexicon.language
        self.boosts = boosts if boosts is not None else {}  # lower-case word -> score bonus
        self.extra_words: dict[str, str] = {}  # user and machine terms: lower case -> as written
        self._near = _keyboard_neighbours(lexicon.keyboard)
        self._rep = self._compile_rep(lexicon.rep)

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
        key = word.lower()
        return key in self.extra_words or self.lexicon.is_word(word)

    def rep_variants(self, key: str) -> set[str]:
        found: set[str] = set()
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
        if _undouble(cand) == undoubled:
            cost = min(cost, 0.4 * abs(len(query) - len(cand)) + 0.2)
        if len(query) == len(cand) and dist == 1:
            diff = [(a, b) for a, b in zip(query, cand, strict=True) if a != b]
            if len(diff) == 1:
                a, b = diff[0]
                if a in _VOWELS and b in _VOWELS:
                    cost -= 0.25
                elif b in self._near.get(a, ()):
                    cost -= 0.2
        if query[:1] != cand[:1]:
            cost += 0.3
        return max(cost, 0.1)

    def candidates(self, word: str) -> dict[int, tuple[int, bool, bool]]:
        """word id -> (edit distance, same sound, from a REP pattern)."""
        lex = self.lexicon
        query = word.lower()
        found: dict[int, tuple[int, bool, bool]] = {}
        query_key = sound_key(query, self.language)
        query_sound = lex.sound_hash(query)
        sound_ids = lex.sound_matches(query).tolist()
        near = lex.index.lookup(query, 1)
        logfreq = lex.logfreq
        if not any(logfreq[wid] >= COMMON for wid, _ in near) and not any(
            logfreq[wid] >= COMMON for wid in sound_ids
        ):
            # Two letters away is only worth the search when nothing common is one letter away
            # or sounds the same.
            near = lex.index.lookup(query, 2)
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
        word_sound = lex.word_sound
        for wid, (dist, same, rep) in list(found.items()):
            if not same and dist > 0 and word_sound[wid] == query_sound:
                found[wid] = (dist, True, rep)
        if len(query_key) >= 4 and not any(d <= 1 or s for d, s, _ in found.values()):
            # Nothing close by letters or by sound: try forms whose sound keys are near.
            for wid in lex.sound_near(query).tolist():
                if wid not in found:
                    dist = damerau_osa.distance(query, lex.keys[wid], SOUND_DISTANCE)
                    if dist >= 0:
                        found[wid] = (dist, False, False)
        return {wid: v for wid, v in found.items() if lex.suggestible(wid)}

    def suggest(
        self, word: str, top: int = 5, previous: str | None = None, following: str | None = None
    ) -> list[Suggestion]:
        """Ranked suggestions for ``word``; ``previous``/``following`` are its neighbours."""
        lex = self.lexicon
        query = word.lower()
        scored: list[Suggestion] = []
        prev_pairs = lex.bigrams.get(previous.lower(), {}) if previous else {}
        following_key = following.lower() if following else None
        undoubled = _undouble(query)
        for wid, (dist, same, rep) in self.candidates(word).items():
            key = lex.keys[wid]
            cost = self._adjusted(query, undoubled, key, dist, same, rep)
            score = cost * EDIT_WEIGHT - float(lex.logfreq[wid])
            score -= self._context_bonus(prev_pairs, key, following_key)
            score -= self.boosts.get(key, 0.0)
            scored.append(Suggestion(match_case(word, lex.display(wid)), score, dist, same))
        for extra, written in self.extra_words.items():
            dist = damerau_osa.distance(query, extra, 2)
            if dist >= 0 and lex.find(extra) is None:
                score = dist * EDIT_WEIGHT + 6.0 - self.boosts.get(extra, 0.0)
                scored.append(Suggestion(match_case(word, written), score, dist))
        scored.sort(key=lambda s: s.score)
        out: list[Suggestion] = []
        seen: set[str] = set()
        for s in scored:
            if s.word.lower() not in seen:
                seen.add(s.word.lower())
                out.append(s)
                if len(out) >= top:
                    break
        return out

    def _context_bonus(self, prev_pairs: dict[str, int], key: str, following: str | None) -> float:
        bonus = 0.0
        n = prev_pairs.get(key)
        if n:
            bonus += 0.8 + 0.3 * min(n, 30) ** 0.5
        if following:
            m = self.lexicon.bigrams.get(key, {}).get(following)
            if m:
                bonus += 0.8 + 0.3 * min(m, 30) ** 0.5
        return bonus
