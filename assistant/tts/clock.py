"""The playback-clock thread of the :class:`~assistant.tts.reader.Reader`: it owns the
:class:`~assistant.audio.playback.Player`, queues the synthesised clips, turns the player's clock into
:class:`~assistant.tts.events.SentenceStarted` / :class:`~assistant.tts.events.WordStarted` events as
each word reaches the loudspeaker, applies every control (pause, resume, stop, seek, rate, voice) and
calls the event callback."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.audio.playback import Clip, Player, Position
from assistant.errors import AssistantError
from assistant.log import log_failure
from assistant.tts.events import ReaderEvent, ReadingFailed, SentenceStarted, WordStarted
from assistant.tts.synthesis import _ClipInfo

if TYPE_CHECKING:
    from assistant.tts.reader import _Control

log = logging.getLogger("assistant.tts.reader")


@dataclass
class _Emitting:
    clip: Clip
    next_mark: int = 0
    announced: bool = False


class ClockThread:
    """The clock loop, mixed into the Reader; it shares the reader's lock and control."""

    TICK = 0.02  # longest wait of the clock thread while audio plays

    _cv: threading.Condition
    _control: _Control
    _idle: threading.Event
    _player_factory: Callable[[int], Player]
    _on_event: Callable[[ReaderEvent], None]
    _requested: dict[int, float]
    first_audio: dict[int, float]

    def _cut(self, stopped: bool) -> None: ...  # the Reader's

    def _clock_loop(self) -> None:
        control = self._control
        player: Player | None = None
        emitting: deque[_Emitting] = deque()
        generation = -1
        epoch = control.epoch
        paused = False
        while True:
            timeout: float | None = None
            with self._cv:
                if control.closing:
                    break
                events: list[object] = list(control.pending_events)
                control.pending_events.clear()
                if control.generation != generation:
                    generation = control.generation
                    emitting.clear()
                    if player is not None:
                        if control.job is None:
                            player.close()
                            player = None
                        else:
                            player.flush()
                if control.epoch != epoch and player is not None:
                    epoch = control.epoch
                    player.drop_queued()
                    while len(emitting) > 1 and emitting[-1].clip.start is None:
                        emitting.pop()
                job = control.job
                if job is not None and control.paused != paused:
                    paused = control.paused
                    if player is not None:
                        (player.pause if paused else player.resume)()
                failure: AssistantError | None = None
                while job is not None and control.ready:
                    clip = control.ready.popleft()
                    _, sample_rate = clip.tag
                    if player is None or player.source_rate != sample_rate:
                        if player is not None:
                            player.close()
                        try:
                            player = self._player_factory(sample_rate)
                            player.open()
                        except AssistantError as exc:
                            failure, player = exc, None
                            break
                        if paused:
                            player.pause()
                    player.enqueue(clip)
                    emitting.append(_Emitting(clip))
                if failure is not None:
                    events.append(
                        ReadingFailed(
                            job.utterance, failure.message, failure.hint, failure.kind, failure.msgid
                        )
                    )
                    self._cut(stopped=True)
                    control.job = job = None
                if job is not None and player is not None:
                    position = player.position()
                    timeout = self._emit_words(position, player, emitting, events)
                    if emitting:
                        control.playing_chunk = emitting[0].clip.tag[0].chunk.index
                        self._cv.notify_all()  # the synth thread may go on
                    if (
                        position.drained
                        and not emitting
                        and not control.ready
                        and control.next_chunk >= len(job.chunks)
                    ):
                        self._cut(stopped=False)
                        control.job = None
                if control.job is None and player is not None:
                    player.close()
                    player = None
                events.extend(control.pending_events)
                control.pending_events.clear()
                if control.job is None:
                    self._idle.set()
                    timeout = None
                elif control.paused:
                    timeout = None if player is None or player.position().drained else self.TICK
                elif player is None:
                    timeout = None  # waiting for the synth thread, which notifies
            for event in events:
                self._emit(event)
            if self._idle.is_set() and events:
                continue  # re-check before sleeping: a new read() may have come in meanwhile
            with self._cv:
                if not self._has_work(generation, epoch, paused, player):
                    self._cv.wait(timeout)
        if player is not None:
            player.close()
        with self._cv:
            for event in list(self._control.pending_events):
                self._emit(event)
            self._control.pending_events.clear()
        self._idle.set()

    def _has_work(self, generation: int, epoch: int, paused: bool, player: Player | None) -> bool:
        control = self._control
        return bool(
            control.closing
            or control.generation != generation
            or control.epoch != epoch
            or control.pending_events
            or (control.job is not None and control.paused != paused)
            or (control.job is not None and control.ready)
        )

    def _emit_words(
        self, position: Position, player: Player, emitting: deque[_Emitting], events: list[object]
    ) -> float:
        """Emit every sentence and word whose sound has reached the loudspeaker; return how long
        the clock thread may wait before the next one is due."""
        rate = player.rate
        while emitting:
            head = emitting[0]
            clip = head.clip
            info: _ClipInfo = clip.tag[0]
            if clip.start is None:
                return self.TICK  # not handed to the device yet
            current = position.clip is clip
            passed = not current and position.content_frame >= clip.start + clip.copied
            if not current and not passed:
                return self.TICK
            frame = position.frame if current else clip.frames
            if not head.announced:
                head.announced = True
                if info.utterance not in self.first_audio:
                    heard = player.heard_time(clip.start)
                    requested = self._requested.pop(info.utterance, None)
                    if heard is not None and requested is not None:
                        self.first_audio[info.utterance] = heard - requested
                chunk = info.chunk
                if chunk.first:
                    events.append(
                        SentenceStarted(
                            info.utterance, chunk.sentence, chunk.start, chunk.end, chunk.language, info.voice
                        )
                    )
            while head.next_mark < len(info.marks):
                mark = info.marks[head.next_mark]
                mark_frame = mark.time * rate
                if mark_frame > frame:
                    return min((mark_frame - frame) / rate, self.TICK)
                heard_at = position.at - (frame - mark_frame) / rate if current else position.at
                events.append(
                    WordStarted(info.utterance, mark.start, mark.end, info.chunk.sentence, heard_at)
                )
                head.next_mark += 1
            if current:
                return self.TICK
            emitting.popleft()
        return self.TICK

    def _emit(self, event: object) -> None:
        try:
            self._on_event(event)  # type: ignore[arg-type]
        except Exception:
            log_failure(log, "a read-aloud event handler failed")
