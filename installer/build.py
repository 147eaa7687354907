"""Build the one-folder app bundle: ``python installer/build.py [--out DIR]``.

One command: checks that the lexicons and translations are built, runs PyInstaller with
``installer/assistant.spec``, stages the starter models beside the executable (``models/``, read
in place by every user), writes ``BUILD-INFO.json`` (version, build time, file count) and prints
how long it took. The result, ``DIR/dist/assistant/``, runs on a machine without Python; the .deb
(installer/linux/build_deb.py) and the MSI (installer/windows/) are made from it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "assistant.spec"


def _prerequisites() -> None:
    """Build what the bundle carries if a source checkout has not built it yet."""
    sys.path.insert(0, str(ROOT))
    from assistant.text.build import DEFAULT_OUT, LANGUAGES
    from assistant.text.lexicon import _usable

    if not all(_usable(DEFAULT_OUT / lang) for lang in LANGUAGES):
        subprocess.run([sys.executable, "-m", "assistant.text.build", "--if-needed"], cwd=ROOT, check=True)
    if not (ROOT / "assistant" / "ui" / "translations" / "en.qm").is_file():
        subprocess.run([sys.executable, "-m", "assistant.ui.translations"], cwd=ROOT, check=True)


def build(out: Path) -> Path:
    """Build into ``out``; returns the bundle folder (``out/dist/assistant``)."""
    started = time.monotonic()
    _prerequisites()
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    bundle = out / "dist" / "assistant"
    pyinstaller_s = time.monotonic() - started

    from assistant import __version__
    from assistant.storage.model_install import stage_starter_models

    staged = stage_starter_models(bundle / "models")
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    info = {
        "version": __version__,
        "platform": f"{platform.system()}-{platform.machine()}",
        "python": platform.python_version(),
        "pyinstaller_seconds": round(pyinstaller_s, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "models": [m.name for m in staged],
        # A test build's extra hooks (assistant.spec); empty in a release build.
        "runtime_hooks": [
            Path(h).name for h in os.environ.get("ASSISTANT_BUILD_RUNTIME_HOOKS", "").split(os.pathsep) if h
        ],
    }
    (bundle / "BUILD-INFO.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(
        f"bundle: {bundle} ({info['files']} files, {info['bytes'] / 1e6:.0f} MB); "
        f"PyInstaller {info['pyinstaller_seconds']} s, total {info['total_seconds']} s",
        file=sys.stderr,
    )
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bundle", help="build folder")
    args = parser.parse_args(argv)
    os.environ.pop("ASSISTANT_TEST_MODELS", None)  # never stage the test-only models
    build(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
