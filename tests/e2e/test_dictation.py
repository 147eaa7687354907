"""Dictation end to end: virtual microphone -> capture -> real engine -> text."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.audio.capture import Capture
from assistant.errors import AudioError
from assistant.stt import whisper_engine
from assistant.stt.session import DictationSession, Failed, ModelReady, Stopped, TextChanged
from assistant.stt.whisper_engine import WhisperEngine
from assistant.text.transcript import Transcript
from assistant.text.wer import wer
from tests.support import EVAL_DIR, load_speech_manifest, wait_until
from tests.support.cli import run_cli

JFK = next(s for s in load_speech_manifest() if "jfk" in s.path.stem)


def assistant(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env)


def heard_whole_quote(text: str) -> bool:
    """The last words of the JFK quote are final (Whisper may or may not add the full stop)."""
    return text.rstrip(". ").endswith("for your country")


class Recorder:
    """Collects session events from the worker thread."""

    def __init__(self) -> None:
        self.events: list[object] = []
        self.times: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, event: object) -> None:
        with self.lock:
            self.events.append(event)
            self.times.append(time.monotonic())

    def of(self, kind: type) -> list:
        with self.lock:
            return [e for e in self.events if isinstance(e, kind)]


def test_cli_dictate_from_alsa_microphone(alsa_vmic, machine_load, tmp_path: Path) -> None:
    """Idle and beside busy processes at twice the core count (issue 20): the same words."""
    mic = alsa_vmic(JFK.path, tail_silence=1.0)
    env = {**mic.env(), "ASSISTANT_HOME": str(tmp_path)}
    seconds = mic.frames / 16000
    result = assistant(
        "dictate",
        "--device",
        "vmic",
        "--seconds",
        f"{seconds:.3f}",
        "-l",
        "en",
        "--model",
        "whisper-tiny.en",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    # The recording starts at the first sample, while the model is still loading: its first
    # words ("And so") must be there.
    assert result.stdout.startswith("And so"), result.stdout
    assert wer(JFK.transcript, result.stdout, "en") == 0.0, result.stdout


def test_nothing_said_while_the_model_loads_is_lost(pulse_vmic, machine_load) -> None:
    """Real-time speech from the first microphone frame, idle and under the CPU load (issue 20)."""
    whisper_engine._models.clear()  # force a real, slow model load inside the session
    from assistant.storage.models import packaged_models

    tiny = next(m for m in packaged_models() if m.name == "whisper-tiny.en").path
    recorder = Recorder()
    session = DictationSession(
        Capture(None),
        lambda: WhisperEngine().recognizer(tiny, "en"),
        Transcript("en"),
        recorder,
    )
    session.start()
    # Speech starts as soon as the microphone delivers, while the model is still loading.
    wait_until(lambda: session.capture.frames_captured > 0, timeout=10, message="the first microphone frames")
    playback = pulse_vmic.play(JFK.path, lead_silence=0.2)
    assert not recorder.of(ModelReady), "the model loaded before speech started; test proves nothing"
    playback.wait(timeout=30)
    assert playback.frames_lost == 0
    played_at = time.monotonic()
    wait_until(lambda: heard_whole_quote(session.text), timeout=30, message="final text of the JFK quote")
    latency = recorder.times[recorder.events.index(recorder.of(TextChanged)[-1])] - played_at
    session.stop()
    assert wer(JFK.transcript, session.text, "en") == 0.0, session.text
    assert recorder.of(Stopped)[-1].text == session.text
    assert session.capture.overflows == 0 and session.capture.dropped_blocks == 0
    print(f"end of playback -> final text: {latency:.2f} s")


def test_microphone_lost_mid_dictation_keeps_words(pulse_vmic) -> None:
    from assistant.storage.models import packaged_models

    tiny = next(m for m in packaged_models() if m.name == "whisper-tiny.en").path
    recorder = Recorder()
    capture = Capture(None, stall_seconds=2.0)
    session = DictationSession(
        capture, lambda: WhisperEngine().recognizer(tiny, "en"), Transcript("en"), recorder
    )
    session.start()
    wait_until(lambda: capture.frames_captured > 0, timeout=10, message="the first microphone frames")
    pulse_vmic.play(JFK.path, lead_silence=0.2).wait(timeout=30)
    # Generous: on a loaded machine the decode of an 11 s clip lags the microphone by many seconds.
    wait_until(
        lambda: "country" in session.text,
        timeout=60,
        message=lambda: f"text before the device is lost (so far: {session.text!r})",
    )
    heard = session.text
    pulse_vmic.stop()  # the sound server and its microphone go away
    assert session.wait(timeout=30), "the session did not notice the lost microphone"
    failures = recorder.of(Failed)
    assert failures and isinstance(failures[0].error, AudioError)
    assert "unplugged" in failures[0].error.message
    assert recorder.of(Stopped)[-1].text.startswith(heard)


def test_dictate_unknown_device_is_one_line_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path)}
    result = assistant("dictate", "--device", "no-such-mic", "--seconds", "1", "-l", "en", env=env)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("assistant: error: ")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("transcribe", "/nonexistent.wav"), "does not exist"),
        (("transcribe", str(JFK.path), "--language", "fr"), "Unknown language 'fr'"),
        (("transcribe", str(JFK.path), "--model", "nope"), "No model named 'nope'"),
        (("transcribe", str(EVAL_DIR / "SOURCES.md")), "cannot be read"),
        (("transcribe", str(JFK.path), "--engine", "vosk", "-l", "en"), "No speech model for English"),
    ],
)
def test_transcribe_errors_are_one_line_exit_2(args: tuple[str, ...], needle: str, tmp_path: Path) -> None:
    result = assistant(*args, env={**os.environ, "ASSISTANT_HOME": str(tmp_path)})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr


def test_transcribe_json_and_user_text_never_logged(tmp_path: Path) -> None:
    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path)}
    result = assistant(
        "--log-level",
        "DEBUG",
        "transcribe",
        str(JFK.path),
        "-l",
        "en",
        "--model",
        "whisper-tiny.en",
        "--json",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    assert data["schema"] == "assistant.transcribe" and data["schema_version"] == 1
    assert data["engine"] == "whisper" and data["model"] == "whisper-tiny.en" and data["language"] == "en"
    assert wer(JFK.transcript, data["text"], "en") == 0.0
    assert all(s["start"] < s["end"] for s in data["segments"])
    assert data["timings"]["real_time_factor"] > 0
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*.log*"))
    assert "whisper model loaded" in logs  # DEBUG logging really ran
    for phrase in ("fellow Americans", "your country", "ask not"):
        assert phrase.lower() not in logs.lower()
        assert phrase.lower() not in result.stderr.lower()


def test_device_that_refuses_16k_is_opened_native_and_resampled(pulse_vmic) -> None:
    import sounddevice as sd

    from assistant.storage.models import packaged_models

    native = int(sd.query_devices(kind="input")["default_samplerate"])
    assert native != 16000

    def native_only(**kwargs):
        if kwargs["samplerate"] != native:
            raise sd.PortAudioError("Invalid sample rate", -9997)
        return sd.InputStream(**kwargs)

    tiny = next(m for m in packaged_models() if m.name == "whisper-tiny.en").path
    recorder = Recorder()
    capture = Capture(None, stream_factory=native_only)
    session = DictationSession(
        capture, lambda: WhisperEngine().recognizer(tiny, "en"), Transcript("en"), recorder
    )
    session.start()
    assert capture.device_rate == native
    wait_until(lambda: capture.frames_captured > 0, timeout=10, message="the first microphone frames")
    pulse_vmic.play(JFK.path, lead_silence=0.2).wait(timeout=30)
    try:
        wait_until(lambda: heard_whole_quote(session.text), timeout=30, message="final text after resampling")
    except AssertionError:
        raise AssertionError(f"text so far: {session.text!r}; events: {recorder.events[-5:]}") from None
    session.stop()
    assert wer(JFK.transcript, session.text, "en") == 0.0, session.text


def test_whole_dictation_at_debug_never_logs_the_words(alsa_vmic, tmp_path: Path) -> None:
    mic = alsa_vmic(JFK.path, tail_silence=1.0)
    env = {**mic.env(), "ASSISTANT_HOME": str(tmp_path)}
    seconds = mic.frames / 16000
    args = ("--log-level", "DEBUG", "dictate", "--device", "vmic", "--seconds", f"{seconds:.3f}", "-l", "en")
    result = assistant(*args, "--model", "whisper-tiny.en", "--live", env=env)
    assert result.returncode == 0, result.stderr
    assert "country" in result.stdout  # printed because it was asked for
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*.log*"))
    assert "dictation ended: <text:" in logs and "DEBUG" in logs
    for phrase in ("americans", "country", "fellow", "ask not"):
        assert phrase not in logs.lower()


def test_spoken_commands_from_real_speech(tmp_path: Path) -> None:
    """espeak-ng says the commands; the real engine hears them; the text has the marks, not the words."""
    wav = tmp_path / "commands.wav"
    text = "hello world period new line this is a test comma with thirty six teeth period"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True, timeout=60)
    result = assistant(
        "transcribe",
        str(wav),
        "-l",
        "en",
        "--model",
        "whisper-tiny.en",
        env={**os.environ, "ASSISTANT_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.rstrip("\n")
    first, _, second = out.partition("\n")
    assert first.endswith("world."), out
    assert second[:1].isupper() and second.endswith("."), out
    assert "36" in second and "," in second, out
    for word in ("period", "new line", "comma", "thirty"):
        assert word not in out.lower(), out


# -- long continuous speech: nothing is ever lost --------------------------------------------------


def _with_vocabulary(home: Path) -> None:
    from assistant.text.vocabulary import Vocabulary, save_vocabulary
    from tests.support.speech import VOCABULARY_20

    save_vocabulary(home / "data", "en", Vocabulary(terms=list(VOCABULARY_20)))


def _all_said(text: str, reference: str, times: int) -> None:
    # Every repetition of the quote is there (each says "country" twice), and the words are right.
    assert text.lower().count("country") == 2 * times, text
    assert wer(reference, text, "en") <= 0.1, text


# 30 s is past the 20 s that used to fail; 10 min is the long case. A 2 min run between them
# proved nothing either does not (it was a sixth of this test's audio); the microphone test
# below still runs 2 min through dictation.
@pytest.mark.parametrize("seconds", [30, 600], ids=["30s", "10min"])
def test_transcribe_continuous_speech_with_20_term_vocabulary(seconds: int, tmp_path: Path) -> None:
    """Speech without a pause long enough to end an utterance, with a vocabulary in Whisper's
    prompt: 20 s of it used to end in "internal error" with nothing printed."""
    import json
    import wave

    from tests.support.speech import continuous_speech

    samples, reference, times = continuous_speech(seconds)
    path = tmp_path / "speech.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(samples.astype("<i2").tobytes())
    _with_vocabulary(tmp_path)
    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path)}
    result = assistant("transcribe", str(path), "-l", "en", "--model", "whisper-tiny.en", "--json", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    _all_said(data["text"], reference, times)
    print(f"{seconds} s transcribed in {data['timings']['transcribe_seconds']:.1f} s")


@pytest.mark.parametrize("seconds", [30, 120], ids=["30s", "2min"])
def test_dictate_continuous_speech_from_alsa_microphone(seconds: int, alsa_vmic, tmp_path: Path) -> None:
    from tests.support.speech import continuous_speech

    samples, reference, times = continuous_speech(seconds)
    mic = alsa_vmic(samples, tail_silence=1.0)
    _with_vocabulary(tmp_path)
    env = {**mic.env(), "ASSISTANT_HOME": str(tmp_path)}
    args = ("dictate", "--device", "vmic", "--seconds", f"{mic.frames / 16000:.3f}", "-l", "en")
    result = assistant(*args, "--model", "whisper-tiny.en", env=env)
    assert result.returncode == 0, result.stderr
    _all_said(result.stdout, reference, times)


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_dictate_prints_what_it_heard_on_sigterm_and_sighup(signame: str, pulse_vmic, tmp_path: Path) -> None:
    import signal

    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "dictate", "-l", "en", "--model", "whisper-tiny.en", "--live"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    live: list[str] = []
    reader = threading.Thread(target=lambda: live.extend(iter(lambda: proc.stderr.read(64), "")), daemon=True)
    reader.start()
    try:
        log = tmp_path / "logs" / "assistant.log"
        wait_until(  # the pipe source drops what nobody reads: speak once it is read
            lambda: log.exists() and "microphone delivering" in log.read_text(encoding="utf-8"),
            timeout=60,
            message="the microphone delivering",
        )
        pulse_vmic.play(JFK.path, lead_silence=0.3).wait(timeout=30)
        wait_until(lambda: "country" in "".join(live), timeout=60, message="live words of the quote")
        proc.send_signal(getattr(signal, signame))
        proc.wait(timeout=60)
        out = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == 0, "".join(live)
    # Everything said is printed (tiny.en may hear a word differently on a busy machine).
    assert out.lower().startswith("and so") and "country" in out.lower(), out
    assert wer(JFK.transcript, out, "en") <= 0.1, out


def test_session_reports_how_far_decoding_lags(alsa_vmic) -> None:
    """The unpaced file microphone hands over 30 s at once: the session is behind and says by
    how much (the panel shows it), counting down to caught up, and loses nothing."""
    from assistant.storage.models import packaged_models
    from assistant.stt.session import Behind
    from tests.support.speech import continuous_speech

    samples, reference, times = continuous_speech(30)
    mic = alsa_vmic(samples, tail_silence=1.0)
    tiny = next(m for m in packaged_models() if m.name == "whisper-tiny.en").path
    recorder = Recorder()
    session = DictationSession(
        Capture("vmic"),
        lambda: WhisperEngine().recognizer(tiny, "en"),
        Transcript("en"),
        recorder,
        max_seconds=mic.frames / 16000,
    )
    session.start()
    assert session.wait(timeout=240)
    behind = [e.seconds for e in recorder.of(Behind)]
    assert behind and max(behind) >= 5.0, behind
    assert behind[-1] == 0.0
    assert session.text.lower().count("country") == 2 * times, session.text
    assert wer(reference, session.text, "en") <= 0.1
