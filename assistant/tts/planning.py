"""Planning text for reading aloud: sentences -> chunks with their language, each synthesised with
word marks that are exact spans of the source text; the voice per language; :func:`render` for
synthesis without playing (``assistant speak --out``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.errors import ModelError, UsageError
from assistant.text.readable import guess_language, make_readable, split_long, split_sentences
from assistant.tts.base import DEFAULT_RATE, Speech, Synthesizer, Voice, WordMark, check_rate, choose_voice

LANGUAGE_NAMES = {"da": "Danish", "en": "English"}


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
