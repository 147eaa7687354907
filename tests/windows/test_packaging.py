"""The PyInstaller spec's Windows path: every module it requires on Windows is installed here
(from the Windows wheels pyproject.toml declares), and it asks nothing Linux-only of Windows."""

from __future__ import annotations

import ast
import importlib.util
import sys

from conftest import REPO


def required_modules() -> list[str]:
    """The spec's ALWAYS list as it evaluates on this platform."""
    tree = ast.parse((REPO / "installer" / "assistant.spec").read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ALWAYS":
            names += ast.literal_eval(node.value)
        elif (
            isinstance(node, ast.If)
            and "linux" in ast.unparse(node.test)
            and sys.platform.startswith("linux")
        ):
            names += ast.literal_eval(node.body[0].value.right)  # type: ignore[attr-defined]
    return names


def test_every_module_the_spec_requires_on_windows_is_installed() -> None:
    names = required_modules()
    assert "hunspell" in names and "faster_whisper" in names
    assert "Xlib" not in names and "jeepney" not in names
    missing = [n for n in names if importlib.util.find_spec(n) is None]
    assert not missing, missing
