"""Real-word confusions (nogen/nogle, ligger/lægger, har/er, at/og ...) that the neighbouring
word makes likely. The rules are hand-written in ``resources/lexicon/confusions.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.text.build import RESOURCES

CONFUSIONS_FILE = RESOURCES / "confusions.tsv"
END = "<end>"


@dataclass(frozen=True)
class Rule:
    written: str
    suggested: str
    side: str  # "prev" or "next"
    triggers: frozenset[str]


class Confusions:
    def __init__(self, language: str, path: Path = CONFUSIONS_FILE) -> None:
        self.rules: dict[str, list[Rule]] = {}
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                lang, written, suggested, side, triggers = line.rstrip("\n").split("\t")
                if lang == language:
                    rule = Rule(written, suggested, side, frozenset(t.strip() for t in triggers.split(",")))
                    self.rules.setdefault(written, []).append(rule)

    def check(self, word: str, previous: str | None, following: str | None) -> str | None:
        """The word that fits this context better than ``word``, or None.

        ``previous``/``following`` are the neighbouring words in lower case, or None at a
        sentence boundary (which matches the ``<end>`` trigger on the following side).
        """
        for rule in self.rules.get(word.lower(), ()):
            neighbour = previous if rule.side == "prev" else following
            if (neighbour or END) in rule.triggers:
                return rule.suggested
        return None
