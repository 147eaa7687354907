"""The interpreter is the real Windows CPython, and the product imports from this clone."""

from __future__ import annotations

import sys

import assistant


def test_runs_on_windows_cpython() -> None:
    assert sys.platform == "win32"
    assert sys.version_info[:2] == (3, 13)
    assert assistant.__file__.lower().endswith(r"assistant\__init__.py")
