"""Group Policy's registry values, written with reg.exe as a GPO would, read by the product through
winreg (HKLM locks and defaults, HKCU defaults) above the policy file, failing closed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

MACHINE = r"HKLM\SOFTWARE\Policies\assistant"
USER = r"HKCU\SOFTWARE\Policies\assistant"


def reg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["reg", *args, "/reg:64"], capture_output=True, text=True, timeout=60)


def reg_add(key: str, name: str, kind: str, data: str) -> None:
    done = reg("add", key, "/v", name, "/t", kind, "/d", data, "/f")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(autouse=True)
def clean_policies() -> Iterator[None]:
    for key in (MACHINE, USER):
        reg("delete", key, "/f")
    yield
    for key in (MACHINE, USER):
        reg("delete", key, "/f")


def test_a_machine_lock_holds_and_a_user_default_applies(run_cli) -> None:
    reg_add(MACHINE + r"\Locked\privacy", "history", "REG_DWORD", "0")
    reg_add(MACHINE + r"\Defaults\general", "language", "REG_SZ", "en")
    reg_add(USER + r"\Defaults\ui", "font_size", "REG_DWORD", "18")
    shown = run_cli("config", "show")
    assert shown.returncode == 0, shown.stderr
    assert "privacy.history = false" in shown.stdout
    assert 'general.language = "en"' in shown.stdout
    assert "ui.font_size = 18" in shown.stdout
    refused = run_cli("config", "set", "privacy.history", "true")
    assert refused.returncode == 2 and "locked by your organisation's policy" in refused.stderr
    assert "HKLM" in refused.stderr


def test_the_registry_wins_over_the_policy_file(run_cli, assistant_home) -> None:
    assistant_home.policy.parent.mkdir(parents=True)
    assistant_home.policy.write_text("[defaults.ui]\nfont_size = 16\n", encoding="utf-8")
    reg_add(MACHINE + r"\Defaults\ui", "font_size", "REG_DWORD", "22")
    assert "ui.font_size = 22" in run_cli("config", "show").stdout


def test_a_misspelt_machine_lock_fails_closed(run_cli) -> None:
    reg_add(MACHINE + r"\Defaults\privacy", "history", "REG_DWORD", "1")
    reg_add(MACHINE + r"\Locked\privacy", "histroy", "REG_DWORD", "1")
    shown = run_cli("config", "show")
    assert "privacy.history = false" in shown.stdout, shown.stdout
    assert "fail-closed" in shown.stdout


def test_a_lock_in_the_user_hive_locks_nothing(run_cli) -> None:
    reg_add(USER + r"\Locked\ui", "font_size", "REG_DWORD", "30")
    assert run_cli("config", "set", "ui.font_size", "14").returncode == 0
    assert "ui.font_size = 14" in run_cli("config", "show").stdout
