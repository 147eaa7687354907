"""Point modules that need the UCRT's complex functions at crtmath_shim.dll (wine only).

Wine 8.0's ucrtbase exports crealf, cexp, ... as stubs that abort the process when called, so
numpy 2.x dies on import. For every .pyd/.dll under SITE that imports one of the shim's
functions from api-ms-win-crt-math-l1-1-0.dll, the imported DLL's name is rewritten in place to
crtmath_shim.dll (shorter, NUL-padded) and the shim is copied beside the module. The shim
exports every name those modules import from that DLL: its own ``shim_*`` functions, the rest
forwarded to ucrtbase. Runs on the host with pefile; used only by scripts/test-windows.

usage: patch_crt.py SITE_PACKAGES SHIM_OBJECT BUILD_DIR
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pefile

CRT_MATH = b"api-ms-win-crt-math-l1-1-0.dll"
SHIM = b"crtmath_shim.dll"
MINGW = "x86_64-w64-mingw32-"


def shim_names(obj: Path) -> set[str]:
    out = subprocess.run([MINGW + "nm", str(obj)], check=True, capture_output=True, text=True).stdout
    return {line.split()[-1][len("shim_") :] for line in out.splitlines() if " T shim_" in line}


def crt_math_imports(path: Path) -> tuple[pefile.PE, object] | None:
    try:
        pe = pefile.PE(str(path), fast_load=True)
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
    except pefile.PEFormatError:
        return None
    for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []):
        if entry.dll.lower() == CRT_MATH:
            return pe, entry
    pe.close()
    return None


def main(site: Path, obj: Path, build: Path) -> int:
    own = shim_names(obj)
    targets: list[tuple[Path, pefile.PE, object]] = []
    imported: set[str] = set()
    for path in sorted(site.rglob("*")):
        if path.suffix.lower() not in (".pyd", ".dll") or not path.is_file():
            continue
        found = crt_math_imports(path)
        if found is None:
            continue
        pe, entry = found
        names = {imp.name.decode() for imp in entry.imports if imp.name}
        if names & own:
            targets.append((path, pe, entry))
            imported |= names
        else:
            pe.close()
    if not targets:
        print("patch_crt: no module needs the shim")
        return 0
    build.mkdir(parents=True, exist_ok=True)
    lines = ["LIBRARY crtmath_shim.dll", "EXPORTS"]
    for name in sorted(imported):
        lines.append(f"  {name}=shim_{name}" if name in own else f"  {name}=ucrtbase.{name}")
    (build / "crtmath_shim.def").write_text("\n".join(lines) + "\n")
    dll = build / "crtmath_shim.dll"
    subprocess.run(
        [
            MINGW + "gcc",
            "-shared",
            "-static-libgcc",
            "-o",
            str(dll),
            str(obj),
            str(build / "crtmath_shim.def"),
        ],
        check=True,
    )
    for path, pe, entry in targets:
        offset = pe.get_offset_from_rva(entry.struct.Name)
        data = bytearray(pe.__data__)
        pe.close()
        data[offset : offset + len(CRT_MATH)] = SHIM.ljust(len(CRT_MATH), b"\0")
        path.write_bytes(bytes(data))
        shutil.copy2(dll, path.parent / SHIM.decode())
        print(f"patch_crt: {path.relative_to(site)} -> {SHIM.decode()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
