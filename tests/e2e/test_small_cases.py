"""The smaller cases of issue #22 (item 8): each is one line (or a Danish notice), never an
internal error or an abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.targets.fixtures import x_env
from tests.support.users import MachineRoot, OtherUser

HOSTILE = "evil\x1b]0;owned\x07\x1b[2J\x9b31m"


def _cli(
    *args: str, env: dict[str, str] | None = None, shell_prefix: str = ""
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "assistant", *args]
    if shell_prefix:
        import shlex

        argv = ["sh", "-c", f"{shell_prefix}; exec {shlex.join(argv)}"]
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("assistant: settings:")]
    assert len(lines) == 1 and lines[0].startswith("assistant: error: "), result.stderr
    assert "internal error" not in result.stderr
    return lines[0]


@pytest.mark.display
def test_a_screen_that_does_not_exist_is_one_line_not_an_abort(xvfb) -> None:
    # DISPLAY=:0.5 aborted the tray inside Qt (exit 134).
    env = x_env(f"{xvfb.display}.5")
    line = _one_error_line(_cli("tray", env=env))
    assert f"X display {xvfb.display}.5 has no screen 5" in line


@pytest.mark.display
def test_another_windows_class_never_reaches_the_terminal_raw(xvfb) -> None:
    # Another window's WM_CLASS (escape sequences) was printed raw to the terminal.
    from Xlib import X
    from Xlib import display as xdisplay

    from assistant.inject import x11

    disp = xdisplay.Display(xvfb.display)
    win = disp.screen().root.create_window(0, 0, 200, 100, 0, X.CopyFromParent)
    win.set_wm_class(HOSTILE, HOSTILE)
    win.map()
    disp.sync()
    try:
        disp.set_input_focus(win, X.RevertToParent, X.CurrentTime)
        disp.sync()
        assert x11.window_class(disp, win) == "evil?]0;owned??[2J?31m"
        result = _cli("type", "--backend", "xtest", "--no-check", "hej", env=x_env(xvfb.display))
        assert result.returncode == 0, result.stderr
        assert "evil?]0;owned" in result.stderr
        assert not any(ch in result.stdout + result.stderr for ch in "\x1b\x07\x9b")
    finally:
        win.destroy()
        disp.close()


def test_dictionary_add_refuses_a_dash_and_other_non_words(assistant_home) -> None:
    for word in ("-", "...", "—"):
        line = _one_error_line(_cli("dictionary", "add", "tandsten", word))
        assert f"'{word}' is not a word" in line and "nothing was added" in line
    listed = _cli("dictionary", "list")
    assert listed.returncode == 0 and listed.stdout.strip() == ""
    assert _cli("dictionary", "add", "covid-19", "3D").returncode == 0


def test_a_home_that_does_not_exist_is_not_called_read_only(
    machine_root: MachineRoot, other_user: OtherUser
) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": "/nonexistent", "PYTHONPATH": str(Path(__file__).parents[2])}
    for args in (("config", "set", "ui.font_size", "18"), ("dictionary", "add", "tandsten")):
        result = machine_root.assistant(*args, user=other_user, env=env)
        line = _one_error_line(result)
        assert "does not exist and cannot be created" in line and "read-only" not in line, line


@pytest.mark.parametrize("limit_kb", [409600, 500000])
def test_running_out_of_memory_while_loading_a_model_is_one_line(speech_samples, limit_kb: int) -> None:
    # `ulimit -v 400M` during a model load was an internal error (a MemoryError in an import); a
    # little more memory gave "the model could not be loaded (RuntimeError)", blaming the model.
    sample = next(s for s in speech_samples if "jfk" in s.path.stem)
    result = _cli("transcribe", str(sample.path), "--language", "en", shell_prefix=f"ulimit -v {limit_kb}")
    line = _one_error_line(result)
    assert "not enough memory" in line and "at most" in line, line
