"""`assistant doctor` in a real desktop session: Xvfb, a tray host and a virtual microphone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import EVAL_DIR


def doctor(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "doctor", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )


def test_doctor_reports_vmic_danish_voice_x11_injection_and_tray(
    xvfb, tray_host, alsa_vmic, assistant_home, tmp_path: Path
) -> None:
    mic = alsa_vmic(EVAL_DIR / "speech" / "da" / "danspeech_nst_u0013002.wav")
    assistant_home.write_policy("[locked.privacy]\nhistory = false\n[defaults.tts]\nrate = 180\n")
    env = {**mic.env(), "DISPLAY": xvfb.display}
    result = doctor(env, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "assistant.doctor" and report["schema_version"] == 1
    sections = report["sections"]
    assert set(sections) == {"settings", "audio", "speech", "voices", "injection", "hotkeys", "tray"}
    for section in sections.values():
        assert section["status"] in ("ok", "warning") and section["summary"]

    vmic = [d for d in sections["audio"]["input_devices"] if d["name"] == "vmic"]
    assert vmic and 16000 in vmic[0]["samplerates"]

    voices = sections["voices"]
    assert voices["danish_voice"] is True
    assert "espeak:gmq/da" in voices["danish_voices"]

    injection = sections["injection"]
    assert injection["session"] == "x11" and injection["chosen"] == "xtest"
    assert next(b for b in injection["backends"] if b["name"] == "xtest")["available"] is True
    assert "Windows" in next(b for b in injection["backends"] if b["name"] == "sendinput")["reason"]

    assert sections["tray"]["available"] is True and sections["tray"]["status"] == "ok"
    assert sections["hotkeys"]["status"] == "ok"

    settings = sections["settings"]
    assert settings["locked_keys"] == ["privacy.history"]
    assert {f["role"]: f["exists"] for f in settings["files"]} == {"policy": True, "user": False}

    models = {m["name"]: m for m in sections["speech"]["models"]}
    assert {"whisper-tiny.en", "whisper-base", "vosk-model-small-ko"} <= set(models)
    assert sections["speech"]["languages"]["da"] and sections["speech"]["languages"]["en"]

    text = doctor(env)
    assert text.returncode == 0
    assert "[OK  ] System tray" in text.stdout and "Overall:" in text.stdout


def test_doctor_without_display_or_microphone_fails_clearly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PULSE_SERVER")}
    env["HOME"] = str(tmp_path)  # no ~/.asoundrc: no microphone at all on this machine
    result = doctor(env, "--json")
    assert result.returncode == 1
    sections = json.loads(result.stdout)["sections"]
    assert sections["audio"]["status"] == "error" and sections["audio"]["hint"]
    assert sections["injection"]["status"] == "error"
    assert sections["tray"]["available"] is False
