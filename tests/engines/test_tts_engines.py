"""The speech engines for real: libespeak-ng in process, pyttsx3 and Piper in a subprocess
(on Linux both drive a libespeak-ng whose global state the espeak engine also uses)."""

from __future__ import annotations

import json
import os
import subprocess
import wave
from pathlib import Path

import numpy as np

from assistant.selection import MacCopySelection, WindowsCopySelection, build_registry
from assistant.tts import auto_order
from assistant.tts import build_registry as tts_registry
from assistant.tts.base import choose_voice
from assistant.tts.espeak import EspeakSynthesizer
from assistant.tts.piper_engine import PiperSynthesizer
from assistant.tts.reader import render
from tests.support.cli import run_cli

ESPEAK = EspeakSynthesizer()


def _words(text: str, speech) -> list[str]:
    return [text[m.start : m.end] for m in speech.marks]


def test_espeak_has_danish_and_english_voices() -> None:
    assert ESPEAK.available() is None
    voices = ESPEAK.voices()
    assert choose_voice(voices, "da").id == "gmq/da"
    assert choose_voice(voices, "en").speaks("en")
    assert choose_voice(voices, "en", "gmw/en-US").id == "gmw/en-US"
    assert choose_voice(voices, "da", "no-such-voice") is None


def test_espeak_marks_are_words_in_order_inside_the_audio() -> None:
    text = "Blåbærgrøden er færdig, og børnene spiser den på én gang. Så går de ud."
    speech = ESPEAK.synthesize(text, voice="gmq/da", rate=170)
    assert speech.sample_rate == 22050 and speech.samples.dtype == np.int16
    assert _words(text, speech) == [
        "Blåbærgrøden",
        "er",
        "færdig",
        "og",
        "børnene",
        "spiser",
        "den",
        "på",
        "én",
        "gang",
        "Så",
        "går",
        "de",
        "ud",
    ]
    times = [m.time for m in speech.marks]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert times[0] >= 0 and times[-1] < speech.duration
    assert not speech.marks_estimated


def test_espeak_mark_times_are_where_the_words_sound() -> None:
    # Words separated by sentence pauses: each word's sound starts right at its mark, after silence.
    text = "One. Two. Three. Four. Five. Six."
    speech = ESPEAK.synthesize(text, voice="gmw/en-US", rate=175)
    rate = speech.sample_rate
    level = np.abs(speech.samples.astype(np.int32))
    assert _words(text, speech) == ["One", "Two", "Three", "Four", "Five", "Six"]
    for mark in speech.marks[1:]:
        at = round(mark.time * rate)
        before = level[at - round(0.08 * rate) : at - round(0.01 * rate)]
        after = level[at : at + round(0.12 * rate)]
        assert before.max() < 200, f"sound before {text[mark.start : mark.end]!r}"
        onset = int(np.argmax(after > 1000)) / rate
        assert after.max() > 1000 and onset < 0.05, (
            f"{text[mark.start : mark.end]!r} starts {onset:.3f}s late"
        )


def test_espeak_rate_and_bad_voice() -> None:
    text = "Det her er en sætning med en del ord i, som skal læses hurtigt og langsomt."
    slow = ESPEAK.synthesize(text, voice="gmq/da", rate=100)
    fast = ESPEAK.synthesize(text, voice="gmq/da", rate=300)
    assert fast.duration < slow.duration * 0.55
    try:
        ESPEAK.synthesize(text, voice="xx-nonexistent")
    except Exception as exc:
        assert "not installed" in str(exc)
    else:
        raise AssertionError("an unknown voice must fail")


def test_render_uses_a_voice_per_language_and_maps_marks_to_the_written_text() -> None:
    text = "Vi mødes kl. 14.30 i 3. kvartal. The patient was seen today by the doctor."
    speech = render(ESPEAK, text, rate=200)
    words = _words(text, speech)
    assert words[:6] == ["Vi", "mødes", "kl. 14.30", "i", "3.", "kvartal"]
    assert words[-3:] == ["by", "the", "doctor"]
    assert speech.voice.split(",") == ["gmq/da", choose_voice(ESPEAK.voices(), "en").id]
    times = [m.time for m in speech.marks]
    assert times == sorted(times) and times[-1] < speech.duration


def _run_assistant(args: list[str], tmp_path: Path, **kw) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=kw.get("env"), input=kw.get("input"), cwd=tmp_path, timeout=120)


def test_pyttsx3_platform_voice_speaks_danish(tmp_path: Path) -> None:
    out, marks = tmp_path / "p.wav", tmp_path / "p.json"
    result = _run_assistant(
        [
            "speak",
            "--engine",
            "pyttsx3",
            "--voice",
            "gmq/da",
            "--out",
            str(out),
            "--marks",
            str(marks),
            "Hej med dig, hvordan går det?",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    with wave.open(str(out)) as wav:
        assert wav.getnframes() / wav.getframerate() > 1.0
    document = json.loads(marks.read_text(encoding="utf-8"))
    assert document["engine"] == "pyttsx3" and document["estimated"] is True
    assert [m["word"] for m in document["marks"]] == ["Hej", "med", "dig", "hvordan", "går", "det"]


def test_piper_reads_with_an_installed_voice(tmp_path: Path) -> None:
    assert PiperSynthesizer(voice_dirs=[tmp_path]).available() == (
        "no Piper voice is installed (install one with the model manager)"
    )
    out, marks = tmp_path / "piper.wav", tmp_path / "piper.json"
    result = _run_assistant(
        [
            "speak",
            "--engine",
            "piper",
            "--language",
            "en",
            "--out",
            str(out),
            "--marks",
            str(marks),
            "Good morning. The meeting starts at nine.",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(marks.read_text(encoding="utf-8"))
    assert document["engine"] == "piper" and document["duration"] > 1.0
    assert [m["word"] for m in document["marks"]][:3] == ["Good", "morning", "The"]


def test_every_engine_and_selection_backend_says_why_it_cannot_run() -> None:
    probes = {p.name: p for p in tts_registry().probe_all()}
    assert set(probes) == {"espeak", "pyttsx3", "piper"}
    assert probes["espeak"].ok
    assert auto_order("win32")[0] == "pyttsx3" and auto_order("linux")[0] == "espeak"
    assert WindowsCopySelection().available() == "not Windows"
    assert MacCopySelection({}).available() == "not macOS"
    selection = {p.name: p.reason for p in build_registry({"PATH": os.environ["PATH"]}).probe_all()}
    assert selection["x11-primary"] == "not an X11 session"
    assert selection["wayland-primary"] == "not a Wayland session"
