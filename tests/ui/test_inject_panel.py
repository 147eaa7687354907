"""The dictation panel's insertion (issue 11) with real targets on the Xvfb display: no key is
ever taken from the user while a suggestion is pending; Indsæt and auto-insert share one
ledger, so corrections reach the document and nothing is typed twice."""

from __future__ import annotations

import subprocess

import pytest

from assistant.ui.dictation_panel import DictationPanel
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display]
pytest_plugins = ["tests.support.targets.fixtures"]


def test_digits_typed_while_a_suggestion_is_pending_reach_the_target(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    """Case 2: click an underlined word, click back into the journal, type digits."""
    from assistant.hotkeys.x11 import X11HotkeyGrabber

    panel.show()
    qt_target = targets.start("qt", title="journal")
    controller = panel.controller
    controller.load_text("Tandlægn sagde at jeg skal børste bedere.")
    controller.select_doubt(0)
    assert panel.suggestion_buttons[0].isVisible()
    qt_target.focus()
    env = x_env(xvfb.display)
    subprocess.run(["xdotool", "type", "--delay", "40", "Tand 15 og 24"], env=env, check=True, timeout=30)
    subprocess.run(["xdotool", "key", "Escape"], env=env, check=True, timeout=10)
    assert qt_target.wait_for("Tand 15 og 24", timeout=10)[0] == "Tand 15 og 24"
    assert controller.text == "Tandlægn sagde at jeg skal børste bedere."  # nothing was picked
    assert controller.selected == 0
    # Nobody holds the plain keys: another program can still take "1" and Escape.
    grabber = X11HotkeyGrabber(lambda name, pressed: None)
    try:
        results = grabber.start({"one": "1", "esc": "<esc>"})
        assert all(r.ok for r in results), [(r.name, r.problem) for r in results]
    finally:
        grabber.stop()


def test_auto_insert_correction_and_insert_share_one_ledger(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    """Case 4 in the panel: a correction picked after the sentence went in reaches the
    document, Indsæt afterwards sends nothing again, and the journal holds the text once."""
    panel.show()
    qt_target = targets.start("qt", title="journal")
    controller = panel.controller
    controller.app.config.set("dictation.auto_insert", True)
    qt_target.focus()
    statuses: list[str] = []
    controller.status.connect(lambda message, problem: statuses.append(message))
    controller._on_text("Jeg skal børste bedere.", True)
    qtbot.waitUntil(lambda: qt_target.read() == "Jeg skal børste bedere.", timeout=15000)
    # The Qt field is on the accessibility bus, so the text is read back: "Indsat og kontrolleret".
    qtbot.waitUntil(
        lambda: any(s.startswith("Indsat og kontrolleret (23 tegn i") for s in statuses), timeout=5000
    )
    index = next(i for i, d in enumerate(controller.doubts) if d.word == "bedere")
    controller.select_doubt(index)
    controller.pick(controller.doubts[index].suggestions.index("bedre") + 1)
    assert controller.text == "Jeg skal børste bedre."
    controller._on_text("Jeg skal børste bedere. Nu i nye.", True)
    expected = "Jeg skal børste bedre. Nu i nye."
    qtbot.waitUntil(lambda: qt_target.read() == expected, timeout=15000)
    qtbot.waitUntil(lambda: any("Rettelserne er skrevet ind" in s for s in statuses), timeout=5000)
    assert controller.ledger.state()[0] == len(expected)
    controller.insert()
    assert statuses[-1].startswith("Alt er allerede indsat")
    assert qt_target.read() == expected
    # A second dictation into the same window is joined with a space.
    controller.load_text("Hvad synes du?")
    with qtbot.waitSignal(controller.inserted, timeout=15000):
        controller.insert()
    final = expected + " Hvad synes du?"
    assert qt_target.wait_for(final, timeout=10)[0] == final
    assert statuses[-1].startswith("Indsat og kontrolleret (15 tegn i »journal«)")


def test_line_break_into_a_single_line_field_is_a_space_and_the_panel_says_so(
    danish_layout, xvfb, a11y, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    """Deliverable 7: the field-appropriate line break; Return in a one-line field can submit a form."""
    panel.show()
    target = targets.start("qt-line", title="cpr")
    controller = panel.controller
    statuses: list[str] = []
    controller.status.connect(lambda message, problem: statuses.append(message))
    controller.load_text("Kontrol om to uger.\nÅse ringer.")
    target.focus()
    with qtbot.waitSignal(controller.inserted, timeout=15000):
        controller.insert()
    assert target.wait_for("Kontrol om to uger. Åse ringer.", timeout=10)[0] == (
        "Kontrol om to uger. Åse ringer."
    )
    qtbot.waitUntil(lambda: bool(statuses), timeout=5000)
    assert statuses[-1].startswith("Indsat og kontrolleret (31 tegn i"), statuses[-1]
    assert "1 linjeskift blev til mellemrum" in statuses[-1]


def test_push_to_talk_auto_insert_waits_quietly_for_the_keys_release(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    """Holding the dictation chord while talking (push-to-talk) with auto-insert on: a sentence
    that becomes final while Ctrl+Alt are down is not typed into the held modifiers nor reported
    as "a key was held down"; it goes in, exactly, when the key is let go."""
    panel.show()
    qt_target = targets.start("qt", title="journal")
    controller = panel.controller
    controller.app.config.set("dictation.auto_insert", True)
    qt_target.focus()
    statuses: list[tuple[str, bool]] = []
    controller.status.connect(lambda message, problem: statuses.append((message, problem)))
    env = x_env(xvfb.display)
    subprocess.run(["xdotool", "keydown", "ctrl", "alt"], env=env, check=True, timeout=10)
    try:
        controller.key_held(True)
        controller._on_text("Patienten har ondt i en tand.", True)
        qtbot.wait(2500)  # longer than the keyboard wait (2 s): an eager insert would have failed
        assert qt_target.read() == ""
        assert not any(problem for _, problem in statuses), statuses
    finally:
        subprocess.run(["xdotool", "keyup", "alt", "ctrl"], env=env, check=True, timeout=10)
    controller.key_held(False)
    qtbot.waitUntil(lambda: qt_target.read() == "Patienten har ondt i en tand.", timeout=15000)
    assert not any(problem for _, problem in statuses), statuses


def test_text_from_history_is_joined_with_a_space_to_what_the_field_already_holds(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets, a11y
) -> None:
    """Historik's "Indsæt igen" into a field the user wrote in herself (the product never typed
    there, e.g. after a restart): the character before the caret, read through AT-SPI, decides
    the space, so the words are not glued together."""
    panel.show()
    qt_target = targets.start("qt", title="journal")
    qt_target.focus()
    env = x_env(xvfb.display)
    subprocess.run(
        ["xdotool", "type", "--delay", "30", "Patienten har ondt."], env=env, check=True, timeout=30
    )
    assert qt_target.wait_for("Patienten har ondt.", timeout=10)[0] == "Patienten har ondt."
    controller = panel.controller
    controller.load_text("Ring i morgen.")
    with qtbot.waitSignal(controller.inserted, timeout=15000):
        controller.insert()
    assert qt_target.wait_for("Patienten har ondt. Ring i morgen.", timeout=10)[0] == (
        "Patienten har ondt. Ring i morgen."
    )


def test_with_auto_insert_the_end_of_a_dictation_does_not_ask_to_press_insert(
    danish_layout, xvfb, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    """Auto-insert on: the text is already going in, so the panel never says "tryk Indsæt", and
    the insertion's own report stays the last word."""
    panel.show()
    qt_target = targets.start("qt", title="journal")
    controller = panel.controller
    controller.app.config.set("dictation.auto_insert", True)
    qt_target.focus()
    statuses: list[str] = []
    controller.status.connect(lambda message, problem: statuses.append(message))
    controller._on_text("Kontrol om to uger.", True)
    controller._on_stopped("Kontrol om to uger.")
    qtbot.waitUntil(lambda: qt_target.read() == "Kontrol om to uger.", timeout=15000)
    qtbot.waitUntil(lambda: statuses and statuses[-1].startswith(("Indsat", "Sendt")), timeout=5000)
    assert not any("tryk Indsæt" in s for s in statuses), statuses
