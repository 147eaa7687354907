"""Text from standard input or the command line, checked once for every command.

Standard input is read as bytes and decoded as strict UTF-8: a wrong encoding or a binary file
gives one clear line naming the byte offset (never the content, which may be patient data),
instead of garbage typed into a window or an "internal error" deep inside an engine.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from typing import BinaryIO

from assistant.errors import UsageError

# Far more than anyone pastes or dictates, small enough that `cmd < /dev/zero` ends quickly.
MAX_STDIN_BYTES = 16 * 1024 * 1024
# Longest --seconds: a day of dictation.
MAX_SECONDS = 86400
# Largest SQLite integer (history ids).
MAX_ID = 2**63 - 1

_CONVERT_HINT = "Save the text as UTF-8, or convert it with: iconv -f LATIN1 -t UTF-8"


def read_stdin_text(
    *, nothing_done: str = "nothing was done", allow_nul: bool = False, stream: BinaryIO | None = None
) -> str:
    """All of standard input as text: strict UTF-8, a leading byte-order mark removed.

    ``nothing_done`` finishes the error sentence ("nothing was typed"). A NUL byte means a binary
    file, not text, unless ``allow_nul`` (``type`` drops control characters and counts them).
    """
    if stream is None:
        if sys.stdin is None:
            raise UsageError(
                "There is no standard input to read",
                "Give the text as an argument",
                msgid="input.no-stdin",
            )
        stream = sys.stdin.buffer
    data = stream.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise UsageError(
            f"The input is larger than {MAX_STDIN_BYTES // (1024 * 1024)} MB; {nothing_done}",
            "Split it into smaller parts",
            msgid="input.too-large",
            params={"megabytes": MAX_STDIN_BYTES // (1024 * 1024)},
        )
    return decode_text(data, nothing_done=nothing_done, allow_nul=allow_nul)


def decode_text(data: bytes, *, nothing_done: str = "nothing was done", allow_nul: bool = False) -> str:
    """``data`` as strict UTF-8 text (see :func:`read_stdin_text`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"The input is not valid UTF-8 (byte {exc.start} cannot be decoded); {nothing_done}",
            _CONVERT_HINT,
            msgid="input.not-utf8",
            params={"offset": exc.start},
        ) from None
    if not allow_nul:
        nul = data.find(b"\0")
        if nul >= 0:
            raise UsageError(
                f"The input looks like a binary file, not text (a NUL byte at byte {nul}); {nothing_done}",
                "Give a plain text file",
                msgid="input.binary",
                params={"offset": nul},
            )
    return text.removeprefix("\ufeff")


def check_argument_text(text: str, what: str = "TEXT") -> str:
    """A command-line argument as text. Python keeps bytes that are not UTF-8 in ``sys.argv`` as
    lone surrogates; they cannot be spoken, typed or printed, so they are refused here."""
    for index, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            raise UsageError(
                f"{what} is not valid UTF-8 (character {index} cannot be decoded); nothing was done",
                "Check the terminal's character set (it should be UTF-8)",
                msgid="input.argument-not-utf8",
                params={"what": what, "offset": index},
            )
        if char == "\0":  # cannot happen through exec(), but can through run(argv)
            raise UsageError(
                f"{what} holds a NUL character; nothing was done",
                msgid="input.argument-nul",
                params={"what": what},
            )
    return text


def int_in_range(low: int, high: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number from ``low`` to ``high`` (SQLite ids, days, limits:
    a 20-digit number must be a usage error, not an overflow deep inside)."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} is needed, not {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value.strip()}")
        return number

    parse.__name__ = "int"  # argparse names the type in some messages
    return parse


def seconds_value(value: str) -> float:
    """An argparse ``type=`` for a duration: a finite number of seconds, more than 0, at most a day
    (``nan``, ``inf`` and negative numbers are refused)."""
    try:
        number = float(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds is needed, not {value!r}") from None
    if not math.isfinite(number) or not 0 < number <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {MAX_SECONDS}, not {value.strip()}"
        )
    return number
