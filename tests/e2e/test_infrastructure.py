"""The shared fixtures work for real: Xvfb, keyboard layouts, a tray host, both virtual microphones.

Nothing here needs the ``assistant`` package.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.support import REPO_ROOT, WaitTimeout, require_executable, wait_until
from tests.support.audio import (
    SAMPLE_RATE,
    find_offset,
    import_sounddevice,
    load_wav,
    reinit_portaudio,
    rms_envelope,
)
from tests.support.display import keysym_keycodes, query_keyboard_layout

DANISH_WAV = Path("speech/da/danspeech_nst_u0013002.wav")
SHORT_WAV = Path("speech/en/pocketsphinx_cards_001.wav")


# -- isolation, data, helpers ----------------------------------------------------------------------

_homes_seen: list[Path] = []


@pytest.mark.parametrize("run", [1, 2])
def test_assistant_home_is_private_and_fresh(assistant_home, run: int) -> None:
    assert os.environ["ASSISTANT_HOME"] == str(assistant_home.home)
    assert os.environ["ASSISTANT_POLICY"] == str(assistant_home.policy)
    assert assistant_home.home.is_dir() and not any(assistant_home.home.iterdir())
    assert assistant_home.policy.name == "policy.toml" and not assistant_home.policy.exists()
    assert assistant_home.policy.parent.is_dir()
    assert assistant_home.home not in assistant_home.policy.parents
    assert assistant_home.home not in _homes_seen
    _homes_seen.append(assistant_home.home)
    written = assistant_home.write_policy('[locked]\n"ui.language" = "da"\n')
    assert written.read_text(encoding="utf-8").startswith("[locked]")


def test_eval_dir_is_shared_data_outside_the_repo(eval_dir: Path, speech_samples) -> None:
    assert eval_dir.resolve() == Path("/work/shared/eval").resolve() or eval_dir.name == "eval"
    assert REPO_ROOT not in eval_dir.resolve().parents
    assert {s.language for s in speech_samples} >= {"da", "en"}
    for sample in speech_samples:
        assert sample.path.is_file(), sample.path
        assert sample.transcript
        with wave.open(str(sample.path)) as wav:
            assert abs(wav.getnframes() / wav.getframerate() - sample.duration_s) < 0.01


def test_wait_until_returns_the_value_and_fails_clearly() -> None:
    started = time.monotonic()
    assert wait_until(lambda: time.monotonic() - started > 0.05 and "done", timeout=5) == "done"
    with pytest.raises(
        WaitTimeout,
        match=r"timed out after 0\.2s .* waiting for the answer; last error: "
        r"ZeroDivisionError",
    ):
        wait_until(lambda: 1 / 0, timeout=0.2, message="the answer")
    with pytest.raises(WaitTimeout, match="last value: 0"):
        wait_until(lambda: 0, timeout=0.1)


def test_missing_tool_fails_naming_the_debian_package() -> None:
    with pytest.raises(
        pytest.fail.Exception, match=r"^no-such-tool-xyz not found: apt-get install xyz-utils$"
    ):
        require_executable("no-such-tool-xyz", "xyz-utils")


def test_load_wav_converts_any_16_bit_wav(tmp_path: Path) -> None:
    t = np.arange(44100) / 44100
    tone = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    path = tmp_path / "stereo44k.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(44100)
        wav.writeframes(np.stack([tone, tone], axis=1).tobytes())
    samples = load_wav(path)
    assert samples.dtype == np.int16 and abs(len(samples) - SAMPLE_RATE) <= 1
    # still a 440 Hz tone of the same loudness after resampling and down-mixing
    spectrum = np.abs(np.fft.rfft(samples.astype(float)))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / len(samples) - 440) < 2
    assert abs(rms_envelope(samples, SAMPLE_RATE // 10)[2:8].mean() - 8000 / np.sqrt(2)) < 100


# -- display ---------------------------------------------------------------------------------------


def test_xvfb_is_a_real_display(xvfb) -> None:
    assert os.environ["DISPLAY"] == xvfb.display
    assert xvfb.process.alive()
    conn = xvfb.connect()
    try:
        screen = conn.screen()
        assert (screen.width_in_pixels, screen.height_in_pixels, screen.root_depth) == (1280, 800, 24)
        assert conn.query_extension("XTEST").present
    finally:
        conn.close()
    print(f"\nXvfb {xvfb.display} started in {xvfb.startup_s:.2f}s")


def test_xvfb_keyboard_is_danish_by_default(xvfb) -> None:
    assert query_keyboard_layout(xvfb.display) == "dk"
    for name in ("ae", "oslash", "aring", "AE", "Ooblique", "Aring"):
        assert keysym_keycodes(xvfb.display, name), f"no key types {name} on the Danish layout"


@pytest.mark.parametrize("keyboard_layout", ["us", "dk"], indirect=True)
def test_keyboard_layout_is_switched_for_real(keyboard_layout: str, xvfb) -> None:
    assert query_keyboard_layout(xvfb.display) == keyboard_layout
    has_ae = bool(keysym_keycodes(xvfb.display, "ae"))
    assert has_ae == (keyboard_layout == "dk")


def test_danish_layout_fixture(danish_layout: str, xvfb) -> None:
    assert danish_layout == "dk" == query_keyboard_layout(xvfb.display)


def test_tray_host_owns_the_tray_selection(tray_host, xvfb) -> None:
    assert tray_host.process.alive()
    assert tray_host.is_owned() and tray_host.owner() == tray_host.owner_window
    conn = xvfb.connect()
    try:
        assert conn.create_resource_object("window", tray_host.owner()).get_attributes()
    finally:
        conn.close()
    print(f"\ntrayer owned the tray {tray_host.startup_s:.2f}s after start")


def test_qt_sees_the_system_tray(tray_host, xvfb) -> None:
    code = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QSystemTrayIcon
        app = QApplication([])
        print("tray", QSystemTrayIcon.isSystemTrayAvailable())
        """
    )
    env = dict(os.environ, DISPLAY=xvfb.display, QT_QPA_PLATFORM="xcb")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, (
        "Qt could not start on Xvfb (missing libxcb-cursor0 / libxcb-icccm4 / libxcb-keysyms1 / "
        f"libxkbcommon-x11-0? apt-get install them):\n{result.stderr}"
    )
    assert "tray True" in result.stdout, result.stdout + result.stderr


def test_qapp_is_created_on_the_xvfb_display(qapp, xvfb) -> None:
    expected = os.environ.get("QT_QPA_PLATFORM", "xcb")
    assert qapp.platformName() == expected
    if expected == "xcb":
        from PySide6.QtWidgets import QSystemTrayIcon

        assert qapp.primaryScreen().size().toTuple() == (1280, 800)
        assert isinstance(QSystemTrayIcon.isSystemTrayAvailable(), bool)


# -- ALSA file-plugin microphone -------------------------------------------------------------------


def _read_frames(sd, device: str, count: int, block: int = 1000) -> np.ndarray:
    parts, total = [], 0
    with sd.InputStream(device=device, samplerate=SAMPLE_RATE, channels=1, dtype="int16") as stream:
        while total < count:
            data, _overflowed = stream.read(min(block, count - total))
            parts.append(data[:, 0].copy())
            total += len(data)
    return np.concatenate(parts)


def test_alsa_vmic_is_listed_and_bit_exact(alsa_vmic, eval_dir: Path) -> None:
    sd = import_sounddevice()
    mic = alsa_vmic(eval_dir / DANISH_WAV, lead_silence=0.25, tail_silence=0.5)
    assert mic.device == "vmic" and mic.asoundrc == Path(os.environ["HOME"]) / ".asoundrc"
    assert mic.frames == mic.speech_start + mic.speech_frames + SAMPLE_RATE // 2
    devices = {d["name"]: d for d in sd.query_devices()}
    assert "vmic" in devices and devices["vmic"]["max_input_channels"] >= 1, list(devices)

    started = time.monotonic()
    got = _read_frames(sd, "vmic", mic.frames)
    elapsed = time.monotonic() - started
    assert np.array_equal(got, mic.samples)
    assert np.array_equal(
        got[mic.speech_start : mic.speech_start + mic.speech_frames], load_wav(eval_dir / DANISH_WAV)
    )
    assert not got[: mic.speech_start].any() and not got[-SAMPLE_RATE // 2 :].any()
    assert elapsed < mic.frames / SAMPLE_RATE / 4, "the ALSA file PCM is expected to be unpaced"

    # a callback stream (how the product captures) gets the same samples, just as fast
    blocks: queue.Queue[np.ndarray] = queue.Queue()
    with sd.InputStream(
        device="vmic",
        samplerate=SAMPLE_RATE,
        channels=1,
        dtype="int16",
        blocksize=800,
        callback=lambda indata, *_: blocks.put(indata[:, 0].copy()),
    ):
        wait_until(lambda: blocks.qsize() * 800 >= mic.frames, timeout=10, message="callback frames")
    captured = np.concatenate([blocks.get() for _ in range(blocks.qsize())])
    assert np.array_equal(captured[: mic.frames], mic.samples)


def test_alsa_vmic_past_the_end_repeats_stale_audio(alsa_vmic) -> None:
    """Documented behaviour: no error and no silence at end of file; old samples come round again."""
    sd = import_sounddevice()
    ramp = (np.arange(20000) % 30000 + 1).astype(np.int16)  # every value non-zero and unique
    mic = alsa_vmic(ramp, tail_silence=0.0)
    got = _read_frames(sd, "vmic", mic.frames + 3 * SAMPLE_RATE)
    assert np.array_equal(got[: mic.frames], ramp)
    tail = got[mic.frames :]
    assert tail.all(), "expected stale ring-buffer audio past EOF, not silence"
    assert np.isin(tail, ramp[-16384:]).all(), "past EOF the samples should come from the file's end"


def test_alsa_vmic_needs_portaudio_reinit_and_reaches_subprocesses(alsa_vmic, eval_dir: Path) -> None:
    sd = import_sounddevice()
    alsa_vmic(eval_dir / SHORT_WAV)
    second = alsa_vmic(eval_dir / DANISH_WAV, name="vmic2", reinit=False)
    assert "vmic2" not in [d["name"] for d in sd.query_devices()], "PortAudio re-read ALSA config by itself?"
    reinit_portaudio()
    assert {"vmic", "vmic2"} <= {d["name"] for d in sd.query_devices()}
    assert np.array_equal(_read_frames(sd, "vmic2", 4000), second.samples[:4000])

    code = textwrap.dedent(
        """
        import sys, sounddevice as sd
        with sd.InputStream(device="vmic2", samplerate=16000, channels=1, dtype="int16") as s:
            data, _ = s.read(4000)
        sys.stdout.buffer.write(data.tobytes())
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert np.array_equal(np.frombuffer(result.stdout, dtype="<i2"), second.samples[:4000])


# -- PulseAudio real-time microphone ---------------------------------------------------------------


def _assert_envelope_matches(captured: np.ndarray, speech: np.ndarray, not_before: int) -> int:
    """Speech appears once, where and as loud as it should, after ``not_before`` near-silent frames."""
    offset = find_offset(captured, speech)
    assert offset >= not_before - 320, f"speech found at {offset}, before it was played ({not_before})"
    assert offset - not_before < SAMPLE_RATE // 2, f"more than 0.5 s latency: {(offset - not_before) / 16000}"
    before = rms_envelope(captured[:not_before])
    expected, got = rms_envelope(speech), rms_envelope(captured[offset : offset + len(speech)])
    assert len(got) == len(expected)
    assert before.max() < 30, f"not silent before playing: max RMS {before.max():.0f}"
    assert np.corrcoef(expected, got)[0, 1] > 0.99
    assert np.allclose(got, expected, rtol=0.05, atol=30)
    return offset


def test_pulse_vmic_real_time_capture_in_process(pulse_vmic, eval_dir: Path) -> None:
    sd = import_sounddevice()
    assert "pulse" in [d["name"] for d in sd.query_devices()]
    speech = load_wav(eval_dir / DANISH_WAV)
    blocks: queue.Queue[np.ndarray] = queue.Queue()
    frames = [0]

    def callback(indata, count, _time, _status) -> None:
        blocks.put(indata[:, 0].copy())
        frames[0] += count

    stream = sd.InputStream(
        samplerate=SAMPLE_RATE, channels=1, dtype="int16", blocksize=320, callback=callback
    )
    stream.start()
    try:
        wait_until(lambda: frames[0] >= SAMPLE_RATE // 2, timeout=10, message="0.5 s of audio from the mic")
        played_at_frame = frames[0]
        started = time.monotonic()
        playback = pulse_vmic.play(eval_dir / DANISH_WAV)
        playback.wait()
        elapsed = time.monotonic() - started
        wait_until(
            lambda: frames[0] >= played_at_frame + len(speech) + SAMPLE_RATE // 4,
            timeout=10,
            message="the played speech to be captured",
        )
    finally:
        stream.abort()  # not stop(): it can hang on a starved pipe source
        stream.close()
    captured = np.concatenate([blocks.get() for _ in range(blocks.qsize())])
    assert elapsed > 0.9 * playback.duration, "the pulse mic should play in real time"
    assert playback.frames_lost == 0
    offset = _assert_envelope_matches(captured, speech, played_at_frame)
    exact = np.array_equal(captured[offset : offset + len(speech)], speech)
    print(
        f"\npulse_vmic: started in {pulse_vmic.startup_s:.2f}s, latency "
        f"{(offset - played_at_frame) / SAMPLE_RATE * 1000:.0f} ms, bit-exact={exact}, "
        f"writer max lateness {pulse_vmic.max_lateness * 1000:.0f} ms"
    )


def test_pulse_vmic_loses_what_is_played_while_nobody_records(pulse_vmic) -> None:
    sd = import_sounddevice()
    tone = np.full(SAMPLE_RATE, 1000, dtype=np.int16)
    playback = pulse_vmic.play(tone).wait()
    pipe_frames = pulse_vmic.PIPE_BYTES // 2
    assert playback.frames_lost >= len(tone) - pipe_frames - pulse_vmic.CHUNK, playback.frames_lost
    with sd.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16") as stream:
        captured, _ = stream.read(SAMPLE_RATE // 2)
    # at most one FIFO's worth (128 ms) of stale audio reaches the next recorder
    assert np.count_nonzero(captured) <= pipe_frames


def test_pulse_vmic_reaches_a_subprocess(pulse_vmic, eval_dir: Path, tmp_path: Path) -> None:
    parec = [
        sys.executable,
        "-c",
        textwrap.dedent(
            """
        import sys, sounddevice as sd
        stream = sd.RawInputStream(samplerate=16000, channels=1, dtype="int16", blocksize=320,
                                   callback=lambda data, *_: (sys.stdout.buffer.write(bytes(data)),
                                                              sys.stdout.buffer.flush()))
        stream.start()
        sys.stdin.read()
        stream.abort()
        """
        ),
    ]
    out_path = tmp_path / "captured.s16le"
    speech = load_wav(eval_dir / SHORT_WAV)
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            parec, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.PIPE, env=pulse_vmic.env
        )
    try:
        wait_until(
            lambda: out_path.stat().st_size >= SAMPLE_RATE,
            timeout=20,
            message="0.5 s of audio captured by the subprocess",
        )
        played_at_frame = out_path.stat().st_size // 2
        pulse_vmic.play(speech).wait()
        wait_until(
            lambda: out_path.stat().st_size // 2 >= played_at_frame + len(speech) + SAMPLE_RATE // 4,
            timeout=10,
            message="the played speech to reach the subprocess",
        )
    finally:
        proc.communicate(b"", timeout=10)
    assert proc.returncode == 0, proc.stderr
    captured = np.fromfile(out_path, dtype="<i2")
    _assert_envelope_matches(captured, speech, played_at_frame)


def test_busy_cpu_really_loads_every_core(busy_cpu) -> None:
    """The load fixture's processes spin while the test runs: a CPU-bound loop in this process gets
    well under a whole core of wall time, and every spinner is alive until teardown."""
    assert busy_cpu.count >= 2 * len(os.sched_getaffinity(0))
    wall0, cpu0 = time.monotonic(), time.process_time()
    while time.monotonic() - wall0 < 1.0:
        pass
    share = (time.process_time() - cpu0) / (time.monotonic() - wall0)
    assert busy_cpu.running()
    # Idle, the loop gets ~1.0 of a core; with twice the cores busy, about a third.
    assert share < 0.75, f"this process still got {share:.2f} of a core under load"
