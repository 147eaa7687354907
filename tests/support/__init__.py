"""Test support: fixtures (``tests.support.fixtures``, loaded by tests/conftest.py) and helpers.

Import helpers from here: ``from tests.support import wait_until, EVAL_DIR`` etc. Nothing in this
package imports ``assistant``.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from tests.support.procs import WaitTimeout, require_executable, wait_until

REPO_ROOT = Path(__file__).resolve().parents[2]


def _find_shared_dir() -> Path:
    """``shared/`` lives beside the repository (/work/main -> /work/shared, and CI clones main with
    shared/ beside it). ``ASSISTANT_SHARED_DIR`` overrides."""
    override = os.environ.get("ASSISTANT_SHARED_DIR")
    if override:
        return Path(override).resolve()
    for candidate in (REPO_ROOT.parent / "shared", REPO_ROOT / "shared"):
        if (candidate / "eval").is_dir():
            return candidate.resolve()
    return (REPO_ROOT.parent / "shared").resolve()


SHARED_DIR = _find_shared_dir()
EVAL_DIR = SHARED_DIR / "eval"


@dataclass(frozen=True)
class SpeechSample:
    """One row of ``eval/speech/manifest.tsv``."""

    path: Path
    language: str
    duration_s: float
    transcript: str
    transcript_type: str


def load_speech_manifest(eval_dir: Path = EVAL_DIR) -> list[SpeechSample]:
    manifest = eval_dir / "speech" / "manifest.tsv"
    with open(manifest, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        SpeechSample(
            path=eval_dir / "speech" / row["file"],
            language=row["language"],
            duration_s=float(row["duration_s"]),
            transcript=row["transcript"],
            transcript_type=row.get("transcript_type", ""),
        )
        for row in rows
    ]


__all__ = [
    "EVAL_DIR",
    "REPO_ROOT",
    "SHARED_DIR",
    "SpeechSample",
    "WaitTimeout",
    "load_speech_manifest",
    "require_executable",
    "wait_until",
]
