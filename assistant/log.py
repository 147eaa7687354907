"""Logging set-up: a rotating file in the user log dir, and the rules that keep user text out.

User text (dictated, corrected, typed or read-aloud words) is never logged, at any level. Code
logs lengths, durations, engine and model ids instead; :func:`describe` makes that easy. Third-
party libraries are held at WARNING because some of them log recognised text at DEBUG.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import time
import traceback
from pathlib import Path

# Libraries known to log decoded text or audio content at DEBUG/INFO.
_NOISY_LIBRARIES = ("faster_whisper", "ctranslate2", "vosk", "comtypes", "pyttsx3", "urllib3", "PIL")

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def describe(text: str) -> str:
    """A loggable stand-in for user text: its size, never its content."""
    words = len(text.split())
    return f"<text: {len(text)} chars, {words} words>"


class _PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The log file, 0600, that degrades quietly when it cannot be written.

    A full disk or a read-only folder must neither stop the program nor print a "Logging error"
    traceback for every record (the standard handler does): the first failure pauses file
    logging and is remembered in :data:`problem` (doctor and the tray can say so); every
    ``RETRY_S`` the file is tried again, so logging resumes once there is room."""

    RETRY_S = 30.0

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True)
        self.failed_at: float | None = None

    def _open(self):  # type: ignore[no-untyped-def]
        from assistant.fsutil import make_private, private_opener

        stream = open(self.baseFilename, self.mode, encoding=self.encoding, opener=private_opener)  # noqa: SIM115
        make_private(Path(self.baseFilename))
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed_at is not None:
            if time.monotonic() - self.failed_at < self.RETRY_S:
                return
            self.failed_at = None
        super().emit(record)
        if self.failed_at is None:
            _set_problem(None)

    def handleError(self, record: logging.LogRecord) -> None:
        exc = sys.exc_info()[1]
        self.failed_at = time.monotonic()
        stream, self.stream = self.stream, None  # type: ignore[assignment]
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        _set_problem(f"{self.baseFilename} cannot be written ({reason}); logging is paused")


# Why the log file is not being written now (None: it is, or there is none).
problem: str | None = None


def _set_problem(text: str | None) -> None:
    global problem
    problem = text


def setup_logging(log_dir: Path, level: str = "INFO", *, console: bool = False) -> Path | None:
    """Log to ``log_dir/assistant.log`` (1 MB x 5, mode 0600). Returns the file, or None if its
    folder can't be made (a read-only profile: nothing is logged then, and the program goes on)."""
    from assistant.fsutil import private_dir

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_assistant", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for name in _NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)

    log_file: Path | None = log_dir / "assistant.log"
    handler: logging.Handler
    try:
        private_dir(log_dir)
        handler = _PrivateLogFile(log_file)
        _set_problem(None)
    except OSError as exc:
        # A read-only profile must not stop dictation. No stderr fallback: the CLI's promise is
        # one line per error, and warnings would add more.
        _set_problem(f"{log_dir} cannot be created ({exc.strerror or type(exc).__name__}); nothing is logged")
        log_file = None
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._assistant = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._assistant = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return log_file


def log_failure(logger: logging.Logger, message: str, *args: object) -> None:
    """Log the exception being handled with its type and stack, but not its message.

    Use instead of ``logger.exception``: an exception's message can quote user text (a word
    that failed to parse, a sentence a library choked on), and user text is never logged.
    """
    exc_type, _, tb = sys.exc_info()
    name = exc_type.__name__ if exc_type else "no exception"
    stack = "".join(traceback.format_tb(tb)) if tb else ""
    logger.error(message + " (%s)\n%s", *args, name, stack)
