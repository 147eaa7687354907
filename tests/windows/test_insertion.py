"""Text insertion on Windows: the product's SendInput backend and focus-safe Inserter typing into
a real EDIT control of another process, read back with WM_GETTEXT."""

from __future__ import annotations

import ctypes
import threading

import pytest
from conftest import wait_until

from assistant.errors import InjectionError
from assistant.inject.inserter import FocusChanged, Inserter, InsertInterrupted
from assistant.inject.sendinput import (
    INPUT_KEYBOARD,
    KEYEVENTF_KEYUP,
    SendInputInjector,
    WindowsFocus,
    _structures,
)

VK_CONTROL = 0x11

DANISH = "Hej Åse! Rødgrød med fløde, æøå ÆØÅ."
OFF_LAYOUT = "Łódź ő Жук café Œuvre € @ ½ “citat” 😀 👍🏽 ok"


@pytest.mark.parametrize(
    "text", [DANISH, OFF_LAYOUT, "to linjer\nog et\tfaneblad"], ids=["da", "off-layout", "keys"]
)
def test_sendinput_types_exactly_what_was_said(edit_target, text: str) -> None:
    target = edit_target()
    target.focus()
    delivery = SendInputInjector().type_text(text)
    expected = text.replace("\n", "\r\n")  # the EDIT control stores line breaks as CR LF
    wait_until(lambda: target.text() == expected, message=f"{expected!r} in the EDIT control")
    assert delivery.verified is False  # SendInput only says the events were queued


def test_inserter_checks_focus_on_windows_and_types_into_the_window_it_began_with(edit_target) -> None:
    target = edit_target()
    target.focus()
    inserter = Inserter(backend="sendinput")
    assert isinstance(inserter.focus, WindowsFocus)
    began = inserter.begin()
    assert began is not None and began.id == f"win:{target.hwnd:#x}"
    result = inserter.insert(DANISH)
    assert result.backend == "sendinput" and result.focus_checked
    wait_until(lambda: target.text() == DANISH, message="the Danish text")


def test_nothing_is_typed_when_another_window_has_focus(edit_target) -> None:
    first, second = edit_target(), edit_target()
    first.focus()
    inserter = Inserter(backend="sendinput")
    inserter.begin()
    second.focus()
    with pytest.raises(FocusChanged):
        inserter.insert("må ikke skrives")
    assert first.text() == "" and second.text() == ""


def test_typing_stops_when_focus_moves(edit_target) -> None:
    first, second = edit_target(), edit_target()
    first.focus()
    text = "abcdefghij" * 20
    # One character per chunk (a per-character delay), and focus checked before each one.
    inserter = Inserter(backend="sendinput", delay_ms=15)
    inserter.begin()

    def move_focus() -> None:
        wait_until(lambda: len(first.text()) >= 20, message="typing to begin")
        second.focus()

    mover = threading.Thread(target=move_focus)
    mover.start()
    with pytest.raises(InsertInterrupted) as stopped:
        inserter.insert(text)
    mover.join()
    assert 20 <= stopped.value.sent < len(text)
    wait_until(
        lambda: first.text() == text[: stopped.value.sent], message="exactly what was reported as typed"
    )
    assert second.text() == ""


def _raw_key(vk: int, up: bool) -> None:
    INPUT, KEYBDINPUT = _structures()
    event = (INPUT * 1)()
    event[0].type = INPUT_KEYBOARD
    event[0].u.ki = KEYBDINPUT(vk, 0, KEYEVENTF_KEYUP if up else 0, 0, 0)
    assert ctypes.windll.user32.SendInput(1, event, ctypes.sizeof(INPUT)) == 1


def test_nothing_is_typed_while_a_modifier_key_is_held(edit_target) -> None:
    target = edit_target()
    target.focus()
    _raw_key(VK_CONTROL, up=False)  # the user holds Ctrl
    try:
        with pytest.raises(InjectionError, match="held down"):
            SendInputInjector().type_text("a")  # Ctrl+A would select everything
    finally:
        _raw_key(VK_CONTROL, up=True)
    assert target.text() == ""
    SendInputInjector().type_text("nu")
    wait_until(lambda: target.text() == "nu", message="typing after the key was released")


def _put_clipboard(formats: dict[int, bytes]) -> None:
    from assistant.inject.win_clipboard import _apis, _global

    user32, kernel32 = _apis()
    assert user32.OpenClipboard(None)
    try:
        user32.EmptyClipboard()
        for fmt, data in formats.items():
            assert user32.SetClipboardData(fmt, _global(kernel32, data))
    finally:
        user32.CloseClipboard()


def _clipboard() -> dict[int, bytes]:
    from assistant.inject.win_clipboard import WindowsClipboardInjector, _apis

    user32, kernel32 = _apis()
    return dict(WindowsClipboardInjector().snapshot(user32, kernel32, None))


def test_paste_inserts_exactly_and_gives_every_clipboard_format_back(edit_target) -> None:
    from assistant.inject.win_clipboard import WindowsClipboardInjector, _apis

    user32, _ = _apis()
    custom = user32.RegisterClipboardFormatW("AssistantTest.Private")
    html = user32.RegisterClipboardFormatW("HTML Format")
    dib = bytes(40 + 4)  # a 1x1 DIB header and one pixel, as bytes
    mine = {
        13: "brugerens egen tekst æøå\0".encode("utf-16-le"),
        custom: b"\x00\x01binary\xff",
        html: b"Version:0.9\r\n<b>fed</b>\0",
        8: dib,  # CF_DIB
    }
    _put_clipboard(mine)
    target = edit_target()
    target.focus()
    inserter = Inserter(backend="clipboard")
    inserter.begin()
    result = inserter.insert(OFF_LAYOUT)
    assert result.backend == "clipboard"
    assert result.verified  # the EDIT control asked for the text (delayed rendering)
    wait_until(lambda: target.text() == OFF_LAYOUT, message="the pasted text")
    after = _clipboard()
    for fmt, data in mine.items():
        assert after.get(fmt, b"")[: len(data)] == data, fmt
    assert isinstance(inserter.backend_for(None)[0], WindowsClipboardInjector)


def test_nothing_is_typed_into_a_password_box(edit_target) -> None:
    """A Win32 box that masks its characters (ES_PASSWORD / EM_GETPASSWORDCHAR) is never typed
    into, and the user is told why (issue #22); an ordinary box beside it still gets the text."""
    from assistant.inject.inserter import SecretField

    secret = edit_target(password=True)
    secret.focus()
    inserter = Inserter(backend="sendinput")
    inserter.begin()
    with pytest.raises(SecretField):
        inserter.insert("hemmelig kode")
    assert secret.text() == ""
    plain = edit_target()
    plain.focus()
    inserter = Inserter(backend="sendinput")
    inserter.begin()
    inserter.insert("synlig tekst")
    wait_until(lambda: plain.text() == "synlig tekst", message="the text in the ordinary box")
