"""Split a live stream into utterances by loudness, so each can be decoded as soon as it ends.

An adaptive noise floor follows the room; speech is what rises clearly above it. An utterance
starts after a few loud frames (with a little audio before them, so the first consonant is
kept) and ends after ``end_silence_ms`` of quiet, or at ``max_seconds`` (Whisper reads 30 s).
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
        margin_db: float = 12.0,
        min_speech_dbfs: float = -55.0,
    ) -> None:
        self.end_frames = max(1, end_silence_ms // 30)
        self.start_frames = start_frames
        self.preroll = deque(maxlen=max(1, preroll_ms // 30))
        self.max_frames = int(max_seconds * 1000 / 30)
        self.margin_db = margin_db
        self.min_speech_dbfs = min_speech_dbfs
        self.noise_db = -60.0
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._active: list[np.ndarray] = []
        self._active_start = 0
        self._loud_run = 0
        self._quiet_run = 0

    @property
    def in_speech(self) -> bool:
        return bool(self._active)

    @property
    def quiet_ms(self) -> int:
        """How long the current utterance has been quiet (0 when not in speech)."""
        return self._quiet_run * 30 if self._active else 0

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
            if not self._active:
                self.preroll.append(frame)
                self._loud_run = self._loud_run + 1 if loud else 0
                if self._loud_run >= self.start_frames:
                    self._active = list(self.preroll)
                    self._active_start = index + 1 - len(self.preroll)
                    self.preroll.clear()
                    self._quiet_run = 0
                continue
            self._active.append(frame)
            self._quiet_run = 0 if loud else self._quiet_run + 1
            if self._quiet_run >= self.end_frames:
                done.append(self._close(forced=False))
            elif len(self._active) >= self.max_frames:
                done.append(self._close(forced=True))
        return done

    def _close(self, forced: bool) -> Utterance:
        utterance = Utterance(np.concatenate(self._active), self._active_start * FRAME / RATE, forced)
        self._active = []
        self._loud_run = 0
        self._quiet_run = 0
        return utterance

    def flush(self) -> list[Utterance]:
        if self._pending.size and self._active:
            self._active.append(self._pending)
        self._pending = np.zeros(0, dtype=np.int16)
        return [self._close(forced=False)] if self._active else []
