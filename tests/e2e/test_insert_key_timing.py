"""Issue 20, insertion under real key timing: typing never starts while a key is down or any
client (the tray's own chord grab included) holds the keyboard, and a busy CPU changes nothing.

Every release order of the panel's Ctrl+Alt+I chord and taps of 0.05-0.3 s, in one tray session
per load, each insertion read back exactly from the target; and ``assistant type`` while another
client holds the keyboard grab exits 3 with one line, the target getting nothing."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time

import pytest

from assistant.inject.text import separator
from tests.support.display import XvfbServer
from tests.support.load import CpuLoad
from tests.support.procs import ManagedProcess, wait_until
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display, pytest.mark.slow]
pytest_plugins = ["tests.support.targets.fixtures"]

KEYS = ("ctrl", "alt", "i")
RELEASE_ORDERS = list(itertools.permutations(KEYS))  # all six
TAPS = (0.05, 0.1, 0.2, 0.3)  # how long the whole chord is held

# A helper client that holds an active keyboard grab until it is killed (like an open menu or a
# screen locker).
GRABBER = """
import sys, time
from Xlib import X, display
d = display.Display()
status = d.screen().root.grab_keyboard(False, X.GrabModeAsync, X.GrabModeAsync, X.CurrentTime)
d.sync()
print("grabbed" if status == X.GrabSuccess else f"failed {status}", flush=True)
while True:
    time.sleep(1)
"""


def _chord(env: dict[str, str], order: tuple[str, ...], hold: float, gap: float) -> subprocess.Popen:
    """Press Ctrl, Alt, I; after ``hold`` release them one by one in ``order``, ``gap`` apart.
    Runs in its own process, so the tray's GUI thread (this test's thread) keeps running and
    starts the insertion while keys are still down, as it would for a user."""
    steps = ["xdotool keydown ctrl alt i", f"sleep {hold}"]
    for n, key in enumerate(order):
        if n and gap:
            steps.append(f"sleep {gap}")
        steps.append(f"xdotool keyup {key}")
    return subprocess.Popen(["sh", "-c", "; ".join(steps)], env=env)


def test_indsaet_chord_in_every_release_order_and_tap_length_lands_exactly(
    danish_layout: str,
    xvfb: XvfbServer,
    tray_host,
    qtbot,
    targets: Targets,
    machine_load: CpuLoad | None,
    tmp_path,
) -> None:
    from PySide6.QtWidgets import QApplication

    from assistant.app import App
    from assistant.ui.main import TrayController

    env = x_env(xvfb.display)
    app = App.create(env)
    app.config.set("ui.first_run_guide", False)
    term = targets.start("xterm", title="journal")
    controller = TrayController(app, QApplication.instance())
    statuses: list[str] = []
    # Release orders with the last key let go 0.15 s after the others (the case 1), then
    # plain taps of the whole chord.
    presses = [(order, 0.12, 0.15) for order in RELEASE_ORDERS] + [
        (("i", "alt", "ctrl"), t, 0.0) for t in TAPS
    ]
    try:
        controller.show()
        dictation, panel = controller.dictation, controller.panel
        dictation.status.connect(lambda message, problem: statuses.append(message))
        panel.show_near_bottom()
        qtbot.waitUntil(lambda: panel.keys.works("insert"), timeout=10000)
        term.focus()
        expected = ""
        for n, (order, hold, gap) in enumerate(presses):
            text = f"Notat {n + 1}: Åse fik {'+'.join(order)} på {hold:.2f} s."
            dictation.load_text(text)
            expected += separator(expected[-1:], text) + text
            with qtbot.waitSignal(dictation.inserted, timeout=30000):
                keys = _chord(env, order, hold, gap)
            assert keys.wait(timeout=10) == 0
            got, _ = term.wait_for(expected, timeout=15)
            assert got == expected, f"release order {order}, held {hold} s: target has {got!r}"
            assert statuses[-1].startswith("Sendt, ikke kontrolleret ("), statuses[-1]
        # Nothing went astray afterwards either (no key stuck, no stray characters).
        time.sleep(0.3)
        assert term.read() == expected
        # Another client holds the keyboard: Indsæt sends nothing, says so in Danish, history
        # does not call it inserted, and the next Indsæt (once the keyboard is free) sends it.
        text = "Sidste notat."
        dictation.load_text(text)
        history = controller.history
        grabber = ManagedProcess([sys.executable, "-c", GRABBER], log_path=tmp_path / "grabber.log", env=env)
        try:
            wait_until(
                lambda: "grabbed" in grabber.log_path.read_text(), timeout=10, message="the helper's grab"
            )
            with qtbot.waitSignal(dictation.insert_failed, timeout=30000):
                dictation.insert()
        finally:
            grabber.stop(timeout=2.0)
        assert statuses[-1].startswith("Et andet program holder tastaturet"), statuses[-1]
        assert term.read() == expected
        entry = dictation.entry_id
        assert entry is not None and history.get(entry).inserted == 0
        expected += separator(expected[-1:], text) + text
        with qtbot.waitSignal(dictation.inserted, timeout=30000):
            dictation.insert()
        assert term.wait_for(expected, timeout=15)[0] == expected
        qtbot.waitUntil(lambda: history.get(entry).inserted == 1, timeout=5000)
        # A terminal cannot be read back: the next Indsæt offers to send again, the one after
        # that sends the whole text once more (the user saw it missing).
        dictation.insert()
        assert statuses[-1].startswith("Teksten er sendt, men kunne ikke kontrolleres"), statuses[-1]
        assert term.read() == expected
        with qtbot.waitSignal(dictation.inserted, timeout=30000):
            dictation.insert()
        expected += separator(expected[-1:], text) + text
        assert term.wait_for(expected, timeout=15)[0] == expected
    finally:
        controller.shutdown()
    if machine_load is not None:
        assert machine_load.running()


def test_cli_type_while_another_client_holds_the_keyboard_sends_nothing_exit_3(
    danish_layout: str, xvfb: XvfbServer, targets: Targets, tmp_path
) -> None:
    env = x_env(xvfb.display)
    term = targets.start("xterm", title="journal")
    term.focus()
    grabber = ManagedProcess([sys.executable, "-c", GRABBER], log_path=tmp_path / "grabber.log", env=env)
    try:
        wait_until(
            lambda: "grabbed" in (tmp_path / "grabber.log").read_text(),
            timeout=10,
            message="the helper's grab",
        )
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "assistant", "type", "Journal: CPR 010203-1234"],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        waited = time.monotonic() - start
    finally:
        grabber.stop(timeout=2.0)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Another program holds the keyboard" in lines[0], proc.stderr
    assert "1234" not in proc.stderr
    assert waited >= 2.0
    time.sleep(0.3)
    assert term.read() == ""
    # Once the grab is gone the same command types the text.
    ok = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "Journal: klar."],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert term.wait_for("Journal: klar.", timeout=10)[0] == "Journal: klar."


def test_auto_insert_while_the_stop_key_is_tapped_waits_for_its_release(
    danish_layout: str, xvfb: XvfbServer, qtbot, panel, targets: Targets, machine_load: CpuLoad | None
) -> None:
    """Case 3: the last sentence is final while the stop chord (Ctrl+Alt+D) is still down for
    0.05-0.3 s; auto-insert types it only after the release, exactly (no "." typed with Ctrl
    down, which opens GTK's emoji picker; no space lost)."""
    env = x_env(xvfb.display)
    field = targets.start("gtk", title="journal")
    controller = panel.controller
    controller.app.config.set("dictation.auto_insert", True)
    panel.show()
    field.focus()
    keyboard = xvfb.connect()
    sentences = ["1. Tand 15 og 24.", "2. Børst to gange.", "3. Kontrol om to uger.", "4. Ring til Åse."]
    try:
        for n, hold in enumerate((0.05, 0.1, 0.2, 0.3)):
            document = " ".join(sentences[: n + 1])
            keys = subprocess.Popen(
                ["sh", "-c", f"xdotool keydown ctrl alt d; sleep {hold}; xdotool keyup d alt ctrl"], env=env
            )
            wait_until(
                lambda: any(keyboard.query_keymap()), timeout=5, interval=0.005, message="the chord down"
            )
            controller._on_text(document, True)  # the final text of the sentence, as the engine gives it
            assert keys.wait(timeout=10) == 0
            qtbot.waitUntil(lambda document=document: field.read() == document, timeout=15000)
        time.sleep(0.3)
        assert field.read() == " ".join(sentences)
    finally:
        keyboard.close()
