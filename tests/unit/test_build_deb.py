"""installer/linux/build_deb.py on a small stand-in bundle: the version switch, the declared
dependencies and the maintainer scripts (the real bundle's package is installed and used in
tests/e2e/test_packaging.py and tests/e2e/test_deb_clean_root.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import require_executable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer" / "linux"))
import build_deb  # noqa: E402


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "assistant").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "assistant").chmod(0o755)
    (bundle / "BUILD-INFO.json").write_text(json.dumps({"version": "0.1.0"}), encoding="utf-8")
    return bundle


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_version_switch_depends_and_scripts(stand_in: Path, tmp_path: Path) -> None:
    require_executable("dpkg-deb", "dpkg")
    assert (
        build_deb.main([str(stand_in), "--out", str(tmp_path / "out"), "--fast", "--version", "1.2.0-2"]) == 0
    )
    (deb,) = (tmp_path / "out").glob("assistant_1.2.0-2_*.deb")
    assert _field(deb, "Version") == "1.2.0-2"
    depends = [d.strip() for d in _field(deb, "Depends").split(",")]
    for needed in (
        "hunspell-da",
        "hunspell-en-us",
        "libwayland-cursor0",
        "libwayland-egl1",
        "espeak-ng-data",
    ):
        assert needed in depends, needed
    assert _field(deb, "Recommends") == ""
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    postrm = (control / "postrm").read_text(encoding="utf-8")
    assert "/usr/share/assistant/models" in postrm and '"sha256_of"' in postrm
    files = tmp_path / "files"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(files)], check=True)
    autostart = (files / "etc" / "xdg" / "autostart" / "assistant.desktop").read_text(encoding="utf-8")
    assert "TryExec=/usr/bin/assistant\n" in autostart


def test_a_bad_version_is_refused(stand_in: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as refused:
        build_deb.main([str(stand_in), "--out", str(tmp_path), "--fast", "--version", "v1 2"])
    assert "is not a Debian version" in str(refused.value)
    assert not list(tmp_path.glob("*.deb"))
