"""Read an audio file as 16 kHz mono int16, whatever its format."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from assistant.errors import AudioError

RATE = 16000


def read_audio(path: Path) -> np.ndarray:
    if not path.exists():
        raise AudioError(f"The audio file {path} does not exist", "Check the file name")
    if path.is_dir():
        raise AudioError(
            f"{path} is a folder, not an audio file", "Give the path of a WAV, MP3, FLAC or OGG file"
        )
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() == 2 and wav.getframerate() == RATE:
                data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
                channels = wav.getnchannels()
                if channels > 1:
                    data = data.reshape(-1, channels).mean(axis=1).astype(np.int16)
                return data.copy()
    except (wave.Error, EOFError):
        pass  # not a plain 16 kHz PCM WAV: let FFmpeg (PyAV) decode and resample it
    try:
        from faster_whisper.audio import decode_audio

        floats = decode_audio(str(path), sampling_rate=RATE)
    except Exception as exc:
        raise AudioError(
            f"The audio file {path} cannot be read ({type(exc).__name__})",
            "Use a WAV, MP3, FLAC or OGG file with sound in it",
        ) from exc
    return np.clip(floats * 32768.0, -32768, 32767).astype(np.int16)
