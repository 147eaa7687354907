"""What a speech engine offers the rest of the product."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from assistant.stt.confidence import WordConfidence


@dataclass(frozen=True)
class Segment:
    """Final text for a stretch of audio; times in seconds from the start of the stream."""

    text: str
    start: float
    end: float
    #: Its words with the engine's confidence (assistant.stt.confidence.WordConfidence); empty
    #: when the engine gave none.
    words: tuple[WordConfidence, ...] = ()


@dataclass(frozen=True)
class Partial:
    """Text of the utterance in progress; replaced by the next Partial or a Segment.

    ``text[:stable_chars]`` will not change before the utterance ends (see
    :mod:`assistant.stt.agreement`); the rest is an unstable tail, shown marked.
    """

    text: str
    stable_chars: int = 0


Result = Segment | Partial


class Recognizer(Protocol):
    """One stream of 16 kHz mono int16 audio in, partial and final results out.

    Created, fed and closed on one worker thread.
    """

    def accept(self, samples: np.ndarray) -> list[Result]:
        """Feed audio; returns whatever became known (often nothing)."""
        ...

    def flush(self) -> list[Segment]:
        """End of audio: decode what is pending and return the last final segments."""
        ...

    # Optional: ``set_backlog(seconds)`` -- the session tells how much captured audio waits
    # behind this call, so a recogniser can skip live previews while it catches up.
    # Optional: ``quiet_ms`` (int) -- how long the audio fed so far has been quiet; lets the
    # session skip the stop tail when the speaker had already finished.


class SpeechEngine(Protocol):
    """A speech-to-text technology (Vosk, faster-whisper)."""

    name: str
    #: The model folder kind this engine loads (see assistant.storage.models.model_kind).
    model_kind: str

    def available(self) -> str | None:
        """``None`` if the engine's library loads here, else why not and what to install."""
        ...

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> Recognizer:
        """Load ``model_path`` (blocking; call on a worker thread) and return a recognizer.

        ``live`` tunes for a person waiting on each word (short pauses end an utterance);
        ``live=False`` is for files, where longer stretches decode faster and with more context.
        """
        ...


def runtime_problem(package: str, pip_name: str, native: str, what: str) -> str | None:
    """Why an engine's runtime cannot run here, or None: the package is missing, or its native
    library (``native``, imported for real) does not load, e.g. a broken wheel or an unsupported CPU."""
    if importlib.util.find_spec(package) is None:
        return f"the {pip_name} package is not installed (pip install {pip_name})"
    try:
        importlib.import_module(native)
    except (ImportError, OSError) as exc:
        return f"{what} does not load ({type(exc).__name__}: {exc})"
    return None
