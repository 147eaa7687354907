"""What the Windows installer's custom actions pass reaches the program as IT meant it: the UI
language in any case, and folders in the "[DIR]." form (a trailing backslash would escape the
closing quote, so the installer appends a dot, which the program's paths drop)."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli


def test_ui_language_in_any_case_and_folders_with_a_trailing_dot(public_tmp: Path, assistant_home) -> None:
    machine = public_tmp / "ProgramData" / "assistant"
    done = run_cli("config", "policy-install", "--ui-language", " DA ", "--target", f"{machine}/policy.toml")
    assert done.returncode == 0, done.stderr
    assert (machine / "policy.toml").read_text(encoding="utf-8") == '[defaults.general]\nui_language = "da"\n'
    wrong = run_cli(
        "config", "policy-install", "--ui-language", "dansk", "--target", f"{machine}/policy.toml"
    )
    assert wrong.returncode == 2 and len(wrong.stderr.strip().splitlines()) == 1
    (machine / "models" / "m").mkdir(parents=True)
    clean = run_cli("config", "machine-clean", "--target", f"{machine}/.")
    assert clean.returncode == 0, clean.stderr
    assert list(machine.iterdir()) == []
