"""faster-whisper (CTranslate2): carries Danish, which Vosk has no model for.

Audio is cut into utterances by loudness (:mod:`assistant.stt.vad`) and each utterance is
decoded as soon as it ends, with the language pinned (never detected, never translated) and
temperature 0. Whisper invents text for silence and noise ("Tak fordi du så med", "Thank
you."), so an utterance is decoded only if Silero VAD finds speech in it, Whisper's own
no-speech test drops empty segments, and known stock phrases are dropped when the speech
behind them is too short to have said them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import threading
import time
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.log import describe
from assistant.stt.base import Partial, Result, Segment
from assistant.stt.vad import RATE, Segmenter, Utterance

log = logging.getLogger(__name__)

# Phrases Whisper is known to produce from silence or noise (subtitle credits in its training data).
_STOCK_PHRASES = [
    r"tak fordi du så med",
    r"tak for at se med",
    r"undertekster? (af|fra|lavet af).*",
    r"tekstning(er)? (af|fra).*",
    r"danske undertekster.*",
    r"thank you( for watching| so much)?",
    r"thanks for watching",
    r"please subscribe.*",
    r"subtitles? by.*",
    r"you",
    r"bye",
]
_STOCK = re.compile(r"^\s*(" + "|".join(_STOCK_PHRASES) + r")[\s.!]*$", re.IGNORECASE)

# Greedy (temperature 0) first; a higher temperature is tried only when the output is degenerate
# (a phrase looping: compression ratio above 2.4, or very low confidence), as Whisper itself does.
# Two steps at most, so a bad utterance cannot make dictation slower than real time.
_TEMPERATURES = (0.0, 0.2, 0.4)
_LOOP = re.compile(r"(\b.{2,40}?\b)(?:[\s,]*\1){3,}", re.IGNORECASE)
_LOOP2 = re.compile(r"(\b.{3,40}?\b)(?:[\s,]*\1){2,}", re.IGNORECASE)  # said three times running


def _looped(segment: object, limit: int) -> bool:
    """A segment that hit the token limit, repeats a phrase, or compresses like a loop."""
    tokens = getattr(segment, "tokens", None) or []
    text = getattr(segment, "text", "")
    return (
        len(tokens) >= limit - 2
        or bool(_LOOP2.search(text))
        or getattr(segment, "compression_ratio", 0) > 2.4
    )


def collapse_loops(text: str) -> str:
    """ "hjælp af hjælp af hjælp af hjælp af" -> "hjælp af": a phrase said 4+ times in a row is a loop."""
    return _LOOP.sub(lambda m: m.group(1), text)


_models: dict[tuple[str, str], object] = {}
_models_lock = threading.Lock()


def load_model(path: Path, compute_type: str = "int8") -> object:
    """Load (once per process) a CTranslate2 Whisper model from a local folder."""
    key = (str(path), compute_type)
    with _models_lock:
        model = _models.get(key)
        if model is not None:
            return model
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        try:
            model = WhisperModel(
                str(path),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=os.cpu_count() or 2,
                local_files_only=True,  # never contact a model hub
            )
        except Exception as exc:
            raise ModelError(
                f"The Whisper model in {path} could not be loaded ({type(exc).__name__})",
                "Reinstall the model with 'assistant models install' or choose another",
            ) from exc
        log.info("whisper model loaded from %s in %.2f s", path.name, time.perf_counter() - started)
        _models[key] = model
        return model


def speech_seconds(samples: np.ndarray) -> float:
    """How much of ``samples`` Silero VAD hears as speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    floats = samples.astype(np.float32) / 32768.0
    options = VadOptions(min_silence_duration_ms=300, speech_pad_ms=0, min_speech_duration_ms=120)
    chunks = get_speech_timestamps(floats, options)
    return sum(c["end"] - c["start"] for c in chunks) / RATE


class WhisperRecognizer:
    def __init__(
        self,
        model: object,
        language: str,
        *,
        prompt: str = "",
        beam_size: int = 5,
        partial_interval: float = 0.0,
        segmenter: Segmenter | None = None,
        min_speech_seconds: float = 0.25,
        speculate_ms: int = 90,
    ) -> None:
        self.model = model
        self.language = language
        self.prompt = prompt or None
        self.beam_size = beam_size
        self.partial_interval = partial_interval
        self.segmenter = segmenter or Segmenter()
        self.min_speech_seconds = min_speech_seconds
        self._last_partial_at = 0.0
        self.dropped_utterances = 0
        self._context = ""  # the previous utterance's text: keeps casing and style consistent
        # Decoding starts after ``speculate_ms`` of quiet instead of waiting for the endpoint;
        # if the speaker stays quiet the result is used as is, so text lands sooner.
        self.speculate_ms = speculate_ms
        self._spec: tuple[float, int, int, list[Segment]] | None = None  # start, samples, quiet ms, result
        self.speculations_used = 0

    def accept(self, samples: np.ndarray) -> list[Result]:
        results: list[Result] = []
        for utterance in self.segmenter.feed(samples):
            results.extend(self._decode(utterance))
        self._speculate()
        if self.partial_interval > 0:
            current = self.segmenter.current()
            if current is not None:
                length = len(current.samples) / RATE
                if length >= self._last_partial_at + self.partial_interval:
                    self._last_partial_at = length
                    text = self._transcribe(current.samples, beam_size=1)
                    if text:
                        results.append(Partial(text))
            else:
                self._last_partial_at = 0.0
        return results

    def flush(self) -> list[Segment]:
        segments: list[Segment] = []
        for utterance in self.segmenter.flush():
            segments.extend(self._decode(utterance))
        return segments

    def _initial_prompt(self) -> str | None:
        parts = [p for p in (self.prompt, self._context) if p]
        return " ".join(parts) if parts else None

    def _transcribe(self, samples: np.ndarray, beam_size: int) -> str:
        segments, _ = self.model.transcribe(  # type: ignore[attr-defined]
            samples.astype(np.float32) / 32768.0,
            language=self.language,
            task="transcribe",
            beam_size=beam_size,
            temperature=0.0,  # partials are previews: never pay for a fallback
            condition_on_previous_text=False,
            initial_prompt=self._initial_prompt(),
            vad_filter=False,
            without_timestamps=True,
        )
        return collapse_loops(" ".join(s.text.strip() for s in segments).strip())

    def _speculate(self) -> None:
        quiet = self.segmenter.quiet_ms
        if self.speculate_ms <= 0 or quiet < self.speculate_ms:
            return
        current = self.segmenter.current()
        if current is None:
            return
        spec = self._spec
        # Already decoded this pause? Only a loud frame since then (quiet restarting) invalidates it.
        if (
            spec is not None
            and spec[0] == current.start
            and spec[2] <= quiet
            and len(current.samples) - spec[1] == (quiet - spec[2]) * RATE // 1000
        ):
            return
        self._spec = (current.start, len(current.samples), quiet, self._recognise(current))

    def _decode(self, utterance: Utterance) -> list[Segment]:
        spec, self._spec = self._spec, None
        if (
            spec is not None
            and not utterance.forced
            and spec[0] == utterance.start
            and len(utterance.samples) - spec[1] == (self.segmenter.end_frames * 30 - spec[2]) * RATE // 1000
        ):
            # Only quiet frames came after the speculative decode: its text is the final text.
            self.speculations_used += 1
            found = spec[3]
        else:
            found = self._recognise(utterance)
        if found:
            self._context = " ".join(f.text for f in found)[-200:]
        self._last_partial_at = 0.0
        return found

    def _segments(self, audio: np.ndarray, temperature: float | tuple[float, ...], limit: int) -> list:
        segments, _ = self.model.transcribe(  # type: ignore[attr-defined]
            audio,
            language=self.language,
            task="transcribe",
            beam_size=self.beam_size,
            temperature=temperature,
            condition_on_previous_text=False,
            initial_prompt=self._initial_prompt(),
            vad_filter=False,
            max_new_tokens=limit,
            # Greedy decoding of speech cut off mid-word was seen to loop on a phrase; forbidding
            # a repeated 4-token run stops that at the source (no change in word error rate on
            # the evaluation recordings).
            no_repeat_ngram_size=4,
        )
        return list(segments)

    def _recognise(self, utterance: Utterance) -> list[Segment]:
        speech = speech_seconds(utterance.samples)
        if speech < self.min_speech_seconds:
            self.dropped_utterances += 1
            log.debug("utterance at %.2f s dropped: %.2f s of speech", utterance.start, speech)
            return []
        started = time.perf_counter()
        audio = utterance.samples.astype(np.float32) / 32768.0
        # Nobody says 20 tokens a second: a longer decode is looping, so it is cut there instead
        # of writing "hjælp af hjælp af ..." up to Whisper's 448 tokens, and retried.
        limit = min(440, int(20 * len(audio) / RATE) + 30)
        segments = self._segments(audio, 0.0, limit)
        if any(_looped(s, limit) for s in segments):
            # Greedy decoding looped: try again the way Whisper's own fallback does.
            log.debug("greedy decode looped; retrying with temperature")
            segments = self._segments(audio, _TEMPERATURES[1:], limit)
        found: list[Segment] = []
        for s in segments:
            text = collapse_loops(s.text.strip())
            if not text:
                continue
            if _STOCK.match(text) and (speech < 1.0 or s.no_speech_prob > 0.3):
                log.debug("stock phrase dropped (speech %.2f s, no_speech %.2f)", speech, s.no_speech_prob)
                continue
            found.append(
                Segment(
                    text,
                    utterance.start + s.start,
                    utterance.start + min(s.end, len(utterance.samples) / RATE),
                )
            )
        log.debug(
            "utterance %.2f s decoded in %.3f s -> %s",
            len(utterance.samples) / RATE,
            time.perf_counter() - started,
            describe(" ".join(f.text for f in found)),
        )
        return found


class WhisperEngine:
    name = "whisper"
    model_kind = "whisper"

    def __init__(self, beam_size: int = 5, partial_interval: float = 0.0, pause_ms: int = 500) -> None:
        self.beam_size = beam_size
        self.partial_interval = partial_interval
        self.pause_ms = pause_ms

    def available(self) -> str | None:
        if importlib.util.find_spec("faster_whisper") is None:
            return "the faster-whisper package is not installed (pip install faster-whisper)"
        try:
            import ctranslate2  # noqa: F401  (the native runtime; fails on an unsupported CPU)
        except (ImportError, OSError) as exc:
            return f"the CTranslate2 runtime does not load ({type(exc).__name__}: {exc})"
        return None

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> WhisperRecognizer:
        model = load_model(model_path)
        if live:
            return WhisperRecognizer(
                model,
                language,
                prompt=prompt,
                beam_size=self.beam_size,
                partial_interval=self.partial_interval,
                segmenter=Segmenter(end_silence_ms=self.pause_ms),
            )
        # A file has no one waiting per word: cut only at long pauses, so Whisper's 30-second
        # window is filled once instead of once per phrase.
        return WhisperRecognizer(
            model,
            language,
            prompt=prompt,
            beam_size=self.beam_size,
            segmenter=Segmenter(end_silence_ms=1500),
            speculate_ms=0,
        )
