"""The core never imports Qt: every module outside assistant.ui imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    class BlockQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}:
                raise ImportError(f"core module imported Qt: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    import assistant
    imported = []
    for info in pkgutil.walk_packages(assistant.__path__, "assistant."):
        if info.name == "assistant.ui" or info.name.startswith("assistant.ui."):
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
    # Running the CLI parser loads every subcommand module too.
    from assistant.cli import build_parser
    build_parser()
    assert not any(m.split(".")[0] in {"PySide6", "shiboken6"} for m in sys.modules)
    print(len(imported))
    """
)


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 20  # the walk really found the package's modules
