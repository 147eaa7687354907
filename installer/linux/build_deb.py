"""Build the Debian package from the app bundle: ``python installer/linux/build_deb.py BUNDLE``.

Layout: the bundle in /opt/assistant (read-only, with its starter models in
/opt/assistant/models, read in place), /usr/bin/assistant, a desktop entry, an XDG autostart
entry, /etc/assistant/policy.toml as a conffile (the commented template: IT edits it, upgrades
keep the edits), and the machine-wide folder IT pre-stages models into,
/usr/share/assistant/models (read in place by every user). ``apt purge`` also removes
/etc/assistant. User data (~/.config/assistant, ~/.local/share/assistant, ...) is never touched.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = "assistant"
MAINTAINER = "Assistant maintainers <assistant@example.org>"
VERSION_RE = re.compile(r"[0-9][A-Za-z0-9.+~-]*")

# Shared libraries the bundle loads from the system (everything else is inside the bundle).
DEPENDS = [
    "libc6 (>= 2.36)",
    "libportaudio2",
    "libespeak-ng1",
    "libasound2",
    "libfontconfig1",
    "libdbus-1-3",
    "libegl1",
    "libgl1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-xinerama0",
    # Qt's xcb platform plugin links the Wayland client libraries even on X11.
    "libwayland-cursor0",
    "libwayland-egl1",
    "xclip | xsel",
    # The dictionaries the speller reads from /usr/share/hunspell: without them correct Danish
    # compounds are flagged, so they are required, not recommended.
    "hunspell-da",
    "hunspell-en-us",
    "espeak-ng-data",
]

POSTRM = """#!/bin/sh
# Purge removes IT's policy folder (the policy file is a conffile; other files IT put there go
# with it) and the models IT staged with `assistant models install --system` (each has the
# model.json manifest that tool writes); a folder IT copied in by hand is left and named.
# User data in the users' home folders is never touched. A plain remove leaves the autostart
# entry (a conffile), which desktops then skip: its TryExec program is gone.
set -e
if [ "$1" = "purge" ]; then
    rm -rf /etc/assistant
    models=/usr/share/assistant/models
    if [ -d "$models" ]; then
        for dir in "$models"/* "$models"/.staging-*; do
            [ -d "$dir" ] || continue
            case "$dir" in
                "$models"/.staging-*) rm -rf "$dir"; continue ;;
            esac
            if [ -f "$dir/model.json" ] && grep -q '"sha256_of"' "$dir/model.json"; then
                rm -rf "$dir"
            else
                echo "assistant: $dir was not installed by assistant's tools and is left in place" >&2
            fi
        done
        rm -f "$models/README"
        rmdir "$models" 2>/dev/null || true
    fi
    rmdir /usr/share/assistant 2>/dev/null || true
fi
exit 0
"""

POSTINST = """#!/bin/sh
set -e
# The machine-wide folder IT pre-stages models into (read in place by every user).
if [ "$1" = "configure" ]; then
    mkdir -p /usr/share/assistant/models
fi
exit 0
"""

# Tags that follow from shipping a self-contained PyInstaller bundle in /opt (the layout IT asked
# for), not from a packaging mistake.
LINTIAN_OVERRIDES = """\
# The self-contained app bundle lives in /opt/assistant by design (a vendor package for IT).
assistant: dir-or-file-in-opt [opt/*]
# The bundle carries its own Python runtime and libraries (PyInstaller); they are not Debian's.
assistant: embedded-library *
assistant: unstripped-binary-or-object [opt/assistant/*]
assistant: shared-library-lacks-prerequisites [opt/assistant/*]
assistant: library-not-linked-against-libc [opt/assistant/*]
assistant: hardening-no-fortify-functions [opt/assistant/*]
assistant: hardening-no-relro [opt/assistant/*]
assistant: hardening-no-pie [opt/assistant/*]
# The bundle's libraries find each other through their RUNPATH ($ORIGIN), as PyInstaller lays them out.
assistant: custom-library-search-path *
# A bundled library mentions sensible-browser; the product never starts a browser.
assistant: missing-depends-on-sensible-utils *
assistant: executable-not-elf-or-script [opt/assistant/*]
assistant: package-contains-vcs-control-file [opt/assistant/*]
assistant: unusual-interpreter * [opt/assistant/*]
assistant: script-not-executable [opt/assistant/*]
assistant: executable-is-not-world-readable [opt/assistant/*]
assistant: shell-script-fails-syntax-check [opt/assistant/*]
assistant: image-file-in-usr-lib *
assistant: extra-license-file [opt/assistant/*]
assistant: package-contains-documentation-outside-usr-share-doc [opt/assistant/*]
assistant: spelling-error-in-binary *
assistant: national-encoding [opt/assistant/*]
assistant: font-in-non-font-package [opt/assistant/*]
assistant: privacy-breach-generic [opt/assistant/*]
assistant: source-is-missing [opt/assistant/*]
assistant: no-manual-page [usr/bin/assistant]
assistant: copyright-without-copyright-notice
assistant: groff-message *
assistant: hardening-no-bindnow [opt/assistant/*]
assistant: exit-in-shared-library [opt/assistant/*]
assistant: binary-compiled-with-profiling-enabled [opt/assistant/*]
assistant: arch-dependent-file-not-in-arch-specific-directory [opt/assistant/*]
assistant: script-with-language-extension [opt/assistant/*]
assistant: executable-in-usr-lib *
assistant: repeated-path-segment *
assistant: package-installs-python-pycache-dir [opt/assistant/*]
assistant: package-contains-python-dot-directory [opt/assistant/*]
assistant: package-contains-python-coverage-file [opt/assistant/*]
assistant: package-installs-python-bytecode [opt/assistant/*]
"""


def _copy_bundle(bundle: Path, dest: Path) -> None:
    """Hard-link the bundle into the package tree when possible (fast, no extra disk)."""
    for path in sorted(bundle.rglob("*")):
        target = dest / path.relative_to(bundle)
        if path.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(path), target)
        elif path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


def _normalise_modes(tree: Path) -> None:
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            if path.stat().st_mode & 0o7777 != 0o755:
                path.chmod(0o755)
        else:
            # Shared libraries need no execute bit (Debian policy 10.2); programs keep theirs.
            library = path.suffix == ".so" or ".so." in path.name
            mode = path.stat().st_mode
            wanted = 0o755 if mode & 0o111 and not library else 0o644
            # Files are hard links into the bundle: a chmod that changes nothing still changes
            # their ctime, and another build packing the same bundle at that moment fails
            # ("file changed as we read it").
            if mode & 0o7777 != wanted:
                path.chmod(wanted)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def _policy_template() -> str:
    sys.path.insert(0, str(ROOT))
    from assistant.config.template import policy_template

    return policy_template()


def _version(bundle: Path) -> str:
    import json

    return json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))["version"]


def build_deb(
    bundle: Path,
    out_dir: Path,
    *,
    fast: bool = False,
    work: Path | None = None,
    version: str | None = None,
) -> Path:
    started = time.monotonic()
    version = version or _version(bundle)
    if not VERSION_RE.fullmatch(version):
        raise SystemExit(f"build_deb.py: {version!r} is not a Debian version (digits, letters, . + ~ -)")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    architecture = arch.stdout.strip()
    work = work or out_dir / "deb-root"
    if work.exists():
        shutil.rmtree(work)
    pkg = work / PACKAGE
    _copy_bundle(bundle, pkg / "opt" / PACKAGE)
    (pkg / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/opt/{PACKAGE}/{PACKAGE}", pkg / "usr" / "bin" / PACKAGE)
    share = pkg / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(HERE / "assistant.desktop", share / "applications" / "assistant.desktop")
    (pkg / "etc" / "xdg" / "autostart").mkdir(parents=True)
    shutil.copyfile(
        HERE / "assistant-autostart.desktop", pkg / "etc" / "xdg" / "autostart" / "assistant.desktop"
    )
    icons = share / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copyfile(HERE / "assistant.svg", icons / "assistant.svg")
    _write(pkg / "etc" / PACKAGE / "policy.toml", _policy_template())
    _write(
        share / PACKAGE / "models" / "README",
        "Models IT pre-stages for every user of this machine: one folder per model (see\n"
        "/usr/share/doc/assistant/admin.md). They are read in place, never copied per user.\n",
    )
    doc = share / "doc" / PACKAGE
    _write(
        doc / "copyright",
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: assistant\n\n"
        "Files: *\nCopyright: the assistant authors\nLicense: GPL-3.0-or-later\n"
        " On Debian systems the full text is in /usr/share/common-licenses/GPL-3.\n\n"
        "Files: opt/assistant/_internal/* opt/assistant/models/*\n"
        "Copyright: their authors (Python, Qt for Python, CTranslate2, faster-whisper, Vosk,\n"
        " ONNX Runtime, OpenAI Whisper models, hunspell-da derived word lists and others)\n"
        "License: various free licences\n"
        " Each component's licence file is inside the bundle; see README.md.\n",
    )
    with (
        open(doc / "changelog.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8") as handle,
    ):
        handle.write(
            f"assistant ({version}) stable; urgency=medium\n\n  * Release {version}.\n\n"
            " -- " + MAINTAINER + "  Tue, 01 Dec 2026 00:00:00 +0000\n"
        )
    admin = ROOT / "docs" / "admin.md"
    if admin.is_file():
        shutil.copyfile(admin, doc / "admin.md")
    _write(share / "lintian" / "overrides" / PACKAGE, LINTIAN_OVERRIDES)
    _normalise_modes(pkg)
    program = pkg / "opt" / PACKAGE / PACKAGE
    if program.stat().st_mode & 0o7777 != 0o755:
        program.chmod(0o755)

    debian = pkg / "DEBIAN"
    debian.mkdir()
    size_kb = sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(size_kb),
        "Depends": ", ".join(DEPENDS),
        "Section": "utils",
        "Priority": "optional",
        "Homepage": "https://example.invalid/assistant",
        "Description": "offline dictation, spelling and read-aloud for people with dyslexia\n"
        " A Danish-first tray application: dictation transcribed on the computer (Vosk,\n"
        " faster-whisper), spelling and word suggestions, reading selected text aloud\n"
        " with word highlighting, and text insertion into any application. Nothing\n"
        " leaves the machine. IT controls it with /etc/assistant/policy.toml.",
    }
    _write(debian / "control", "".join(f"{k}: {v}\n" for k, v in control.items()))
    _write(debian / "conffiles", f"/etc/{PACKAGE}/policy.toml\n/etc/xdg/autostart/{PACKAGE}.desktop\n")
    _write(debian / "postinst", POSTINST, 0o755)
    _write(debian / "postrm", POSTRM, 0o755)
    sums = []
    for path in sorted(pkg.rglob("*")):
        if path.is_file() and not path.is_symlink() and debian not in path.parents:
            rel = path.relative_to(pkg).as_posix()
            if rel.startswith("etc/"):
                continue  # conffiles are tracked by dpkg separately
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            sums.append(f"{digest}  {rel}\n")
    _write(debian / "md5sums", "".join(sums))

    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version}_{architecture}.deb"
    # gzip -1 for test builds (lintian, like Debian, accepts gzip and xz, not zstd). The release
    # build uses xz on every core (dpkg-deb --threads-max, dpkg 1.21.9+; single-threaded xz took
    # 17 minutes on this bundle).
    compression = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6", f"--threads-max={os.cpu_count() or 1}"]
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *compression, "--build", str(pkg), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(work)
    print(
        f"deb: {deb} ({deb.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", type=Path, help="the app bundle (installer/build.py's dist/assistant)")
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="where to write the .deb")
    parser.add_argument("--fast", action="store_true", help="gzip -1 instead of xz -6 (test builds)")
    parser.add_argument(
        "--version", help="the package version (default: the bundle's BUILD-INFO.json), e.g. 1.2.0-2"
    )
    args = parser.parse_args(argv)
    build_deb(args.bundle.resolve(), args.out.resolve(), fast=args.fast, version=args.version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
