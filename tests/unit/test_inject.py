"""Injection logic that runs on any platform: text preparation, tail edits, event construction
for Windows and macOS, backend registry and ordering, focus-safe backend choice."""

from __future__ import annotations

import pytest

from assistant.inject import BACKENDS, build_registry, default_order
from assistant.inject.inserter import Inserter
from assistant.inject.macos import KEY_RETURN, KEY_TAB, chunks
from assistant.inject.sendinput import KEYEVENTF_KEYUP, KEYEVENTF_UNICODE, VK_RETURN, key_events
from assistant.inject.text import prepare, tail_edit
from assistant.inject.x11 import KEYSYM_RETURN, KEYSYM_TAB, char_keysym

NO_DESKTOP = {"PATH": "/usr/bin:/bin"}
WAYLAND_WITHOUT_TOOLS = {
    "PATH": "/nonexistent",
    "WAYLAND_DISPLAY": "wayland-0",
    "XDG_SESSION_TYPE": "wayland",
}


def test_prepare_normalises_line_breaks_and_composes_accents() -> None:
    assert prepare("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert prepare("Cafe\u0301") == "Café" and len(prepare("e\u0301")) == 1
    assert prepare("x\x00y\x1bz\tq") == "xyz\tq"
    assert prepare("ÆØÅ æøå") == "ÆØÅ æøå"


@pytest.mark.parametrize(
    ("old", "new", "edit"),
    [
        ("", "Hej", (0, "Hej")),
        ("Hej med di", "Hej med dig", (0, "g")),
        ("Hej med dig", "Hej med Dorte", (3, "Dorte")),
        ("Hej", "Hej", (0, "")),
        ("Hej Åse", "Hej", (4, "")),
        ("Rød grød", "Rød grød med fløde", (0, " med fløde")),
    ],
)
def test_tail_edit_changes_only_the_tail(old: str, new: str, edit: tuple[int, str]) -> None:
    assert tail_edit(old, new) == edit
    erase, add = edit
    assert old[: len(old) - erase] + add == new


def test_x11_keysyms() -> None:
    assert char_keysym("a") == 0x61
    assert char_keysym("æ") == 0xE6 and char_keysym("Å") == 0xC5 and char_keysym("é") == 0xE9
    assert char_keysym("€") == 0x010020AC
    assert char_keysym("😀") == 0x0101F600
    assert char_keysym("\n") == KEYSYM_RETURN and char_keysym("\t") == KEYSYM_TAB


def test_sendinput_events_use_unicode_and_surrogate_pairs() -> None:
    events = key_events("æ😀\n")
    down, up = KEYEVENTF_UNICODE, KEYEVENTF_UNICODE | KEYEVENTF_KEYUP
    assert events[:2] == [(0, 0xE6, down), (0, 0xE6, up)]
    assert events[2:6] == [(0, 0xD83D, down), (0, 0xD83D, up), (0, 0xDE00, down), (0, 0xDE00, up)]
    assert events[6:] == [(VK_RETURN, 0, 0), (VK_RETURN, 0, KEYEVENTF_KEYUP)]


def test_macos_chunks_respect_the_20_unit_limit_and_surrogates() -> None:
    text = "æ" * 19 + "😀" + "ø\tå\n"
    pieces = chunks(text)
    assert pieces == ["æ" * 19, "😀ø", KEY_TAB, "å", KEY_RETURN]
    for piece in pieces:
        if isinstance(piece, str):
            assert len(piece.encode("utf-16-le")) // 2 <= 20


def test_default_order_per_session() -> None:
    assert default_order("x11") == ["xtest", "clipboard"]
    assert default_order("wayland")[0] == "wayland"
    assert default_order("windows") == ["sendinput", "clipboard"]
    assert default_order("macos") == ["macos"]
    assert default_order("none") == []


def test_registry_has_every_backend_with_a_reason() -> None:
    registry = build_registry(None, NO_DESKTOP)
    assert registry.names == list(BACKENDS)
    reasons = {p.name: p.reason for p in registry.probe_all()}
    assert reasons["xtest"] == "not an X11 session"
    assert reasons["clipboard"] == "not an X11 session"
    assert reasons["wayland"] == "not a Wayland session"
    assert reasons["sendinput"] == "not Windows"
    assert reasons["macos"] == "not macOS"


def test_wayland_without_tools_says_what_to_install() -> None:
    reasons = {p.name: p.reason for p in build_registry(None, WAYLAND_WITHOUT_TOOLS).probe_all()}
    assert reasons["wayland"].startswith("wtype/ydotool not found: apt-get install wtype")
    assert reasons["xtest"].startswith("not an X11 session (Wayland")


def test_paste_apps_put_clipboard_first() -> None:
    from assistant.inject.base import WindowRef

    config = {"inject.backends": [], "inject.paste_apps": ["xfreerdp", "Remmina"]}
    inserter = Inserter(config, {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "PATH": "/usr/bin"})
    assert inserter.order_for(WindowRef("x11:0x1", "xfreerdp")) == ["clipboard", "xtest"]
    assert inserter.order_for(WindowRef("x11:0x1", "remmina")) == ["clipboard", "xtest"]
    assert inserter.order_for(WindowRef("x11:0x1", "XTerm")) == ["xtest", "clipboard"]
    custom = Inserter({"inject.backends": ["clipboard"]}, NO_DESKTOP)
    assert custom.order_for(None) == ["clipboard"]


def test_no_backend_explains_every_reason() -> None:
    from assistant.errors import EngineUnavailable

    inserter = Inserter({"inject.backends": ["xtest", "wayland"]}, NO_DESKTOP)
    with pytest.raises(EngineUnavailable) as info:
        inserter.insert("hej")
    assert "xtest: not an X11 session" in info.value.message
    assert "wayland: not a Wayland session" in info.value.message
    assert "hej" not in info.value.message


def test_normalise_drops_and_counts_controls_and_keeps_text_after_nul() -> None:
    from assistant.inject.text import normalise

    done = normalise("Linje 1\r\nLinje\x1b 2\x00 slut\u0085ny\x0bside\tø\x9b")
    assert done.text == "Linje 1\nLinje 2 slut\nny\nside\tø"
    assert done.dropped == 3 and done.note() == "3 styretegn blev fjernet"
    assert normalise(done) is done  # normalised once: a second pass changes nothing


def test_invalid_utf8_is_a_usage_error_without_the_text() -> None:
    from assistant.errors import UsageError
    from assistant.inject.text import decode_input

    assert decode_input("\ufeffHej æøå".encode()) == "Hej æøå"
    with pytest.raises(UsageError) as info:
        decode_input(b"CPR 0102 \xff\xfe")
    assert "byte 9" in info.value.message and "CPR" not in info.value.one_line()
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("before", "text", "sep"),
    [
        ("Nu i nye.", "Hvad synes du?", " "),
        ("Nu i nye. ", "Hvad", ""),
        ("Første linje\n", "Anden", ""),
        ("Hej", ", sagde hun", ""),
        ("", "Hej", ""),
        ("(", "hej", ""),
    ],
)
def test_separator_between_insertions(before: str, text: str, sep: str) -> None:
    from assistant.inject.text import separator

    assert separator(before, text) == sep


def test_chunks_check_focus_before_every_key_when_slow() -> None:
    from assistant.inject.inserter import CHUNK_CHARS, chunks

    assert list(chunks("abc", 100)) == ["a", "b", "c"]
    text = "x" * (CHUNK_CHARS * 2 + 1)
    assert [len(c) for c in chunks(text, 0)] == [CHUNK_CHARS, CHUNK_CHARS, 1]


def test_ledger_follows_edits_before_and_after_what_was_sent() -> None:
    from assistant.inject.ledger import InsertionLedger

    ledger = InsertionLedger()
    ledger.sync("Jeg skal børste bedere.")
    assert ledger.unsent() == "Jeg skal børste bedere." and ledger.pending()
    with ledger._lock:  # as if the first sentence went in
        ledger.sent, ledger.sent_end = ledger.doc, len(ledger.doc)
    assert not ledger.pending()
    ledger.sync("Jeg skal børste bedere. Nu i")
    ledger.sync("Jeg skal børste bedere. Nu i nye.")
    assert ledger.unsent() == " Nu i nye." and ledger.state()[0] == 23
    ledger.sync("Jeg skal børste bedre. Nu i nye.")  # a correction inside the sent text
    assert ledger.state()[0] == 22 and ledger.unsent() == " Nu i nye." and ledger.pending()
    ledger.sync("Jeg skal børste bedere. Nu i nye.")  # undo
    assert ledger.state()[0] == 23
    ledger.reset("Hvad synes du?")
    assert ledger.unsent() == "Hvad synes du?" and ledger.state() == (0, None)
