"""Virtual microphones for end-to-end tests, and tools to compare what was captured with a WAV.

Two kinds (findings in tests/README.md):

* ``AlsaMicFactory`` -- an ALSA ``file`` PCM named in a private ``~/.asoundrc``: bit-exact, no
  daemon, but *not paced*: it delivers as fast as the reader reads. Open it with exactly
  ``samplerate=16000, channels=1, dtype="int16"``: the plugin does no conversion at all.
* ``PulseVirtualMic`` -- a private PulseAudio daemon whose default source is a
  ``module-pipe-source`` fed in real time by a writer thread (silence when nothing is queued).
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import select
import shutil
import subprocess
import sys
import threading
import time
import wave
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from tests.support.procs import ManagedProcess, require_executable, wait_until

SAMPLE_RATE = 16000
SAMPLE_WIDTH = 2  # s16le


# -- WAV data --------------------------------------------------------------------------------------


def load_wav(path: Path | str) -> np.ndarray:
    """Samples of a WAV file as int16, 16 kHz, mono.

    16-bit PCM WAVs are read with ``wave`` + numpy (channels are averaged); anything else (other
    rates, widths, WAVE_FORMAT_EXTENSIBLE) is converted with ``sox`` without dither.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"WAV file not found: {path}")
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            data = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError):
        return _sox_to_s16_16k_mono(path)
    if width != SAMPLE_WIDTH or rate != SAMPLE_RATE:
        return _sox_to_s16_16k_mono(path)
    samples = np.frombuffer(data, dtype="<i2").reshape(-1, channels)
    if channels == 1:
        return samples[:, 0].astype(np.int16)
    return np.round(samples.astype(np.float64).mean(axis=1)).astype(np.int16)


def _sox_to_s16_16k_mono(path: Path) -> np.ndarray:
    sox = require_executable("sox", "sox")
    result = subprocess.run(
        [
            sox,
            "-D",
            "-V1",
            str(path),
            "-t",
            "raw",
            "-e",
            "signed-integer",
            "-b",
            "16",
            "-L",
            "-c",
            "1",
            "-r",
            str(SAMPLE_RATE),
            "-",
        ],
        capture_output=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise AssertionError(f"sox could not convert {path}: {result.stderr.decode(errors='replace')}")
    return np.frombuffer(result.stdout, dtype="<i2").astype(np.int16)


def as_samples(source: Path | str | np.ndarray) -> np.ndarray:
    """A WAV path or an int16 array -> a 1-D int16 array (16 kHz mono is assumed for arrays)."""
    if isinstance(source, np.ndarray):
        if source.dtype != np.int16:
            raise TypeError(f"sample arrays must be int16, got {source.dtype}")
        return source.reshape(-1)
    return load_wav(source)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.int16)


def rms_envelope(samples: np.ndarray, frame: int = 320) -> np.ndarray:
    """RMS per ``frame`` samples (20 ms at 16 kHz); a trailing partial frame is dropped."""
    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    n = len(x) // frame
    if n == 0:
        return np.zeros(0)
    return np.sqrt((x[: n * frame].reshape(n, frame) ** 2).mean(axis=1))


def find_offset(haystack: np.ndarray, needle: np.ndarray) -> int:
    """Index in ``haystack`` where ``needle`` fits best (FFT cross-correlation)."""
    h = np.asarray(haystack, dtype=np.float64).reshape(-1)
    n = np.asarray(needle, dtype=np.float64).reshape(-1)
    if len(n) == 0 or len(h) < len(n):
        raise ValueError(f"cannot place {len(n)} samples inside {len(h)}")
    size = 1 << int(np.ceil(np.log2(len(h) + len(n))))
    corr = np.fft.irfft(np.fft.rfft(h, size) * np.conj(np.fft.rfft(n, size)), size)
    return int(np.argmax(corr[: len(h) - len(n) + 1]))


# -- PortAudio / sounddevice -----------------------------------------------------------------------


def import_sounddevice():
    """Import sounddevice, failing with the Debian package to install if PortAudio is missing."""
    try:
        import sounddevice
    except ImportError as exc:  # the module itself, or libportaudio2 (it raises OSError)
        pytest.fail(f"sounddevice is not importable ({exc}): pip install sounddevice", pytrace=False)
    except OSError as exc:
        pytest.fail(f"PortAudio library not found ({exc}): apt-get install libportaudio2", pytrace=False)
    return sounddevice


def reinit_portaudio(only_if_imported: bool = False) -> None:
    """Make an in-process ``sounddevice`` see the current ALSA configuration and environment.

    PortAudio enumerates devices, and alsa-lib parses ``~/.asoundrc`` / the pulse hook, once, at
    ``Pa_Initialize``; a newly written ``~/.asoundrc``, a changed ``HOME`` or a new ``PULSE_SERVER``
    is seen only after a full ``Pa_Terminate`` (which also frees alsa-lib's global config). Since
    ``Pa_Initialize`` is reference counted, terminate as often as sounddevice initialised, then
    initialise again as often. Every open stream is invalidated: close them first.
    """
    if only_if_imported and "sounddevice" not in sys.modules:
        return
    sd = import_sounddevice()
    with contextlib.suppress(Exception):
        sd.stop(ignore_errors=True)  # the stream behind sd.play()/sd.rec(), if any
    count = sd._initialized
    for _ in range(count):
        sd._terminate()
    for _ in range(max(count, 1)):
        sd._initialize()


# -- ALSA file-plugin microphone -------------------------------------------------------------------


@dataclass
class AlsaVirtualMic:
    """One ALSA ``file`` PCM. Reading it yields ``samples`` (lead silence + WAV + tail silence);
    past ``frames`` it replays stale ring-buffer contents (see tests/README.md), so count frames."""

    device: str
    raw_path: Path
    samples: np.ndarray
    speech_start: int
    speech_frames: int
    home: Path
    asoundrc: Path

    @property
    def frames(self) -> int:
        return len(self.samples)

    @property
    def speech(self) -> np.ndarray:
        return self.samples[self.speech_start : self.speech_start + self.speech_frames]

    def env(self) -> dict[str, str]:
        """Environment for a subprocess that should see this device."""
        return dict(os.environ, HOME=str(self.home))


class AlsaMicFactory:
    """``factory(wav) -> AlsaVirtualMic``; every device made so far stays defined in ~/.asoundrc."""

    def __init__(self, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.home = Path(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.asoundrc = self.home / ".asoundrc"
        self._monkeypatch = monkeypatch
        self._mics: dict[str, AlsaVirtualMic] = {}

    def __call__(
        self,
        source: Path | str | np.ndarray,
        *,
        name: str = "vmic",
        lead_silence: float = 0.0,
        tail_silence: float = 1.0,
        reinit: bool = True,
    ) -> AlsaVirtualMic:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"ALSA device names here must be alphanumeric: {name!r}")
        speech = as_samples(source)
        lead = silence(lead_silence)
        samples = np.concatenate([lead, speech, silence(tail_silence)]).astype("<i2")
        raw_path = self.home / f"{name}.s16le"
        samples.tofile(raw_path)
        mic = AlsaVirtualMic(
            device=name,
            raw_path=raw_path,
            samples=samples.astype(np.int16),
            speech_start=len(lead),
            speech_frames=len(speech),
            home=self.home,
            asoundrc=self.asoundrc,
        )
        self._mics[name] = mic
        self._write_asoundrc()
        self._monkeypatch.setenv("HOME", str(self.home))
        if reinit:
            reinit_portaudio(only_if_imported=True)
        return mic

    def _write_asoundrc(self) -> None:
        lines = ["# written by tests/support/audio.py: virtual microphones (ALSA file plugin)"]
        for mic in self._mics.values():
            lines.append(
                f'pcm.{mic.device} {{ type file slave.pcm "null" file "/dev/null" '
                f'infile "{mic.raw_path}" format "raw" }}'
            )
        self.asoundrc.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pulse_daemon_env(home: Path, runtime: Path) -> dict[str, str]:
    """The environment of a private PulseAudio: its own home and runtime folders, no display, no
    other PulseAudio's settings, no session bus."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PULSE_SERVER", "PULSE_SOURCE", "PULSE_SINK")
    }
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".state"),
        DBUS_SESSION_BUS_ADDRESS="disabled:",
    )
    return env


def pulse_daemon_argv(daemon: str, script: Path) -> list[str]:
    """A private, foreground PulseAudio for tests: no autospawn, shm, realtime or idle exit."""
    return [
        daemon,
        "--daemonize=no",
        "--system=false",
        "-n",
        "-F",
        str(script),
        "--exit-idle-time=-1",
        "--use-pid-file=false",
        "--disable-shm=true",
        "--no-cpu-limit=true",
        "--realtime=false",
        "--high-priority=false",
        "--log-target=stderr",
        "--log-level=notice",
    ]


# -- PulseAudio pipe-source microphone -------------------------------------------------------------


def require_alsa_pulse_plugin() -> None:
    if not glob.glob("/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so") and not glob.glob(
        "/usr/lib/alsa-lib/libasound_module_pcm_pulse.so"
    ):
        pytest.fail(
            "ALSA's pulse plugin (libasound_module_pcm_pulse.so) not found: "
            "apt-get install libasound2-plugins",
            pytrace=False,
        )


@dataclass
class Playback:
    """One ``PulseVirtualMic.play`` request. Frame positions count from the writer's start."""

    samples: np.ndarray
    started: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    start_frame: int | None = None
    start_time: float | None = None  # time.monotonic() when its first sample went into the FIFO
    end_time: float | None = None
    frames_lost: int = 0  # frames of the FIFO stream dropped during it: nobody was recording
    _dropped_at_start: int = 0

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def wait(self, timeout: float | None = None) -> Playback:
        """Block until the last sample has been written (real time: about ``duration``)."""
        limit = self.duration + 10.0 if timeout is None else timeout
        if not self.finished.wait(limit):
            raise AssertionError(f"playback of {self.duration:.2f}s not finished after {limit:.1f}s")
        if self.end_time is None:
            raise AssertionError("playback aborted: the pulse_vmic writer stopped before it ended")
        return self


class PulseVirtualMic:
    """A private PulseAudio daemon (run as root, its own runtime dir) whose default source
    ``vmic`` is a pipe source; a writer thread keeps it fed in real time."""

    source = "vmic"
    sink = "vsink"
    CHUNK = 320  # frames per write: 20 ms, 640 bytes (<= PIPE_BUF: atomic)
    AHEAD = 0.06  # seconds written ahead of the wall clock
    PIPE_BYTES = 4096  # FIFO capacity: at most 128 ms of stale audio when recording starts
    STALL = 0.5  # a FIFO full for this long means nobody records

    def __init__(self, base_dir: Path) -> None:
        self.base_dir = Path(base_dir)
        self.socket_path = self.base_dir / "native"
        self.fifo_path = self.base_dir / "vmic.fifo"
        self.server = f"unix:{self.socket_path}"
        self.process: ManagedProcess | None = None
        self.startup_s = 0.0
        self.frames_produced = 0  # stream position: frames written to the FIFO or dropped
        self.frames_dropped = 0  # produced while nobody recorded (pipe full)
        self.reader_idle = False
        self.max_lateness = 0.0
        self.writer_error: BaseException | None = None
        self._queue: deque[Playback] = deque()
        self._current: Playback | None = None
        self._offset = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._fd: int | None = None

    @property
    def monitor(self) -> str:
        """The null sink's monitor: what anything plays to the default sink."""
        return f"{self.sink}.monitor"

    @property
    def env(self) -> dict[str, str]:
        """Environment for a subprocess that should use this daemon."""
        return dict(os.environ, PULSE_SERVER=self.server)

    # lifecycle

    def start(self, timeout: float = 20.0) -> PulseVirtualMic:
        daemon = require_executable("pulseaudio", "pulseaudio")
        require_executable("pactl", "pulseaudio-utils")
        if len(str(self.socket_path)) > 100:
            raise AssertionError(f"unix socket path too long for PulseAudio: {self.socket_path}")
        started = time.monotonic()
        runtime, home = self.base_dir / "runtime", self.base_dir / "home"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        home.mkdir(parents=True, exist_ok=True)
        script = self.base_dir / "vmic.pa"
        # The pipe source creates the FIFO itself (and fails if the path exists). Anonymous auth:
        # clients with another HOME (alsa_vmic's) have no cookie.
        script.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket_path}\n"
            f"load-module module-null-sink sink_name={self.sink} rate={SAMPLE_RATE} channels=1\n"
            f"load-module module-pipe-source source_name={self.source} file={self.fifo_path} "
            f"format=s16le rate={SAMPLE_RATE} channels=1\n"
            f"set-default-source {self.source}\n"
            f"set-default-sink {self.sink}\n",
            encoding="utf-8",
        )
        self.process = ManagedProcess(
            pulse_daemon_argv(daemon, script),
            log_path=self.base_dir / "pulseaudio.log",
            env=pulse_daemon_env(home, runtime),
        )
        try:
            wait_until(
                self._ready,
                timeout=timeout,
                message=lambda: f"PulseAudio with source {self.source}: {self.process.describe()}",
            )
            self._fd = wait_until(self._open_fifo, timeout=5.0, message=f"opening {self.fifo_path}")
            self._thread = threading.Thread(target=self._writer, name="pulse-vmic-writer", daemon=True)
            self._thread.start()
        except BaseException:
            self.stop()
            raise
        self.startup_s = time.monotonic() - started
        return self

    def _ready(self) -> bool:
        if not self.process.alive():
            pytest.fail(f"pulseaudio exited: {self.process.describe()}", pytrace=False)
        if not self.fifo_path.exists():
            return False
        info = self.pactl("info", check=False)
        sources = self.pactl("list", "short", "sources", check=False)
        return f"Default Source: {self.source}" in info and f"\t{self.source}\t" in sources

    def _open_fifo(self) -> int:
        fd = os.open(self.fifo_path, os.O_WRONLY | os.O_NONBLOCK)
        # The default 64 KiB would hold 2 s of audio written while nobody recorded, delivered as
        # a burst of stale "speech" to the next recorder.
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, self.PIPE_BYTES)
        return fd

    def stop(self) -> None:
        """Never hangs: stop the writer (non-blocking writes), then end the daemon."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        if self.process is not None:
            self.process.stop(timeout=3.0)
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        with self._lock:
            for pending in ([self._current] if self._current else []) + list(self._queue):
                pending.finished.set()
            self._queue.clear()
            self._current = None

    # control

    def pactl(self, *args: str, check: bool = True, timeout: float = 10.0) -> str:
        result = subprocess.run(
            [shutil.which("pactl") or "pactl", "--server", self.server, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def play(self, source: Path | str | np.ndarray, *, lead_silence: float = 0.0) -> Playback:
        """Queue audio into the microphone; it is "spoken" in real time after anything queued before.

        Like a real microphone, audio played while nobody records is lost.
        """
        if self._thread is None or not self._thread.is_alive():
            raise AssertionError(f"the pulse_vmic writer is not running (error: {self.writer_error!r})")
        samples = np.concatenate([silence(lead_silence), as_samples(source)]).astype(np.int16)
        playback = Playback(samples=samples)
        with self._lock:
            self._queue.append(playback)
        return playback

    def idle(self) -> bool:
        with self._lock:
            return self._current is None and not self._queue

    # writer thread

    def _next_chunk(self) -> tuple[bytes, list[Playback]]:
        out = np.zeros(self.CHUNK, dtype="<i2")
        ended: list[Playback] = []
        filled = 0
        now = time.monotonic()
        with self._lock:
            while filled < self.CHUNK:
                if self._current is None:
                    if not self._queue:
                        break
                    self._current, self._offset = self._queue.popleft(), 0
                    self._current.start_frame = self.frames_produced + filled
                    self._current.start_time = now
                    self._current._dropped_at_start = self.frames_dropped
                    self._current.started.set()
                take = min(self.CHUNK - filled, len(self._current.samples) - self._offset)
                out[filled : filled + take] = self._current.samples[self._offset : self._offset + take]
                filled += take
                self._offset += take
                if self._offset >= len(self._current.samples):
                    self._current.end_time = now + filled / SAMPLE_RATE
                    ended.append(self._current)
                    self._current = None
        return out.tobytes(), ended

    def _write_chunk(self, data: bytes) -> None:
        """Write one chunk (<= PIPE_BUF bytes, so all or nothing) or drop it if nobody reads.

        module-pipe-source reads the FIFO only while its source is RUNNING (someone records);
        otherwise the pipe fills. A pipe that stays full for STALL seconds means "nobody is
        listening": from then on chunks are dropped, as a real microphone's sound is lost, until
        a write succeeds again.
        """
        deadline = time.monotonic() + (0.0 if self.reader_idle else self.STALL)
        while not self._stop.is_set():
            try:
                os.write(self._fd, data)
            except BlockingIOError:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.reader_idle = True
                    self.frames_dropped += len(data) // SAMPLE_WIDTH
                    return
                select.select([], [self._fd], [], min(remaining, 0.05))
                continue
            self.reader_idle = False
            return

    def _writer(self) -> None:
        try:
            t0 = time.monotonic() + self.AHEAD
            while not self._stop.is_set():
                due = t0 + self.frames_produced / SAMPLE_RATE - self.AHEAD
                delay = due - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)
                    continue
                self.max_lateness = max(self.max_lateness, -delay)
                chunk, ended = self._next_chunk()
                self._write_chunk(chunk)
                self.frames_produced += self.CHUNK
                for playback in ended:
                    playback.frames_lost = self.frames_dropped - playback._dropped_at_start
                    playback.finished.set()
        except BaseException as exc:  # BrokenPipeError when the daemon died
            self.writer_error = exc
        finally:
            with self._lock:
                for pending in ([self._current] if self._current else []) + list(self._queue):
                    pending.finished.set()
