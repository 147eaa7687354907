"""The user's own words: added, removed, imported, and how often each suggestion was accepted.

Words live in ``<data_dir>/dictionary/<lang>.txt`` (UTF-8, one per line); acceptance counts in
``<lang>.accepted.tsv`` beside it. Writes are atomic (temporary file, then rename).
"""

from __future__ import annotations

import math
from pathlib import Path

from assistant.errors import StorageError
from assistant.fsutil import atomic_write


def _read_lines(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(
            f"The word list {path} cannot be read", "Check that it is a UTF-8 text file"
        ) from exc


def _write_atomic(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError(
            f"The dictionary {path} cannot be saved", "Check the folder's permissions"
        ) from exc


class UserDictionary:
    def __init__(self, folder: Path, language: str) -> None:
        self.path = folder / f"{language}.txt"
        self.accepted_path = folder / f"{language}.accepted.tsv"
        self.words: list[str] = _read_lines(self.path)
        self.accepted: dict[str, int] = {}
        for line in _read_lines(self.accepted_path):
            word, _, count = line.partition("\t")
            if count.isdigit():
                self.accepted[word.lower()] = int(count)

    def __contains__(self, word: str) -> bool:
        return word.lower() in {w.lower() for w in self.words}

    def add(self, word: str) -> bool:
        word = word.strip()
        if not word or word in self:
            return False
        self.words.append(word)
        self._save_words()
        return True

    def remove(self, word: str) -> bool:
        kept = [w for w in self.words if w.lower() != word.strip().lower()]
        if len(kept) == len(self.words):
            return False
        self.words = kept
        self._save_words()
        return True

    def import_file(self, path: Path) -> int:
        """Add every word of a UTF-8 term list (one per line); returns how many were new."""
        known = {w.lower() for w in self.words}
        added = 0
        for word in _read_lines(path):
            if word.lower() not in known:
                known.add(word.lower())
                self.words.append(word)
                added += 1
        if added:
            self._save_words()
        return added

    def accept(self, word: str) -> None:
        """Record that the user picked ``word`` from the suggestions."""
        key = word.strip().lower()
        self.accepted[key] = self.accepted.get(key, 0) + 1
        lines = "".join(f"{w}\t{n}\n" for w, n in sorted(self.accepted.items()))
        _write_atomic(self.accepted_path, lines)

    def boosts(self) -> dict[str, float]:
        """Score bonus per lower-case word: own words a little, accepted words more each time."""
        out = {w.lower(): 1.0 for w in self.words}
        for word, count in self.accepted.items():
            out[word] = out.get(word, 0.0) + min(4.0, 1.5 * math.log2(1 + count))
        return out

    def _save_words(self) -> None:
        _write_atomic(self.path, "".join(w + "\n" for w in self.words))


def read_term_list(path: Path) -> list[str]:
    """A machine-wide term list (UTF-8, one term per line, # comments)."""
    return _read_lines(path)
