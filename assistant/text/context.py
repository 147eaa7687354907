"""Real-word confusions (nogen/nogle, ligger/lægger, har/er, at/og ...) that the neighbouring
word makes likely. The rules are hand-written in ``resources/lexicon/confusions.tsv``.

Lines with the side ``pair`` name confusion pairs that are also judged from counted text: the
written word is flagged when neither of its neighbours was ever seen beside it, while the
other word of the pair was seen beside both, at least ``PAIR_EVIDENCE`` times in all. Demanding
evidence on both sides keeps false flags on clean prose under 1 per 1,000 words.

A hand-written rule fires only where the counted text backs it: the written word was never seen
beside the trigger word, and the suggested word was (``RULE_EVIDENCE`` times). Many triggers go
with both words ("Hvor ligger den?" / "lægger den", "er gjort" / "har gjort", "har flyttet" /
"er flyttet", "your right hand" / "you're right"), and a rule that fires on correct text misleads
a writer who cannot judge it. A sentence end as trigger has no pair count and is taken as it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.text.build import RESOURCES

CONFUSIONS_FILE = RESOURCES / "confusions.tsv"
END = "<end>"
PAIR_EVIDENCE = 3
RULE_EVIDENCE = 1


@dataclass(frozen=True)
class Rule:
    written: str
    suggested: str
    side: str  # "prev" or "next"
    triggers: frozenset[str]


class Confusions:
    def __init__(self, language: str, path: Path = CONFUSIONS_FILE, bigrams=None) -> None:  # type: ignore[no-untyped-def]
        self.rules: dict[str, list[Rule]] = {}
        self.pairs: dict[str, set[str]] = {}
        self.bigrams = bigrams  # Lexicon.bigrams: word -> {following word: count}
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                lang, written, suggested, side, triggers = line.rstrip("\n").split("\t")
                if lang == language and side == "pair":
                    self.pairs.setdefault(written, set()).add(suggested)
                    self.pairs.setdefault(suggested, set()).add(written)
                elif lang == language:
                    rule = Rule(written, suggested, side, frozenset(t.strip() for t in triggers.split(",")))
                    self.rules.setdefault(written, []).append(rule)

    def known(self, word: str) -> set[str]:
        """The words a rule or pair may suggest for ``word``."""
        key = word.lower()
        return {r.suggested for r in self.rules.get(key, ())} | self.pairs.get(key, set())

    def check(self, word: str, previous: str | None, following: str | None, ends: bool = True) -> str | None:
        """The word that fits this context better than ``word``, or None.

        ``previous``/``following`` are the neighbouring words in lower case, or None when the
        neighbour is no word. ``ends``: the sentence ends right after ``word`` (only that matches
        the ``<end>`` trigger; a comma or a number after the word is no end).
        """
        for rule in self.rules.get(word.lower(), ()):
            neighbour = previous if rule.side == "prev" else following
            key = neighbour if neighbour is not None else END if rule.side == "prev" or ends else None
            if key in rule.triggers and self._backed(rule, word.lower(), neighbour):
                return rule.suggested
        return self._by_counts(word.lower(), previous, following)

    def _backed(self, rule: Rule, word: str, neighbour: str | None) -> bool:
        """Has the counted text seen the suggested word beside ``neighbour``, and never ``word``?"""
        if neighbour is None or self.bigrams is None:
            return True
        if rule.side == "prev":
            return (
                not self._count(neighbour, word) and self._count(neighbour, rule.suggested) >= RULE_EVIDENCE
            )
        return not self._count(word, neighbour) and self._count(rule.suggested, neighbour) >= RULE_EVIDENCE

    def _count(self, first: str | None, second: str | None) -> int:
        if first is None or second is None or self.bigrams is None:
            return 0
        return (self.bigrams.get(first) or {}).get(second, 0)

    def _by_counts(self, word: str, previous: str | None, following: str | None) -> str | None:
        others = self.pairs.get(word)
        if not others or previous is None or following is None:
            return None
        if self._count(previous, word) or self._count(word, following):
            return None
        best: tuple[int, str] | None = None
        for other in sorted(others):
            before, after = self._count(previous, other), self._count(other, following)
            if (
                before
                and after
                and before + after >= PAIR_EVIDENCE
                and (best is None or before + after > best[0])
            ):
                best = (before + after, other)
        return best[1] if best else None
