"""Read-aloud on Windows when SAPI cannot be reached (under wine it never can: pyttsx3's SAPI
driver needs comtypes' SpeechLib, which wine does not provide): the bundled espeak-ng
(espeakng-loader's libespeak-ng and voice data) reads Danish with word timing."""

from __future__ import annotations

import json
import wave
from pathlib import Path

TEXT = "Hej med dig, rødgrød med fløde"


def test_danish_read_aloud_falls_back_to_the_bundled_espeak_ng(run_cli, tmp_path: Path) -> None:
    out, marks = tmp_path / "speech.wav", tmp_path / "marks.json"
    done = run_cli("speak", "--language", "da", "--out", str(out), "--marks", str(marks), TEXT)
    assert done.returncode == 0, done.stderr
    timing = json.loads(marks.read_text(encoding="utf-8"))
    assert timing["engine"] == "espeak"
    assert timing["voice"].replace("\\", "/") == "gmq/da"  # espeak-ng names it gmq\da on Windows
    assert [m["word"] for m in timing["marks"]] == ["Hej", "med", "dig", "rødgrød", "med", "fløde"]
    assert not timing["estimated"]  # positions come from espeak's own word events
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 1.0 < seconds < 6.0
    times = [m["time"] for m in timing["marks"]]
    assert times == sorted(times) and times[-1] < seconds


def test_the_bundled_espeak_ng_is_the_one_loaded_on_windows() -> None:
    from assistant.tts import espeak

    bundled = espeak._bundled()
    assert bundled is not None, "espeakng-loader is not installed"
    assert espeak._find_library() is None  # nothing on PATH is preferred over the bundled copy
