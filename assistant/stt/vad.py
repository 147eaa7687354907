"""Split a live stream into utterances by loudness, so each can be decoded as soon as it ends.

An adaptive noise floor follows the room; speech is what rises clearly above it. An utterance
starts after a few loud frames (with a little audio before them, so the first consonant is
kept) and ends after ``end_silence_ms`` of quiet. Someone who talks on without such a pause is
split before ``max_seconds`` (Whisper reads at most 30 s) at the quietest moment of the last
``split_window`` seconds (a breath or a gap between words, not the middle of a word); the rest
starts the next utterance, so no sample is ever dropped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

RATE = 16000
FRAME = 480  # 30 ms


@dataclass(frozen=True)
class Utterance:
    samples: np.ndarray
    start: float  # seconds from the start of the stream
    forced: bool = False  # cut at max_seconds rather than at a pause


class Segmenter:
    def __init__(
        self,
        *,
        end_silence_ms: int = 500,
        start_frames: int = 3,
        preroll_ms: int = 300,
        max_seconds: float = 25.0,
        split_window: float = 8.0,
        margin_db: float = 12.0,
        min_speech_dbfs: float = -55.0,
    ) -> None:
        self.end_frames = max(1, end_silence_ms // 30)
        self.start_frames = start_frames
        self.preroll = deque(maxlen=max(1, preroll_ms // 30))
        self.max_frames = int(max_seconds * 1000 / 30)
        # Frames the quietest point is searched in, ending just before max_frames.
        self.split_frames = max(1, min(self.max_frames - 1, int(split_window * 1000 / 30)))
        self.margin_db = margin_db
        self.min_speech_dbfs = min_speech_dbfs
        self.noise_db = -60.0
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._active: list[np.ndarray] = []
        self._levels: list[float] = []  # dBFS of each active frame, to find the quietest point
        self._active_start = 0
        self._loud_run = 0
        self._quiet_run = 0
        self.last_quiet_ms = 0  # the quiet at the end of the utterance closed last
        self._since_loud = 0  # frames since the last loud one, in or out of an utterance

    @property
    def in_speech(self) -> bool:
        return bool(self._active)

    @property
    def quiet_ms(self) -> int:
        """How long the current utterance has been quiet (0 when not in speech)."""
        return self._quiet_run * 30 if self._active else 0

    @property
    def since_loud_ms(self) -> int:
        """How long the stream has been quiet (since the last loud frame), in ms."""
        return self._since_loud * 30

    def current(self) -> Utterance | None:
        """The utterance in progress, for partial results."""
        if not self._active:
            return None
        return Utterance(np.concatenate(self._active), self._active_start * FRAME / RATE)

    def threshold_db(self) -> float:
        return max(self.noise_db + self.margin_db, self.min_speech_dbfs)

    def _level(self, frame: np.ndarray) -> float:
        rms = float(np.sqrt(np.mean(np.square(frame.astype(np.float32))))) + 1e-9
        return 20.0 * np.log10(rms / 32768.0)

    def feed(self, samples: np.ndarray) -> list[Utterance]:
        done: list[Utterance] = []
        data = np.concatenate([self._pending, samples]) if self._pending.size else samples
        n = len(data) // FRAME
        self._pending = data[n * FRAME :].copy()
        for k in range(n):
            frame = data[k * FRAME : (k + 1) * FRAME]
            level = self._level(frame)
            loud = level > self.threshold_db()
            if not loud:
                # The floor falls fast and rises slowly, so speech does not raise it.
                rate = 0.3 if level < self.noise_db else 0.02
                self.noise_db += rate * (level - self.noise_db)
            index = self._frames_seen
            self._frames_seen += 1
            self._since_loud = 0 if loud else self._since_loud + 1
            if not self._active:
                self.preroll.append(frame)
                self._loud_run = self._loud_run + 1 if loud else 0
                if self._loud_run >= self.start_frames:
                    self._active = list(self.preroll)
                    self._levels = [self._level(f) for f in self._active]
                    self._active_start = index + 1 - len(self.preroll)
                    self.preroll.clear()
                    self._quiet_run = 0
                continue
            self._active.append(frame)
            self._levels.append(level)
            self._quiet_run = 0 if loud else self._quiet_run + 1
            if self._quiet_run >= self.end_frames:
                done.append(self._close(forced=False))
            elif len(self._active) >= self.max_frames:
                done.append(self._split())
        return done

    def quietest_frame(self) -> int:
        """Index (into the active frames) of the middle of the quietest 150 ms in the split window."""
        levels = np.asarray(self._levels, dtype=np.float64)
        lo = max(2, len(levels) - self.split_frames)
        if len(levels) - lo < 5:
            return len(levels)
        # Mean power over 5 frames: one quiet frame inside a word is not a gap.
        power = np.convolve(10.0 ** (levels / 10.0), np.ones(5) / 5.0, mode="same")
        return lo + int(np.argmin(power[lo : len(levels) - 2]))

    def _split(self) -> Utterance:
        """Long speech without a pause: cut at the quietest point, keep the rest as the next start."""
        cut = self.quietest_frame()
        rest, rest_levels = self._active[cut:], self._levels[cut:]
        start = self._active_start
        utterance = Utterance(np.concatenate(self._active[:cut]), start * FRAME / RATE, forced=True)
        self._active, self._levels = rest, rest_levels
        self._active_start = start + cut
        threshold = self.threshold_db()
        quiet = 0
        for level in reversed(rest_levels):
            if level > threshold:
                break
            quiet += 1
        self._quiet_run = quiet
        if not rest:
            self._loud_run = 0
        return utterance

    def _close(self, forced: bool) -> Utterance:
        utterance = Utterance(np.concatenate(self._active), self._active_start * FRAME / RATE, forced)
        self.last_quiet_ms = self._quiet_run * 30
        self._active = []
        self._levels = []
        self._loud_run = 0
        self._quiet_run = 0
        return utterance

    def flush(self) -> list[Utterance]:
        if self._pending.size and self._active:
            self._active.append(self._pending)
        self._pending = np.zeros(0, dtype=np.int16)
        return [self._close(forced=False)] if self._active else []


def speech_seconds(samples: np.ndarray) -> float:
    """How much of ``samples`` (int16, 16 kHz) Silero VAD, shipped with faster-whisper, hears as speech:
    the engines decode nothing when this is too short, so silence and noise give no text."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    floats = samples.astype(np.float32) / 32768.0
    options = VadOptions(min_silence_duration_ms=300, speech_pad_ms=0, min_speech_duration_ms=120)
    chunks = get_speech_timestamps(floats, options)
    return sum(c["end"] - c["start"] for c in chunks) / RATE
