"""Live words from an offline recogniser: the words two successive decodes agree on are stable.

An offline model (Whisper, an offline transducer) has no streaming partials, so the live path
decodes the utterance in progress again and again as it grows. Each decode is a *hypothesis*
for all of it. A word is shown as **stable** once ``agree`` hypotheses in a row (default 2)
begin with the same words up to it (the LocalAgreement policy of whisper_streaming, Macháček et
al. 2023); the rest of the latest hypothesis is the **tail**, which may still change and is
shown marked. Stable words never change again within the utterance; the final decode at the
pause replaces the whole utterance.

Interface (no model, no audio, no threads: plain words in, words out)::

    agreement = LocalAgreement()        # one per utterance; reset() when it ends
    live = agreement.update("and so my fellow".split())
    live.stable, live.tail             # (), ("and", "so", "my", "fellow")
    live = agreement.update("and so my fellow americans".split())
    live.stable, live.tail             # ("and", "so", "my", "fellow"), ("americans",)
    live.text, live.stable_chars       # "and so my fellow americans", 16

Words are compared without case and punctuation ("Americans," == "americans"), and shown as the
latest hypothesis wrote them. If a later hypothesis contradicts a stable word, the stable
words are kept and the tail is the new hypothesis after the same number of words.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

_PUNCT = re.compile(r"[^\w']+")


def _norm(word: str) -> str:
    return _PUNCT.sub("", word.casefold())


@dataclass(frozen=True)
class LiveWords:
    stable: tuple[str, ...]
    tail: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.stable + self.tail)

    @property
    def stable_chars(self) -> int:
        """How many leading characters of :attr:`text` are stable."""
        return len(" ".join(self.stable))


class LocalAgreement:
    def __init__(self, agree: int = 2) -> None:
        if agree < 1:
            raise ValueError("agree must be at least 1")
        self.agree = agree
        self._history: deque[list[str]] = deque(maxlen=agree)
        self.stable: list[str] = []

    def reset(self) -> None:
        """A new utterance begins."""
        self._history.clear()
        self.stable = []

    def update(self, hypothesis: Sequence[str]) -> LiveWords:
        """The latest decode of the whole utterance so far, as words."""
        words = [w for w in hypothesis if w.strip()]
        self._history.append([_norm(w) for w in words])
        n = len(self.stable)
        latest = self._history[-1]
        if len(self._history) == self.agree and latest[:n] == [_norm(w) for w in self.stable]:
            common = n
            shortest = min(len(h) for h in self._history)
            while common < shortest and all(h[common] == latest[common] for h in self._history):
                common += 1
            self.stable = self.stable + words[n:common]
        return LiveWords(tuple(self.stable), tuple(words[len(self.stable) :]))
