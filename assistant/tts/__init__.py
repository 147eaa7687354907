"""Text-to-speech: the Synthesizer protocol and one implementation per technology.

``build_registry()`` lists the engines; ``choose_synthesizer(engine)`` picks one ("auto": the
best for this platform that can run); ``assistant.tts.reader`` plays text with word events.
"""

from __future__ import annotations

import sys
from typing import Any

from assistant.registry import Registry
from assistant.tts.base import Speech, Synthesizer, Voice, WordMark

__all__ = ["Speech", "Synthesizer", "Voice", "WordMark", "auto_order", "build_registry", "choose_synthesizer"]


def build_registry() -> Registry[Synthesizer]:
    from assistant.tts.espeak import EspeakSynthesizer
    from assistant.tts.piper_engine import PiperSynthesizer
    from assistant.tts.pyttsx3_engine import Pyttsx3Synthesizer

    return Registry(
        "text-to-speech",
        [("espeak", EspeakSynthesizer), ("pyttsx3", Pyttsx3Synthesizer), ("piper", PiperSynthesizer)],
    )


def auto_order(platform: str | None = None) -> list[str]:
    """Engines for "auto": the platform's own voices first on Windows/macOS (e.g. the Danish
    "Helle"), espeak-ng first elsewhere (it has exact word timing and Danish)."""
    if (platform or sys.platform) in ("win32", "darwin"):
        return ["pyttsx3", "espeak", "piper"]
    return ["espeak", "piper", "pyttsx3"]


def choose_synthesizer(engine: str = "auto") -> Synthesizer:
    """The synthesizer called ``engine``, or for "auto" the first available in :func:`auto_order`.
    Raises :class:`~assistant.errors.EngineUnavailable` with every reason."""
    registry = build_registry()
    order = auto_order() if engine == "auto" else [engine]
    synthesizer, _ = registry.choose(order)
    return synthesizer


def reader_settings(config: Any) -> dict[str, Any]:
    """Reader keyword arguments from the settings (voices, rate, language, output device)."""
    return {
        "voices": {"da": config["tts.voice_da"] or None, "en": config["tts.voice_en"] or None},
        "rate": int(config["tts.rate"]),
        "default_language": config["general.language"],
        "device": config["audio.output_device"] or None,
    }
