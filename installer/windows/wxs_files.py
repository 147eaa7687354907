"""Generate files.wxs (the bundle's files as WiX components) from the app bundle folder.

    python installer/windows/wxs_files.py BUNDLE_DIR files.wxs [--source-root DIR]

One component per file (the WiX rule for clean upgrades), stable ids derived from the relative
path, so a file keeps its component from one version to the next. build.ps1 runs this on the
Windows bundle; the packaging test runs it on the Linux bundle's file list to validate the
definition with wixl (msitools). ``--source-root`` points the File sources at another tree with
the same layout (the test's stand-in files).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr

EXECUTABLE = "assistant.exe"  # windowed: the tray, the Start-menu shortcut and the Run key
CLI_EXECUTABLE = "assistant-cli.exe"  # console: IT's scripts and the installer's custom actions
FILE_IDS = {EXECUTABLE: "AssistantExe", CLI_EXECUTABLE: "AssistantCliExe"}


def _id(prefix: str, rel: str) -> str:
    return prefix + hashlib.sha1(rel.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def windows_name(rel: PurePosixPath) -> PurePosixPath:
    """The bundle's top-level executable is assistant.exe on Windows ('assistant' on Linux)."""
    return PurePosixPath(EXECUTABLE) if str(rel) == "assistant" else rel


def file_list(bundle: Path) -> list[PurePosixPath]:
    return sorted(PurePosixPath(p.relative_to(bundle).as_posix()) for p in bundle.rglob("*") if p.is_file())


def generate(files: list[PurePosixPath], source_root: str) -> str:
    tree: dict[PurePosixPath, list[PurePosixPath]] = {}
    for rel in files:
        tree.setdefault(rel.parent, []).append(rel)
    dirs = sorted({parent for rel in files for parent in [rel.parent, *rel.parent.parents]})
    children: dict[PurePosixPath, list[PurePosixPath]] = {}
    for d in dirs:
        if d != PurePosixPath("."):
            children.setdefault(d.parent, []).append(d)

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
    ]
    refs: list[str] = []

    def emit(d: PurePosixPath, depth: int) -> None:
        pad = "  " * depth
        for rel in tree.get(d, []):
            comp = _id("c", str(rel))
            refs.append(comp)
            win = windows_name(rel)
            windows_paths = "\\" in source_root
            source = f"{source_root}\\{win}".replace("/", "\\") if windows_paths else f"{source_root}/{win}"
            name = win.name
            lines.append(f'{pad}<Component Id="{comp}" Guid="*" Win64="yes">')
            top = d == PurePosixPath(".")
            file_id = FILE_IDS[name] if top and name in FILE_IDS else _id("f", str(rel))
            lines.append(
                f'{pad}  <File Id="{file_id}" Name={quoteattr(name)} Source={quoteattr(source)} KeyPath="yes" />'
            )
            lines.append(f"{pad}</Component>")
        for sub in sorted(children.get(d, [])):
            lines.append(f'{pad}<Directory Id="{_id("d", str(sub))}" Name={quoteattr(sub.name)}>')
            emit(sub, depth + 1)
            lines.append(f"{pad}</Directory>")

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    emit(PurePosixPath("."), 3)
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="BundleFiles">')
    lines.extend(f'      <ComponentRef Id="{c}" />' for c in refs)
    lines.append("    </ComponentGroup>")
    lines.append("  </Fragment>")
    lines.append("</Wix>")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--source-root", help="File sources under this folder (default: the bundle)")
    args = parser.parse_args(argv)
    files = file_list(args.bundle)
    if not files:
        print(f"wxs_files: no files in {args.bundle}", file=sys.stderr)
        return 2
    args.out.write_text(generate(files, args.source_root or str(args.bundle)), encoding="utf-8")
    print(f"wxs_files: {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
