"""A stand-in for the Reader in read-as-you-type tests: records what would be read aloud."""

from __future__ import annotations

import threading


class Said:
    """Stands where the Reader would: records what would be read (from any thread)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.lock = threading.Lock()

    def read(self, text: str, language: str | None = None) -> int:
        with self.lock:
            self.texts.append(text)
            return len(self.texts)
