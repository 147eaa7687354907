"""The .deb in a clean Debian root: every library and data package the product needs is a Depends.

A minimal Debian root (debootstrap --variant=minbase, the host's release, from Debian's own
mirror) is built once and cached outside the clone (``~/.cache/assistant-debootstrap``, or
``ASSISTANT_DEBOOTSTRAP_CACHE``); each run copies it, installs the package there with
``apt-get install --no-install-recommends`` (apt pulls the Depends from the mirror; downloaded
packages are cached beside the root), then, inside that root, spells Danish compounds that only
hunspell-da knows, reads ``doctor --json`` and starts the tray on the test's Xvfb display.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import require_executable
from tests.support.packaging import VERSION, run
from tests.support.procs import ManagedProcess, wait_until

MIRROR = "http://deb.debian.org/debian"
# Correct Danish compounds that are not forms of the product's own word list: only hunspell-da
# accepts them, so they are flagged when the dictionary package is missing.
COMPOUNDS = ("tandlægestol", "kommunalbestyrelsesmøde", "ordblindeundervisning")


def _codename() -> str:
    for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip('"')
    raise AssertionError("/etc/os-release names no release")


def _cache() -> Path:
    return Path(
        os.environ.get("ASSISTANT_DEBOOTSTRAP_CACHE", Path.home() / ".cache" / "assistant-debootstrap")
    )


@pytest.fixture(scope="session")
def debian_base() -> Path:
    """The cached minimal root (built on first use: a few minutes, about 200 MB)."""
    debootstrap = require_executable("debootstrap", "debootstrap")
    cache = _cache()
    cache.mkdir(parents=True, exist_ok=True)
    base = cache / f"{_codename()}-minbase"
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # CI and a developer may build it at the same time
        if not (base / "etc" / "debian_version").is_file():
            partial = cache / f"{base.name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            built = run(
                [debootstrap, "--variant=minbase", _codename(), str(partial), MIRROR],
                {**os.environ},
                timeout=1800,
            )
            assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
            shutil.rmtree(base, ignore_errors=True)
            partial.rename(base)
    return base


def _in_root(root: Path, argv: list[str], env: dict[str, str]) -> list[str]:
    """argv run inside ``root`` with /proc, /dev and the apt cache mounted in a private mount
    namespace (the mounts vanish with the command)."""
    archives = _cache() / "apt-archives"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    mounts = (
        f"mount -t proc proc {root}/proc && mount --rbind /dev {root}/dev && "
        f"mount --bind {archives} {root}/var/cache/apt/archives && "
        f"mount --bind /tmp/.X11-unix {root}/tmp/.X11-unix && "
        f'exec chroot {root} /usr/bin/env -i {" ".join(f"{k}={v}" for k, v in env.items())} "$@"'
    )
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", mounts, "sh", *argv]


@pytest.fixture
def clean_root(debian_base: Path, tmp_path: Path) -> Iterator[Path]:
    require_executable("unshare", "util-linux")
    root = tmp_path / "root"
    subprocess.run(["cp", "-a", "--reflink=auto", str(debian_base), str(root)], check=True)
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
    (root / "tmp" / ".X11-unix").mkdir(parents=True, exist_ok=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_deb_in_a_clean_root_spells_compounds_and_starts_the_tray(
    deb_file: tuple[Path, float], clean_root: Path, xvfb, tray_host
) -> None:
    deb, _ = deb_file
    shutil.copyfile(deb, clean_root / "tmp" / deb.name)
    apt_env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "DEBIAN_FRONTEND": "noninteractive",
        "LANG": "C.UTF-8",
    }
    updated = run(_in_root(clean_root, ["apt-get", "update"], apt_env), {**os.environ}, timeout=600)
    assert updated.returncode == 0, updated.stdout[-2000:] + updated.stderr[-2000:]
    install = ["apt-get", "install", "-y", "--no-install-recommends", f"/tmp/{deb.name}"]
    installed = run(_in_root(clean_root, install, apt_env), {**os.environ}, timeout=1200)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    for dictionary in ("da_DK.dic", "en_US.dic"):
        assert (clean_root / "usr" / "share" / "hunspell" / dictionary).is_file(), dictionary

    user_env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp/home",
        "ASSISTANT_HOME": "/tmp/home/assistant",
        "LANG": "C.UTF-8",
        "DISPLAY": xvfb.display,
    }
    version = run(_in_root(clean_root, ["/usr/bin/assistant", "--version"], user_env), {**os.environ})
    assert version.stdout.strip() == f"assistant {VERSION}", version.stderr

    spell = ["/usr/bin/assistant", "spell", "--language", "da", "--json", *COMPOUNDS, "tanlæge"]
    spelled = run(_in_root(clean_root, spell, user_env), {**os.environ})
    assert spelled.returncode == 0, spelled.stderr
    results = {r["word"]: r for r in json.loads(spelled.stdout)["results"]}
    assert all(results[w]["correct"] for w in COMPOUNDS), results
    assert not results["tanlæge"]["correct"] and "tandlæge" in results["tanlæge"]["suggestions"]

    doctor = run(_in_root(clean_root, ["/usr/bin/assistant", "doctor", "--json"], user_env), {**os.environ})
    report = json.loads(doctor.stdout)
    assert report["sections"]["tray"]["available"] is True, report["sections"]["tray"]

    log_file = clean_root / "tmp" / "home" / "assistant" / "logs" / "assistant.log"
    tray = ManagedProcess(
        _in_root(clean_root, ["/usr/bin/assistant", "tray"], user_env),
        log_path=clean_root.parent / "tray.out",
        env={**os.environ},
    )
    try:
        wait_until(
            lambda: (
                tray.alive() and log_file.is_file() and "tray started" in log_file.read_text(encoding="utf-8")
            ),
            timeout=90,
            message=tray.describe,
        )
        text = log_file.read_text(encoding="utf-8")
        assert "only dictionary forms are accepted" not in text, text[-2000:]
        os.killpg(tray.pid, signal.SIGTERM)
        assert tray.proc.wait(timeout=30) == 0, tray.describe()
    finally:
        tray.stop()
