"""Playback through sounddevice with a clock that says what the loudspeaker is playing now.

A :class:`Player` owns one output stream and plays queued :class:`Clip` objects back to back.
The audio callback only copies samples and notes (time the buffer will be heard, first content
frame, content frames) in a small ring; :meth:`Player.position` turns those notes into "clip X,
frame N is at the loudspeaker now", which is what word highlighting follows. Pausing outputs
silence (the clock stops once the device has played what it already had), flushing drops
everything from the next buffer, and :meth:`Player.close` aborts the stream, dropping what the
device still holds, so stop is prompt.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.audio.devices import load_sounddevice
from assistant.errors import AudioError

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Clip:
    """Mono int16 samples to play; ``tag`` is the owner's (e.g. which sentence this is).

    ``start`` (content frame where the clip began) and ``copied`` (frames handed to the device)
    are written by the audio callback only.
    """

    samples: np.ndarray
    tag: Any = None
    start: int | None = None
    copied: int = 0

    @property
    def frames(self) -> int:
        return len(self.samples)


@dataclass(frozen=True)
class Position:
    """What is at the loudspeaker at ``at`` (time.monotonic()): ``frame`` of ``clip`` (None when
    nothing plays), and whether every queued sample has been heard (``drained``)."""

    clip: Clip | None
    frame: int
    content_frame: float
    drained: bool
    at: float


@dataclass
class _Stamp:
    heard: float  # time.monotonic() when the buffer's first frame reaches the loudspeaker
    content_start: int
    content_frames: int


@dataclass
class _State:
    queue: deque[Clip] = field(default_factory=deque)
    started: deque[Clip] = field(default_factory=lambda: deque(maxlen=256))
    stamps: deque[_Stamp] = field(default_factory=lambda: deque(maxlen=64))
    current: Clip | None = None
    content: int = 0  # content frames handed to the device so far
    paused: bool = False
    drop: bool = False
    callbacks: int = 0
    underflows: int = 0


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Linear-interpolation resampling (speech only needs to be intelligible, not hi-fi)."""
    if source_rate == target_rate or len(samples) == 0:
        return samples
    count = round(len(samples) * target_rate / source_rate)
    positions = np.arange(count) * (source_rate / target_rate)
    return np.interp(positions, np.arange(len(samples)), samples.astype(np.float32)).astype(np.int16)


class Player:
    """Plays clips on ``device`` (None: the system default) at ``sample_rate``.

    ``stream_factory`` (default: ``sounddevice.OutputStream``) is passed in so the device layer
    can be replaced; every other method may be called from any one controlling thread.
    """

    def __init__(
        self,
        sample_rate: int,
        *,
        device: int | str | None = None,
        blocksize: int = 256,
        latency: float | str = "low",
        stream_factory: Callable[..., Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source_rate = sample_rate
        self.rate = sample_rate
        self._device = device
        self._blocksize = blocksize
        self._latency = latency
        self._factory = stream_factory
        self._clock = clock
        self._state = _State()
        self._stream: Any = None
        self.first_heard: float | None = None  # monotonic time the first content frame is heard

    # -- stream lifecycle --------------------------------------------------------------------------

    def open(self) -> None:
        """Open and start the stream (idempotent). Raises :class:`AudioError`."""
        if self._stream is not None:
            return
        sd = load_sounddevice()
        factory = self._factory or sd.OutputStream
        rates = [self.source_rate]
        try:
            info = sd.query_devices(self._device, "output")
            default_rate = int(info["default_samplerate"])
            if default_rate not in rates:
                rates.append(default_rate)
        except Exception as exc:  # no output device at all
            raise AudioError(
                f"No loudspeaker or headphones were found ({exc})",
                "Check the sound settings",
                msgid="audio.no-output",
            ) from exc
        last: Exception | None = None
        for rate in rates:
            try:
                stream = factory(
                    samplerate=rate,
                    channels=1,
                    dtype="int16",
                    device=self._device,
                    blocksize=self._blocksize,
                    latency=self._latency,
                    callback=self._callback,
                )
                stream.start()
            except Exception as exc:  # PortAudio reports unsupported rates in many ways
                last = exc
                continue
            self.rate = rate
            self._stream = stream
            log.debug("output stream open: %d Hz, latency %.3f s", rate, float(stream.latency))
            return
        raise AudioError(
            f"The loudspeaker could not be opened ({last})",
            "Check the sound settings",
            msgid="audio.output-failed",
        )

    def close(self) -> None:
        """Abort the stream (what the device still holds is dropped) and forget every clip."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
            finally:
                stream.close()
        self._state.queue.clear()
        self._state.current = None

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    # -- control -----------------------------------------------------------------------------------

    def enqueue(self, clip: Clip) -> Clip:
        if self.rate != self.source_rate:
            clip.samples = resample(clip.samples, self.source_rate, self.rate)
        self._state.queue.append(clip)
        return clip

    def pause(self) -> None:
        self._state.paused = True

    def resume(self) -> None:
        self._state.paused = False

    @property
    def paused(self) -> bool:
        return self._state.paused

    def flush(self) -> None:
        """Drop the playing clip and everything queued, from the next audio buffer on."""
        self._state.queue.clear()
        self._state.drop = True

    def drop_queued(self) -> None:
        """Forget the clips not started yet; the one playing goes on."""
        self._state.queue.clear()

    def queued(self) -> int:
        """Clips waiting, plus the one playing."""
        return len(self._state.queue) + (1 if self._state.current is not None else 0)

    @property
    def underflows(self) -> int:
        return self._state.underflows

    # -- the clock ---------------------------------------------------------------------------------

    def position(self) -> Position:
        state = self._state
        now = self._clock()
        heard_stamp: _Stamp | None = None
        for stamp in reversed(state.stamps):  # newest first; a deque snapshot is safe to iterate
            if stamp.heard <= now:
                heard_stamp = stamp
                break
        if heard_stamp is None:
            content = 0.0 if not state.stamps else float(state.stamps[0].content_start)
        else:
            elapsed = (now - heard_stamp.heard) * self.rate
            content = heard_stamp.content_start + min(elapsed, heard_stamp.content_frames)
        clip = None
        frame = 0
        for candidate in reversed(state.started):
            if candidate.start is not None and candidate.start <= content:
                if content < candidate.start + candidate.copied or (
                    candidate is state.current and content <= candidate.start + candidate.copied
                ):
                    clip, frame = candidate, int(content - candidate.start)
                break
        drained = state.current is None and not state.queue and content >= state.content
        return Position(clip, frame, content, drained, now)

    def heard_time(self, content_frame: float) -> float | None:
        """When ``content_frame`` reaches (reached) the loudspeaker, if it has been handed over."""
        for stamp in reversed(self._state.stamps):
            if stamp.content_start <= content_frame < stamp.content_start + max(stamp.content_frames, 1):
                return stamp.heard + (content_frame - stamp.content_start) / self.rate
        return None

    # -- the audio callback: copies only -----------------------------------------------------------

    def _callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        state = self._state
        now = self._clock()
        state.callbacks += 1
        if status and status.output_underflow:
            state.underflows += 1
        delay = time_info.outputBufferDacTime - time_info.currentTime
        if not 0.0 < delay < 2.0:
            delay = float(self._stream.latency) if self._stream is not None else 0.0
        out = outdata[:, 0]
        if state.drop:
            state.drop = False
            state.current = None
        filled = 0
        content_start = state.content
        if not state.paused:
            while filled < frames:
                clip = state.current
                if clip is None:
                    if not state.queue:
                        break
                    clip = state.current = state.queue.popleft()
                    clip.start = state.content + filled
                    state.started.append(clip)
                take = min(frames - filled, clip.frames - clip.copied)
                out[filled : filled + take] = clip.samples[clip.copied : clip.copied + take]
                clip.copied += take
                filled += take
                if clip.copied >= clip.frames:
                    state.current = None
        out[filled:] = 0
        state.content += filled
        heard = now + delay
        if filled and self.first_heard is None:
            self.first_heard = heard
        state.stamps.append(_Stamp(heard, content_start, filled))


def list_output_devices() -> list[str]:
    """Names of the devices sound can be played on (for the settings' loudspeaker list)."""
    sd = load_sounddevice()
    names: list[str] = []
    for device in sd.query_devices():
        name = str(device.get("name", ""))
        if int(device.get("max_output_channels", 0)) > 0 and name and name not in names:
            names.append(name)
    return names
