"""Speech-to-text: the engine protocol and one implementation per technology."""

from __future__ import annotations

from typing import Any

from assistant.registry import Registry
from assistant.stt.base import SpeechEngine


def build_registry(config: Any = None) -> Registry[SpeechEngine]:
    """Every speech engine; ``config`` (an assistant.config.Config) tunes them when given."""
    from assistant.stt.transducer_engine import TransducerEngine
    from assistant.stt.vosk_engine import VoskEngine
    from assistant.stt.whisper_engine import WhisperEngine

    pause_ms = config["stt.pause_ms"] if config is not None else 500
    return Registry(
        "speech-to-text",
        [
            ("vosk", VoskEngine),
            ("whisper", lambda: WhisperEngine(pause_ms=pause_ms)),
            ("transducer", lambda: TransducerEngine(pause_ms=pause_ms)),
        ],
    )
