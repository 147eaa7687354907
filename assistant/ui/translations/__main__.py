"""``python -m assistant.ui.translations [--update]``: build the .qm files (and refresh .ts)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def _translations(ts: Path) -> dict[str, str]:
    """Finished translations by source text, whatever class they were in."""
    out = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if (
            source is not None
            and translation is not None
            and translation.text
            and not translation.get("type")
        ):
            out[source.text or ""] = translation.text
    return out


def _carry_over(ts: Path, known: dict[str, str]) -> int:
    """A string that moved to another class (a module split) keeps its translation: lupdate files
    it under the new class as unfinished and, with -no-obsolete, drops the old entry."""
    tree = ET.parse(ts)
    changed = 0
    for message in tree.getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if translation is not None and translation.get("type") == "unfinished" and source.text in known:
            translation.text = known[source.text]
            del translation.attrib["type"]
            changed += 1
    if changed:
        with open(ts, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
        print(f"{ts.name}: {changed} translations carried over to their new place")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.ui.translations")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the code first")
    args = parser.parse_args(argv)
    ts_files = sorted(HERE.glob("*.ts"))
    if args.update:
        known = {ts: _translations(ts) for ts in ts_files}
        sources = sorted(str(p) for p in HERE.parent.glob("*.py"))
        lupdate = [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", *map(str, ts_files)]
        subprocess.run(lupdate, check=True)
        if sum(_carry_over(ts, known[ts]) for ts in ts_files):
            subprocess.run(lupdate, check=True)  # back into lupdate's own layout
    for ts in ts_files:
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
