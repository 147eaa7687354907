"""NeMo transducer (RNN-T, TDT) and CTC models through sherpa-onnx: small, fast Danish models.

Models such as ekko-v1-tiny (110 M parameters, Danish) and parakeet-tdt-0.6b-v3 are published as
sherpa-onnx folders (see :mod:`assistant.storage.onnx_folder`); sherpa-onnx (k2-fsa) runs them
on onnxruntime with its own filterbank front end, and gives token timestamps.

The stream is cut into utterances by loudness (:mod:`assistant.stt.vad`), as for Whisper, and
each utterance is decoded when the speaker pauses. An utterance is decoded only if Silero VAD
hears speech in it, so silence and noise give no text. These models are offline (they see the
whole utterance), so live words come from decoding the utterance in progress again as it grows
and showing the words two decodes agree on (:mod:`assistant.stt.agreement`); a decode of a few
seconds costs a small model tens of milliseconds.

The language is the model's: ekko-v1-tiny writes Danish only; a multilingual model such as
parakeet-tdt-0.6b-v3 has no language switch, so the product asks for it only in the languages
its manifest lists. Models of this family write bare lowercase words (ekko) or punctuated text
(parakeet v3); the shared post-processing (:mod:`assistant.text.transcript`) adds capitals at
sentence starts, spoken commands, numbers and the user's vocabulary either way, and
:mod:`assistant.text.truecase` can run a punctuation model first where one is installed.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.log import describe
from assistant.storage.onnx_folder import KIND, OnnxModelFiles, check_folder
from assistant.stt.agreement import LocalAgreement
from assistant.stt.base import Partial, Result, Segment, runtime_problem
from assistant.stt.confidence import mark, transducer_word_probabilities
from assistant.stt.vad import RATE, Segmenter, Utterance, speech_seconds

log = logging.getLogger(__name__)

FRAME_SECONDS = 0.08  # one encoder frame of a NeMo FastConformer (10 ms features, 8x subsampling)


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    probability: float | None = None  # the engine's confidence (assistant.stt.confidence)


@dataclass(frozen=True)
class Decoded:
    text: str
    words: tuple[Word, ...]  # times in seconds from the start of the decoded audio


@dataclass
class LoadedModel:
    files: OnnxModelFiles
    recognizer: object  # sherpa_onnx.OfflineRecognizer
    lock: threading.Lock  # one decode at a time per loaded model (sessions may share it)

    def decode(self, samples: np.ndarray) -> Decoded:
        """Decode 16 kHz int16 samples; word times are relative to the first sample."""
        with self.lock:
            stream = self.recognizer.create_stream()  # type: ignore[attr-defined]
            stream.accept_waveform(RATE, samples.astype(np.float32) / 32768.0)
            self.recognizer.decode_stream(stream)  # type: ignore[attr-defined]
            result = stream.result
        tokens = list(result.tokens)
        words = _words(tokens, list(result.timestamps), len(samples) / RATE)
        scores = transducer_word_probabilities(tokens, list(getattr(result, "ys_log_probs", []) or []))
        if len(scores) == len(words):
            words = tuple(replace(w, probability=p) for w, p in zip(words, scores, strict=True))
        return Decoded(result.text.strip(), words)


def _words(tokens: list[str], times: list[float], length: float) -> tuple[Word, ...]:
    """Join BPE pieces into words: a piece that starts with a space (sentencepiece's "▁") starts a
    word. A word ends where the next one starts, or one frame after its last piece."""
    groups: list[tuple[str, float, float]] = []
    for piece, at in zip(tokens, times, strict=False):
        text = piece.replace("\u2581", " ")
        if not groups or text.startswith(" "):
            groups.append((text.strip(), at, at))
        else:
            word, start, _ = groups[-1]
            groups[-1] = (word + text, start, at)
    words = []
    for i, (text, start, last) in enumerate(groups):
        end = groups[i + 1][1] if i + 1 < len(groups) else min(length, last + FRAME_SECONDS)
        if text:
            words.append(Word(text, round(start, 3), round(max(end, start), 3)))
    return tuple(words)


_models: dict[str, LoadedModel] = {}
_models_lock = threading.Lock()


def load_model(path: Path, threads: int | None = None) -> LoadedModel:
    """Check and load (once per process) a transducer or CTC folder."""
    key = str(path)
    with _models_lock:
        model = _models.get(key)
        if model is not None:
            return model
        # sherpa-onnx ends the process on a model it cannot use: check the folder in Python first.
        files = check_folder(path)
        import sherpa_onnx

        threads = threads or os.cpu_count() or 2
        started = time.perf_counter()
        try:
            if files.architecture == "ctc":
                recognizer = sherpa_onnx.OfflineRecognizer.from_nemo_ctc(
                    model=str(files.model), tokens=str(files.tokens), num_threads=threads
                )
            else:
                extra = {"feature_dim": files.feat_dim} if files.feat_dim else {}
                recognizer = sherpa_onnx.OfflineRecognizer.from_transducer(
                    encoder=str(files.encoder),
                    decoder=str(files.decoder),
                    joiner=str(files.joiner),
                    tokens=str(files.tokens),
                    num_threads=threads,
                    model_type="nemo_transducer",
                    decoding_method="greedy_search",
                    **extra,
                )
        except Exception as exc:
            raise ModelError(
                f"The speech model in {path} could not be loaded ({type(exc).__name__})",
                "Reinstall the model with 'assistant models install' or choose another",
            ) from exc
        log.info(
            "%s model loaded from %s in %.2f s (%s)",
            files.architecture,
            path.name,
            time.perf_counter() - started,
            "TDT" if files.tdt else "RNN-T" if files.architecture == "transducer" else "CTC",
        )
        model = LoadedModel(files, recognizer, threading.Lock())
        _models[key] = model
        return model


class TransducerRecognizer:
    def __init__(
        self,
        model: LoadedModel,
        language: str,
        *,
        segmenter: Segmenter | None = None,
        partial_interval: float = 0.5,
        min_speech_seconds: float = 0.25,
        punctuate: Callable[[str], str] | None = None,
    ) -> None:
        self.model = model
        self.language = language
        self.segmenter = segmenter or Segmenter()
        self.partial_interval = partial_interval
        self.min_speech_seconds = min_speech_seconds
        self.punctuate = punctuate
        self.agreement = LocalAgreement()
        self._next_partial_at = partial_interval
        self._last_partial: tuple[str, int] = ("", 0)
        self._heard_speech = False
        self._backlog = 0.0
        self.dropped_utterances = 0
        self.words: list[Word] = []  # every final word so far, times from the start of the stream

    def set_backlog(self, seconds: float) -> None:
        """The session says how much captured audio waits: previews wait while it catches up."""
        self._backlog = seconds

    def accept(self, samples: np.ndarray) -> list[Result]:
        results: list[Result] = []
        for utterance in self.segmenter.feed(samples):
            results.extend(self._final(utterance))
        if self.partial_interval > 0 and self._backlog < 1.0:
            partial = self._partial()
            if partial is not None:
                results.append(partial)
        return results

    def flush(self) -> list[Segment]:
        segments: list[Segment] = []
        for utterance in self.segmenter.flush():
            segments.extend(self._final(utterance))
        return segments

    def _partial(self) -> Partial | None:
        current = self.segmenter.current()
        if current is None:
            return None
        length = len(current.samples) / RATE
        if length < self._next_partial_at:
            return None
        self._next_partial_at = length + self.partial_interval
        if not self._heard_speech:
            # Noise must not flash words either: preview only once Silero hears speech.
            if speech_seconds(current.samples) < self.min_speech_seconds:
                return None
            self._heard_speech = True
        started = time.perf_counter()
        decoded = self.model.decode(current.samples)
        # Previews re-decode the whole utterance: space them by their cost, so a long utterance
        # on a slow machine never falls behind the microphone.
        self._next_partial_at = length + max(self.partial_interval, 2 * (time.perf_counter() - started))
        live = self.agreement.update([w.text for w in decoded.words] or decoded.text.split())
        shown = (live.text, live.stable_chars)
        if not live.text or shown == self._last_partial:
            return None
        self._last_partial = shown
        return Partial(live.text, stable_chars=live.stable_chars)

    def _final(self, utterance: Utterance) -> list[Segment]:
        self.agreement.reset()
        self._next_partial_at = self.partial_interval
        self._last_partial = ("", 0)
        self._heard_speech = False
        speech = speech_seconds(utterance.samples)
        if speech < self.min_speech_seconds:
            self.dropped_utterances += 1
            log.debug("utterance at %.2f s dropped: %.2f s of speech", utterance.start, speech)
            return []
        started = time.perf_counter()
        decoded = self.model.decode(utterance.samples)
        text = decoded.text
        if text and self.punctuate is not None:
            text = self.punctuate(text)
        log.debug(
            "utterance %.2f s decoded in %.3f s -> %s",
            len(utterance.samples) / RATE,
            time.perf_counter() - started,
            describe(text),
        )
        if not text:
            return []
        words = [
            Word(w.text, utterance.start + w.start, utterance.start + w.end, w.probability)
            for w in decoded.words
        ]
        self.words.extend(words)
        length = len(utterance.samples) / RATE
        start = words[0].start if words else utterance.start
        end = words[-1].end if words else utterance.start + length
        scored = tuple(
            mark("transducer", w.text, w.start, w.end, w.probability)
            for w in words
            if w.probability is not None
        )
        return [Segment(text, start, end, scored if len(scored) == len(words) else ())]


def _check_language(model_path: Path, language: str) -> None:
    """These models have no language switch: refuse a language the model's manifest leaves out."""
    from assistant.storage.models import MANIFEST

    manifest = model_path / MANIFEST
    if not manifest.is_file():
        return
    try:
        languages = json.loads(manifest.read_text(encoding="utf-8")).get("languages")
    except (OSError, ValueError, AttributeError):
        return
    if isinstance(languages, list) and languages and language not in languages:
        raise ModelError(
            f"The model in {model_path.name} does not speak '{language}'",
            f"It speaks: {', '.join(map(str, languages))}; choose another model for this language",
        )


class TransducerEngine:
    name = "transducer"
    model_kind = KIND

    def __init__(self, pause_ms: int = 500, partial_interval: float = 0.5) -> None:
        self.pause_ms = pause_ms
        self.partial_interval = partial_interval

    def available(self) -> str | None:
        return runtime_problem("sherpa_onnx", "sherpa-onnx", "sherpa_onnx", "the sherpa-onnx runtime")

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> TransducerRecognizer:
        # ``prompt`` (the vocabulary) cannot bias these models' greedy decoding; the vocabulary is
        # applied to the text instead (assistant.text.transcript), as for Vosk.
        _check_language(model_path, language)
        model = load_model(model_path)
        from assistant.text.truecase import punctuator_for

        punctuate = punctuator_for(model_path, language)
        if live:
            return TransducerRecognizer(
                model,
                language,
                segmenter=Segmenter(end_silence_ms=self.pause_ms),
                partial_interval=self.partial_interval,
                punctuate=punctuate,
            )
        # A file has nobody waiting per word: cut at long pauses only, no previews.
        return TransducerRecognizer(
            model,
            language,
            segmenter=Segmenter(end_silence_ms=1500),
            partial_interval=0.0,
            punctuate=punctuate,
        )
