"""The diagnostics bundle IT collects (``assistant doctor --bundle FILE.zip``).

What goes in: the doctor report (JSON), the product's own log files (which never hold what the
user said or wrote: the logging rules keep text out, tests/e2e/test_no_leaks.py checks them), the
effective settings of the non-text kind with where each came from, and a manifest. What never goes
in: the history database, the personal dictionary, the user's settings file as written (its
term lists may hold the user's words), audio, the clipboard, models.
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

from assistant.errors import UsageError

# Settings whose values are the user's own words (lists of text): named, never copied.
_TEXT_TYPES = (list,)
EXCLUDED = (
    "history database (what was dictated)",
    "personal dictionary and term lists",
    "the settings file as the user wrote it",
    "audio, clipboard contents, models",
)


def _settings(config: Any) -> dict[str, Any]:
    from assistant.config.schema import SCHEMA

    shown: dict[str, Any] = {}
    for key, setting in SCHEMA.items():
        value, source = config[key], config.source(key)
        if setting.type in _TEXT_TYPES:
            value = f"<{len(value)} item(s), not included>"
        shown[key] = {"value": value, "source": source}
    return shown


def write_bundle(target: Path, report: dict[str, Any], config: Any, log_dir: Path) -> list[str]:
    """Write the zip atomically; returns the member names."""
    target = Path(target)
    if target.suffix.lower() != ".zip":
        raise UsageError(f"{target.name} does not end in .zip")
    if not target.parent.is_dir():
        raise UsageError(f"the folder {target.parent} does not exist")
    logs = sorted(p for p in log_dir.glob("assistant.log*") if p.is_file()) if log_dir.is_dir() else []
    members: list[str] = []
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:

            def add(name: str, data: str) -> None:
                bundle.writestr(name, data)
                members.append(name)

            add("doctor.json", json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
            add(
                "settings.json",
                json.dumps(_settings(config), indent=2, ensure_ascii=False, default=str) + "\n",
            )
            for log in logs:
                bundle.write(log, f"logs/{log.name}")
                members.append(f"logs/{log.name}")
            manifest = {
                "schema": "assistant.diagnostics",
                "schema_version": 1,
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "files": [*members, "manifest.json"],
                "not_included": list(EXCLUDED),
            }
            add("manifest.json", json.dumps(manifest, indent=2) + "\n")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    return members
