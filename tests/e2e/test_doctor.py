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
    xvfb, tray_host, alsa_vmic, assistant_home, a11y, tmp_path: Path
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
    # The private accessibility bus answers: inserted text can be read back and checked.
    assert injection["read_back"] == {"via": "at-spi", "available": True, "reason": None, "hint": None}
    assert injection["status"] == "ok" and "read back (AT-SPI)" in injection["summary"]

    assert sections["tray"]["available"] is True and sections["tray"]["status"] == "ok"
    assert sections["hotkeys"]["status"] == "ok"

    settings = sections["settings"]
    assert settings["locked_keys"] == ["privacy.history"]
    # IT's machine policy (at its fixed place) and the test's additional one (issue #22).
    assert {f["role"]: f["exists"] for f in settings["files"]} == {
        "policy": Path("/etc/assistant/policy.toml").exists(),
        "additional-policy": True,
        "user": False,
    }

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


def test_doctor_says_when_inserted_text_cannot_be_read_back_and_what_to_do(xvfb, tmp_path: Path) -> None:
    base = {
        k: v for k, v in os.environ.items() if k not in ("AT_SPI_BUS_ADDRESS", "DBUS_SESSION_BUS_ADDRESS")
    }
    base.update(DISPLAY=xvfb.display, HOME=str(tmp_path))
    # An accessibility bus that is gone (the address of a socket nobody listens on).
    gone = doctor({**base, "AT_SPI_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}"}, "--json")
    injection = json.loads(gone.stdout)["sections"]["injection"]
    read_back = injection["read_back"]
    assert read_back["via"] == "at-spi" and read_back["available"] is False
    assert read_back["reason"].startswith("accessibility bus unusable"), read_back
    assert "at-spi2-core" in read_back["hint"] and "Sendt" in read_back["hint"]
    # Typing still works, so the section stays OK and says why the check is missing.
    assert injection["status"] == "ok" and "cannot be read back" in injection["summary"]
    assert injection["hint"] == read_back["hint"]

    # No session bus at all (started outside the desktop session): the text form says what to do.
    text = doctor(base)
    lines = text.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "Text insertion" in line)
    assert lines[at].startswith("[OK  ]") and "DBUS_SESSION_BUS_ADDRESS is not set" in lines[at]
    assert (
        lines[at + 1].strip().startswith("-> Text is still inserted") and "desktop session" in lines[at + 1]
    )
