"""Logging set-up: a rotating file in the user log dir, and the rules that keep user text out.

User text (dictated, corrected, typed or read-aloud words) is never logged, at any level. Code
logs lengths, durations, engine and model ids instead; :func:`describe` makes that easy. Third-
party libraries are held at WARNING because some of them log recognised text at DEBUG.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

# Libraries known to log decoded text or audio content at DEBUG/INFO.
_NOISY_LIBRARIES = ("faster_whisper", "ctranslate2", "vosk", "comtypes", "pyttsx3", "urllib3", "PIL")

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def describe(text: str) -> str:
    """A loggable stand-in for user text: its size, never its content."""
    words = len(text.split())
    return f"<text: {len(text)} chars, {words} words>"


def setup_logging(log_dir: Path, level: str = "INFO", *, console: bool = False) -> Path | None:
    """Log to ``log_dir/assistant.log`` (1 MB x 5). Returns the file, or None if it can't be opened."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_assistant", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for name in _NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)

    log_file: Path | None = log_dir / "assistant.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # A read-only profile must not stop dictation; fall back to stderr warnings only.
        log_file = None
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
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
