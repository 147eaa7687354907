"""Logging never carries user text: sizes instead of words, exception types instead of messages."""

from __future__ import annotations

import logging
from pathlib import Path

from assistant.log import describe, log_failure, setup_logging


def test_failures_are_logged_without_their_message(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path, "DEBUG")
    logger = logging.getLogger("assistant.test")
    dictated = " ".join(["Patienten", "har", "ondt", "i", "tand", "36"])  # not a literal in the stack
    try:
        raise ValueError(dictated)
    except ValueError:
        log_failure(logger, "dictation step %s failed", "decode")
    logger.info("dictated %s", describe(dictated))
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "dictation step decode failed (ValueError)" in text
    assert "test_failures_are_logged_without_their_message" in text  # the stack is there
    assert "<text: 28 chars, 6 words>" in text
    assert "Patienten" not in text and "tand 36" not in text
