"""Text-to-speech: the Synthesizer protocol and one implementation per technology."""

from __future__ import annotations

from assistant.registry import Registry
from assistant.tts.base import Synthesizer


def build_registry() -> Registry[Synthesizer]:
    from assistant.tts.espeak import EspeakSynthesizer
    from assistant.tts.piper_engine import PiperSynthesizer
    from assistant.tts.pyttsx3_engine import Pyttsx3Synthesizer

    return Registry(
        "text-to-speech",
        [("espeak", EspeakSynthesizer), ("pyttsx3", Pyttsx3Synthesizer), ("piper", PiperSynthesizer)],
    )
