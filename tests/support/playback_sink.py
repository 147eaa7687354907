"""A virtual loudspeaker for read-aloud tests: a private PulseAudio with a null sink.

The null sink consumes audio in real time (so a player's clock runs at the speed of a real
device), and its monitor source lets a test record what was actually played.
``PulseNullSink.env`` is the environment a subprocess needs to play into it; the fixture
``null_sink`` (import it into a test module) also sets PULSE_SERVER for the test process and
re-initialises sounddevice, so the ALSA "default" device (-> pulse) plays into the sink.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.support.audio import (
    pulse_daemon_argv,
    pulse_daemon_env,
    reinit_portaudio,
    require_alsa_pulse_plugin,
)
from tests.support.procs import ManagedProcess, require_executable, wait_until


class PulseNullSink:
    sink = "vspeaker"
    RATE = 22050  # espeak-ng's rate: nothing is resampled between the player and the recording

    def __init__(self, base_dir: Path) -> None:
        self.base_dir = Path(base_dir)
        self.socket_path = self.base_dir / "native"
        self.server = f"unix:{self.socket_path}"
        self.process: ManagedProcess | None = None
        self.keepalive: ManagedProcess | None = None

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    @property
    def env(self) -> dict[str, str]:
        return dict(os.environ, PULSE_SERVER=self.server)

    def start(self, timeout: float = 20.0) -> PulseNullSink:
        daemon = require_executable("pulseaudio", "pulseaudio")
        require_executable("pactl", "pulseaudio-utils")
        runtime, home = self.base_dir / "runtime", self.base_dir / "home"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        home.mkdir(parents=True, exist_ok=True)
        script = self.base_dir / "speaker.pa"
        script.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket_path}\n"
            f"load-module module-null-sink sink_name={self.sink} rate={self.RATE} channels=1\n"
            f"set-default-sink {self.sink}\n",
            encoding="utf-8",
        )
        self.process = ManagedProcess(
            pulse_daemon_argv(daemon, script),
            log_path=self.base_dir / "pulseaudio.log",
            env=pulse_daemon_env(home, runtime),
        )
        wait_until(
            self._ready, timeout=timeout, message=lambda: f"PulseAudio null sink: {self.process.describe()}"
        )
        # An idle null sink renders in 2-second blocks, so a new stream would stall for up to 2 s
        # (a real sound card does not). A silent low-latency stream keeps it rendering in small
        # blocks; wait until the sink's latency has come down.
        self.keepalive = ManagedProcess(
            [
                require_executable("pacat", "pulseaudio-utils"),
                "--server",
                self.server,
                "--playback",
                "--raw",
                "--format=s16le",
                f"--rate={self.RATE}",
                "--channels=1",
                "--latency-msec=10",
                "/dev/zero",
            ],
            log_path=self.base_dir / "keepalive.log",
        )
        wait_until(
            lambda: self.sink_latency() < 0.05,
            timeout=timeout,
            message=lambda: f"the null sink's latency to drop (now {self.sink_latency():.3f} s)",
        )
        return self

    def sink_latency(self) -> float:
        """The sink's current latency in seconds (``pactl list sinks``)."""
        for line in self.pactl("list", "sinks").splitlines():
            line = line.strip()
            if line.startswith("Latency:"):
                return int(line.split()[1]) / 1e6
        raise AssertionError("pactl list sinks shows no latency")

    def _ready(self) -> bool:
        if not self.process.alive():
            pytest.fail(f"pulseaudio exited: {self.process.describe()}", pytrace=False)
        return f"Default Sink: {self.sink}" in self.pactl("info", check=False)

    def pactl(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [shutil.which("pactl") or "pactl", "--server", self.server, *args],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def record(self, latency_ms: int = 20) -> MonitorRecorder:
        """Start recording the sink's monitor (what is played), with arrival times."""
        return MonitorRecorder(self, latency_ms)

    def stop(self) -> None:
        if self.keepalive is not None:
            self.keepalive.stop(timeout=3.0)
        if self.process is not None:
            self.process.stop(timeout=3.0)


class MonitorRecorder:
    """``parec`` on the sink's monitor (what a loudspeaker would play), at the sink's own rate, with
    the ``time.monotonic()`` arrival time of every block. ``loud_times()`` says when the sink was
    loud; ``clock()`` gives the recording with the time its first sample was played. Used by the
    playback tests and by ``bench/highlight_lag.py``."""

    def __init__(self, sink: PulseNullSink, latency_ms: int = 20) -> None:
        parec = require_executable("parec", "pulseaudio-utils")
        self.rate = sink.RATE
        self._proc = subprocess.Popen(
            [
                parec,
                "--server",
                sink.server,
                "-d",
                sink.monitor,
                "--raw",
                "--format=s16le",
                f"--rate={self.rate}",
                "--channels=1",
                f"--latency-msec={latency_ms}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._blocks: list[tuple[float, bytes]] = []  # (time.monotonic() at arrival, whole samples)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="monitor-recorder", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        leftover = b""  # half a sample, completed by the next read
        while True:
            data = self._proc.stdout.read1(4096)  # type: ignore[attr-defined]
            if not data:
                return
            arrived = time.monotonic()
            data = leftover + data
            cut = len(data) // 2 * 2
            leftover = data[cut:]
            with self._lock:
                self._blocks.append((arrived, data[:cut]))

    def started(self, blocks: int = 1) -> bool:
        with self._lock:
            return len(self._blocks) >= blocks

    def loud_times(self, threshold: int = 300) -> list[float]:
        """Arrival times of blocks that held sound."""
        with self._lock:
            blocks = list(self._blocks)
        return [
            t
            for t, b in blocks
            if b and int(np.abs(np.frombuffer(b, dtype="<i2").astype(np.int32)).max()) > threshold
        ]

    def clock(self) -> tuple[np.ndarray, float]:
        """(samples, t0): sample ``i`` was played at ``t0 + i / rate`` on ``time.monotonic()``."""
        with self._lock:
            blocks = list(self._blocks)
        samples = np.frombuffer(b"".join(b for _, b in blocks), dtype="<i2")
        end = 0
        offsets = []
        for arrived, block in blocks:
            end += len(block) // 2
            offsets.append(arrived - end / self.rate)
        # A block arrives after its last sample was played, never before: the earliest arrival
        # relative to its sample count is the least delayed one.
        return samples, min(offsets) if offsets else 0.0

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(5)
        self._thread.join(5)


@pytest.fixture(scope="module")
def null_sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseNullSink]:
    """A private PulseAudio null sink as the default output of this process (module scope)."""
    require_alsa_pulse_plugin()
    sink = PulseNullSink(tmp_path_factory.mktemp("speaker"))
    patch = pytest.MonkeyPatch()
    try:
        sink.start()
        patch.setenv("PULSE_SERVER", sink.server)
        patch.delenv("PULSE_SINK", raising=False)
        reinit_portaudio(only_if_imported=True)
        yield sink
    finally:
        sink.stop()
        patch.undo()
        reinit_portaudio(only_if_imported=True)
