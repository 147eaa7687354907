"""Word prediction: completions of a typed prefix (tolerant of a misspelled prefix) and likely
next words, ranked by frequency, the previous word and the user's accepted words."""

from __future__ import annotations

import numpy as np

from assistant.text.lexicon import Lexicon
from assistant.text.limits import MAX_FUZZY_PREFIX, too_long
from assistant.text.phonetic import sound_key
from assistant.text.spelling import Speller, match_case

FUZZY_PENALTY = 1.5  # log10 units: a completion of a corrected prefix ranks as if 30x rarer
SOUND_PENALTY = 0.3  # ... or only 2x rarer when the corrected prefix sounds the same
_PER_RANGE = 12


class Predictor:
    def __init__(self, speller: Speller) -> None:
        self.speller = speller
        self.lexicon: Lexicon = speller.lexicon
        lex = self.lexicon
        ok = np.flatnonzero((lex.roles & 24) == 0)  # standalone and suggestible
        self._frequent = ok[np.argsort(-lex.logfreq[ok], kind="stable")[:200]]

    def _top_in(self, ids: range, count: int) -> list[int]:
        lex = self.lexicon
        if len(ids) == 0:
            return []
        freq = lex.logfreq[ids.start : ids.stop]
        k = min(len(freq), count * 3)
        part = np.argpartition(-freq, k - 1)[:k] if k < len(freq) else np.arange(len(freq))
        order = part[np.argsort(-freq[part], kind="stable")]
        out = []
        for j in order.tolist():
            wid = ids.start + j
            if lex.suggestible(wid):
                out.append(wid)
                if len(out) >= count:
                    break
        return out

    def _prefix_variants(self, prefix: str) -> set[str]:
        """Prefixes one edit or one REP pattern away from ``prefix``."""
        if len(prefix) > MAX_FUZZY_PREFIX:
            return set()  # (letters x length) variants, each as long as the prefix
        letters = set(prefix) | set("aeiouyæøå" if self.lexicon.language == "da" else "aeiouy")
        letters |= set("dgrnsth")
        out: set[str] = set()
        for i in range(len(prefix) + 1):
            head, tail = prefix[:i], prefix[i:]
            if tail:
                out.add(head + tail[1:])
                if len(tail) > 1:
                    out.add(head + tail[1] + tail[0] + tail[2:])
            for ch in letters:
                out.add(head + ch + tail)
                if tail:
                    out.add(head + ch + tail[1:])
        out |= self.speller.rep_variants(prefix)
        out.discard(prefix)
        return {p for p in out if len(p) >= 2}

    def complete(self, prefix: str, previous: str | None = None, top: int = 5) -> list[str]:
        lex = self.lexicon
        key = prefix.lower()
        if not key:
            return self.next_words(previous, top)
        if too_long(key):
            return []  # no word goes on from a pasted blob
        scores: dict[int, float] = {}
        for wid in self._top_in(lex.with_prefix(key), _PER_RANGE):
            scores[wid] = float(lex.logfreq[wid])
        if 3 <= len(key) <= MAX_FUZZY_PREFIX and len(scores) < _PER_RANGE:
            # Few or no completions: the prefix is probably misspelled. A variant that sounds the
            # same (tanl -> tandl) costs little, any other edit more.
            key_sound = sound_key(key, lex.language)
            for variant in self._prefix_variants(key):
                if len(variant) < len(key):
                    continue
                penalty = SOUND_PENALTY if sound_key(variant, lex.language) == key_sound else FUZZY_PENALTY
                for wid in self._top_in(lex.with_prefix(variant), 3):
                    score = float(lex.logfreq[wid]) - penalty
                    if score > scores.get(wid, -99.0):
                        scores[wid] = score
        follow = lex.bigrams.get(previous.lower(), {}) if previous else {}
        boosts = self.speller.boosts
        ranked = sorted(
            scores,
            key=lambda w: (
                -(scores[w] + (1.0 if lex.keys[w] in follow else 0.0) + boosts.get(lex.keys[w], 0.0))
            ),
        )
        words = [lex.display(w) for w in ranked if lex.keys[w] != key][:top]
        extra = [k for k in self.speller.extra_words if k.startswith(key) and k != key]
        extra = sorted(extra, key=lambda k: -boosts.get(k, 0.0))[:2]
        words = [self.speller.extra_words[k] for k in extra] + words
        return [match_case(prefix, w) for w in dict.fromkeys(words)][:top]

    def next_words(self, previous: str | None, top: int = 5) -> list[str]:
        lex = self.lexicon
        follow = lex.bigrams.get(previous.lower(), {}) if previous else {}
        ranked = sorted(follow, key=lambda w: -follow[w])[:top]
        for wid in self._frequent.tolist():
            if len(ranked) >= top:
                break
            word = lex.display(wid)
            if word not in ranked:
                ranked.append(word)
        return ranked[:top]
