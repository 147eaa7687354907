"""What a read-aloud engine offers the rest of the product.

A :class:`Synthesizer` turns text into :class:`Speech`: mono 16-bit PCM plus one
:class:`WordMark` per word (its character span in the text that was given, and the time in
the audio where the voice starts saying it). Engines are not thread-safe unless they say so:
the reader calls one engine from one worker thread.
"""

from __future__ import annotations

import unicodedata
import wave
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import UsageError
from assistant.text.readable import word_spans

DEFAULT_RATE = 160  # words per minute; the settings' default too
MIN_RATE, MAX_RATE = 80, 450


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...]
    engine: str

    def speaks(self, language: str) -> bool:
        """True if the voice is for ``language`` ("da" matches "da", "da-dk", "gmq/da"...)."""
        for lang in self.languages:
            tag = lang.lower().replace("_", "-").split("/")[-1]
            if tag == language or tag.startswith(language + "-"):
                return True
        return False


@dataclass(frozen=True)
class WordMark:
    """A word of the synthesised text: ``text[start:end]`` is heard from ``time`` seconds on."""

    start: int
    end: int
    time: float

    def shifted(self, chars: int = 0, seconds: float = 0.0) -> WordMark:
        return WordMark(self.start + chars, self.end + chars, self.time + seconds)


@dataclass(frozen=True, eq=False)
class Speech:
    """Synthesised audio: int16 mono ``samples`` at ``sample_rate``, and word ``marks`` in order.

    ``marks_estimated`` is True when the engine gave no word timing and the times were spread
    over the audio by word length (pyttsx3, Piper); espeak-ng's marks are the engine's own.
    """

    samples: np.ndarray
    sample_rate: int
    marks: tuple[WordMark, ...]
    voice: str = ""
    engine: str = ""
    marks_estimated: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0

    def write_wav(self, path: Path | str) -> None:
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(np.ascontiguousarray(self.samples, dtype="<i2").tobytes())

    def marks_json(self, text: str | None = None) -> list[dict[str, object]]:
        """Marks as JSON objects; ``word`` is included only when ``text`` is given."""
        out: list[dict[str, object]] = []
        for mark in self.marks:
            item: dict[str, object] = {"start": mark.start, "end": mark.end, "time": round(mark.time, 4)}
            if text is not None:
                item["word"] = text[mark.start : mark.end]
            out.append(item)
        return out


class Synthesizer(Protocol):
    name: str

    def available(self) -> str | None:
        """``None`` if this engine can speak here, else why not and what to install."""
        ...

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, *, voice: str | None = None, rate: int = DEFAULT_RATE) -> Speech:
        """Speak ``text`` with ``voice`` (a :attr:`Voice.id`; None: the engine's default) at
        ``rate`` words per minute. Raises :class:`~assistant.errors.AssistantError` kinds."""
        ...


def check_rate(rate: int) -> int:
    if not MIN_RATE <= rate <= MAX_RATE:
        raise UsageError(
            f"The reading speed {rate} words per minute is out of range",
            f"Choose between {MIN_RATE} and {MAX_RATE}",
            msgid="reader.rate",
            params={"minimum": MIN_RATE, "maximum": MAX_RATE},
        )
    return rate


def choose_voice(voices: list[Voice], language: str, wanted: str | None = None) -> Voice | None:
    """The voice called ``wanted`` (id or name, exact then case-insensitive), else the best voice
    for ``language``: a plain language voice ("da") before regional variants."""
    if wanted:
        for voice in voices:
            if wanted in (voice.id, voice.name):
                return voice
        low = wanted.lower()
        for voice in voices:
            if low in (voice.id.lower(), voice.name.lower()):
                return voice
        return None
    matching = [v for v in voices if v.speaks(language)]
    if not matching:
        return None

    def rank(voice: Voice) -> tuple[int, int, str]:
        tags = [lang.lower().replace("_", "-").split("/")[-1] for lang in voice.languages]
        exact = 0 if language in tags else 1
        # English: prefer British/US voices over e.g. Caribbean or Scottish variants.
        preferred = 0 if any(t in ("en-gb", "en-us", "da-dk", "da") for t in tags) else 1
        return (exact if language != "en" else preferred, len(voice.id), voice.id)

    return sorted(matching, key=rank)[0]


def _spoken(text: str, start: int, end: int) -> bool:
    """True if a voice says something for ``text[start:end]`` (letters, digits, emoji...)."""
    return any(ch.isalnum() or unicodedata.category(ch).startswith("S") for ch in text[start:end])


def estimate_marks(
    text: str, samples: np.ndarray, sample_rate: int, threshold: float = 0.02
) -> tuple[WordMark, ...]:
    """Word marks spread over the voiced part of ``samples`` in proportion to word length.

    Used by engines that give no word timing. Silence at either end is skipped.
    """
    words = [(s, e) for s, e in word_spans(text) if _spoken(text, s, e)]
    if not words or len(samples) == 0:
        return ()
    level = np.abs(samples.astype(np.float32)) / 32768.0
    voiced = np.flatnonzero(level > threshold)
    if len(voiced) == 0:
        first, last = 0, len(samples)
    else:
        first, last = int(voiced[0]), int(voiced[-1]) + 1
    weights = np.array([end - start + 1 for start, end in words], dtype=np.float64)  # +1: the gap
    starts = np.concatenate([[0.0], np.cumsum(weights)[:-1]]) / weights.sum()
    span = (last - first) / sample_rate
    origin = first / sample_rate
    return tuple(WordMark(s, e, origin + float(f) * span) for (s, e), f in zip(words, starts, strict=True))


def marks_from_events(
    text: str, events: list[tuple[int, int]], samples: np.ndarray, sample_rate: int
) -> tuple[WordMark, ...]:
    """Word marks for ``text`` from an engine's word events ``(character index, sample)``.

    The spans are always this module's own words (:func:`word_spans`), never the engine's idea of
    a word: an engine event only says *when* the word that contains its character index starts.
    (espeak-ng reports quoted words with length 0, an emoji's name as extra words pointing at the
    following space, a number as several pieces, and now and then a position inside the word
    before.) Events that point at no word are dropped and a word keeps its first event, except
    that an event pointing back is the next word's when that word would otherwise get none. A
    word the engine joined to a neighbour ("has been") gets a time between its neighbours', by
    length. Each time is then moved to where the word's sound begins (an engine marks a word
    before the pause in front of it).
    """
    spans = word_spans(text)
    if not spans:
        return ()
    starts = [s for s, _ in spans]

    def locate(index: int) -> int | None:
        word = bisect_right(starts, index) - 1
        return word if word >= 0 and index < spans[word][1] else None

    located = [locate(index) for index, _ in events]
    timed: list[tuple[int, float]] = []  # (word, seconds)
    taken = -1
    for number, (word, (_, sample)) in enumerate(zip(located, events, strict=True)):
        if word is None or word <= taken:
            following = next((w for w in located[number + 1 :] if w is not None and w > taken), None)
            if word is None or taken + 1 >= len(spans) or (following is not None and following <= taken + 1):
                continue
            word = taken + 1
        taken = word
        timed.append((word, max(sample, 0) / sample_rate))
    if not timed:
        # The engine said nothing about words ("-1" read as a number by espeak): no highlight.
        return ()
    marks: list[WordMark] = []
    for (word, time), (after, later) in zip(timed, [*timed[1:], (None, None)], strict=True):
        marks.append(WordMark(spans[word][0], spans[word][1], time))
        if after is None or after == word + 1:
            continue
        weights = [spans[w][1] - spans[w][0] + 1 for w in range(word, after)]
        total = float(sum(weights))
        elapsed = 0.0
        for skipped in range(word + 1, after):
            elapsed += weights[skipped - word - 1]
            at = time + (later - time) * elapsed / total  # type: ignore[operator]
            marks.append(WordMark(spans[skipped][0], spans[skipped][1], at))
    return sound_onsets(marks, samples, sample_rate)


def sound_onsets(
    marks: list[WordMark] | tuple[WordMark, ...], samples: np.ndarray, sample_rate: int
) -> tuple[WordMark, ...]:
    """Each mark's time moved forward to the first audible 5 ms of its stretch of audio (up to the
    next mark), so a highlight does not light up during the silence before a word."""
    if len(samples) == 0 or not marks:
        return tuple(marks)
    window = max(int(sample_rate * 0.005), 1)
    blocks = len(samples) // window
    if blocks == 0:
        return tuple(marks)
    peaks = np.abs(samples[: blocks * window].astype(np.int32)).reshape(blocks, window).max(axis=1)
    loud = peaks > max(100, int(peaks.max()) // 200)
    tail = 4  # the previous word's last 20 ms may still sound at a mark ("på | café")
    out: list[WordMark] = []
    for number, mark in enumerate(marks):
        first = int(mark.time * sample_rate) // window
        limit = int(marks[number + 1].time * sample_rate) // window if number + 1 < len(marks) else blocks
        stretch = loud[first:limit]
        onset = None
        quiet = np.flatnonzero(~stretch[: tail + 1])
        if len(quiet):
            # Sound (a tail) then quiet, or quiet from the start: the word begins after the quiet.
            after = np.flatnonzero(stretch[int(quiet[0]) :])
            if len(after):
                onset = int(quiet[0]) + int(after[0])
        time = (first + onset) * window / sample_rate if onset is not None else mark.time
        out.append(WordMark(mark.start, mark.end, max(time, mark.time)))
    return tuple(out)
