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

:func:`render` does the same synthesis without playing (``assistant speak --out``), and
:class:`TypingEcho` reads each word or sentence as soon as it has been typed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.audio.playback import Clip, Player, Position
from assistant.errors import AssistantError, ModelError, UsageError
from assistant.log import describe, log_failure
from assistant.text.readable import guess_language, make_readable, split_long, split_sentences
from assistant.tts.base import DEFAULT_RATE, Speech, Synthesizer, Voice, WordMark, check_rate, choose_voice

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"da": "Danish", "en": "English"}

# -- events ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadingStarted:
    utterance: int
    chars: int
    sentences: int


@dataclass(frozen=True)
class SentenceStarted:
    """Sentence ``index`` (``text[start:end]``) is being read, in ``language`` with ``voice``."""

    utterance: int
    index: int
    start: int
    end: int
    language: str
    voice: str


@dataclass(frozen=True)
class WordStarted:
    """``text[start:end]`` is being said. ``heard_at`` is the time.monotonic() at which its first
    sample reached the loudspeaker by the playback clock (the event fires at or just after it)."""

    utterance: int
    start: int
    end: int
    sentence: int
    heard_at: float


@dataclass(frozen=True)
class ReadingPaused:
    utterance: int


@dataclass(frozen=True)
class ReadingResumed:
    utterance: int


@dataclass(frozen=True)
class ReadingFinished:
    """The utterance ended: ``stopped`` is True when stop() or a new text cut it short."""

    utterance: int
    stopped: bool


@dataclass(frozen=True)
class ReadingFailed:
    utterance: int
    message: str
    hint: str | None
    kind: str = "general"
    msgid: str | None = None


ReaderEvent = (
    ReadingStarted
    | SentenceStarted
    | WordStarted
    | ReadingPaused
    | ReadingResumed
    | ReadingFinished
    | ReadingFailed
)

# -- planning: sentences, chunks, languages --------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One unit of synthesis: ``text[start:end]`` of sentence ``sentence``, in ``language``."""

    index: int
    sentence: int
    start: int
    end: int
    language: str
    first: bool = True  # the first chunk of its sentence


def plan(text: str, language: str | None, default_language: str = "da") -> list[Chunk]:
    """Sentences -> chunks, each with a language: ``language`` if given, else guessed per sentence
    (short sentences follow the whole text's guess)."""
    overall = language or guess_language(text, default_language)
    chunks: list[Chunk] = []
    for number, (start, end) in enumerate(split_sentences(text)):
        sentence_language = language or overall
        if language is None and len(text[start:end].split()) >= 4:
            sentence_language = guess_language(text[start:end], overall)
        for piece, (piece_start, piece_end) in enumerate(split_long(text, start, end)):
            chunks.append(Chunk(len(chunks), number, piece_start, piece_end, sentence_language, piece == 0))
    return chunks


def synthesize_chunk(
    synthesizer: Synthesizer, text: str, chunk: Chunk, voice: str, rate: int, normalise: bool = True
) -> Speech:
    """Synthesise one chunk; its marks are spans of the whole ``text`` (not of the spoken form)."""
    original = text[chunk.start : chunk.end]
    if normalise:
        readable = make_readable(original, chunk.language)
        speech = synthesizer.synthesize(readable.spoken, voice=voice, rate=rate)
        marks: list[WordMark] = []
        for mark in speech.marks:
            start, end = _trimmed(original, *readable.original_span(mark.start, mark.end))
            if end <= start or (marks and marks[-1].end > chunk.start + start):
                continue  # "kl. 14.30" is three spoken words but one written one
            marks.append(WordMark(chunk.start + start, chunk.start + end, mark.time))
    else:
        speech = synthesizer.synthesize(original, voice=voice, rate=rate)
        marks = [mark.shifted(chars=chunk.start) for mark in speech.marks]
    return Speech(
        speech.samples,
        speech.sample_rate,
        tuple(marks),
        voice=speech.voice,
        engine=speech.engine,
        marks_estimated=speech.marks_estimated,
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the spaces a rule's match took along (" %" -> "%")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class VoiceChooser:
    """The voice for each language: the user's choice, else the engine's best voice for it."""

    def __init__(self, synthesizer: Synthesizer, chosen: dict[str, str | None] | None = None) -> None:
        self._synthesizer = synthesizer
        self._chosen = dict(chosen or {})
        self._voices: list[Voice] | None = None

    def set(self, language: str, voice: str | None) -> None:
        if voice:
            self._find(language, voice)
        self._chosen[language] = voice or None

    def voice_for(self, language: str) -> str:
        return self._find(language, self._chosen.get(language)).id

    def _find(self, language: str, wanted: str | None) -> Voice:
        if self._voices is None:
            self._voices = self._synthesizer.voices()
        voice = choose_voice(self._voices, language, wanted)
        if voice is not None:
            return voice
        name = LANGUAGE_NAMES.get(language, language)
        if wanted:
            raise UsageError(
                f"The voice '{wanted}' is not offered by the {self._synthesizer.name} engine",
                "Run 'assistant doctor' to list the voices",
                msgid="reader.unknown-voice",
            )
        raise ModelError(
            f"The {self._synthesizer.name} engine has no {name} voice",
            "Install one (espeak-ng-data on Linux; a speech pack on Windows), or choose another engine",
            msgid="reader.no-voice",
        )


def render(
    synthesizer: Synthesizer,
    text: str,
    *,
    language: str | None = None,
    default_language: str = "da",
    voices: dict[str, str | None] | None = None,
    rate: int = DEFAULT_RATE,
    normalise: bool = True,
) -> Speech:
    """The whole text as one :class:`Speech` (marks are spans of ``text``), without playing it."""
    check_rate(rate)
    chooser = VoiceChooser(synthesizer, voices)
    pieces: list[np.ndarray] = []
    marks: list[WordMark] = []
    sample_rate = 0
    offset = 0
    used: list[str] = []
    estimated = False
    for chunk in plan(text, language, default_language):
        voice = chooser.voice_for(chunk.language)
        speech = synthesize_chunk(synthesizer, text, chunk, voice, rate, normalise)
        if sample_rate and speech.sample_rate != sample_rate:
            from assistant.audio.playback import resample

            speech = Speech(
                resample(speech.samples, speech.sample_rate, sample_rate),
                sample_rate,
                tuple(WordMark(m.start, m.end, m.time) for m in speech.marks),
            )
        sample_rate = sample_rate or speech.sample_rate
        marks.extend(m.shifted(seconds=offset / sample_rate) for m in speech.marks)
        pieces.append(speech.samples)
        offset += len(speech.samples)
        estimated = estimated or speech.marks_estimated
        if voice not in used:
            used.append(voice)
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.int16)
    return Speech(
        samples,
        sample_rate or 22050,
        tuple(marks),
        voice=",".join(used),
        engine=synthesizer.name,
        marks_estimated=estimated,
    )


# -- the reader ------------------------------------------------------------------------------------


@dataclass
class _Job:
    utterance: int
    text: str
    chunks: list[Chunk]
    started: bool = False


@dataclass(frozen=True)
class _ClipInfo:
    utterance: int
    chunk: Chunk
    marks: tuple[WordMark, ...]  # times in seconds into this clip
    voice: str
    epoch: int


@dataclass
class _Emitting:
    clip: Clip
    next_mark: int = 0
    announced: bool = False


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


class Reader:
    """Reads text aloud with one ``synthesizer`` and calls ``on_event`` with :data:`ReaderEvent`.

    ``voices`` maps "da"/"en" to a voice id (None: the engine's best voice for the language);
    ``rate`` is words per minute. ``player_factory(sample_rate) -> Player`` is passed in so
    another output (device, stream) can be used; by default the system's default output.
    """

    AHEAD = 2  # chunks synthesised ahead of the one playing
    TICK = 0.02  # longest wait of the clock thread while audio plays

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

    # -- synth thread ------------------------------------------------------------------------------

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

    # -- clock thread ------------------------------------------------------------------------------

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
