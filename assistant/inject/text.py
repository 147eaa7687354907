"""Pure text helpers shared by every backend: normalisation (done once) and tail edits."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Control characters other than line break and tab have no key a user would expect: typed as
# keys they would act (Escape closes dialogs, a NUL can end a C string in the target).
_DROP = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)}
# Lone surrogates (bytes that were not UTF-8, kept by Python's surrogateescape) are no character
# at all: no key types them and the clipboard cannot encode them.
_DROP |= {chr(c) for c in range(0xD800, 0xE000)}
# Line and paragraph separators and the "next line" control are line breaks, not noise.
_BREAKS = ("\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


@dataclass(frozen=True)
class Normalised:
    """Text ready for a backend, and how many control characters were dropped from it."""

    text: str
    dropped: int = 0

    def note(self) -> str:
        """A short Danish note for the user about dropped characters ("" if none)."""
        if not self.dropped:
            return ""
        return f"{self.dropped} styretegn blev fjernet"


def normalise(text: str | Normalised) -> Normalised:
    """NFC, every line break as ``\\n``, other control characters (and lone surrogates) dropped
    and counted.

    NFC makes ``é`` one character (one key event, one backspace) instead of ``e`` plus a
    combining accent. A NUL is dropped like any other control character, so it never cuts the
    text short. Dropping comes before NFC, so ``e``, NUL, combining accent still becomes one
    ``é``. Idempotent: normalising a :class:`Normalised` (or its text) changes nothing more.
    """
    if isinstance(text, Normalised):
        return text
    for brk in _BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    dropped = 0
    if any(ch in _DROP for ch in text):
        kept = "".join(ch for ch in text if ch not in _DROP)
        dropped = len(text) - len(kept)
        text = kept
    return Normalised(unicodedata.normalize("NFC", text), dropped)


def prepare(text: str) -> str:
    """:func:`normalise` without the report."""
    return normalise(text).text


def decode_input(data: bytes) -> str:
    """Decode bytes from standard input as UTF-8; a clear error, never garbage, if they are not."""
    from assistant.errors import UsageError

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"The input is not valid UTF-8 (byte {exc.start} cannot be decoded); nothing was typed",
            "Save the text as UTF-8, or convert it with: iconv -f LATIN1 -t UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def tail_edit(old: str, new: str) -> tuple[int, str]:
    """How to turn ``old`` (already typed) into ``new``: (characters to erase, text to type).

    Only the tail after the common prefix changes, so a streaming partial result that grows
    or corrects its last word never retypes what is already right.
    """
    i = common_prefix(old, new)
    return len(old) - i, new[i:]


def common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    i = 0
    while i < limit and a[i] == b[i]:
        i += 1
    return i


_NO_SPACE_BEFORE = set(".,;:!?)]}»”’…%")


def separator(before: str, text: str) -> str:
    """What goes between text already inserted (ending in ``before``) and new ``text``.

    A space after a word or sentence, nothing after whitespace or before closing punctuation;
    a line break stays a line break (the text carries it).
    """
    if not before or not text:
        return ""
    last, first = before[-1], text[0]
    if last.isspace() or first.isspace() or first in _NO_SPACE_BEFORE:
        return ""
    if last in "([{«„“‘/-":
        return ""
    return " "
