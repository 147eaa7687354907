"""The read-aloud controller: text in, sound out, "word started" events from the playback clock.

:class:`Reader` splits the text into sentences (long ones into clauses), gives each its language
and readable form (``assistant.text.readable``), and synthesises them one by one on its synth
thread while earlier ones play, so the first sound comes after one sentence, not the whole text.
Its clock thread owns the :class:`~assistant.audio.playback.Player`, turns the player's clock
into :class:`WordStarted` / :class:`SentenceStarted` events as each word reaches the loudspeaker,
and runs every control (pause, resume, stop, next/previous sentence, rate and voice). Events are
frozen dataclasses passed to one plain callback, always from the clock thread, in order; the
callback must return quickly (the Qt layer re-emits them as signals). ``close()`` joins both
threads.

:func:`render` does the same synthesis without playing (``assistant speak --out``).

Rooms: ``tts/events.py`` (the events), ``tts/planning.py`` (chunks with exact spans, voices,
render), ``tts/synthesis.py`` (the synth thread), ``tts/clock.py`` (the playback-clock thread);
read-as-you-type is ``tts/echo.py``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.audio.playback import Clip, Player
from assistant.errors import AssistantError, UsageError
from assistant.log import describe
from assistant.tts.base import DEFAULT_RATE, Synthesizer, check_rate
from assistant.tts.clock import ClockThread
from assistant.tts.events import (
    ReaderEvent,
    ReadingFailed,
    ReadingFinished,
    ReadingPaused,
    ReadingResumed,
    ReadingStarted,
    SentenceStarted,
    WordStarted,
)
from assistant.tts.planning import LANGUAGE_NAMES, Chunk, VoiceChooser, plan, render, synthesize_chunk
from assistant.tts.synthesis import SynthThread

# The events and the planning lived here before they had modules of their own; callers import them
# from here.
__all__ = [
    "LANGUAGE_NAMES",
    "Chunk",
    "Reader",
    "ReaderEvent",
    "ReadingFailed",
    "ReadingFinished",
    "ReadingPaused",
    "ReadingResumed",
    "ReadingStarted",
    "SentenceStarted",
    "VoiceChooser",
    "WordStarted",
    "plan",
    "render",
    "synthesize_chunk",
]

log = logging.getLogger(__name__)


# -- the reader ------------------------------------------------------------------------------------


@dataclass
class _Job:
    utterance: int
    text: str
    chunks: list[Chunk]
    started: bool = False


@dataclass
class _Control:
    job: _Job | None = None
    generation: int = 0  # bumped when what plays must be cut (new text, stop, seek)
    epoch: int = 0  # bumped when audio synthesised ahead is stale (rate, voice)
    next_chunk: int = 0  # next chunk to synthesise
    playing_chunk: int = 0
    ready: deque[Clip] = field(default_factory=deque)
    paused: bool = False
    closing: bool = False
    pending_events: deque[object] = field(default_factory=deque)


class Reader(SynthThread, ClockThread):
    """Reads text aloud with one ``synthesizer`` and calls ``on_event`` with :data:`ReaderEvent`.

    ``voices`` maps "da"/"en" to a voice id (None: the engine's best voice for the language);
    ``rate`` is words per minute. ``player_factory(sample_rate) -> Player`` is passed in so
    another output (device, stream) can be used; by default the system's default output.
    """

    def __init__(
        self,
        synthesizer: Synthesizer,
        on_event: Callable[[ReaderEvent], None] | None = None,
        *,
        voices: dict[str, str | None] | None = None,
        rate: int = DEFAULT_RATE,
        default_language: str = "da",
        normalise: bool = True,
        device: int | str | None = None,
        player_factory: Callable[[int], Player] | None = None,
    ) -> None:
        self.synthesizer = synthesizer
        self._on_event = on_event or (lambda event: None)
        self._voices = VoiceChooser(synthesizer, voices)
        self._rate = check_rate(rate)
        self._default_language = default_language
        self._normalise = normalise
        self._player_factory = player_factory or (lambda rate: Player(rate, device=device))
        self._cv = threading.Condition()
        self._control = _Control()
        self._utterances = 0
        self._idle = threading.Event()
        self._idle.set()
        self._threads: list[threading.Thread] = []
        self.first_audio: dict[int, float] = {}  # utterance -> seconds from read() to first sound
        self._requested: dict[int, float] = {}

    # -- public controls ---------------------------------------------------------------------------

    def read(self, text: str, language: str | None = None) -> int:
        """Start reading ``text`` (cutting off anything being read); returns its utterance id.

        Raises :class:`UsageError` for empty text and :class:`ModelError` when no voice speaks a
        language the text needs; playback errors arrive as :class:`ReadingFailed`.
        """
        if not text.strip():
            raise UsageError(
                "There is no text to read", "Select or type some text first", msgid="reader.no-text"
            )
        if language is not None and language not in LANGUAGE_NAMES:
            raise UsageError(f"Unknown language '{language}'", "Choose da or en")
        requested = time.monotonic()
        chunks = plan(text, language, self._default_language)
        for needed in sorted({c.language for c in chunks}):
            self._voices.voice_for(needed)  # fail now, in the caller's thread, with a clear error
        self._ensure_threads()
        with self._cv:
            self._utterances += 1
            utterance = self._utterances
            self._requested[utterance] = requested
            control = self._control
            self._cut(stopped=True)
            control.job = _Job(utterance, text, chunks)
            control.next_chunk = control.playing_chunk = 0
            control.paused = False
            control.pending_events.append(ReadingStarted(utterance, len(text), chunks[-1].sentence + 1))
            self._idle.clear()
            self._cv.notify_all()
        log.info("reading %s in %d chunks", describe(text), len(chunks))
        return utterance

    def prepare(self, languages: tuple[str, ...] = ("da", "en")) -> None:
        """Load the voices and start the threads now, so the first read() sounds sooner (the tray
        calls this at start). Languages without a voice are skipped here; read() reports them."""
        for language in languages:
            try:
                voice = self._voices.voice_for(language)
            except AssistantError:
                continue
            self.synthesizer.synthesize("ok", voice=voice, rate=self._rate)
        self._ensure_threads()

    def stop(self) -> None:
        with self._cv:
            self._cut(stopped=True)
            self._control.job = None
            self._cv.notify_all()

    def pause(self) -> None:
        with self._cv:
            control = self._control
            if control.job is not None and not control.paused:
                control.paused = True
                control.pending_events.append(ReadingPaused(control.job.utterance))
                self._cv.notify_all()

    def resume(self) -> None:
        with self._cv:
            control = self._control
            if control.job is not None and control.paused:
                control.paused = False
                control.pending_events.append(ReadingResumed(control.job.utterance))
                self._cv.notify_all()

    def next_sentence(self) -> None:
        self._seek(+1)

    def previous_sentence(self) -> None:
        self._seek(-1)

    def set_rate(self, rate: int) -> None:
        """Applies from the next sentence (the one playing is not cut)."""
        check_rate(rate)
        with self._cv:
            self._rate = rate
            self._restale()

    def set_voice(self, language: str, voice: str | None) -> None:
        """``voice`` for ``language`` from the next sentence on (None: the engine's best)."""
        self._voices.set(language, voice)
        with self._cv:
            self._restale()

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def state(self) -> str:
        """ "idle", "reading" or "paused"."""
        with self._cv:
            if self._control.job is None:
                return "idle"
            return "paused" if self._control.paused else "reading"

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is being read (True) or ``timeout`` passed (False)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        """Stop reading and join both threads."""
        with self._cv:
            self._cut(stopped=True)
            self._control.job = None
            self._control.closing = True
            self._cv.notify_all()
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers (called with the lock held) -------------------------------------------------------

    def _cut(self, stopped: bool) -> None:
        control = self._control
        if control.job is not None:
            control.pending_events.append(ReadingFinished(control.job.utterance, stopped))
        control.generation += 1
        control.ready.clear()

    def _seek(self, step: int) -> None:
        with self._cv:
            control = self._control
            job = control.job
            if job is None:
                return
            current = job.chunks[min(control.playing_chunk, len(job.chunks) - 1)].sentence
            target = max(current + step, 0)
            first = next((c.index for c in job.chunks if c.sentence == target), None)
            if first is None:  # past the last sentence: that is the end
                self._cut(stopped=True)
                control.job = None
            else:
                control.generation += 1
                control.ready.clear()
                control.next_chunk = control.playing_chunk = first
            self._cv.notify_all()

    def _restale(self) -> None:
        control = self._control
        control.epoch += 1
        control.ready.clear()
        if control.job is not None:
            control.next_chunk = min(control.next_chunk, control.playing_chunk + 1)
        self._cv.notify_all()

    def _ensure_threads(self) -> None:
        if self._threads:
            return
        for name, target in (("reader-synth", self._synth_loop), ("reader-clock", self._clock_loop)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
