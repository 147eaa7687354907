"""``python -m assistant.ui.translations [--update]``: build the .qm files (and refresh .ts)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.ui.translations import HERE


def _tool(name: str) -> str:
    """The PySide6 tool beside this Python (venv bin/Scripts), else on PATH."""
    exe = Path(sys.executable).parent / (name + (".exe" if sys.platform == "win32" else ""))
    if exe.exists():
        return str(exe)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"{name} not found: pip install pyside6-essentials")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.ui.translations")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the code first")
    args = parser.parse_args(argv)
    ts_files = sorted(HERE.glob("*.ts"))
    if args.update:
        sources = sorted(str(p) for p in HERE.parent.glob("*.py"))
        subprocess.run(
            [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", *map(str, ts_files)], check=True
        )
    for ts in ts_files:
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
