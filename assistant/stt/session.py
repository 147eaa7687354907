"""A dictation: microphone -> recogniser -> transcript, on one worker thread, as plain events.

The microphone opens first and buffers while the model loads, so nothing said in the first
seconds is lost. Events are frozen dataclasses handed to one callback (the UI bridge re-emits
them as Qt signals); the callback runs on the worker thread and must return quickly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.audio.capture import Capture
from assistant.errors import AssistantError
from assistant.log import describe, log_failure
from assistant.stt.base import Partial, Recognizer, Segment
from assistant.text.transcript import Transcript

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Listening:
    device: str


@dataclass(frozen=True)
class ModelReady:
    seconds: float


@dataclass(frozen=True)
class Level:
    dbfs: float


@dataclass(frozen=True)
class TextChanged:
    """The whole document as it reads now; ``final`` is False while words may still change."""

    text: str
    final: bool
    segment: Segment | None = None


@dataclass(frozen=True)
class Failed:
    error: AssistantError


@dataclass(frozen=True)
class Stopped:
    text: str


Event = Listening | ModelReady | Level | TextChanged | Failed | Stopped


class DictationSession:
    def __init__(
        self,
        capture: Capture,
        recognizer_factory: Callable[[], Recognizer],
        transcript: Transcript,
        on_event: Callable[[Event], None],
        *,
        max_seconds: float | None = None,
    ) -> None:
        self.capture = capture
        self._factory = recognizer_factory
        self.transcript = transcript
        self._emit = on_event
        self.max_seconds = max_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: AssistantError | None = None
        self._drain = True  # on stop, decode what is still queued so the last word is kept

    @property
    def text(self) -> str:
        return self.transcript.text

    def start(self) -> None:
        """Open the microphone now (errors raise here) and load the model in the background."""
        self.capture.start()
        self._emit(Listening(self.capture.device_name))
        self._thread = threading.Thread(target=self._run, name="dictation", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish: decode what was heard up to now, then return. Safe to call twice."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session ends by itself (max_seconds, error). True if it ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _feed(self, recognizer: Recognizer, samples: np.ndarray) -> None:
        for result in recognizer.accept(samples):
            self._deliver(result)

    def _deliver(self, result: Partial | Segment) -> None:
        if isinstance(result, Segment):
            self.transcript.add_utterance(result.text)
            self._emit(TextChanged(self.transcript.text, True, result))
        else:
            self._emit(TextChanged(self.transcript.preview(result.text), False))

    def _run(self) -> None:
        recognizer: Recognizer | None = None
        try:
            started = time.perf_counter()
            recognizer = self._factory()
            self._emit(ModelReady(time.perf_counter() - started))
            heard = 0
            limit = None if self.max_seconds is None else int(self.max_seconds * 16000)
            last_level = 0.0
            while not self._stop.is_set():
                block = self.capture.read(timeout=0.2)
                if block is None:
                    continue
                if heard == 0:
                    log.info("microphone delivering")
                if limit is not None and heard + len(block) >= limit:
                    self._feed(recognizer, block[: limit - heard])
                    self._drain = False  # audio past the limit was not asked for
                    break
                heard += len(block)
                self._feed(recognizer, block)
                now = time.monotonic()
                if now - last_level > 0.05:
                    last_level = now
                    self._emit(Level(self.capture.level_dbfs))
        except AssistantError as exc:
            self.error = exc
            log.warning("dictation interrupted: %s", exc.message)
        except Exception as exc:  # keep the words; report the rest as an error event
            self.error = AssistantError(
                f"Dictation stopped unexpectedly ({type(exc).__name__})", "Please report this"
            )
            log_failure(log, "dictation failed")
        finally:
            self.capture.stop()
            if recognizer is not None:
                try:
                    if self._drain:
                        for block in self.capture.drain():
                            self._feed(recognizer, block)
                    for segment in recognizer.flush():
                        self._deliver(segment)
                except Exception:
                    log_failure(log, "flushing the recogniser failed")
            if self.error is not None:
                self._emit(Failed(self.error))
            log.info("dictation ended: %s", describe(self.transcript.text))
            self._emit(Stopped(self.transcript.text))
