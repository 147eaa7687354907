"""The user's own words: added, removed, imported, and how often each suggestion was accepted.

Words live in ``<data_dir>/dictionary/<lang>.txt`` (UTF-8, one per line); acceptance counts in
``<lang>.accepted.tsv`` beside it. Writes are atomic (temporary file, then rename), locked
against concurrent writers, and private (0600).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.errors import StorageError
from assistant.fsutil import atomic_write, locked, private_dir, storage_error


def dictionary_dir(data_dir: Path) -> Path:
    """Where the user's word lists live (``assistant.text.service.user_dictionary_dir`` too)."""
    return data_dir / "dictionary"


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
        private_dir(path.parent)
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise storage_error(exc, "Your dictionary", path) from exc


class UserDictionary:
    """The words as last read; every change is a read-modify-write of the file under a lock
    (:func:`assistant.fsutil.locked`), so the tray and scripts adding words at the same time
    all land, and a change made elsewhere since this object read the file is kept."""

    def __init__(self, folder: Path, language: str) -> None:
        self.path = folder / f"{language}.txt"
        self.accepted_path = folder / f"{language}.accepted.tsv"
        self.words: list[str] = _read_lines(self.path)
        self.accepted: dict[str, int] = self._read_accepted()

    def _read_accepted(self) -> dict[str, int]:
        accepted: dict[str, int] = {}
        for line in _read_lines(self.accepted_path):
            word, _, count = line.partition("\t")
            if count.isdigit():
                accepted[word.lower()] = int(count)
        return accepted

    @contextlib.contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        try:
            private_dir(path.parent)
            with locked(path):
                yield
        except (OSError, TimeoutError) as exc:
            raise storage_error(exc, "Your dictionary", path) from exc

    def __contains__(self, word: str) -> bool:
        return word.lower() in {w.lower() for w in self.words}

    def add(self, word: str) -> bool:
        return self.add_many([word]) == 1

    def add_many(self, words: Iterable[str]) -> int:
        """Add each word not there yet (one write); returns how many were new."""
        wanted = [w.strip() for w in words if w.strip()]
        if not wanted:
            return 0
        with self._locked(self.path):
            self.words = _read_lines(self.path)
            known = {w.lower() for w in self.words}
            added = 0
            for word in wanted:
                if word.lower() not in known:
                    known.add(word.lower())
                    self.words.append(word)
                    added += 1
            if added:
                self._save_words()
        return added

    def remove(self, word: str) -> bool:
        return self.remove_many([word]) == 1

    def remove_many(self, words: Iterable[str]) -> int:
        """Remove each word there (one write); returns how many were removed."""
        gone = {w.strip().lower() for w in words if w.strip()}
        with self._locked(self.path):
            self.words = _read_lines(self.path)
            kept = [w for w in self.words if w.lower() not in gone]
            removed = len(self.words) - len(kept)
            if removed:
                self.words = kept
                self._save_words()
        return removed

    def import_file(self, path: Path) -> int:
        """Add every word of a UTF-8 term list (one per line); returns how many were new."""
        return self.add_many(_read_lines(path))

    def accept(self, word: str) -> None:
        """Record that the user picked ``word`` from the suggestions."""
        key = word.strip().lower()
        with self._locked(self.accepted_path):
            self.accepted = self._read_accepted()
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
