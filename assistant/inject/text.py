"""Pure text helpers shared by every backend: normalisation and streaming tail edits."""

from __future__ import annotations

import unicodedata

# Control characters other than line break and tab have no key a user would expect.
_DROP = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {"\x7f"}


def prepare(text: str) -> str:
    """NFC-normalise, turn every line break into ``\\n`` and drop other control characters.

    NFC makes ``é`` one character (one key event, one backspace) instead of ``e`` plus a
    combining accent.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text)
    if any(ch in _DROP for ch in text):
        text = "".join(ch for ch in text if ch not in _DROP)
    return text


def tail_edit(old: str, new: str) -> tuple[int, str]:
    """How to turn ``old`` (already typed) into ``new``: (characters to erase, text to type).

    Only the tail after the common prefix changes, so a streaming partial result that grows
    or corrects its last word never retypes what is already right.
    """
    limit = min(len(old), len(new))
    i = 0
    while i < limit and old[i] == new[i]:
        i += 1
    return len(old) - i, new[i:]
