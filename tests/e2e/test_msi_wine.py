"""The MSI's machinery under wine's Windows Installer: installed and removed silently with IT's
properties, its custom actions running through RunCli.dll with their output in the msiexec log.

The bundle here is a stand-in: assistant.exe and assistant-cli.exe are one small Windows program
(compiled with mingw-w64) that prints the arguments it received, as the Windows C runtime split
them, and fails when one of them contains FAIL. So this proves what the installer does (quoting,
logging, failing, autostart switch, removal); the real frozen bundle installed under wine is the
Windows suite's part (tests/windows, scripts/test-windows).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PureWindowsPath

from tests.support import require_executable
from tests.support.packaging import ROOT, run

sys.path.insert(0, str(ROOT / "installer" / "windows"))
import build_msi

STAND_IN = r"""
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    int i, fail = 0;
    for (i = 0; i < argc; i++) {
        printf("arg%d=[%s]\n", i, argv[i]);
        if (strstr(argv[i], "FAIL")) fail = 1;
    }
    fflush(stdout);
    if (fail) { fprintf(stderr, "stand-in: refused, an argument says FAIL\n"); return 2; }
    return 0;
}
"""
RUN_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run"


def _windows(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def _log(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-16") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8", "replace")


def _args(log: str, action_word: str) -> list[str]:
    """The arguments the program received in the action whose command contains action_word."""
    blocks = log.split("assistant: running ")
    block = next(b for b in blocks[1:] if action_word in b.splitlines()[0])
    return re.findall(r"^assistant: arg\d+=\[(.*)\]$", block.split("assistant: done")[0], re.M)


def test_msi_installs_logs_fails_and_removes_under_wine(tmp_path: Path) -> None:
    wine = require_executable("wine", "wine")
    require_executable("wixl", "wixl")
    gcc = require_executable(build_msi.MINGW, "gcc-mingw-w64-x86-64-win32")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (tmp_path / "stand_in.c").write_text(STAND_IN, encoding="utf-8")
    for name in ("assistant.exe", "assistant-cli.exe"):
        built = run(
            [gcc, "-O1", "-s", "-o", str(bundle / name), str(tmp_path / "stand_in.c")], {**os.environ}
        )
        assert built.returncode == 0, built.stderr
    msi, _ = build_msi.build_msi(bundle, tmp_path / "out")

    prefix = tmp_path / "prefix"
    env = {
        **os.environ,
        "WINEPREFIX": str(prefix),
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=",
    }
    env.pop("DISPLAY", None)
    assert run([wine, "wineboot", "-i"], env, timeout=600).returncode == 0
    program = prefix / "drive_c" / "Program Files" / "Assistent"

    def msiexec(*args: str, log: str) -> tuple[int, str]:
        done = run([wine, "msiexec", *args, "/qn", "/l*v", _windows(tmp_path / log)], env, timeout=600)
        return done.returncode, _log(tmp_path / log)

    def run_key() -> str:
        return run([wine, "reg", "query", RUN_KEY, "/reg:64"], env).stdout

    share = tmp_path / "IT share"
    (share / "IT models").mkdir(parents=True)
    policy = share / "policy.toml"
    policy.write_text("[locked.privacy]\nhistory = false\n", encoding="utf-8")
    models = _windows(share / "IT models") + "\\"  # as IT types it: spaces, a trailing backslash

    # IT's properties, autostart off.
    code, log = msiexec(
        "/i", _windows(msi), "UI_LANGUAGE=DA", f"POLICY_FILE={_windows(policy)}", f"MODELS_DIR={models}",
        "AUTOSTART=0", log="install.log",
    )  # fmt: skip
    assert code == 0, log[-3000:]
    assert (program / "assistant.exe").is_file() and (program / "assistant-cli.exe").is_file()
    assert "Assistent" not in run_key(), "AUTOSTART=0 writes no Run key"
    assert _args(log, "policy-install") == [
        r"C:\Program Files\Assistent\assistant-cli.exe",
        "config",
        "policy-install",
        _windows(policy),
        "--ui-language",
        "DA",
        "--target",
        r"C:\ProgramData\assistant\policy.toml",
    ]
    staged = _args(log, "models install")
    assert staged[1:3] == ["models", "install"] and staged[4:6] == ["--system", "--system-dir"], staged
    assert PureWindowsPath(staged[3]) == PureWindowsPath(_windows(share / "IT models")), staged
    assert PureWindowsPath(staged[6]) == PureWindowsPath(r"C:\ProgramData\assistant\models"), staged
    assert "assistant: done (exit code 0)" in log

    code, log = msiexec("/x", _windows(msi), log="uninstall.log")
    assert code == 0, log[-3000:]
    clean = _args(log, "machine-clean")
    assert clean[1:4] == ["config", "machine-clean", "--target"]
    assert PureWindowsPath(clean[4]).name == "assistant"
    assert not program.exists()

    # A failing action fails the install, its reason in the log, and nothing stays installed.
    refused = share / "FAIL policy.toml"
    refused.write_text("", encoding="utf-8")
    code, log = msiexec("/i", _windows(msi), f"POLICY_FILE={_windows(refused)}", log="failed.log")
    assert code != 0
    assert "assistant: stand-in: refused, an argument says FAIL" in log
    assert "assistant: FAILED with exit code 2" in log
    assert not (program / "assistant.exe").exists(), "rolled back"

    # The default: autostart on, removed with the program.
    code, log = msiexec("/i", _windows(msi), log="default.log")
    assert code == 0, log[-3000:]
    assert '"C:\\Program Files\\Assistent\\assistant.exe" tray' in run_key()
    code, log = msiexec("/x", _windows(msi), log="remove.log")
    assert code == 0 and "Assistent" not in run_key()
    subprocess.run([wine, "wineserver", "-k"], env=env, capture_output=True, timeout=60)
