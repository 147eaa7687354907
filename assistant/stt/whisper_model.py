"""Loading a faster-whisper (CTranslate2) model once per process, from a local folder only."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from assistant.errors import ModelError

log = logging.getLogger(__name__)

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
