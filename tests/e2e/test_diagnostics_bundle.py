"""``assistant doctor --bundle FILE.zip``: what IT collects holds the report, the settings and
the logs, and nothing the user said or wrote (real transcription, spelling and speech first, at
DEBUG logging)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support import load_speech_manifest

JFK = next(s for s in load_speech_manifest() if "jfk" in s.path.stem)
WRITTEN = "Kvæghyrdens løgnagtige zebrafrugt"


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--log-level", "DEBUG", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ},
        timeout=300,
    )


def test_bundle_has_report_settings_and_logs_but_no_user_text(assistant_home, tmp_path: Path) -> None:
    heard = assistant("transcribe", str(JFK.path), "--language", "en", "--json")
    assert heard.returncode == 0, heard.stderr
    transcript = json.loads(heard.stdout)["text"].strip()
    assert "country" in transcript.lower()
    assert assistant("spell", "--language", "da", "zebrafrugtt", "løgnagtigee").returncode in (0, 1)
    assert assistant("suggest", "--language", "da", WRITTEN).returncode in (0, 1)
    spoken = assistant("speak", "--language", "da", "--out", str(tmp_path / "s.wav"), WRITTEN)
    assert spoken.returncode == 0, spoken.stderr
    assert assistant("config", "set", "ui.font_size", "19").returncode == 0

    target = tmp_path / "diagnose.zip"
    done = assistant("doctor", "--bundle", str(target))
    assert done.returncode in (0, 1), done.stderr  # 1: something on this machine is missing
    assert f"Diagnostics: {target}" in done.stdout
    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        texts = {name: bundle.read(name).decode("utf-8", "replace") for name in names}
    assert {"doctor.json", "settings.json", "manifest.json", "logs/assistant.log"} <= set(names)
    log = texts["logs/assistant.log"]
    assert len(log.splitlines()) > 5, "the commands above logged (so the check below means something)"
    assert json.loads(texts["doctor.json"])["sections"]["settings"]["status"]
    assert json.loads(texts["settings.json"])["ui.font_size"] == {"value": 19, "source": "user"}
    manifest = json.loads(texts["manifest.json"])
    assert manifest["schema"] == "assistant.diagnostics" and sorted(manifest["files"]) == sorted(names)
    for name, text in texts.items():
        lowered = text.lower()
        assert transcript.lower() not in lowered, name
        for word in ("country", "kvæghyrdens", "løgnagtige", "zebrafrugt"):
            assert word not in lowered, (name, word)
    assert not [n for n in names if n.endswith((".db", ".sqlite", ".wav", ".toml"))]

    refused = assistant("doctor", "--bundle", str(tmp_path / "diagnose.txt"))
    assert refused.returncode == 2 and refused.stderr.strip().endswith("does not end in .zip.")
