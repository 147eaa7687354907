"""Issue 11: the target gets exactly the approved text, once, in the right window, and nothing
else of the user's is touched. Real programs (xterm, Qt, GTK, Chromium) on dk and us layouts."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest

from assistant.inject.inserter import Inserter
from assistant.inject.ledger import InsertionLedger
from tests.support.a11y import A11yBus
from tests.support.display import XvfbServer
from tests.support.load import CpuLoad
from tests.support.procs import wait_until
from tests.support.targets import KINDS
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display, pytest.mark.slow]
pytest_plugins = ["tests.support.targets.fixtures"]

# 200 distinct characters no dk or us key has: Latin Extended-A, Greek and Cyrillic.
OFF_LAYOUT = "".join(
    [chr(c) for c in range(0x100, 0x157)]
    + [chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2]
    + [chr(c) for c in range(0x3B1, 0x3CA)]
    + [chr(c) for c in range(0x410, 0x450)]
)
NOTE = (
    "Journalnotat: Łukasz Wiśniewski (CPR 010203-1234) og Đorđe Petrović kom med tolk Nguyễn Thị Ánh; "
    "Søren Ærø-Østergård så på 3 tænder: ŽŠČ ďťň őű ė į ų. Æble ØL Åse é."
)


def _cli(env: dict[str, str], *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=data, capture_output=True, env=env, timeout=120
    )


def test_off_layout_characters_are_exactly_200_distinct() -> None:
    assert len(OFF_LAYOUT) == 200 and len(set(OFF_LAYOUT)) == 200


@pytest.mark.parametrize("keyboard_layout", ["dk", "us"], indirect=True)
@pytest.mark.parametrize("kind", KINDS)
def test_any_number_of_off_layout_characters_lands_exactly(
    kind: str, keyboard_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 3: more characters missing from the layout than there are spare keycodes."""
    _off_layout_lands_exactly(kind, keyboard_layout, xvfb, targets)


@pytest.mark.parametrize("keyboard_layout", ["us"], indirect=True)
def test_off_layout_characters_land_exactly_in_qt_with_the_cpu_saturated(
    keyboard_layout: str, xvfb: XvfbServer, targets: Targets, busy_cpu: CpuLoad
) -> None:
    """Issue 20, case 4: with every core busy, spare keycodes are re-borrowed only after Qt
    (which does not answer _NET_WM_PING) has had time to decode the earlier keys (before, at
    load 9: "Ĥĥ" was followed by "ĹĺĻļ…" instead of "ĦħĨĩ…")."""
    _off_layout_lands_exactly("qt", keyboard_layout, xvfb, targets)
    assert busy_cpu.running()


def _off_layout_lands_exactly(kind: str, keyboard_layout: str, xvfb: XvfbServer, targets: Targets) -> None:
    text = OFF_LAYOUT + "\n" + NOTE
    target = targets.start(kind)
    before = xvfb.connect()
    try:
        first = before.display.info.min_keycode
        keymap = before.get_keyboard_mapping(first, before.display.info.max_keycode - first + 1)
    finally:
        before.close()
    inserter = Inserter(None, x_env(xvfb.display), backend="xtest")
    try:
        result = inserter.insert(text)
    finally:
        inserter.close()
    got, _ = target.wait_for(text, timeout=30)
    assert got == text, f"{kind} on {keyboard_layout}: {len(got)} chars, first difference at " + str(
        next((i for i, (a, b) in enumerate(zip(text, got, strict=False)) if a != b), min(len(got), len(text)))
    )
    assert result.backend == "xtest" and not result.read_back
    after = xvfb.connect()
    try:
        restored = after.get_keyboard_mapping(first, after.display.info.max_keycode - first + 1)
    finally:
        after.close()
    assert [list(r) for r in restored] == [list(r) for r in keymap], "the keymap was not restored"


def test_cli_stops_when_focus_moves_and_says_how_much_landed_where(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 1: focus moves to another xterm while typing."""
    env = x_env(xvfb.display)
    first = targets.start("xterm", title="journal")
    second = targets.start("xterm", title="other")
    first.focus()
    note = "FORWINDOW3 patient Jens Hansen, CPR 010203-1234, har ondt i tand 15 og 24 efter behandling."
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "type", "--delay-ms", "20", note],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: len(first.read()) >= 12, timeout=30, message="typing started")
        second.focus()
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    time.sleep(0.5)  # anything typed after the switch would have reached "other" by now
    landed = first.read()
    assert proc.returncode == 3, err
    assert second.read() == "", "text went to the window that took focus"
    assert note.startswith(landed) and 12 <= len(landed) < len(note)
    assert f"{len(landed)} of {len(note)} characters landed in XTerm" in err, err
    assert len(err.strip().splitlines()) == 1 and "1234" not in err


def test_panel_ledger_marks_what_landed_and_sends_the_rest_after_focus_returns(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 1 in the tray's model: interrupted, then Indsæt continues with the rest, once."""
    # xterm: its reader shows each character at once (the Qt field writes out only after a pause).
    first = targets.start("xterm", title="journal")
    second = targets.start("xterm", title="other")
    first.focus()
    note = "Patienten har ondt i tand 15 og 24. Kontrol om to uger. Røntgen taget af Åse."
    inserter = Inserter(None, x_env(xvfb.display), delay_ms=20)
    ledger = InsertionLedger()
    try:
        target = inserter.begin()
        result: list = []

        def switch() -> bool:
            if len(first.read()) >= 10:
                second.focus()
                return True
            return False

        def run() -> None:
            try:
                result.append(ledger.insert(inserter, note, target))
            except BaseException as exc:  # shown by the wait below
                result.append(exc)

        worker = threading.Thread(target=run)
        worker.start()
        wait_until(lambda: result or switch(), timeout=30, message="first characters landed")
        worker.join(60)
        interrupted = result[0]
        assert not isinstance(interrupted, BaseException), repr(interrupted)
        assert interrupted.interrupted and interrupted.moved_to is not None
        time.sleep(0.3)
        landed = first.read()
        assert note.startswith(landed) and interrupted.sent == len(landed) == ledger.state()[0]
        assert interrupted.unsent == len(note) - len(landed)
        assert second.read() == ""
        first.focus()
        rest = ledger.insert(inserter, note, target)
        assert not rest.interrupted and rest.typed == len(note) - len(landed)
        again = ledger.insert(inserter, note, target)
        assert again.typed == 0 and not ledger.pending()
    finally:
        inserter.close()
    assert first.wait_for(note, timeout=10)[0] == note
    assert second.read() == ""


@pytest.mark.parametrize("kind", ["qt", "gtk", "chromium"])
def test_correction_after_insert_is_retyped_once_and_next_text_is_spaced(
    kind: str, danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, targets: Targets
) -> None:
    """Case 4: a correction picked after the sentence went in reaches the document; Indsæt
    twice sends nothing twice; the next dictation is joined with a space."""
    target = targets.start(kind)
    inserter = Inserter(None, x_env(xvfb.display))
    ledger = InsertionLedger()
    try:
        window = inserter.begin()
        first = "Jeg skal børste bedere. Nu i nye."
        ledger.sync(first)
        sent = ledger.insert(inserter, first, window)
        assert sent.typed == len(first)
        assert sent.read_back and not sent.check_failed  # the field was read back
        assert target.wait_for(first, timeout=10)[0] == first
        corrected = "Jeg skal børste bedre. Nu i nye."
        ledger.sync(corrected)
        done = ledger.insert(inserter, corrected, window)
        assert done.corrected and not done.skipped_corrections and done.read_back
        assert target.wait_for(corrected, timeout=10)[0] == corrected
        assert ledger.insert(inserter, corrected, window).typed == 0
        ledger.reset()
        ledger.insert(inserter, "Hvad synes du?", window)
    finally:
        inserter.close()
    final = corrected + " Hvad synes du?"
    assert target.wait_for(final, timeout=10)[0] == final


def test_correction_in_a_terminal_is_a_note_and_only_the_new_tail_is_typed(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 4 where the target cannot take a replacement: nothing is selected or erased."""
    target = targets.start("xterm")
    inserter = Inserter(None, x_env(xvfb.display))
    ledger = InsertionLedger()
    try:
        window = inserter.begin()
        ledger.sync("Jeg skal børste bedere.")
        ledger.insert(inserter, "Jeg skal børste bedere.", window)
        ledger.sync("Jeg skal børste bedre.")
        ledger.sync("Jeg skal børste bedre. Tak.")
        done = ledger.insert(inserter, "Jeg skal børste bedre. Tak.", window)
    finally:
        inserter.close()
    assert not done.corrected and not done.read_back and not done.check_failed  # "Sendt" only
    assert [(c.old, c.new) for c in done.skipped_corrections] == [("bedere.", "bedre.")]
    expected = "Jeg skal børste bedere. Tak."
    assert target.wait_for(expected, timeout=10)[0] == expected


def test_backend_is_chosen_for_each_window_at_every_insertion(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 6: xterm types, a window in inject.paste_apps pastes, the xterm types again."""
    term = targets.start("xterm", title="term")
    remote = targets.start("qt", title="remote")
    remote.focus()
    probe = Inserter(None, x_env(xvfb.display))
    try:
        remote_class = probe.current_window().app  # type: ignore[union-attr]
    finally:
        probe.close()
    inserter = Inserter({"inject.paste_apps": [remote_class]}, x_env(xvfb.display))
    methods = []
    try:
        for target, text in ((term, "første "), (remote, "Fjern: æøå"), (term, "anden")):
            target.focus()
            methods.append(inserter.insert(text, target=inserter.current_window()).backend)
    finally:
        inserter.close()
    assert methods == ["xtest", "clipboard", "xtest"]
    assert term.wait_for("første anden", timeout=10)[0] == "første anden"
    assert remote.wait_for("Fjern: æøå", timeout=10)[0] == "Fjern: æøå"


def test_control_characters_are_dropped_and_reported_nul_does_not_cut(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, targets: Targets
) -> None:
    """Case 7: newline becomes a line break, \\x1b is not Escape, text after NUL arrives."""
    target = targets.start("qt")
    done = _cli(
        x_env(xvfb.display), "type", "--json", "-", data="Linje 1\r\nLinje\x1b 2\x00 slut\tø".encode()
    )
    assert done.returncode == 0, done.stderr.decode()
    expected = "Linje 1\nLinje 2 slut\tø"
    assert target.wait_for(expected, timeout=10)[0] == expected
    report = json.loads(done.stdout)
    assert report["dropped_control_chars"] == 2 and report["chars"] == len(expected)
    assert report["read_back"] is True and report["read_back_failed"] is False  # Qt publishes it


def test_invalid_utf8_on_stdin_is_one_line_exit_2_and_nothing_typed(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    target = targets.start("qt")
    done = _cli(x_env(xvfb.display), "type", "-", data=b"Hej \xff\xfe med dig")
    err = done.stderr.decode()
    assert done.returncode == 2
    assert len(err.strip().splitlines()) == 1 and "not valid UTF-8" in err
    time.sleep(0.5)
    assert target.read() == ""


def test_read_selection_never_sends_ctrl_c_to_a_terminal(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Case 5: nothing selected, a terminal focused: a Danish message, no keystroke."""
    env = x_env(xvfb.display)
    term = targets.start("xterm")
    subprocess.run(["xsel", "--clear", "--primary"], env=env, check=False, timeout=10)
    subprocess.run(["xsel", "--clear", "--clipboard"], env=env, check=False, timeout=10)
    done = _cli(env, "read-selection", "--print")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Nothing is selected" in err and "no keys are sent" in err and len(err.strip().splitlines()) == 1
    time.sleep(0.5)
    assert term.read() == "", "a keystroke reached the terminal"
    # The tray (Ctrl+Alt+R) shows the same error in Danish.
    from assistant.errors import AssistantError
    from assistant.selection import read_selection
    from assistant.ui.messages import user_message

    with pytest.raises(AssistantError) as info:
        read_selection(env)
    assert user_message(info.value).startswith("Der er ikke markeret noget")
    time.sleep(0.3)
    assert term.read() == ""


def test_tray_ctrl_alt_r_in_a_terminal_with_nothing_selected(
    danish_layout: str, xvfb: XvfbServer, tray_host, qtbot, targets: Targets
) -> None:
    """Case 5 from the hotkey: the tray says so in Danish and the terminal gets no keystroke."""
    from PySide6.QtWidgets import QApplication

    from assistant.app import App
    from assistant.ui.main import TrayController

    env = x_env(xvfb.display)
    app = App.create(env)
    app.config.set("ui.first_run_guide", False)
    term = targets.start("xterm")
    subprocess.run(["xsel", "--clear", "--primary"], env=env, check=False, timeout=10)
    controller = TrayController(app, QApplication.instance())
    try:
        controller.show()
        with qtbot.waitSignal(controller.spelling_loaded, timeout=60000):
            controller.start_services(preload=False)
        assert "hotkeys.read_selection" not in controller.hotkey_problems
        term.focus()
        with qtbot.waitSignal(controller.reader.problem, timeout=15000) as said:
            subprocess.run(["xdotool", "key", "ctrl+alt+r"], env=env, check=True, timeout=10)
        assert said.args[0].startswith("Der er ikke markeret noget"), said.args
        time.sleep(0.5)
        assert term.read() == "", "a keystroke reached the terminal"
    finally:
        controller.shutdown()


def test_tray_panel_insert_click_sends_once_and_says_how_sure_it_is(
    danish_layout: str,
    xvfb: XvfbServer,
    tray_host,
    qtbot,
    a11y: A11yBus,
    targets: Targets,
) -> None:
    """Case 7 and 4 in the tray, with real pointer clicks on the panel: "Sendt" into a terminal
    (cannot be read back), nothing twice, "Indsat og kontrolleret" into a Qt field."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from assistant.app import App
    from assistant.ui.main import TrayController

    env = x_env(xvfb.display)
    app = App.create(env)
    app.config.set("ui.first_run_guide", False)
    term = targets.start("xterm", title="term")
    field = targets.start("qt", title="field")
    controller = TrayController(app, QApplication.instance())
    statuses: list[str] = []

    def click(widget) -> None:
        centre = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
        subprocess.run(
            ["xdotool", "mousemove", str(centre.x()), str(centre.y()), "sleep", "0.1", "click", "1"],
            env=env, check=True, timeout=10,
        )  # fmt: skip

    try:
        controller.show()
        dictation, panel = controller.dictation, controller.panel
        dictation.status.connect(lambda message, problem: statuses.append(message))
        note = "Kontrol om to uger; Åse ringer."
        dictation.load_text(note)
        panel.show_near_bottom()
        qtbot.waitUntil(panel.isVisible, timeout=5000)
        term.focus()
        with qtbot.waitSignal(dictation.inserted, timeout=30000):
            click(panel.insert_button)
        assert term.wait_for(note, timeout=10)[0] == note
        assert statuses[-1].startswith("Sendt, ikke kontrolleret (31 tegn til »term«"), statuses[-1]
        click(panel.insert_button)  # a terminal cannot be read back: offered, not refused
        qtbot.waitUntil(lambda: statuses[-1].startswith("Teksten er sendt, men kunne ikke"), timeout=5000)
        assert term.read() == note
        dictation.load_text("Røntgen taget.")
        field.focus()
        with qtbot.waitSignal(dictation.inserted, timeout=30000):
            click(panel.insert_button)
        assert field.wait_for("Røntgen taget.", timeout=10)[0] == "Røntgen taget."
        qtbot.waitUntil(lambda: statuses[-1].startswith("Indsat og kontrolleret (14 tegn i"), timeout=5000)
        assert term.read() == note
    finally:
        controller.shutdown()
