"""The speech model to recommend for this machine: the most accurate one that is fast enough here.

Accuracy comes from the catalog (its rank per language, backed by published word error rates).
Speed comes from bench/bench_transducer.py, which times each architecture with random weights of
the published shapes on two CPU cores (README, "Transducer models"). A model is fast enough for
live dictation when decoding an utterance is estimated to take at most :data:`LIVE_RTF` of the
utterance's length on this machine (so a 5-second sentence is text within about 1.5 s of the key
being released), and when it fits in memory beside the rest of the desktop.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from assistant.storage.catalog import Catalog, CatalogEntry, load_catalog

REFERENCE_CORES = 2
LIVE_RTF = 0.3
MEMORY_SHARE = 0.4  # at most this share of the machine's memory for the speech model

# Architecture -> (real-time factor of a 5.8 s Danish utterance on two idle cores, peak memory in
# MB, where the figure comes from). bench/bench_transducer.py measured the processor time per
# second of audio on the reference two cores (README "Transducer models": table, command, load);
# two cores working on it give half that in wall-clock time. Models not measured there are placed
# by their parameter count between measured neighbours, and say so.
PROFILES: dict[str, tuple[float, int, str]] = {
    "whisper-tiny": (0.08, 250, "estimated from parameter count"),
    "whisper-base": (0.16, 385, "measured"),
    "whisper-small": (0.45, 900, "estimated from parameter count"),
    "whisper-medium": (1.30, 2000, "estimated from parameter count"),
    "whisper-large-v3-turbo": (1.70, 2021, "measured (random weights, same shape)"),
    "whisper-large": (2.13, 3497, "measured (random weights, large-v3 shape)"),
    "nemo-110m": (0.05, 398, "measured (random weights, same shape)"),
    "nemo-0.6b": (0.15, 1155, "measured (random weights, same shape)"),
}

ARCHITECTURE = {
    "whisper-tiny.en": "whisper-tiny",
    "faster-whisper-tiny": "whisper-tiny",
    "whisper-base": "whisper-base",
    "faster-whisper-small": "whisper-small",
    "faster-whisper-medium": "whisper-medium",
    "faster-whisper-large-v3": "whisper-large",
    "hviske-v2": "whisper-large",
    "roest-v1-whisper-1.5b": "whisper-large",
    "roest-v3-whisper-1.5b": "whisper-large",
    "hviske-tiske": "whisper-large-v3-turbo",
    "ekko-v1-tiny": "nemo-110m",
    "parakeet-tdt-0.6b-v3": "nemo-0.6b",
}


@dataclass(frozen=True)
class Machine:
    cores: int
    memory_mb: int | None  # None when it cannot be read here

    def to_json(self) -> dict[str, Any]:
        return {"cores": self.cores, "memory_mb": self.memory_mb}


def this_machine() -> Machine:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    memory: int | None = None
    try:
        memory = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20)
    except (AttributeError, ValueError, OSError):
        memory = None  # Windows: no sysconf; the memory test is then skipped
    return Machine(cores, memory)


def estimated_rtf(architecture: str, machine: Machine) -> float:
    """Decode time / audio time here: the reference figure scaled by cores (up to 8; beyond
    that, memory bandwidth rather than cores limits these models)."""
    rtf, _, _ = PROFILES[architecture]
    return rtf * REFERENCE_CORES / max(1, min(machine.cores, 8))


@dataclass(frozen=True)
class Recommendation:
    language: str
    entry: CatalogEntry
    estimated_rtf: float
    live_ok: bool
    reason: str
    machine: Machine

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "model": self.entry.name,
            "engine": self.entry.engine,
            "estimated_rtf": round(self.estimated_rtf, 3),
            "live_ok": self.live_ok,
            "reason": self.reason,
            "machine": self.machine.to_json(),
        }


def recommend(
    language: str, machine: Machine | None = None, catalog: Catalog | None = None
) -> Recommendation | None:
    """The most accurate model the catalog recommends for ``language`` that is fast enough for live
    dictation here and fits in memory; if none is, the fastest of them."""
    catalog = catalog or load_catalog()
    machine = machine or this_machine()
    candidates = [
        e for e in catalog.for_language(language) if language in e.recommended and e.name in ARCHITECTURE
    ]
    if not candidates:
        return None
    scored = []
    for entry in candidates:
        architecture = ARCHITECTURE[entry.name]
        rtf = estimated_rtf(architecture, machine)
        memory = PROFILES[architecture][1]
        fits = machine.memory_mb is None or memory <= MEMORY_SHARE * machine.memory_mb
        scored.append((entry, rtf, rtf <= LIVE_RTF and fits))
    fast = [s for s in scored if s[2]]
    best = max(fast, key=lambda s: s[0].rank_for(language)) if fast else min(scored, key=lambda s: s[1])
    entry, rtf, live_ok = best
    where = f"{machine.cores} cores" + (f", {machine.memory_mb / 1024:.0f} GB" if machine.memory_mb else "")
    more_accurate = [
        s for s in scored if s[0].rank_for(language) > entry.rank_for(language) and s[0].name != entry.name
    ]
    if live_ok:
        reason = f"the most accurate recommended model fast enough for live dictation here ({where}; about {rtf:.2f}x real time)"
        if more_accurate:
            slow = max(more_accurate, key=lambda s: s[0].rank_for(language))
            reason += f"; {slow[0].name} is more accurate but would take about {slow[1]:.1f}x real time here"
    else:
        reason = f"no recommended model is fast enough for live dictation here ({where}); this is the fastest (about {rtf:.1f}x real time)"
    return Recommendation(language, entry, rtf, live_ok, reason, machine)
