"""Piper neural voices (ONNX), used where a voice model has been installed.

A voice is ``NAME.onnx`` with ``NAME.onnx.json`` beside it, found in the product's model folder
(``<models>/piper``), IT's system model folder, and Python packages that ship Piper voices (a
package whose name ends in ``piper_voice`` with a ``data/`` folder). Piper gives no word timing
without a re-exported model, so marks are spread over the audio by word length.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.tts.base import DEFAULT_RATE, Speech, Voice, check_rate, estimate_marks

_NATURAL_RATE = 170  # words per minute of a Piper voice at length_scale 1.0 (about)


def find_piper_voices(dirs: list[Path]) -> list[Voice]:
    """Piper voices are ``NAME.onnx`` files with a ``NAME.onnx.json`` config beside them."""
    voices = []
    for root in dirs:
        if not root.is_dir():
            continue
        for onnx in sorted(root.rglob("*.onnx")):
            if onnx.with_name(onnx.name + ".json").is_file():
                lang = onnx.stem.split("-", 1)[0]  # e.g. da_DK-talesyntese-medium
                voices.append(Voice(id=str(onnx), name=onnx.stem, languages=(lang,), engine="piper"))
    return voices


def default_voice_dirs(environ: dict[str, str] | None = None) -> list[Path]:
    from assistant import paths as paths_module

    env = dict(os.environ if environ is None else environ)
    paths = paths_module.resolve(env)
    dirs = [paths.models_dir / "piper", paths.system_models_dir / "piper"]
    for entry in sys.path:
        base = Path(entry or ".")
        if not base.is_dir():
            continue
        try:
            candidates = [p for p in base.iterdir() if p.name.endswith("piper_voice") and p.is_dir()]
        except OSError:
            continue
        dirs.extend(candidate / "data" for candidate in candidates)
    return dirs


class PiperSynthesizer:
    name = "piper"

    def __init__(self, voice_dirs: list[Path] | None = None) -> None:
        self._dirs = voice_dirs if voice_dirs is not None else default_voice_dirs()
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()  # one synthesis at a time per synthesizer

    def available(self) -> str | None:
        if importlib.util.find_spec("piper") is None:
            return "the piper-tts package is not installed (pip install piper-tts)"
        if not self.voices():
            return "no Piper voice is installed (install one with the model manager)"
        return None

    def voices(self) -> list[Voice]:
        return find_piper_voices(self._dirs)

    def synthesize(self, text: str, *, voice: str | None = None, rate: int = DEFAULT_RATE) -> Speech:
        check_rate(rate)
        voices = self.voices()
        if not voices:
            raise ModelError("No Piper voice is installed", "Install one with the model manager")
        chosen = next((v for v in voices if voice in (v.id, v.name)), None) if voice else voices[0]
        if chosen is None:
            raise ModelError(f"The Piper voice '{voice}' is not installed", "Run 'assistant doctor'")
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise ModelError("The piper-tts package is not installed", "pip install piper-tts") from exc
        with self._lock:
            model = self._loaded.get(chosen.id)
            if model is None:
                try:
                    model = PiperVoice.load(chosen.id)
                except Exception as exc:
                    raise ModelError(
                        f"The Piper voice '{chosen.name}' could not be loaded ({type(exc).__name__})",
                        "Reinstall the voice",
                    ) from exc
                self._loaded[chosen.id] = model
            config = SynthesisConfig(length_scale=_NATURAL_RATE / rate)
            chunks = list(model.synthesize(text, syn_config=config))  # type: ignore[attr-defined]
        sample_rate = chunks[0].sample_rate if chunks else 22050
        samples = np.concatenate([c.audio_int16_array for c in chunks]) if chunks else np.zeros(0, np.int16)
        return Speech(
            samples.astype(np.int16),
            sample_rate,
            estimate_marks(text, samples, sample_rate),
            voice=chosen.id,
            engine=self.name,
            marks_estimated=True,
        )
