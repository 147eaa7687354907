"""Speech-to-text: the engine protocol and one implementation per technology."""

from __future__ import annotations

from assistant.registry import Registry
from assistant.stt.base import SpeechEngine


def build_registry() -> Registry[SpeechEngine]:
    from assistant.stt.vosk_engine import VoskEngine
    from assistant.stt.whisper_engine import WhisperEngine

    return Registry("speech-to-text", [("vosk", VoskEngine), ("whisper", WhisperEngine)])
