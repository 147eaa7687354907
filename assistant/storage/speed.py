"""Speed measured on this machine: how long each model took to decode real audio here.

``assistant transcribe`` records each run (model name, audio seconds, decode seconds: no text);
``models list`` and ``assistant doctor`` then state the model's speed as measured here, and fall
back to labelled estimates (assistant.storage.recommend) only for models not measured yet.
A profile that cannot be written (read-only, full) just keeps no record.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import statistics
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

FILE = "speed.json"
KEEP = 20  # the latest runs per model
MIN_AUDIO_SECONDS = 2.0  # shorter runs say more about start-up than about decoding


def _read(path: Path) -> dict[str, list[list[float]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    runs = {}
    for name, rows in data.items():
        if isinstance(name, str) and isinstance(rows, list):
            ok = [
                r
                for r in rows
                if isinstance(r, list) and len(r) == 2 and all(isinstance(x, int | float) for x in r)
            ]
            runs[name] = [[float(a), float(b)] for a, b in ok]
    return runs


def record(data_dir: Path, model: str, audio_seconds: float, decode_seconds: float) -> None:
    """Add one run of ``model`` (atomically; silently nothing if the profile is not writable)."""
    if audio_seconds < MIN_AUDIO_SECONDS or decode_seconds <= 0:
        return
    path = data_dir / FILE
    runs = _read(path)
    runs[model] = ([*runs.get(model, []), [round(audio_seconds, 3), round(decode_seconds, 3)]])[-KEEP:]
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".speed-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(runs, handle)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("speed not recorded (%s)", type(exc).__name__)
        with contextlib.suppress(NameError, OSError):
            os.unlink(tmp)


def measured(data_dir: Path) -> dict[str, tuple[float, int]]:
    """Per model: (median decode seconds per audio second measured here, number of runs)."""
    return {
        name: (statistics.median(b / a for a, b in rows), len(rows))
        for name, rows in _read(data_dir / FILE).items()
        if rows
    }
