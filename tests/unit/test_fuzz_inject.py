"""Issue 16: text for injection, whatever Unicode it holds (control characters, NUL, lone
surrogates, RTL marks, emoji sequences, combining accents), is planned without a crash, and no key
is ever planned for a character the report says was dropped."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli._input import decode_text
from assistant.errors import UsageError
from assistant.inject.inserter import chunks
from assistant.inject.text import normalise, separator, tail_edit
from assistant.inject.x11 import KEYSYM_RETURN, KEYSYM_TAB, char_keysym

FUZZ = settings(database=None, derandomize=True, deadline=None, max_examples=200)

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
SPECIAL = [
    *CONTROLS,
    "\u2028",
    "\u2029",
    "\ud800",
    "\udcff",
    "\udfff",  # lone surrogates (undecodable bytes in argv)
    "\u200f",
    "\u202e",
    "\u2066",
    "\u061c",  # RTL and bidi marks
    "\u200d",
    "\ufe0f",
    "\U0001f469\u200d\U0001f4bb",
    "\U0001f1e9\U0001f1f0",  # emoji sequences, a flag
    "e\u0301",
    "a\u0308\u0304",
    "\u0301",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",  # combining, BOM, noncharacters
    "שלום",
    "مرحبا",
    "æøå ÆØÅ",
]
texts = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=8)), max_size=40).map("".join)
DROPPED = {*CONTROLS, *(chr(c) for c in range(0xD800, 0xE000))} - {"\n", "\t"}
DROPPED_KEYS = {char_keysym(ch) for ch in DROPPED}
BREAKS = ("\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def _without_breaks(text: str) -> str:
    for brk in BREAKS:
        text = text.replace(brk, "\n")
    return text


@FUZZ
@given(texts)
def test_planning_any_text_never_crashes_and_never_keys_a_dropped_character(text: str) -> None:
    done = normalise(text)
    kept = done.text
    # What the report says: exactly the control characters and lone surrogates were dropped.
    broken = _without_breaks(text)
    assert done.dropped == sum(ch in DROPPED for ch in broken)
    assert kept == unicodedata.normalize("NFC", "".join(ch for ch in broken if ch not in DROPPED))
    # No key for any of them: every planned keysym belongs to a kept character.
    keys = [char_keysym(ch) for ch in kept]
    assert not DROPPED_KEYS.intersection(keys)
    assert len(keys) == len(kept) and all(0 < k <= 0x0110FFFF for k in keys)
    assert keys.count(KEYSYM_RETURN) == kept.count("\n") and keys.count(KEYSYM_TAB) == kept.count("\t")
    # What the other backends get can be encoded (clipboard UTF-8, Windows UTF-16), is NFC,
    # and normalising again changes nothing.
    kept.encode("utf-8")
    kept.encode("utf-16-le")
    assert unicodedata.is_normalized("NFC", kept)
    assert normalise(kept) == type(done)(kept, 0)
    assert normalise(done) is done
    # Typing in pieces (focus checks between them) sends the same characters.
    for delay in (0, 5):
        assert "".join(chunks(kept, delay)) == kept


@FUZZ
@given(texts, texts)
def test_streaming_edits_and_separators_reach_the_new_text(old: str, new: str) -> None:
    old, new = normalise(old).text, normalise(new).text
    erase, typed = tail_edit(old, new)
    assert 0 <= erase <= len(old)
    assert old[: len(old) - erase] + typed == new
    gap = separator(old, new)
    assert gap in ("", " ")


@settings(database=None, derandomize=True, deadline=None, max_examples=200)
@given(st.binary(max_size=200), st.booleans())
def test_standard_input_bytes_decode_exactly_or_fail_with_the_offset(data: bytes, allow_nul: bool) -> None:
    try:
        text = decode_text(data, allow_nul=allow_nul)
    except UsageError as error:
        assert error.msgid in ("input.not-utf8", "input.binary")
        offset = error.params["offset"]
        assert isinstance(offset, int) and 0 <= offset < len(data)
        assert "\n" not in error.one_line()
        if error.msgid == "input.binary":
            assert data[offset] == 0 and not allow_nul
        return
    assert text.encode("utf-8") == data.removeprefix(b"\xef\xbb\xbf")
    assert allow_nul or "\0" not in text


@pytest.mark.parametrize(
    ("text", "expected", "dropped"),
    [
        ("e\x00\u0301", "é", 1),  # the NUL no longer keeps the accent from joining its letter
        ("hej \udcff med", "hej  med", 1),  # undecodable byte from argv
        ("\x1b[31mrød\x1b[0m", "[31mrød[0m", 2),
        ("\u202eabc\u202c", "\u202eabc\u202c", 0),  # bidi marks are text, typed as written
    ],
)
def test_examples(text: str, expected: str, dropped: int) -> None:
    done = normalise(text)
    assert (done.text, done.dropped) == (expected, dropped)
