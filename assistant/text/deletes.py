"""A compact symmetric-delete (SymSpell) index held in numpy arrays.

Words are sorted, so all words sharing their first ``PREFIX`` letters form one contiguous run.
The index maps the CRC-32 of every deletion (up to ``MAX_DISTANCE`` letters) of every distinct
prefix to that prefix's run. A lookup deletes letters from the query's prefix, finds the runs,
and keeps words whose full Damerau (OSA) distance is small enough. Sharing prefixes keeps the
index at a few million entries for a million word forms, and it loads without unpickling.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
from editdistpy import damerau_osa

PREFIX = 7
MAX_DISTANCE = 2


def deletes(text: str, distance: int = MAX_DISTANCE) -> set[str]:
    """``text`` and every string made by deleting up to ``distance`` of its letters."""
    found = {text}
    frontier = {text}
    for _ in range(distance):
        nxt: set[str] = set()
        for item in frontier:
            if len(item) <= 1:
                continue
            for i in range(len(item)):
                nxt.add(item[:i] + item[i + 1 :])
        nxt -= found
        found |= nxt
        frontier = nxt
    return found


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def build(sorted_keys: list[str], name: str = "") -> dict[str, np.ndarray]:
    """Arrays for :class:`DeleteIndex` from the lexicon's sorted lower-case keys."""
    starts: list[int] = []
    prefixes: list[str] = []
    last = None
    for i, key in enumerate(sorted_keys):
        prefix = key[:PREFIX]
        if prefix != last:
            prefixes.append(prefix)
            starts.append(i)
            last = prefix
    starts.append(len(sorted_keys))
    hashes: list[int] = []
    owners: list[int] = []
    for pid, prefix in enumerate(prefixes):
        for item in deletes(prefix):
            hashes.append(crc(item))
            owners.append(pid)
    h = np.asarray(hashes, dtype=np.uint32)
    o = np.asarray(owners, dtype=np.int32)
    order = np.argsort(h, kind="stable")
    return {
        f"{name}del_hash": h[order],
        f"{name}del_prefix": o[order],
        f"{name}prefix_start": np.asarray(starts, dtype=np.int32),
    }


class DeleteIndex:
    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        keys: list[str] | None,
        lengths: np.ndarray | None,
        name: str = "",
    ) -> None:
        self._hash = arrays[f"{name}del_hash"]
        self._prefix = arrays[f"{name}del_prefix"]
        self._start = arrays[f"{name}prefix_start"]
        self._keys = keys
        self._lengths = lengths

    def positions(self, query: str, max_distance: int = MAX_DISTANCE) -> np.ndarray:
        """Positions (in the sorted list) of every entry whose prefix is within ``max_distance``
        of the prefix of ``query``: a superset of the matches, to be verified by the caller."""
        probes = np.fromiter((crc(d) for d in deletes(query[:PREFIX], max_distance)), dtype=np.uint32)
        lo = np.searchsorted(self._hash, probes, "left")
        hi = np.searchsorted(self._hash, probes, "right")
        hit = hi > lo
        if not hit.any():
            return np.zeros(0, dtype=np.int64)
        pids = np.unique(np.concatenate([self._prefix[a:b] for a, b in zip(lo[hit], hi[hit], strict=True)]))
        starts = self._start[pids]
        counts = self._start[pids + 1] - starts
        total = int(counts.sum())
        return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)

    def lookup(
        self, query: str, max_distance: int = MAX_DISTANCE, keep: np.ndarray | None = None
    ) -> list[tuple[int, int]]:
        """``(word id, distance)`` for every word within ``max_distance`` of ``query`` (and, when
        ``keep`` is given, whose entry in that boolean array is true)."""
        ids = self.positions(query, max_distance)
        ids = ids[np.abs(self._lengths[ids] - len(query)) <= max_distance]  # type: ignore[index]
        if keep is not None:
            ids = ids[keep[ids]]
        keys = self._keys
        assert keys is not None and self._lengths is not None
        out: list[tuple[int, int]] = []
        for wid in ids.tolist():
            dist = damerau_osa.distance(query, keys[wid], max_distance)
            if dist >= 0:
                out.append((wid, dist))
        return out


def within(query: str, candidates: Iterable[str], max_distance: int) -> list[tuple[str, int]]:
    out = []
    for cand in candidates:
        dist = damerau_osa.distance(query, cand, max_distance)
        if dist >= 0:
            out.append((cand, dist))
    return out
