"""Read-as-you-type: keeps the word or sentence being typed, in memory only, until it is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.errors import UsageError


class _Reads(Protocol):
    def read(self, text: str, language: str | None = None) -> int: ...


class TypingEcho:
    """Reads back what is typed: each finished word (``mode="word"``) or sentence (``"sentence"``).

    Feed it the characters as they are typed; backspace ("\\b") removes one. A word is finished by
    a space or punctuation, a sentence by . ! ? or a new line. Each echo interrupts the last.
    """

    def __init__(
        self,
        reader: _Reads,
        mode: str = "word",
        language: str | None = None,
        *,
        secret: Callable[[], bool] | None = None,
        on_withheld: Callable[[], None] | None = None,
    ) -> None:
        if mode not in ("word", "sentence"):
            raise UsageError(f"Unknown echo mode '{mode}'", "Choose word or sentence")
        self.reader = reader
        self.mode = mode
        self.language = language
        self._buffer = ""
        # ``secret()``: whether the focused field is a password field. Asked when a word begins
        # and again when it ends, so a password finished by Tab (focus already on the next
        # field) is still withheld; then ``on_withheld()`` says why nothing was read.
        self._secret = secret
        self._on_withheld = on_withheld
        self._withhold = False

    def feed(self, chars: str) -> list[int]:
        """Returns the utterance ids started."""
        started: list[int] = []
        for char in chars:
            if char == "\b":
                self._buffer = self._buffer[:-1]
                continue
            if (
                self._secret is not None
                and not char.isspace()
                and (not self._buffer or self._buffer[-1].isspace())
            ):
                self._withhold = self._withhold or self._secret()
            self._buffer += char
            finished = self._finished(char)
            if finished:
                if self._withhold or (self._secret is not None and self._secret()):
                    self._withhold = False
                    if self._on_withheld is not None:
                        self._on_withheld()
                    continue
                started.append(self.reader.read(finished, self.language))
            elif not self._buffer:
                self._withhold = False  # a finished piece with nothing to read
        return started

    def reset(self) -> None:
        self._buffer = ""
        self._withhold = False

    def _finished(self, char: str) -> str | None:
        if self.mode == "word":
            if char.isalnum() or char in "'’-":
                return None
            word = self._buffer[:-1].split()[-1:] if self._buffer[:-1].strip() else []
            self._buffer = ""
            text = word[0].strip(".,;:!?\"'()") if word else ""
            return text or None
        if char in ".!?\n":
            sentence, self._buffer = self._buffer.strip(), ""
            return sentence if any(c.isalnum() for c in sentence) else None
        return None
