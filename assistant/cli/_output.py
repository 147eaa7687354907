"""Helpers shared by the subcommands for printing (JSON is versioned and UTF-8)."""

from __future__ import annotations

import json
import sys
from typing import Any

from assistant.cli import JSON_SCHEMA_VERSION


def print_json(kind: str, payload: dict[str, Any]) -> None:
    """Print ``payload`` as one JSON document tagged with its schema and version."""
    document = {"schema": f"assistant.{kind}", "schema_version": JSON_SCHEMA_VERSION, **payload}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
