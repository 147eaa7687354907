"""The synthesis thread of the :class:`~assistant.tts.reader.Reader`: synthesises the chunks of the
text being read, up to ``AHEAD`` chunks before the one playing, and hands each to the clock thread as
a :class:`~assistant.audio.playback.Clip`. Cut or stale audio (a new text, a seek, another rate or
voice) is recognised by the control's generation and epoch and dropped."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.audio.playback import Clip
from assistant.errors import AssistantError
from assistant.tts.base import Synthesizer, WordMark
from assistant.tts.events import ReadingFailed
from assistant.tts.planning import Chunk, VoiceChooser, synthesize_chunk

if TYPE_CHECKING:
    from assistant.tts.reader import _Control

log = logging.getLogger("assistant.tts.reader")


@dataclass(frozen=True)
class _ClipInfo:
    utterance: int
    chunk: Chunk
    marks: tuple[WordMark, ...]  # times in seconds into this clip
    voice: str
    epoch: int


class SynthThread:
    """The synthesis loop, mixed into the Reader; it shares the reader's lock and control."""

    AHEAD = 2  # chunks synthesised ahead of the one playing

    synthesizer: Synthesizer
    _cv: threading.Condition
    _control: _Control
    _voices: VoiceChooser
    _rate: int
    _normalise: bool

    def _cut(self, stopped: bool) -> None: ...  # the Reader's

    def _synth_loop(self) -> None:
        control = self._control
        while True:
            with self._cv:
                while not control.closing and not (
                    control.job is not None
                    and control.next_chunk < len(control.job.chunks)
                    and control.next_chunk <= control.playing_chunk + self.AHEAD
                ):
                    self._cv.wait()
                if control.closing:
                    return
                job = control.job
                assert job is not None
                chunk = job.chunks[control.next_chunk]
                generation, epoch, rate = control.generation, control.epoch, self._rate
            try:
                voice = self._voices.voice_for(chunk.language)
                speech = synthesize_chunk(self.synthesizer, job.text, chunk, voice, rate, self._normalise)
            except Exception as exc:
                error = (
                    exc
                    if isinstance(exc, AssistantError)
                    else AssistantError(f"Reading aloud failed ({type(exc).__name__})", msgid="reader.failed")
                )
                log.warning("synthesis failed: %s", error.message)
                with self._cv:
                    if control.generation == generation:
                        control.pending_events.append(
                            ReadingFailed(job.utterance, error.message, error.hint, error.kind, error.msgid)
                        )
                        self._cut(stopped=True)
                        control.job = None
                        self._cv.notify_all()
                continue
            info = _ClipInfo(job.utterance, chunk, speech.marks, voice, epoch)
            clip = Clip(speech.samples, tag=(info, speech.sample_rate))
            with self._cv:
                if control.generation == generation and control.epoch == epoch:
                    control.ready.append(clip)
                    control.next_chunk = chunk.index + 1
                    self._cv.notify_all()
