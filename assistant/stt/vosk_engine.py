"""Vosk (Kaldi): streaming, with partial results while the user speaks and finals at pauses."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.stt.base import Partial, Result, Segment, runtime_problem

log = logging.getLogger(__name__)

_models: dict[str, object] = {}
_models_lock = threading.Lock()


def load_model(path: Path) -> object:
    with _models_lock:
        model = _models.get(str(path))
        if model is not None:
            return model
        import vosk

        vosk.SetLogLevel(-1)  # Kaldi's own logging goes to stderr and can echo words
        started = time.perf_counter()
        try:
            model = vosk.Model(str(path))
        except Exception as exc:
            raise ModelError(
                f"The Vosk model in {path} could not be loaded ({type(exc).__name__})",
                "Reinstall the model with 'assistant models install' or choose another",
            ) from exc
        log.info("vosk model loaded from %s in %.2f s", path.name, time.perf_counter() - started)
        _models[str(path)] = model
        return model


class VoskRecognizer:
    def __init__(self, model: object, rate: int = 16000) -> None:
        import vosk

        self._rec = vosk.KaldiRecognizer(model, rate)
        self._rec.SetWords(True)
        self._last_partial = ""
        self._offset = 0.0

    def _segment(self, raw: str) -> list[Segment]:
        result = json.loads(raw)
        text = result.get("text", "").strip()
        if not text:
            return []
        words = result.get("result") or []
        start = words[0]["start"] if words else 0.0
        end = words[-1]["end"] if words else 0.0
        return [Segment(text, start, end)]

    def accept(self, samples: np.ndarray) -> list[Result]:
        if self._rec.AcceptWaveform(samples.astype("<i2").tobytes()):
            self._last_partial = ""
            return list(self._segment(self._rec.Result()))
        partial = json.loads(self._rec.PartialResult()).get("partial", "").strip()
        if partial and partial != self._last_partial:
            self._last_partial = partial
            return [Partial(partial)]
        return []

    def flush(self) -> list[Segment]:
        return self._segment(self._rec.FinalResult())


class VoskEngine:
    name = "vosk"
    model_kind = "vosk"

    def available(self) -> str | None:
        return runtime_problem("vosk", "vosk", "vosk", "the vosk library")

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> VoskRecognizer:
        # Vosk's free-dictation graphs cannot take a vocabulary bias at run time; the
        # vocabulary is applied to its output instead (see assistant.text.transcript).
        return VoskRecognizer(load_model(model_path))
