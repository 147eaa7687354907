"""The read-aloud events: frozen dataclasses the :class:`~assistant.tts.reader.Reader` passes to its
one callback, always from its clock thread, in order."""

from __future__ import annotations

from dataclasses import dataclass


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
