"""The dictation panel from the keyboard (issue 13, item 5), with real X key presses on Xvfb.

The panel never takes focus, so its buttons answer Ctrl+Alt chords grabbed only while it is
shown. The target window keeps the focus throughout; plain letters and digits typed into it are
never swallowed; a chord another program holds is left off its button and reported."""

from __future__ import annotations

import subprocess

import pytest

from assistant.hotkeys.x11 import X11HotkeyGrabber
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.panel_keys import PANEL_CHORDS
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display]
pytest_plugins = ["tests.support.targets.fixtures"]


def _xdotool(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=x_env(display), check=True, timeout=30, capture_output=True, text=True
    )
    return done.stdout.strip()


def _grabbable(combos: dict[str, str]) -> dict[str, str | None]:
    """Can another program grab these now? {name: problem or None}."""
    other = X11HotkeyGrabber(lambda name, pressed: None)
    try:
        return {r.name: r.problem for r in other.start(combos)}
    finally:
        other.stop()


def test_panel_chords_work_while_the_target_keeps_focus_and_plain_keys_reach_it(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    target = targets.start("qt", title="journal")
    controller = panel.controller
    assert panel.insert_button.text() == "Indsæt"  # hidden: no chord is held, none is shown
    panel.show()
    qtbot.waitUntil(lambda: panel.keys.active, timeout=5000)
    assert panel.insert_button.text() == "Indsæt\nCtrl+Alt+I"
    assert panel.close_button.text() == "Skjul\nCtrl+Alt+J"
    assert panel.mic_button.text() == "Start\nCtrl+Alt+M"
    controller.load_text("Tandlægn sagde at jeg skal børste bedere.")
    statuses: list[str] = []
    controller.status.connect(lambda message, problem: statuses.append(message))
    target.focus()

    # Plain letters and digits typed in the other program all arrive there, none reach the panel.
    _xdotool(xvfb.display, "type", "--delay", "30", "inkmfj 12345 ab")
    assert target.wait_for("inkmfj 12345 ab", timeout=10)[0] == "inkmfj 12345 ab"
    assert controller.selected is None and controller.text.startswith("Tandlægn")
    plain = {f"k{n}": key for n, key in enumerate("inkmfjab12345")}
    assert all(problem is None for problem in _grabbable(plain).values())

    _xdotool(xvfb.display, "key", "ctrl+alt+n")  # next doubtful word: its suggestions show
    qtbot.waitUntil(lambda: controller.selected == 0, timeout=5000)
    first = panel.suggestion_buttons[0]
    word = controller.doubts[0].suggestions[0]
    assert first.isVisible() and first.text() == f"1  {word}", first.text()
    assert first.accessibleDescription() == "Genvej: Ctrl+Alt+1"
    _xdotool(xvfb.display, "key", "ctrl+alt+1")
    qtbot.waitUntil(lambda: controller.text.startswith(f"{word} sagde"), timeout=5000)

    _xdotool(xvfb.display, "key", "ctrl+alt+i")  # Indsæt: into the window that kept the focus
    # Text from history goes into whatever the field holds, joined with a space (read back).
    expected = "inkmfj 12345 ab " + controller.text
    qtbot.waitUntil(lambda: target.read() == expected, timeout=20000)
    # The status follows the read-back on the insertion worker, a moment after the text lands.
    qtbot.waitUntil(lambda: bool(statuses), timeout=5000)
    assert statuses and statuses[-1].startswith(("Indsat", "Sendt")), statuses
    assert int(_xdotool(xvfb.display, "getwindowfocus")) == target.window

    _xdotool(xvfb.display, "key", "ctrl+alt+j")  # Skjul: the panel goes, and lets go of the chords
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    assert not panel.keys.active and panel.insert_button.text() == "Indsæt"
    assert all(problem is None for problem in _grabbable(PANEL_CHORDS).values())


def test_a_chord_another_program_holds_is_reported_and_not_shown(xvfb, qtbot, panel: DictationPanel) -> None:
    other = X11HotkeyGrabber(lambda name, pressed: None)
    assert other.start({"theirs": PANEL_CHORDS["copy"]})[0].ok
    # A chord the tray's own hotkeys use stays the tray's: not grabbed, shown or reported.
    panel.controller.app.config.set("hotkeys.next_sentence", "<alt>+<ctrl>+N")
    try:
        panel.show()
        qtbot.waitUntil(lambda: panel.keys.active, timeout=5000)
        assert set(panel.keys.problems) == {"copy"}
        assert not panel.keys.works("next_doubt") and panel.keys.works("insert")
        assert panel.copy_button.text() == "Kopiér"  # a key that does not work is not shown
        assert panel.undo_button.text() == "Fortryd\nCtrl+Alt+F"
        assert "Ctrl+Alt+K" in panel.status.text()
    finally:
        panel.hide()
        other.stop()
