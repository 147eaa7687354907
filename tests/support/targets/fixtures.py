"""Fixtures for tests that type into real target programs. A test module asks for them with
``pytest_plugins = ["tests.support.targets.fixtures"]`` (pytest's way to share fixtures without
importing each by name into the module).

``targets``: a :class:`Targets` for this test; ``targets.start(kind, title=...)`` starts one of
:data:`tests.support.targets.KINDS` (or ``qt-line``, ``gtk-line``) on the session's Xvfb, focused;
every program it started is stopped at the end of the test.

``panel``: the dictation panel of a fresh :class:`assistant.app.App` on the Xvfb display, not
shown yet (the test shows it when it wants its chords grabbed), shut down at the end.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.targets import Target, start_target


def x_env(display: str, **extra: str) -> dict[str, str]:
    """This process's environment aimed at the X display ``display`` (never at Wayland), with
    ``extra`` variables: the one X environment every test gives the product's subprocesses."""
    env = dict(os.environ, DISPLAY=display, XDG_SESSION_TYPE="x11", **extra)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def xclip_in(env: dict[str, str], selection: str, text: str) -> None:
    """Another program copies ``text`` to ``selection`` ("clipboard" or "primary") and keeps serving it."""
    subprocess.run(
        ["xclip", "-i", "-selection", selection], input=text.encode(), env=env, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10,
    )  # fmt: skip


class Targets:
    """The target programs one test started on one display."""

    def __init__(self, display: str, workdir: Path) -> None:
        self.display = display
        self.workdir = workdir
        self.started: list[Target] = []

    def env(self) -> dict[str, str]:
        return x_env(self.display)

    def start(self, kind: str, title: str = "") -> Target:
        target = start_target(kind, self.display, self.workdir, self.env(), title=title)
        self.started.append(target)
        return target

    def stop_all(self) -> None:
        while self.started:
            self.started.pop().stop()


@pytest.fixture
def targets(xvfb, tmp_path: Path) -> Iterator[Targets]:
    started = Targets(xvfb.display, tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


@pytest.fixture
def panel(xvfb, a11y, qtbot) -> Iterator[object]:
    # The product is imported here, not at the top: tests/support never needs it to load.
    from assistant.app import App
    from assistant.text.service import from_app
    from assistant.ui.bridge import TaskBridge
    from assistant.ui.dictation import DictationController
    from assistant.ui.dictation_panel import DictationPanel
    from assistant.ui.workers import Workers

    app = App.create(x_env(xvfb.display))
    controller = DictationController(app, Workers(TaskBridge()), spelling=from_app(app, "da"))
    widget = DictationPanel(controller)
    qtbot.addWidget(widget)
    try:
        yield widget
    finally:
        controller.shutdown()
        widget.close()
