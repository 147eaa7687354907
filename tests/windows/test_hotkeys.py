"""Global hotkeys on Windows: the product's RegisterHotKey grabber fires for a chord pressed
through the real input queue (SendInput), reports a chord another process holds, and gives its
chords back when it stops."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap
import threading

from conftest import wait_until
from test_insertion import _raw_key

from assistant.hotkeys import create_grabber
from assistant.hotkeys.windows import WindowsHotkeyGrabber

VK_CONTROL, VK_MENU, VK_D = 0x11, 0x12, ord("D")
HOLDER = textwrap.dedent(
    """
    import ctypes, sys
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    ok = user32.RegisterHotKey(None, 1, 0x2 | 0x1, ord("R"))  # ctrl+alt+r
    print("held" if ok else f"failed {ctypes.get_last_error()}", flush=True)
    sys.stdin.readline()
    """
)


def press_chord(*keys: int) -> None:
    for vk in keys:
        _raw_key(vk, up=False)
    for vk in reversed(keys):
        _raw_key(vk, up=True)


def register_once(vk: int) -> int:
    """0 if ctrl+alt+KEY can be registered now (then released again), else the Windows error."""
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    if user32.RegisterHotKey(None, 77, 0x2 | 0x1, vk):
        user32.UnregisterHotKey(None, 77)
        return 0
    return ctypes.get_last_error()


def test_a_chord_fires_press_and_release_and_is_given_back_on_stop(edit_target) -> None:
    target = edit_target()
    target.focus()  # wine delivers input to the window with focus, as Windows does
    events: list[tuple[str, bool]] = []
    lock = threading.Lock()

    def on_event(name: str, pressed: bool) -> None:
        with lock:
            events.append((name, pressed))

    grabber = create_grabber(on_event)
    assert isinstance(grabber, WindowsHotkeyGrabber)
    results = grabber.start({"dictate": "<ctrl>+<alt>+d", "read_selection": "<ctrl>+<alt>+<f9>"})
    try:
        assert [r.problem for r in results] == [None, None], results
        assert register_once(VK_D) == 1409  # ours now
        press_chord(VK_CONTROL, VK_MENU, VK_D)
        wait_until(lambda: events == [("dictate", True), ("dictate", False)], message="press and release")
        assert target.text() == ""  # the chord went to us, not into the window
    finally:
        grabber.stop()
    assert not grabber.running
    assert register_once(VK_D) == 0  # released on quit


def test_a_chord_another_program_holds_is_reported_not_raised() -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        grabber = WindowsHotkeyGrabber(lambda name, pressed: None)
        try:
            results = grabber.start({"dictate": "<ctrl>+<alt>+d", "read_selection": "<ctrl>+<alt>+r"})
        finally:
            grabber.stop()
        by_name = {r.name: r for r in results}
        assert by_name["dictate"].ok
        assert by_name["read_selection"].problem == "<ctrl>+<alt>+r is already used by another program"
    finally:
        holder.kill()
        holder.wait(10)
