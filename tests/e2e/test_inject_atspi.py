"""Issue 11, deliverables 1 and 7 through AT-SPI: the field is read back without selecting
anything or sending keys ("Indsat og kontrolleret"), a line break in a single-line field is typed
as a space (Return there can submit a form), and where no accessibility bus answers the result
says "Sendt" and nothing stronger. Real Qt, GTK and Chromium targets on Xvfb, a real AT-SPI bus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.inject import atspi
from assistant.inject.inserter import Inserter
from tests.support.a11y import A11yBus
from tests.support.display import XvfbServer
from tests.support.targets import Target, start_target
from tests.support.targets.fixtures import x_env

pytestmark = [pytest.mark.display]

NOTE = "Linje et: Åse, Łukasz og Ærø.\nLinje to\tslut."
FLAT = "Linje et: Åse, Łukasz og Ærø. Linje to slut."


def _primary(env: dict[str, str]) -> str:
    done = subprocess.run(["xsel", "--output", "--primary"], env=env, capture_output=True, timeout=10)
    return done.stdout.decode("utf-8", errors="replace")


def _own_primary(env: dict[str, str], text: str) -> subprocess.Popen:
    """Another program owns PRIMARY, as when the user has marked some text."""
    proc = subprocess.Popen(["xsel", "--input", "--primary", "--nodetach"], env=env, stdin=subprocess.PIPE)
    proc.stdin.write(text.encode())  # type: ignore[union-attr]
    proc.stdin.close()  # type: ignore[union-attr]
    for _ in range(100):
        if _primary(env) == text:
            return proc
    proc.kill()
    raise AssertionError("xsel did not take PRIMARY")


@pytest.mark.parametrize("kind", ["qt", "gtk", "chromium"])
def test_multi_line_field_is_read_back_and_keeps_its_line_breaks(
    kind: str, danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display)
    own_targets.append(start_target(kind, xvfb.display, tmp_path, env))
    # A browser textarea moves focus on Tab (the read-back then rightly fails): no tab there.
    note = NOTE.replace("\t", " ") if kind == "chromium" else NOTE
    owner = _own_primary(env, "brugerens markering")
    inserter = Inserter(None, env)
    try:
        assert inserter.field_reason() is None
        inserter.begin()
        result = inserter.insert(note)
    finally:
        inserter.close()
        selection = _primary(env)
        owner.kill()
    assert result.read_back and not result.check_failed and result.breaks_as_spaces == 0
    assert own_targets[0].wait_for(note, timeout=10)[0] == note
    assert selection == "brugerens markering"  # the user's selection was not touched


@pytest.mark.parametrize("kind", ["qt-line", "gtk-line"])
def test_single_line_field_gets_spaces_for_line_breaks_and_tabs(
    kind: str, danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display)
    own_targets.append(start_target(kind, xvfb.display, tmp_path, env))
    inserter = Inserter(None, env)
    try:
        inserter.begin()
        result = inserter.insert(NOTE)
    finally:
        inserter.close()
    assert result.breaks_as_spaces == 2 and result.chars == len(FLAT)
    assert result.read_back and not result.check_failed
    assert own_targets[0].wait_for(FLAT, timeout=10)[0] == FLAT


def test_streaming_into_a_single_line_field_types_spaces(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display)
    own_targets.append(start_target("gtk-line", xvfb.display, tmp_path, env))
    inserter = Inserter(None, env, backend="xtest")
    try:
        stream = inserter.stream(inserter.begin())
        assert stream.update("Hej med Åse\n") == (0, 12)
        assert stream.update("Hej med Åse\nTak.") == (0, 4)
    finally:
        inserter.close()
    assert own_targets[0].wait_for("Hej med Åse Tak.", timeout=10)[0] == "Hej med Åse Tak."


def test_cli_reports_the_spaces_and_the_read_back(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display)
    own_targets.append(start_target("qt-line", xvfb.display, tmp_path, env))
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "--json", "-"],
        input=NOTE.encode(),
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert report["line_breaks_as_spaces"] == 2 and report["read_back"] is True
    assert own_targets[0].wait_for(FLAT, timeout=10)[0] == FLAT


def test_without_an_accessibility_bus_it_says_sent_and_sends_no_extra_keys(
    danish_layout: str, xvfb: XvfbServer, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display)
    for key in ("AT_SPI_BUS_ADDRESS", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(key, None)
    own_targets.append(start_target("qt", xvfb.display, tmp_path, env))
    owner = _own_primary(env, "brugerens markering")
    inserter = Inserter(None, env)
    try:
        assert "session bus" in (inserter.field_reason() or "")
        inserter.begin()
        result = inserter.insert(NOTE)
    finally:
        inserter.close()
        selection = _primary(env)
        owner.kill()
    assert not result.read_back and not result.check_failed  # "Sendt", nothing stronger
    assert own_targets[0].wait_for(NOTE, timeout=10)[0] == NOTE  # the line break stays a line break
    assert selection == "brugerens markering"


def test_available_names_what_is_missing() -> None:
    assert "session bus" in (atspi.available({}) or "")
