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
# The third field says what the figure is; only REFERENCE and RANDOM_WEIGHTS figures are ever
# stated to a user (labelled as estimates), a GUESS only ranks models and is never shown.
REFERENCE = "reference"  # real weights, timed on the two-core reference machine, not here
RANDOM_WEIGHTS = "random-weights"  # a random-weight model of the same shape, reference machine
GUESS = "guess"  # placed by parameter count between measured neighbours: not a measurement
MEASURED_HERE = "measured-here"  # assistant transcribe runs on this machine (storage/speed.py)
PROFILES: dict[str, tuple[float, int, str]] = {
    "whisper-tiny": (0.08, 250, GUESS),
    "whisper-base": (0.16, 385, REFERENCE),
    "whisper-small": (0.45, 900, GUESS),
    "whisper-medium": (1.30, 2000, GUESS),
    "whisper-large-v3-turbo": (1.70, 2021, RANDOM_WEIGHTS),
    "whisper-large": (2.13, 3497, RANDOM_WEIGHTS),  # large-v3 shape
    "nemo-110m": (0.05, 398, RANDOM_WEIGHTS),
    "nemo-0.6b": (0.15, 1155, RANDOM_WEIGHTS),
}


def speed_text(rtf: float, basis: str, runs: int = 0) -> str:
    """A speed figure with what it rests on; "" for a guess (no figure is stated then)."""
    if basis == MEASURED_HERE:
        return f"{rtf:.2f}x real time, measured on this machine ({runs} run{'s' if runs != 1 else ''})"
    if basis == RANDOM_WEIGHTS:
        return f"about {rtf:.2f}x real time, an estimate from a random-weight model of the same shape (not measured here)"
    if basis == REFERENCE:
        return (
            f"about {rtf:.2f}x real time, an estimate from the reference two-core machine (not measured here)"
        )
    return ""


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
    speed_basis: str = GUESS  # MEASURED_HERE, RANDOM_WEIGHTS, REFERENCE or GUESS
    measured_runs: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "model": self.entry.name,
            "engine": self.entry.engine,
            "estimated_rtf": round(self.estimated_rtf, 3),
            "speed_basis": self.speed_basis,
            "speed": speed_text(self.estimated_rtf, self.speed_basis, self.measured_runs) or None,
            "live_ok": self.live_ok,
            "reason": self.reason,
            "machine": self.machine.to_json(),
        }


def recommend(
    language: str,
    machine: Machine | None = None,
    catalog: Catalog | None = None,
    measured: dict[str, tuple[float, int]] | None = None,
) -> Recommendation | None:
    """The most accurate model the catalog recommends for ``language`` that is fast enough for live
    dictation here and fits in memory; if none is, the fastest of them. ``measured`` (model ->
    (real-time factor, runs), from :func:`assistant.storage.speed.measured`) replaces estimates."""
    measured = measured or {}
    catalog = catalog or load_catalog()
    machine = machine or this_machine()
    candidates = [
        e for e in catalog.for_language(language) if language in e.recommended and e.name in ARCHITECTURE
    ]
    if not candidates:
        return None
    scored = []
    basis: dict[str, tuple[str, int]] = {}
    for entry in candidates:
        architecture = ARCHITECTURE[entry.name]
        rtf = estimated_rtf(architecture, machine)
        basis[entry.name] = (PROFILES[architecture][2], 0)
        if entry.name in measured:
            rtf, runs = measured[entry.name]
            basis[entry.name] = (MEASURED_HERE, runs)
        memory = PROFILES[architecture][1]
        fits = machine.memory_mb is None or memory <= MEMORY_SHARE * machine.memory_mb
        scored.append((entry, rtf, rtf <= LIVE_RTF and fits))
    fast = [s for s in scored if s[2]]
    best = max(fast, key=lambda s: s[0].rank_for(language)) if fast else min(scored, key=lambda s: s[1])
    entry, rtf, live_ok = best

    def speed(e: CatalogEntry, r: float) -> str:
        text = speed_text(r, *basis[e.name])
        return f"; {text}" if text else ""

    where = f"{machine.cores} cores" + (f", {machine.memory_mb / 1024:.0f} GB" if machine.memory_mb else "")
    more_accurate = [
        s for s in scored if s[0].rank_for(language) > entry.rank_for(language) and s[0].name != entry.name
    ]
    if live_ok:
        reason = f"the most accurate recommended model fast enough for live dictation here ({where}{speed(entry, rtf)})"
        if more_accurate:
            slow = max(more_accurate, key=lambda s: s[0].rank_for(language))
            reason += f"; {slow[0].name} is more accurate but too slow for live dictation here ({speed(*slow[:2])[2:] or 'speed not measured'})"
    else:
        reason = f"no recommended model is fast enough for live dictation here ({where}); this is the fastest{speed(entry, rtf).replace(';', ':', 1)}"
    kind, runs = basis[entry.name]
    return Recommendation(language, entry, rtf, live_ok, reason, machine, kind, runs)
