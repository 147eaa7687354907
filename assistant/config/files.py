"""Reading one settings or policy TOML file forgivingly: every problem is reported, none raised."""

from __future__ import annotations

import codecs
import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config.schema import SCHEMA

# A settings or policy file larger than this is not read: both are a few kilobytes, and a huge
# file is a mistake (or an attack on the parser).
MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ConfigProblem:
    file: Path
    key: str | None  # None when the whole file could not be read
    message: str
    kind: str = ""  # "unknown": a key or section the program does not know (policy-check rejects it)

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else str(self.file)
        return f"{where}: {self.message}"


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one (``privacy.histroy`` -> ``privacy.history``)."""
    match = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return match[0] if match else None


def _unknown(what: str, name: str, known: Iterable[str]) -> str:
    guess = nearest(name, known)
    return f"is not a known {what}" + (f" (did you mean {guess}?)" if guess else "") + "; ignored"


def _flatten(table: Mapping[str, Any], file: Path, problems: list[ConfigProblem]) -> dict[str, Any]:
    """``{"stt": {"engine": "x"}}`` -> ``{"stt.engine": "x"}``, reporting what is not a setting."""
    flat: dict[str, Any] = {}
    for section, body in table.items():
        if not isinstance(body, dict):
            problems.append(ConfigProblem(file, section, "is not a [section]; ignored"))
            continue
        for name, value in body.items():
            key = f"{section}.{name}"
            if key not in SCHEMA:
                problems.append(ConfigProblem(file, key, _unknown("setting", key, SCHEMA), "unknown"))
                continue
            flat[key] = value
    return flat


def _nest(flat: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    for key in sorted(flat):
        section, name = key.split(".", 1)
        nested.setdefault(section, {})[name] = flat[key]
    return nested


def _decode(raw: bytes) -> str:
    """UTF-8 with or without a byte-order mark (Notepad writes one), or UTF-16 with its mark
    (Notepad's "Unicode")."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def _read_toml(
    path: Path, problems: list[ConfigProblem], why: list[tuple[str, str]] | None = None
) -> dict[str, Any] | None:
    """The parsed file, ``{}`` if it does not exist, ``None`` if it cannot be read.

    ``why`` collects (English, Danish) reasons for the policy's fail-closed notice."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problems.append(ConfigProblem(path, None, f"cannot be read ({reason}); its settings are ignored"))
        if why is not None:
            why.append((f"it cannot be read ({reason})", f"filen kan ikke læses ({reason})"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            ConfigProblem(
                path, None, f"is larger than {MAX_FILE_BYTES // 1024} KiB; its settings are ignored"
            )
        )
        if why is not None:
            why.append(
                (
                    f"it is larger than {MAX_FILE_BYTES // 1024} KiB",
                    f"filen er større end {MAX_FILE_BYTES // 1024} KiB",
                )
            )
        return None
    try:
        return parse_toml(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(ConfigProblem(path, None, f"is not valid TOML ({exc}); its settings are ignored"))
        if why is not None:
            danish = (
                "værdierne er lagt for dybt i hinanden"
                if isinstance(exc, NestedTooDeep)
                else "filen er ikke gyldig TOML"
            )
            why.append((f"it is not valid TOML ({exc})", danish))
        return None


def parse_toml(raw: bytes) -> dict[str, Any]:
    """TOML from bytes. Raises ``TOMLDecodeError`` for nesting too deep for the parser (hundreds
    of ``[``: tomllib recurses and would otherwise end the program in a RecursionError)."""
    try:
        return tomllib.loads(_decode(raw))
    except RecursionError:
        raise NestedTooDeep("values are nested too deeply") from None


class NestedTooDeep(tomllib.TOMLDecodeError):
    """Brackets nested deeper than the parser can follow."""


def _toml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _validated(
    flat: dict[str, Any], file: Path, fallback: Mapping[str, Any], problems: list[ConfigProblem]
) -> dict[str, Any]:
    """Keep the valid values; report each bad one with the value used instead."""
    good: dict[str, Any] = {}
    for key, value in flat.items():
        reason = SCHEMA[key].validate(value)
        if reason is None:
            good[key] = value
            continue
        used = fallback.get(key, SCHEMA[key].default)
        problems.append(ConfigProblem(file, key, f"{value!r} {reason}; using {used!r} instead"))
    return good
