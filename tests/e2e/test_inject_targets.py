"""Text lands exactly in real programs (xterm, Qt, GTK, Chromium) under Danish and US layouts,
and never in a window that took focus after dictation began."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.inject.inserter import FocusChanged, Inserter
from tests.support.display import XvfbServer
from tests.support.targets import KINDS, danish_text
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display, pytest.mark.slow]
pytest_plugins = ["tests.support.targets.fixtures"]

TEXT = danish_text(2000)


def _mismatch(expected: str, got: str) -> str:
    i = next(
        (k for k in range(min(len(expected), len(got))) if expected[k] != got[k]),
        min(len(expected), len(got)),
    )
    return (
        f"{len(got)} of {len(expected)} characters; first difference at {i}: "
        f"expected {expected[i : i + 20]!r}, got {got[i : i + 20]!r}"
    )


def test_text_has_every_danish_letter() -> None:
    assert len(TEXT) == 2000
    for ch in "æøåÆØÅé0123456789.,;:!?\"'()-/@\n":
        assert ch in TEXT, ch


@pytest.mark.parametrize("keyboard_layout", ["dk", "us"], indirect=True)
@pytest.mark.parametrize("kind", KINDS)
def test_xtest_types_2000_danish_characters_exactly(
    kind: str, keyboard_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    target = targets.start(kind)
    inserter = Inserter(None, x_env(xvfb.display), backend="xtest")
    try:
        inserter.begin()
        result = inserter.insert(TEXT)
        got, _seconds = target.wait_for(TEXT, timeout=30)
    finally:
        inserter.close()
    assert got == TEXT, f"{kind} on {keyboard_layout}: " + _mismatch(TEXT, got)
    assert result.backend == "xtest" and result.chars == 2000 and result.focus_checked
    # Speed is measured by bench/bench_inject.py, not asserted here (the machine is shared).


@pytest.mark.parametrize("kind", KINDS)
def test_clipboard_pastes_exactly(kind: str, danish_layout: str, xvfb: XvfbServer, targets: Targets) -> None:
    target = targets.start(kind)
    inserter = Inserter(None, x_env(xvfb.display), backend="clipboard")
    try:
        inserter.begin()
        result = inserter.insert(TEXT)
    finally:
        inserter.close()
    got, _ = target.wait_for(TEXT, timeout=15)
    assert got == TEXT, f"{kind}: " + _mismatch(TEXT, got)
    assert result.verified, result.detail


def test_clipboard_restores_the_users_clipboard(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    env = x_env(xvfb.display)
    old = "Det gamle indhold: Ærø, Øster, Åbenrå"
    xclip = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], stdin=subprocess.PIPE, env=env)
    xclip.communicate(old.encode("utf-8"), timeout=10)
    target = targets.start("qt")
    inserter = Inserter(None, env, backend="clipboard")
    try:
        inserter.insert("Ny tekst med æøå")
    finally:
        inserter.close()
    assert target.wait_for("Ny tekst med æøå", timeout=10)[0] == "Ny tekst med æøå"
    back = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"], capture_output=True, env=env, timeout=10
    ).stdout.decode("utf-8")
    assert back == old


def test_pasted_text_is_marked_secret_for_clipboard_managers(xvfb: XvfbServer) -> None:
    from assistant.inject import x11
    from assistant.inject.clipboard import SECRET_HINT, _Owner

    env = x_env(xvfb.display)
    disp = x11.open_display(env)
    owner = _Owner(disp)
    try:
        owner.offer_text("CLIPBOARD", "hemmelig æøå")
        owner.own(["CLIPBOARD"], owner.timestamp())
        out: dict[str, bytes] = {}

        def ask() -> None:
            out["targets"] = subprocess.run(
                ["xclip", "-o", "-selection", "clipboard", "-t", "TARGETS"],
                capture_output=True,
                env=env,
                timeout=10,
            ).stdout
            out["hint"] = subprocess.run(
                ["xclip", "-o", "-selection", "clipboard", "-t", SECRET_HINT],
                capture_output=True,
                env=env,
                timeout=10,
            ).stdout

        thread = threading.Thread(target=ask)
        thread.start()
        while thread.is_alive():
            owner.serve(0.05)
        thread.join()
    finally:
        owner.destroy()
        disp.close()
    assert SECRET_HINT in out["targets"].decode()
    assert out["hint"] == b"secret"


def test_nothing_is_typed_when_focus_moved(danish_layout: str, xvfb: XvfbServer, targets: Targets) -> None:
    first = targets.start("qt", title="dictated-into")
    second = targets.start("qt", title="other-window")
    first.focus()
    inserter = Inserter(None, x_env(xvfb.display))
    try:
        recorded = inserter.begin()
        assert recorded is not None and recorded.id == f"x11:{first.window:#x}"
        second.focus()
        with pytest.raises(FocusChanged):
            inserter.insert("Må ikke lande her")
        time.sleep(0.5)
        assert second.read() == "" and first.read() == ""
        first.focus()
        result = inserter.insert("Hej Åse")
    finally:
        inserter.close()
    assert first.wait_for("Hej Åse", timeout=10)[0] == "Hej Åse"
    assert second.read() == ""
    assert result.focus_checked


def test_streaming_replaces_only_the_changed_tail(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    target = targets.start("gtk")
    inserter = Inserter(None, x_env(xvfb.display), backend="xtest")
    try:
        stream = inserter.stream(inserter.begin())
        assert stream.update("Hej med di") == (0, 10)
        assert stream.update("Hej med dig") == (0, 1)
        assert stream.update("Hej med Dorte og Åse\n") == (3, 13)
        assert stream.update("Hej med Dorte og Åse\nTak.") == (0, 4)
    finally:
        inserter.close()
    final = "Hej med Dorte og Åse\nTak."
    assert target.wait_for(final, timeout=10)[0] == final


def test_tabs_and_line_breaks_reach_a_text_field_and_a_terminal(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    text = "Navn:\tÆble\r\nPris:\t12,50 kr.\nÉn linje mere"
    expected = "Navn:\tÆble\nPris:\t12,50 kr.\nÉn linje mere"
    for kind in ("qt", "xterm"):
        target = targets.start(kind)
        inserter = Inserter(None, x_env(xvfb.display))
        try:
            inserter.insert(text)
        finally:
            inserter.close()
        assert target.wait_for(expected, timeout=10)[0] == expected, kind


def test_paste_apps_setting_chooses_paste(danish_layout: str, xvfb: XvfbServer, targets: Targets) -> None:
    targets.start("qt")
    probe = Inserter(None, x_env(xvfb.display))
    window = probe.current_window()
    assert window is not None and window.app
    inserter = Inserter({"inject.paste_apps": [window.app.upper()]}, x_env(xvfb.display))
    try:
        result = inserter.insert("Fjernskrivebord: æøå")
    finally:
        inserter.close()
    assert result.backend == "clipboard"


def test_cli_types_stdin_and_lists_backends(danish_layout: str, xvfb: XvfbServer, targets: Targets) -> None:
    target = targets.start("qt")
    env = x_env(xvfb.display)
    text = "Fra kommandolinjen: ÆØÅ æøå é\nSlut."
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "--json", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert target.wait_for(text, timeout=10)[0] == text
    assert text not in done.stdout.decode() and text not in done.stderr.decode()
    listed = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "--list-backends"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert listed.returncode == 0
    assert "xtest      ok" in listed.stdout
    assert "sendinput  unavailable: not Windows" in listed.stdout
    assert "wayland    unavailable: not a Wayland session" in listed.stdout


def test_cli_without_display_explains(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_SESSION_TYPE"] = "tty"
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "hej"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "xtest: not an X11 session" in done.stderr
