"""The user's vocabulary: terms that bias recognition and replacements applied to its output.

Stored per language as TOML in the user data dir (``vocabulary/da.toml``)::

    terms = ["parodontitis", "tandsten", "karies"]
    [replacements]
    "para dontitis" = "parodontitis"

Terms go into Whisper's prompt (so it spells them as the user does); replacements fix what an
engine keeps getting wrong. Vosk's free-dictation models take no run-time bias, so for Vosk the
replacements do the work.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from assistant.errors import StorageError
from assistant.fsutil import atomic_write, locked, private_dir, storage_error
from assistant.text.transcript import whole_word_replacer

# Whisper reads at most ~224 prompt tokens; keep the term list well inside that.
_PROMPT_CHARS = 600


@dataclass
class Vocabulary:
    terms: list[str] = field(default_factory=list)
    replacements: dict[str, str] = field(default_factory=dict)

    def prompt(self) -> str:
        """A Whisper prompt that shows the terms spelled as the user wants them."""
        text = ", ".join(self.terms)
        return text[:_PROMPT_CHARS].rsplit(",", 1)[0] if len(text) > _PROMPT_CHARS else text

    def replacer(self):
        return whole_word_replacer(self.replacements)


def vocabulary_file(data_dir: Path, language: str) -> Path:
    return data_dir / "vocabulary" / f"{language}.toml"


def load_vocabulary(data_dir: Path, language: str) -> Vocabulary:
    return _read(vocabulary_file(data_dir, language))


def _read(path: Path) -> Vocabulary:
    if not path.exists():
        return Vocabulary()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StorageError(
            f"The vocabulary file {path} cannot be read ({type(exc).__name__})",
            "Fix or remove the file; dictation works without it",
        ) from exc
    terms = [t for t in raw.get("terms", []) if isinstance(t, str) and t.strip()]
    replacements = {
        str(k): str(v)
        for k, v in (raw.get("replacements") or {}).items()
        if isinstance(v, str) and str(k).strip()
    }
    return Vocabulary(terms, replacements)


def save_vocabulary(data_dir: Path, language: str, vocabulary: Vocabulary) -> Path:
    """Replace the whole vocabulary (the settings window's edit of the full list)."""
    return update_vocabulary(data_dir, language, lambda _old: vocabulary)


def update_vocabulary(
    data_dir: Path, language: str, change: Callable[[Vocabulary], Vocabulary | None]
) -> Path:
    """Read-modify-write under a lock: ``change`` gets the vocabulary as the file holds it now
    and returns the new one (or changes it in place and returns None), so concurrent writers all
    land. The file is private (0600, its folder 0700)."""
    path = vocabulary_file(data_dir, language)
    try:
        private_dir(path.parent)
        with locked(path):
            current = _read(path)
            new = change(current) or current
            data = {"terms": new.terms, "replacements": new.replacements}
            atomic_write(path, tomli_w.dumps(data).encode("utf-8"))
    except (OSError, TimeoutError) as exc:
        raise storage_error(exc, "Your vocabulary", path) from exc
    return path
