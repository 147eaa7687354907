"""Vosk (Kaldi): streaming, with partial results while the user speaks and finals at pauses."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import numpy as np

from assistant.errors import ModelError
from assistant.stt.base import Partial, Result, Segment, runtime_problem
from assistant.stt.confidence import mark

log = logging.getLogger(__name__)

_models: dict[str, object] = {}
_models_lock = threading.Lock()


class _DeferredModule(ModuleType):
    """Stands in for a module in sys.modules until someone uses it; then imports the real one."""

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):
            # Introspection (PySide6's import hook looks at every imported module) is not use.
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def import_vosk() -> ModuleType:
    """The vosk module, imported without opening a socket.

    vosk imports requests only for its model downloader, which we never call, and requests'
    urllib3 probes for IPv6 at import by binding a socket on [::1]. So requests is deferred
    while vosk loads: it is imported for real only if something uses it.
    """
    if "vosk" not in sys.modules and "requests" not in sys.modules:
        sys.modules["requests"] = _DeferredModule("requests")
    try:
        import vosk
    finally:
        deferred = sys.modules.get("requests")
        if isinstance(deferred, _DeferredModule):
            del sys.modules["requests"]  # vosk keeps its reference; everyone else gets the real one
    return vosk


def load_model(path: Path) -> object:
    with _models_lock:
        model = _models.get(str(path))
        if model is not None:
            return model
        vosk = import_vosk()
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
        vosk = import_vosk()
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
        scored = tuple(
            mark("vosk", str(w["word"]), float(w["start"]), float(w["end"]), float(w["conf"]))
            for w in words
            if "conf" in w and "word" in w
        )
        return [Segment(text, start, end, scored if len(scored) == len(words) else ())]

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
        if importlib.util.find_spec("vosk") is not None:
            # First, so the import below finds it without opening a socket; on failure
            # runtime_problem imports it again and names the failure.
            with contextlib.suppress(ImportError, OSError):
                import_vosk()
        return runtime_problem("vosk", "vosk", "vosk", "the vosk library")

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> VoskRecognizer:
        # Vosk's free-dictation graphs cannot take a vocabulary bias at run time; the
        # vocabulary is applied to its output instead (see assistant.text.transcript).
        return VoskRecognizer(load_model(model_path))
