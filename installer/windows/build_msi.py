"""Build the MSI on Linux with msitools: ``python installer/windows/build_msi.py BUNDLE [--out DIR]``.

BUNDLE is the Windows one-folder bundle (assistant.exe, assistant-cli.exe, _internal/...). wixl
builds assistant.wxs plus the generated file list; then the rows wixl cannot express are written
with msibuild (SQL), the same rows WiX 3 writes from the source (see fixups()). ``--stand-in``
builds from a bundle's file list with empty files (the tables are what a Linux test checks).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import wxs_files  # noqa: E402

# %ProgramData%\assistant: SYSTEM and Administrators full control, Users read and execute, not
# inherited from %ProgramData% (where every user may create files). SIDs, not names: "Users" is
# "Brugere" on a Danish Windows.
DATA_DIR_SDDL = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"
SECURE_PROPERTIES = "AUTOSTART;MODELS_DIR;POLICY_FILE;UI_LANGUAGE;WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED"

# What WiX 3 makes of assistant.wxs and wixl does not (wixl ignores or rejects the elements):
# Feature/Condition (AUTOSTART=0 leaves the Autostart feature out), MajorUpgrade's
# AllowSameVersionUpgrades (VersionMax inclusive: a rebuild at the same version replaces the
# installed one), Property/@Secure (SecureCustomProperties: the properties reach the elevated
# install) and a locked folder ACL (MsiLockPermissionsEx, Windows Installer 5).
MINGW = "x86_64-w64-mingw32-gcc"
UPGRADE_CODE = "{6F0B6C1E-3A52-4C7B-9C1E-2B8E5D4A7F10}"


def fixups(version: str) -> tuple[str, ...]:
    return (
        "CREATE TABLE `Condition` (`Feature_` CHAR(38) NOT NULL, `Level` SHORT NOT NULL, "
        "`Condition` CHAR(255) PRIMARY KEY `Feature_`, `Level`)",
        "INSERT INTO `Condition` (`Feature_`, `Level`, `Condition`) VALUES ('Autostart', 0, 'AUTOSTART = \"0\"')",
        # Attributes are part of the Upgrade table's key: the row is replaced, not updated.
        "DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'",
        "INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMax`, `Attributes`, `ActionProperty`) "
        f"VALUES ('{UPGRADE_CODE}', '{version}', 513, 'WIX_UPGRADE_DETECTED')",
        f"UPDATE `Property` SET `Value` = '{SECURE_PROPERTIES}' WHERE `Property` = 'SecureCustomProperties'",
        "CREATE TABLE `MsiLockPermissionsEx` (`MsiLockPermissionsEx` CHAR(72) NOT NULL, "
        "`LockObject` CHAR(72) NOT NULL, `Table` CHAR(32) NOT NULL, `SDDL` LONGCHAR NOT NULL, "
        "`Condition` CHAR(255) PRIMARY KEY `MsiLockPermissionsEx`)",
        "INSERT INTO `MsiLockPermissionsEx` (`MsiLockPermissionsEx`, `LockObject`, `Table`, `SDDL`) "
        f"VALUES ('DataDirAcl', 'DATADIR', 'CreateFolder', '{DATA_DIR_SDDL}')",
    )


def product_version() -> str:
    text = (ROOT / "assistant" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def compile_runcli(target: Path) -> None:
    """The custom actions' runner (runcli.c), a DLL in the MSI's Binary table."""
    gcc = shutil.which(MINGW)
    if not gcc:
        raise SystemExit(
            f"build_msi.py: {MINGW} is needed for RunCli.dll (apt install gcc-mingw-w64-x86-64-win32)"
        )
    built = subprocess.run(
        [gcc, "-shared", "-O2", "-s", "-Wall", "-o", str(target), str(HERE / "runcli.c"), "-lmsi"],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        raise SystemExit(f"build_msi.py: compiling runcli.c failed:\n{built.stderr[-3000:]}")


def build_msi(
    bundle: Path, out: Path, *, version: str | None = None, stand_in: bool = False
) -> tuple[Path, str]:
    """Build the MSI into ``out``; returns its path and wixl's warnings."""
    wixl = shutil.which("wixl")
    msibuild = shutil.which("msibuild")
    if not wixl or not msibuild:
        raise SystemExit("build_msi.py: wixl and msibuild are needed (apt install wixl msitools)")
    version = version or product_version()
    work = out / "msi-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    files = wxs_files.file_list(bundle)
    if stand_in:
        # A Linux bundle's list: its one program stands for both Windows programs.
        names = {wxs_files.windows_name(rel) for rel in files}
        files = sorted(set(files) | {PurePosixPath(wxs_files.CLI_EXECUTABLE)} - names)
        for rel in files:
            target = work / "stand" / str(wxs_files.windows_name(rel))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"")
        source = "stand"
    else:
        missing = [n for n in (wxs_files.EXECUTABLE, wxs_files.CLI_EXECUTABLE) if not (bundle / n).is_file()]
        if missing:
            raise SystemExit(f"build_msi.py: {bundle} is not a Windows bundle (no {', '.join(missing)})")
        # wixl takes File sources relative to its working folder only.
        (work / "bundle").symlink_to(bundle, target_is_directory=True)
        source = "bundle"
    (work / "files.wxs").write_text(wxs_files.generate(files, source), encoding="utf-8")
    compile_runcli(work / "RunCli.dll")
    msi = out / f"assistant-{version}-x64.msi"
    sources = [str(HERE / "assistant.wxs"), "files.wxs"]
    built = subprocess.run(
        [wixl, "-a", "x64", "-D", f"Version={version}", "-D", "WindowsDir=", "-o", str(msi), *sources],
        cwd=work,
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 or not msi.is_file():
        raise SystemExit(f"build_msi.py: wixl failed:\n{built.stderr[-3000:]}")
    for query in fixups(version):
        done = subprocess.run([msibuild, str(msi), "-q", query], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"build_msi.py: msibuild failed on {query!r}:\n{done.stderr[-2000:]}")
    shutil.rmtree(work)
    return msi, built.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", type=Path, help="the Windows bundle folder (dist/assistant)")
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="where to write the MSI")
    parser.add_argument("--version", help="the product version (default: assistant.__version__)")
    parser.add_argument("--stand-in", action="store_true", help="empty files from the bundle's list (tests)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    args.out.mkdir(parents=True, exist_ok=True)
    msi, _ = build_msi(
        args.bundle.resolve(), args.out.resolve(), version=args.version, stand_in=args.stand_in
    )
    print(
        f"MSI: {msi} ({msi.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
