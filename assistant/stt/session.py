"""A dictation: microphone -> recogniser -> transcript, on one worker thread, as plain events.

The microphone opens first and buffers while the model loads, so nothing said in the first
seconds is lost. Events are frozen dataclasses handed to one callback (the UI bridge re-emits
them as Qt signals); the callback runs on the worker thread and must return quickly.

Stopping keeps recording for ``tail_seconds`` (the last word is often still being said when a
key is released), then decodes everything captured. While decoding lags behind the audio,
:class:`Behind` events tell how many seconds of speech are still to be decoded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.audio.capture import Capture, rms_dbfs
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
    #: For a preview: how many leading characters of ``text`` will not change any more.
    stable_chars: int = 0


@dataclass(frozen=True)
class Behind:
    """Decoding lags: ``seconds`` of captured audio wait to be decoded (0.0: caught up)."""

    seconds: float


@dataclass(frozen=True)
class NoSound:
    """The microphone has delivered only digital silence for :data:`SILENT_SECONDS` (muted, or
    its level turned down to nothing): ``True``; ``False`` once sound comes again."""

    silent: bool


@dataclass(frozen=True)
class Failed:
    error: AssistantError


@dataclass(frozen=True)
class Stopped:
    text: str


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


Event = Listening | ModelReady | Level | TextChanged | Behind | NoSound | Failed | Stopped

# A muted microphone delivers zeros (or a few bits of noise); a real one in a quiet room stays
# well above this (its own noise is -70 to -60 dBFS).
SILENT_DBFS = -80.0
SILENT_SECONDS = 3.0


class DictationSession:
    def __init__(
        self,
        capture: Capture,
        recognizer_factory: Callable[[], Recognizer],
        transcript: Transcript,
        on_event: Callable[[Event], None],
        *,
        max_seconds: float | None = None,
        tail_seconds: float = 0.0,
    ) -> None:
        self.capture = capture
        self._factory = recognizer_factory
        self.transcript = transcript
        self._emit = on_event
        self.max_seconds = max_seconds
        self.tail_seconds = tail_seconds
        self._stop = threading.Event()
        self._stop_at = 0.0
        self._behind = 0.0  # the last Behind figure sent
        self._thread: threading.Thread | None = None
        self.error: AssistantError | None = None
        self._drain = True  # on stop, decode what is still queued so the last word is kept
        self._silent_samples = 0  # samples of digital silence in a row
        self._said_silent = False

    @property
    def text(self) -> str:
        return self.transcript.text

    def start(self) -> None:
        """Open the microphone now (errors raise here) and load the model in the background."""
        self.capture.start()
        self._emit(Listening(self.capture.device_name))
        self._thread = threading.Thread(target=self._run, name="dictation", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        """Ask to finish (after ``tail_seconds`` more audio) without waiting. Safe to call twice."""
        if not self._stop.is_set():
            self._stop_at = time.monotonic()
            self._stop.set()

    def stop(self) -> None:
        """Finish: record the tail, decode what was heard up to now, then return. Safe to call twice."""
        self.request_stop()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    @property
    def running(self) -> bool:
        """The worker is still listening or decoding."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session ends by itself (max_seconds, error). True if it ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _feed(self, recognizer: Recognizer, samples: np.ndarray, backlog: float | None = None) -> None:
        waiting = self.capture.queued_seconds() if backlog is None else backlog
        set_backlog = getattr(recognizer, "set_backlog", None)
        if set_backlog is not None:
            # Once stopping, previews are of no use: only the final text is waited for.
            set_backlog(float("inf") if self._stop.is_set() else waiting)
        self._report_behind(waiting)
        for result in recognizer.accept(samples):
            self._deliver(result)

    def _quiet_at_stop(self, recognizer: Recognizer) -> bool:
        """The tail is for a last word still being said: skip it if the speaker was already
        quiet that long (and every captured block has been read, so that quiet is current)."""
        quiet = getattr(recognizer, "quiet_ms", None)
        return (
            isinstance(quiet, int)
            and quiet >= self.tail_seconds * 1000
            and self.capture.queued_seconds() == 0
        )

    @property
    def mute(self) -> bool:
        """The microphone has given only silence for the last :data:`SILENT_SECONDS` or more."""
        return self._said_silent

    def _watch_sound(self, block: np.ndarray) -> None:
        """Say once when the microphone gives nothing but silence, and again when sound comes."""
        if rms_dbfs(block) > SILENT_DBFS:
            self._silent_samples = 0
            if self._said_silent:
                self._said_silent = False
                self._emit(NoSound(False))
            return
        self._silent_samples += len(block)
        if not self._said_silent and self._silent_samples >= SILENT_SECONDS * 16000:
            self._said_silent = True
            log.warning("the microphone has delivered only silence for %.0f s", SILENT_SECONDS)
            self._emit(NoSound(True))

    def _report_behind(self, waiting: float) -> None:
        # Shown from 1 s of lag; updated in half-second steps so the panel is not flooded.
        shown = round(waiting * 2) / 2 if waiting >= 1.0 else 0.0
        if shown != self._behind:
            self._behind = shown
            self._emit(Behind(shown))

    def _deliver(self, result: Partial | Segment) -> None:
        if isinstance(result, Segment):
            self.transcript.add_utterance(result.text)
            self._emit(TextChanged(self.transcript.text, True, result))
        else:
            # The preview's stable words keep their place; only the tail after them is marked.
            preview = self.transcript.preview(result.text)
            if result.stable_chars:
                stable = self.transcript.preview(result.text[: result.stable_chars]).rstrip()
            else:
                stable = self.transcript.text
            self._emit(TextChanged(preview, False, stable_chars=_common_prefix(preview, stable)))

    def _run(self) -> None:
        recognizer: Recognizer | None = None
        try:
            started = time.perf_counter()
            recognizer = self._factory()
            self._emit(ModelReady(time.perf_counter() - started))
            heard = 0
            limit = None if self.max_seconds is None else int(self.max_seconds * 16000)
            last_level = 0.0
            while not self._stop.is_set() or time.monotonic() < self._stop_at + self.tail_seconds:
                if self._stop.is_set() and self._quiet_at_stop(recognizer):
                    break
                block = self.capture.read(timeout=0.05 if self._stop.is_set() else 0.2)
                if block is None:
                    continue
                if heard == 0:
                    log.info("microphone delivering")
                if limit is not None and heard + len(block) >= limit:
                    self._feed(recognizer, block[: limit - heard])
                    self._drain = False  # audio past the limit was not asked for
                    break
                heard += len(block)
                self._watch_sound(block)
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
                        blocks = self.capture.drain()
                        left = sum(len(b) for b in blocks) / 16000
                        for block in blocks:
                            left -= len(block) / 16000
                            self._feed(recognizer, block, backlog=left + len(block) / 16000)
                    self._report_behind(0.0)
                    for segment in recognizer.flush():
                        self._deliver(segment)
                except Exception:
                    log_failure(log, "flushing the recogniser failed")
            if self.error is not None:
                self._emit(Failed(self.error))
            log.info("dictation ended: %s", describe(self.transcript.text))
            self._emit(Stopped(self.transcript.text))
