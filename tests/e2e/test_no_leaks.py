"""Nothing lingers: no product process outlives its command beyond a small bound (the clipboard
keeper included), and what was typed stays out of logs and temporary files, at DEBUG too.

The phrase checks of the full runs (dictation, read aloud, the tray) are in
tests/e2e/test_no_network.py, which runs every feature once.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest

from assistant.inject.clipboard import ClipboardInjector
from tests.support import wait_until
from tests.support.nonet import NoNetwork, product_processes
from tests.support.offline import offline
from tests.support.targets import start_target
from tests.support.targets.fixtures import x_env, xclip_in

pytestmark = [pytest.mark.display]

TYPED = "Kvæghyrdens løgnagtige zebrafrugt 4711"


def _xclip_out(env: dict[str, str], selection: str) -> str:
    return subprocess.run(
        ["xclip", "-o", "-selection", selection], capture_output=True, env=env, timeout=10
    ).stdout.decode("utf-8", "replace")


def test_commands_leave_no_process_and_the_clipboard_keeper_ends_when_another_program_copies(
    xvfb, assistant_home, tmp_path: Path
) -> None:
    env = x_env(xvfb.display)
    mark = uuid.uuid4().hex
    run = offline(tmp_path)
    guard, private_tmp = run.guard, run.tmp
    product_env = run.env({**env, "ASSISTANT_LEAK_MARK": mark})
    target = start_target("xterm", xvfb.display, tmp_path, env)
    try:
        # Synthetic typing: the command leaves nothing running.
        result = guard.run(["--log-level", "DEBUG", "type", "--backend", "xtest", TYPED], product_env)
        assert result.returncode == 0, result.stderr
        assert target.wait_for(TYPED, timeout=30)[0] == TYPED
        wait_until(lambda: not product_processes(mark), timeout=2, message="nothing left after typing")

        # Paste: the user's clipboard is served back by a keeper, which ends as soon as another
        # program takes the clipboard.
        xclip_in(env, "clipboard", "what the user had copied")
        target.focus()
        result = guard.run(
            ["--log-level", "DEBUG", "type", "--backend", "clipboard", "x" + TYPED], product_env
        )
        assert result.returncode == 0, result.stderr
        assert target.wait_for(TYPED + "x" + TYPED, timeout=30)[0] == TYPED + "x" + TYPED
        keepers = product_processes(mark)
        assert list(keepers.values()) and all("clipboard --keep" in c for c in keepers.values()), keepers
        assert _xclip_out(env, "clipboard") == "what the user had copied"
        copied_at = time.monotonic()
        xclip_in(env, "clipboard", "copied later in another program")
        wait_until(lambda: not product_processes(mark), timeout=5, message="the keeper ended")
        print(f"keeper ended {time.monotonic() - copied_at:.2f} s after another program copied")
    finally:
        target.stop()
    guard.assert_clean("by type")
    logs = list((assistant_home.home / "logs").glob("*.log"))
    assert logs, "no log written: the leak check proves nothing"
    for folder in (assistant_home.home, private_tmp):
        for path in folder.rglob("*"):
            if path.is_file():
                assert "zebrafrugt" not in path.read_bytes().decode("utf-8", "ignore").lower(), path


def test_clipboard_keeper_hands_the_clipboard_to_a_clipboard_manager_and_ends(xvfb, tmp_path: Path) -> None:
    """On a desktop with a clipboard manager the keeper hands the user's clipboard over and ends
    at once (the manager then serves it, for as long as the session lasts)."""
    import sys

    from tests.support import REPO_ROOT

    env = x_env(xvfb.display)
    manager = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "tests/support/clipboard_manager.py")], env=env,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    target = start_target("xterm", xvfb.display, tmp_path, env)
    try:
        assert manager.stdout is not None and manager.stdout.readline().strip() == "ready"
        xclip_in(env, "clipboard", "kept by the manager")
        target.focus()
        injector = ClipboardInjector(env)
        injector.type_text("hej")
        keeper = injector.keeper
        assert keeper is not None
        started = time.monotonic()
        assert keeper.wait(timeout=10) == 0
        lived = time.monotonic() - started
        assert _xclip_out(env, "clipboard") == "kept by the manager"
    finally:
        target.stop()
        manager.kill()
        manager.wait(10)
    assert lived < 2.0, f"the keeper lived {lived:.2f} s next to a clipboard manager"
    print(f"keeper handed over to the clipboard manager and ended after {lived:.2f} s")


def test_read_selection_by_copy_restores_the_clipboard_and_leaves_no_process(
    xvfb, assistant_home, tmp_path: Path
) -> None:
    """The copy fallback (a Qt field, PRIMARY empty) puts the user's clipboard back through the
    same bounded keeper (it used to leave an `xclip -i` serving it until the next copy, however
    long that took): nothing is left once another program copies."""
    import sys

    from tests.support import REPO_ROOT

    env = x_env(xvfb.display)
    mark = uuid.uuid4().hex
    out = tmp_path / "field.txt"
    field = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "tests/support/targets/qt_field.py"), str(out), "leak-copy-target"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        window = wait_until(
            lambda: subprocess.run(
                ["xdotool", "search", "--name", "leak-copy-target"], env=env, capture_output=True, text=True
            ).stdout.split(),
            timeout=20,
            message="the Qt field window",
        )[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10)
        subprocess.run(
            ["xdotool", "type", "--delay", "20", "Ørkenugle i marken"], env=env, check=True, timeout=30
        )
        wait_until(
            lambda: out.is_file() and out.read_text(encoding="utf-8") == "Ørkenugle i marken", timeout=10
        )
        subprocess.run(["xdotool", "key", "ctrl+a"], env=env, check=True, timeout=10)
        xclip_in(env, "primary", "")
        xclip_in(env, "clipboard", "the user's clipboard")
        guard = NoNetwork(tmp_path)
        result = guard.run(["read-selection", "--print"], {**env, "ASSISTANT_LEAK_MARK": mark})
        assert result.returncode == 0 and result.stdout == "Ørkenugle i marken\n", result.stderr
        assert _xclip_out(env, "clipboard") == "the user's clipboard"
        left = product_processes(mark)  # only the bounded keeper serves it back
        assert left and all("clipboard --keep" in c for c in left.values()), left
        xclip_in(env, "clipboard", "copied later")
        wait_until(
            lambda: not product_processes(mark), timeout=5, message="nothing left serving the clipboard"
        )
    finally:
        field.terminate()
        field.wait(10)
    guard.assert_clean("by read-selection")
