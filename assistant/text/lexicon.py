"""The built lexicon of one language: word forms, frequencies, compound roles and indexes.

Loading reads ``words.txt`` (sorted lower-case forms), ``arrays.npz`` and ``pairs.npz`` from a build folder
(see :mod:`assistant.text.build`); nothing is computed at load time beyond splitting the list.
Lookups are by binary search, so no per-word dictionary has to be built.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.text import affix
from assistant.text.deletes import DeleteIndex
from assistant.text.limits import too_long
from assistant.text.phonetic import sound_key

log = logging.getLogger(__name__)

COMPOUND_MIN = 2
COMPOUND_MAX_PARTS = 6


class Lexicon:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            with open(folder / "meta.json", encoding="utf-8") as handle:
                self.meta = json.load(handle)
            with open(folder / "words.txt", encoding="utf-8") as handle:
                self.keys: list[str] = handle.read().split("\n")
            data: dict[str, np.ndarray] = {}
            for name in ("arrays.npz", "pairs.npz"):
                with np.load(folder / name) as arrays:
                    data.update({key: arrays[key] for key in arrays.files})
            self.display_forms: dict[str, str] = {}
            with open(folder / "display.tsv", encoding="utf-8") as handle:
                for line in handle:
                    key, _, form = line.rstrip("\n").partition("\t")
                    self.display_forms[key] = form
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(
                f"The spelling lexicon in {folder} cannot be read ({type(exc).__name__})",
                "Rebuild it with: python -m assistant.text.build",
            ) from exc
        self.language: str = self.meta["language"]
        self.logfreq: np.ndarray = data["logfreq"]
        self.roles: np.ndarray = data["roles"]
        self.lengths: np.ndarray = data["lengths"].astype(np.int32)
        self.case: np.ndarray = data["case"]
        self._sound_hash: np.ndarray = data["sound_hash"]
        self._sound_word: np.ndarray = data["sound_word"]
        self.word_sound = np.empty_like(self._sound_hash)
        self.word_sound[self._sound_word] = self._sound_hash
        self.rep: list[tuple[str, str]] = [tuple(p) for p in self.meta.get("rep", [])]
        self.keyboard: list[str] = self.meta.get("keyboard") or ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
        self.index = DeleteIndex(data, self.keys, self.lengths)
        self._sound_index = DeleteIndex(data, None, None, "k_")
        self._sound_order: np.ndarray = data["k_order"]
        self._compound = lru_cache(maxsize=4096)(self._compound_uncached)
        self.bigrams = Bigrams(self, data["bigram_first"], data["bigram_second"], data["bigram_count"])

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, word: str) -> int | None:
        """The id of ``word`` (any case), or None."""
        key = word.lower()
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return i
        return None

    def display(self, wid: int) -> str:
        """The form as it is written (Nevada, RSX, f.eks.)."""
        key = self.keys[wid]
        case = self.case[wid]
        if case == 0:
            return key
        if case == 1:
            return key[:1].upper() + key[1:]
        return self.display_forms.get(key, key)

    def standalone(self, wid: int) -> bool:
        return not int(self.roles[wid]) & affix.ONLY_IN_COMPOUND

    def suggestible(self, wid: int) -> bool:
        return not int(self.roles[wid]) & (affix.ONLY_IN_COMPOUND | affix.NO_SUGGEST)

    def suggestible_mask(self, ids: np.ndarray) -> np.ndarray:
        """:meth:`suggestible` for many ids at once."""
        return (self.roles[ids] & (affix.ONLY_IN_COMPOUND | affix.NO_SUGGEST)) == 0

    def is_word(self, word: str) -> bool:
        """True if ``word`` is a form on its own or joins forms by their compound roles. A loose
        check of the lexicon's own data: what the checker accepts is decided by
        :mod:`assistant.text.acceptance` (libhunspell itself, made stricter)."""
        if too_long(word):
            return False  # the compound search tries every cut: never on a pasted blob
        wid = self.find(word)
        if wid is not None and self.standalone(wid):
            return True
        return self.language == "da" and len(word) >= 2 * COMPOUND_MIN and self._compound(word.lower(), 0)

    def _compound_uncached(self, word: str, parts: int) -> bool:
        """Can ``word`` be split into begin (+ middle ...) + end parts? ``parts`` so far."""
        if parts >= COMPOUND_MAX_PARTS:
            return False
        for cut in range(COMPOUND_MIN, len(word) - COMPOUND_MIN + 1):
            head = self.find(word[:cut])
            if head is None:
                continue
            role = int(self.roles[head])
            if not role & (affix.BEGIN if parts == 0 else affix.MIDDLE):
                continue
            tail = self.find(word[cut:])
            if tail is not None and int(self.roles[tail]) & affix.END:
                return True
            if self._compound(word[cut:], parts + 1):
                return True
        return False

    def sound_hash(self, word: str) -> int:
        return zlib.crc32(sound_key(word, self.language).encode("utf-8"))

    def sound_matches(self, word: str) -> np.ndarray:
        """Ids of the forms whose sound key equals that of ``word``."""
        return self.sound_matches_hashes(np.asarray([self.sound_hash(word)], dtype=np.uint32))

    def sound_matches_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """Ids of the forms whose sound key has one of ``hashes`` (CRC-32 of the key)."""
        lo = np.searchsorted(self._sound_hash, hashes, "left")
        hi = np.searchsorted(self._sound_hash, hashes, "right")
        hit = hi > lo
        if not hit.any():
            return self._sound_word[:0]
        return np.concatenate([self._sound_word[a:b] for a, b in zip(lo[hit], hi[hit], strict=True)])

    def sound_near(self, word: str, max_length_change: int = 3, limit: int = 6000) -> np.ndarray:
        """Ids of forms whose sound key begins within two edits of the key of ``word`` (one
        edit when two would give more than ``limit`` forms); a superset: verify by letters."""
        key = sound_key(word, self.language)
        positions = self._sound_index.positions(key, 2)
        if len(positions) > limit:
            positions = self._sound_index.positions(key, 1)
        ids = self._sound_order[positions]
        return ids[np.abs(self.lengths[ids] - len(word)) <= max_length_change]

    def with_prefix(self, prefix: str) -> range:
        """Ids of the forms that start with ``prefix`` (lower case), a contiguous range."""
        lo = bisect.bisect_left(self.keys, prefix)
        hi = bisect.bisect_left(self.keys, prefix + "\U0010ffff")
        return range(lo, hi)


class Bigrams:
    """Word-pair counts as arrays (first word id, second word id, count) sorted by the first
    word: ``get(word)`` gives ``{following word: count}`` like a dict of dicts would, without
    building one for every word at load time."""

    def __init__(self, lexicon: Lexicon, first: np.ndarray, second: np.ndarray, count: np.ndarray) -> None:
        self._lexicon = lexicon
        self._first = first
        self._second = second
        self._count = count
        self._follow = lru_cache(maxsize=8192)(self._follow_uncached)

    def __len__(self) -> int:
        return len(self._first)

    def _follow_uncached(self, wid: int) -> dict[str, int]:
        lo = int(np.searchsorted(self._first, wid, "left"))
        hi = int(np.searchsorted(self._first, wid, "right"))
        keys = self._lexicon.keys
        return {
            keys[b]: int(n)
            for b, n in zip(self._second[lo:hi].tolist(), self._count[lo:hi].tolist(), strict=True)
        }

    def count(self, first: str, second: str) -> int:
        """How often ``second`` follows ``first``, without building ``first``'s whole dict."""
        a, b = self._lexicon.find(first), self._lexicon.find(second)
        if a is None or b is None:
            return 0
        lo = int(np.searchsorted(self._first, a, "left"))
        hi = int(np.searchsorted(self._first, a, "right"))
        j = lo + int(np.searchsorted(self._second[lo:hi], b))
        return int(self._count[j]) if j < hi and self._second[j] == b else 0

    def get(self, word: str, default: dict[str, int] | None = None) -> dict[str, int] | None:
        wid = self._lexicon.find(word)
        follow = self._follow(wid) if wid is not None else None
        return follow if follow else default


def artefact_dirs(cache_dir: Path | None) -> list[Path]:
    from assistant.text.build import DEFAULT_OUT

    dirs = [DEFAULT_OUT]
    if cache_dir is not None:
        dirs.append(cache_dir / "lexicon")
    return dirs


def _usable(folder: Path) -> bool:
    from assistant.text.build import FORMAT

    try:
        with open(folder / "meta.json", encoding="utf-8") as handle:
            return json.load(handle).get("format") == FORMAT
    except (OSError, ValueError):
        return False


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def load(language: str, cache_dir: Path | None = None, *, build_if_missing: bool = True) -> Lexicon:
    """The lexicon for ``language``: from the install-time build, else the user cache (built
    there on first use when missing or out of date)."""
    from assistant.text.build import LANGUAGES, build_language

    if language not in LANGUAGES:
        from assistant.errors import UsageError

        raise UsageError(
            f"No spelling lexicon for language '{language}'", "Use one of: " + ", ".join(LANGUAGES)
        )
    dirs = artefact_dirs(cache_dir)
    for base in dirs:
        if _usable(base / language):
            return Lexicon(base / language)
    if not build_if_missing:
        raise ModelError(
            f"The spelling lexicon for '{language}' has not been built",
            "Run: python -m assistant.text.build",
        )
    target = next((d for d in dirs if _writable(d)), dirs[-1])
    log.info("building the %s spelling lexicon in %s", language, target)
    try:
        build_language(language, target)
    except FileNotFoundError as exc:
        raise ModelError(str(exc), "Install the hunspell dictionaries, then try again") from exc
    except OSError as exc:
        raise ModelError(f"The spelling lexicon could not be written to {target}", str(exc)) from exc
    return Lexicon(target / language)
