"""Piper neural voices (ONNX), used where a voice model has been installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from assistant.tts.base import Voice


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


class PiperSynthesizer:
    name = "piper"

    def __init__(self, voice_dirs: list[Path] | None = None) -> None:
        self._dirs = voice_dirs or []

    def available(self) -> str | None:
        if importlib.util.find_spec("piper") is None:
            return "the piper-tts package is not installed (pip install piper-tts)"
        if not self.voices():
            return "no Piper voice is installed (install one with the model manager)"
        return None

    def voices(self) -> list[Voice]:
        return find_piper_voices(self._dirs)
