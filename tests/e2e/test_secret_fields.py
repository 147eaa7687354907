"""Secrets in fields (issue #22 item 6): a field the accessibility bus reports as a password is
never typed into, and what is typed there is never read aloud; the user is told why.

Real Qt (QLineEdit, Password echo mode) and GTK (Gtk.Entry, visibility off) fields in their own
processes on Xvfb, a real AT-SPI bus, real key presses (xdotool) seen through X RECORD."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.inject.atspi import AtSpi
from assistant.inject.inserter import Inserter, SecretField
from assistant.inject.secret import SecretFieldProbe
from assistant.tts.echo import TypingEcho
from assistant.tts.typing import X11TypingWatcher
from tests.support import wait_until
from tests.support.a11y import A11yBus
from tests.support.display import XvfbServer
from tests.support.said import Said
from tests.support.targets import Target, start_target
from tests.support.targets.fixtures import x_env

pytestmark = [pytest.mark.display]

SECRET = "hemmelig kode tre "


@pytest.mark.parametrize("kind", ["qt-password", "gtk-password"])
def test_a_password_field_is_recognised_and_never_typed_into(
    kind: str, danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    own_targets.append(start_target(kind, xvfb.display, tmp_path, env))
    probe = AtSpi(env)
    try:
        field = wait_until(lambda: probe.focused_field(None), timeout=10, message="the focused field")
    finally:
        probe.close()
    assert field.secret
    inserter = Inserter(None, env)
    try:
        inserter.begin()
        with pytest.raises(SecretField) as info:
            inserter.insert("Diktat til et andet felt")
        with pytest.raises(SecretField):
            inserter.stream(inserter.target).update("Diktat")
    finally:
        inserter.close()
    assert info.value.msgid == "inject.secret-field" and "password field" in info.value.message
    assert own_targets[0].read() == "", "nothing was typed into the password field"


def test_a_field_showing_only_mask_characters_is_secret_without_the_role(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    # Where a toolkit draws the masks itself and does not report PASSWORD_TEXT, the typed
    # characters are not shown: the field counts as secret from what it shows.
    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    own_targets.append(start_target("qt-masked", xvfb.display, tmp_path, env))
    probe = AtSpi(env)
    try:
        field = wait_until(lambda: probe.focused_field(None), timeout=10, message="the focused field")
        assert probe._role(field.bus, field.path) != 40, "this field does not report the password role"
    finally:
        probe.close()
    assert field.secret


def test_a_password_finished_by_tab_in_the_next_field_is_still_withheld() -> None:
    # The word began in a password field; Tab (which finishes it) is seen when focus is already
    # in the next, ordinary field. Asked at the word's start, the answer holds.
    said, withheld = Said(), []
    answers = iter([True, False, False, False])  # start of "kode4711"; its end; start/end of "navn"
    echo = TypingEcho(said, "word", secret=lambda: next(answers), on_withheld=lambda: withheld.append(1))  # type: ignore[arg-type]
    echo.feed("kode4711 navn ")
    assert said.texts == ["navn"] and withheld == [1]


def test_an_ordinary_single_line_field_is_not_secret(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    own_targets.append(start_target("qt-line", xvfb.display, tmp_path, env))
    probe = AtSpi(env)
    try:
        field = wait_until(lambda: probe.focused_field(None), timeout=10, message="the focused field")
    finally:
        probe.close()
    assert not field.secret


def test_the_cli_refuses_a_password_field_in_one_line(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    own_targets.append(start_target("qt-password", xvfb.display, tmp_path, env))
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "-"],
        input=b"Diktat",
        capture_output=True,
        env=env,
        timeout=120,
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and "password field, so nothing was typed" in err, err
    assert own_targets[0].read() == ""


@pytest.mark.parametrize("kind", ["qt-password", "gtk-password"])
def test_read_as_you_type_never_reads_a_password_field_aloud(
    kind: str, danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target]
) -> None:
    # Issue #22.6: three words typed into a Qt password field were spoken aloud.
    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    said, withheld = Said(), []
    probe = SecretFieldProbe(env)
    echo = TypingEcho(said, "word", secret=probe.focused_is_secret, on_withheld=lambda: withheld.append(1))  # type: ignore[arg-type]
    lock = threading.Lock()

    def on_char(char: str) -> None:
        with lock:
            echo.feed(char)

    watcher = X11TypingWatcher(on_char, env)
    watcher.start()
    try:
        own_targets.append(start_target(kind, xvfb.display, tmp_path, env, title="kodeord"))
        subprocess.run(["xdotool", "type", "--delay", "15", SECRET], check=True, env=env, timeout=20)
        wait_until(
            lambda: len(withheld) >= 3, timeout=15, message=lambda: f"withheld {withheld}, read {said.texts}"
        )
        # The same keys in an ordinary field are read: the watcher works, only the secret is kept back.
        own_targets.append(start_target("qt-line", xvfb.display, tmp_path, env, title="almindelig"))
        subprocess.run(["xdotool", "type", "--delay", "15", "synlig tekst "], check=True, env=env, timeout=20)
        wait_until(lambda: len(said.texts) >= 2, timeout=15, message=lambda: f"read {said.texts}")
    finally:
        watcher.stop()
        probe.close()
    assert said.texts == ["synlig", "tekst"]
    assert len(withheld) == 3


def test_the_tray_tells_the_user_why_a_password_is_not_read(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, tmp_path: Path, own_targets: list[Target], qtbot
) -> None:
    from assistant.app import App
    from assistant.ui.bridge import TaskBridge
    from assistant.ui.reading import ReaderController
    from assistant.ui.workers import Workers

    env = x_env(xvfb.display, LC_ALL="C.UTF-8")
    controller = ReaderController(App.create(env), Workers(TaskBridge()))
    read: list[str] = []
    controller.text_started.connect(lambda text, source: read.append(text))
    try:
        controller.set_echo("word")
        assert controller.echo_mode == "word"
        own_targets.append(start_target("qt-password", xvfb.display, tmp_path, env))
        with qtbot.waitSignal(controller.problem, timeout=20000) as told:
            subprocess.run(["xdotool", "type", "--delay", "15", SECRET], check=True, env=env, timeout=20)
        assert told.args == ["Det, du skriver i et kodeordsfelt, læses ikke op."]
        qtbot.wait(300)
        assert read == []
    finally:
        controller.shutdown()
