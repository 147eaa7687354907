"""The command line as IT scripts see it: exit codes, one-line errors, versioned JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import run_cli


def assistant(*args: str, env: dict[str, str] | None = None, stdin: str | None = None):
    return run_cli(*args, env={**os.environ, **(env or {})}, input=stdin, timeout=180)


def test_version_and_help() -> None:
    result = assistant("--version")
    assert result.returncode == 0 and result.stdout.startswith("assistant ")
    result = assistant("--help")
    assert result.returncode == 0
    for command in ("doctor", "config", "tray"):
        assert command in result.stdout


def test_bad_setting_value_is_one_line_exit_2(tmp_path: Path) -> None:
    result = assistant("config", "set", "general.language", "fr", env={"ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("assistant: error: general.language = 'fr' is not one of da, en")


def test_unknown_setting_exit_2(tmp_path: Path) -> None:
    result = assistant("config", "get", "general.nope", env={"ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "Unknown setting 'general.nope'" in result.stderr


def test_config_set_get_show_roundtrip(tmp_path: Path) -> None:
    env = {"ASSISTANT_HOME": str(tmp_path)}
    assert assistant("config", "set", "tts.rate", "210", env=env).returncode == 0
    assert assistant("config", "set", "audio.input_device", "Mikrofon Ærø", env=env).returncode == 0
    assert assistant("config", "get", "tts.rate", env=env).stdout.strip() == "210"
    assert json.loads(assistant("config", "get", "audio.input_device", env=env).stdout) == "Mikrofon Ærø"
    shown = json.loads(assistant("config", "show", "--json", env=env).stdout)
    assert shown["schema"] == "assistant.config" and shown["schema_version"] == 1
    rate = next(s for s in shown["settings"] if s["key"] == "tts.rate")
    assert rate == {**rate, "value": 210, "source": "user", "locked": False}
    assert assistant("config", "reset", "tts.rate", env=env).returncode == 0
    assert assistant("config", "get", "tts.rate", env=env).stdout.strip() == "160"


def test_corrupt_settings_are_reported_once_on_stderr_and_command_still_runs(tmp_path: Path) -> None:
    config_file = tmp_path / "config" / "config.toml"
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[tts]\nrate = "fast"\n', encoding="utf-8")
    result = assistant("config", "get", "tts.rate", env={"ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 0
    assert result.stdout.strip() == "160"
    assert result.stderr.count("tts.rate") == 1
    assert str(config_file) in result.stderr and "using 160 instead" in result.stderr


def test_tray_without_display_says_so_clearly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["ASSISTANT_HOME"] = str(tmp_path)
    env.pop("XDG_SESSION_TYPE", None)
    result = subprocess.run(
        [sys.executable, "-m", "assistant"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("assistant: error: No display")
    assert len(result.stderr.strip().splitlines()) == 1


def test_log_file_is_written_under_assistant_home(tmp_path: Path) -> None:
    result = assistant("--log-level", "DEBUG", "config", "paths", env={"ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 0
    log_file = tmp_path / "logs" / "assistant.log"
    assert log_file.is_file()
    assert "start: command=config" in log_file.read_text(encoding="utf-8")
    assert str(log_file) in result.stdout


@pytest.mark.parametrize("args", [("config", "set", "tts.rate", "[1,")])
def test_unparsable_value_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = assistant(*args, env={"ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 2 and "not a valid value for tts.rate" in result.stderr
