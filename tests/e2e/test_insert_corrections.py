"""Issue 20, case 2: a correction of text already sent touches only the window that holds the
text. With another window focused, not one key is sent (no Shift+Left into a terminal, no
selection in a Qt field) and the message names the window that holds the text."""

from __future__ import annotations

import subprocess

import pytest

from assistant.inject.inserter import Inserter
from assistant.inject.ledger import InsertionLedger, TextElsewhere
from tests.support.a11y import A11yBus
from tests.support.display import XvfbServer
from tests.support.load import CpuLoad
from tests.support.targets.fixtures import Targets, x_env, xclip_in

pytestmark = [pytest.mark.display, pytest.mark.slow]
pytest_plugins = ["tests.support.targets.fixtures"]


def _primary(env: dict[str, str]) -> str:
    return subprocess.run(
        ["xclip", "-o", "-selection", "primary"], env=env, capture_output=True, text=True, timeout=10
    ).stdout


def test_a_pending_correction_never_reaches_another_window(
    danish_layout: str, xvfb: XvfbServer, a11y: A11yBus, targets: Targets, machine_load: CpuLoad | None
) -> None:
    from assistant.ui.messages import user_message

    env = x_env(xvfb.display)
    journal = targets.start("gtk", title="journal")
    term = targets.start("xterm", title="term")
    notes = targets.start("qt", title="notes")
    inserter = Inserter(None, env)
    ledger = InsertionLedger()
    try:
        notes.focus()
        inserter.insert("Egne noter.", target=inserter.current_window())
        assert notes.wait_for("Egne noter.", timeout=10)[0] == "Egne noter."
        journal.focus()
        window = inserter.begin()
        first = "Jeg skal børste bedere hver dag."
        ledger.sync(first)
        assert ledger.insert(inserter, first, window).typed == len(first)
        assert journal.wait_for(first, timeout=10)[0] == first
        corrected = "Jeg skal børste bedre hver dag."
        ledger.sync(corrected)
        xclip_in(env, "primary", "mærke")  # a selection made anywhere would take PRIMARY
        for elsewhere in (term, notes):
            elsewhere.focus()
            with pytest.raises(TextElsewhere) as stopped:
                ledger.insert(inserter, corrected, window)
            assert stopped.value.title == "journal"
            shown = user_message(stopped.value)
            assert "»journal«" in shown and shown.startswith("Intet blev sendt"), shown
        assert term.read() == "", "keys reached the terminal"
        assert notes.read() == "Egne noter."
        assert _primary(env) == "mærke", "text was selected in another window"
        assert journal.read() == first
        # Back in the journal, the same Indsæt makes the correction there.
        journal.focus()
        done = ledger.insert(inserter, corrected, window)
        assert done.corrected and done.read_back
    finally:
        inserter.close()
    assert journal.wait_for(corrected, timeout=10)[0] == corrected
    assert term.read() == "" and notes.read() == "Egne noter."
