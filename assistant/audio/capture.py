"""Microphone capture: a PortAudio callback that only copies into a bounded queue.

The stream opens at 16 kHz when the device allows it, else at the device's own rate, and the
reader resamples to 16 kHz mono (soxr, streaming) outside the callback. Overflows are counted,
not hidden. If the device goes away mid-dictation, :meth:`Capture.read` raises
:class:`AudioError` after handing out every block that did arrive, so no word is lost.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.audio.devices import find_input_device, list_input_devices, load_sounddevice
from assistant.errors import AudioError

log = logging.getLogger(__name__)

TARGET_RATE = 16000


def rms_dbfs(samples: np.ndarray) -> float:
    """Loudness of int16 samples in dB relative to full scale (-100 for digital silence)."""
    if samples.size == 0:
        return -100.0
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float32)))))
    return max(-100.0, 20.0 * np.log10(rms / 32768.0)) if rms > 0 else -100.0


class Capture:
    """Records one microphone as 16 kHz mono int16 blocks.

    ``stream_factory`` defaults to ``sounddevice.InputStream``; tests and platforms with special
    devices pass another. ``stall_seconds`` is how long an open stream may deliver nothing
    before it counts as gone (PulseAudio keeps a vanished source "active" but silent).
    """

    def __init__(
        self,
        device: str | int | None = None,
        *,
        block_ms: int = 100,
        max_queue_seconds: float = 600.0,
        stall_seconds: float = 3.0,
        stream_factory: Callable[..., Any] | None = None,
    ) -> None:
        self._device_wanted = device
        self.block_ms = block_ms
        self.stall_seconds = stall_seconds
        self._queue: queue.Queue[np.ndarray] = queue.Queue(
            maxsize=max(1, int(max_queue_seconds * 1000 / block_ms))
        )
        self._stream_factory = stream_factory
        self._stream: Any = None
        self._resampler: Any = None
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._stopping = False
        self.device_name = ""
        self.device_rate = TARGET_RATE
        self.overflows = 0  # PortAudio reported lost input
        self.dropped_blocks = 0  # our queue was full (the reader fell behind)
        self.level_dbfs = -100.0
        self.frames_captured = 0  # counted in the callback: proves the device is delivering
        self.frames_delivered = 0
        self._last_data = 0.0
        self._last_look = 0.0  # when the reader's last read returned

    # -- the callback: copy and enqueue, nothing else --------------------------------------
    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        self.frames_captured += frames
        try:
            self._queue.put_nowait(indata.copy())
        except queue.Full:
            self.dropped_blocks += 1

    def _on_finished(self) -> None:
        self._finished.set()

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open the stream (errors raise here). Opening an open capture does nothing: the tray
        opens the microphone first, before anything that can block, and the session later."""
        if self._stream is not None:
            return
        sd = load_sounddevice()
        device_index, name, native_rate, channels = self._resolve(sd)
        factory = self._stream_factory or sd.InputStream
        last_error: Exception | None = None
        for rate in dict.fromkeys((TARGET_RATE, int(native_rate))):
            try:
                stream = factory(
                    device=device_index,
                    samplerate=rate,
                    channels=channels,
                    dtype="int16",
                    blocksize=int(rate * self.block_ms / 1000),
                    callback=self._callback,
                    finished_callback=self._on_finished,
                )
                stream.start()
            except Exception as exc:  # PortAudio reports a refused rate in several ways
                last_error = exc
                continue
            self._stream = stream
            self.device_rate = rate
            break
        if self._stream is None:
            raise AudioError(
                f"The microphone '{name}' could not be opened ({last_error})",
                "Check that no other program holds it exclusively, or choose another microphone",
            )
        if self.device_rate != TARGET_RATE:
            import soxr

            self._resampler = soxr.ResampleStream(
                self.device_rate, TARGET_RATE, 1, dtype="int16", quality="HQ"
            )
        self.device_name = name
        self._last_data = self._last_look = time.monotonic()
        log.info("capture started: device rate %d Hz, %d channel(s)", self.device_rate, channels)

    def _resolve(self, sd: Any) -> tuple[int | str | None, str, float, int]:
        wanted = self._device_wanted
        if isinstance(wanted, int):
            info = sd.query_devices(wanted)
            return wanted, str(info["name"]), float(info["default_samplerate"]), 1
        devices = list_input_devices(probe_rates=())
        device = find_input_device(wanted or "", devices)
        return device.index, device.name, device.default_samplerate, 1

    def queued_seconds(self) -> float:
        """Audio captured but not read yet: how far the reader is behind the microphone."""
        return self._queue.qsize() * self.block_ms / 1000

    def read(self, timeout: float = 0.5) -> np.ndarray | None:
        """The next 16 kHz mono block, ``None`` if none arrived within ``timeout``.

        Raises :class:`AudioError` once the device has gone and every delivered block was read.
        """
        asked = time.monotonic()
        try:
            block = self._queue.get(timeout=timeout)
        except queue.Empty:
            self._check_alive(asked)
            return None
        finally:
            self._last_look = time.monotonic()
        self._last_data = time.monotonic()
        mono = block[:, 0] if block.ndim == 2 else block
        if self._resampler is not None:
            mono = self._resampler.resample_chunk(mono)
        self.frames_delivered += len(mono)
        self.level_dbfs = rms_dbfs(mono)
        return mono

    def _check_alive(self, asked: float) -> None:
        if self._stopping or self._stream is None:
            return
        now = time.monotonic()
        away = max(now - asked - 0.5, asked - self._last_look)  # beyond a read's wait; between reads
        if away > 1.0:
            # The reader did not look for a while: this process did not run (SIGSTOP, a frozen
            # VM, a starved CPU) or was decoding. The device cannot be blamed for that gap: it
            # gets a fresh stall period; a device that is really gone still fails it.
            log.info("capture: the reader was away %.1f s; not counted as a stall", away)
            self._last_data = now
        gone = self._finished.is_set() or not self._stream.active
        stalled = now - self._last_data > self.stall_seconds
        if gone or stalled:
            what = "stopped" if gone else "stopped delivering sound"
            raise AudioError(
                f"The microphone '{self.device_name}' {what} (was it unplugged?)",
                "Plug it in again and start dictation again; the words recognised so far are kept",
            )

    def drain(self) -> list[np.ndarray]:
        """Every block still queued, resampled; used at stop so the last word is not lost."""
        blocks = []
        while True:
            try:
                block = self._queue.get_nowait()
            except queue.Empty:
                break
            mono = block[:, 0] if block.ndim == 2 else block
            if self._resampler is not None:
                mono = self._resampler.resample_chunk(mono)
            blocks.append(mono)
        if self._resampler is not None:
            tail = self._resampler.resample_chunk(np.zeros(0, dtype=np.int16), last=True)
            if len(tail):
                blocks.append(tail)
        return blocks

    def stop(self) -> None:
        """Stop the stream. ``abort`` not ``stop``: stop can hang on a starved source."""
        self._stopping = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception as exc:  # the device may already be gone
                log.info("capture close: %s", type(exc).__name__)
        if self.overflows or self.dropped_blocks:
            log.warning("capture: %d overflow(s), %d dropped block(s)", self.overflows, self.dropped_blocks)

    def __enter__(self) -> Capture:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
