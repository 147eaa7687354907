"""The panel never covers the text cursor and the lines just written (issue 23, item 1): a big
GTK editor publishes its caret through AT-SPI; the panel, first placed clear of the editor's
first lines, moves clear of the caret and the three lines above it once the caret is known."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QRect

from assistant.ui.dictation_panel import DictationPanel
from tests.support.targets.fixtures import Targets

pytestmark = [pytest.mark.display]
pytest_plugins = ["tests.support.targets.fixtures"]


def test_panel_moves_clear_of_the_caret_the_field_publishes(
    xvfb, a11y, qtbot, panel: DictationPanel, targets: Targets
) -> None:
    target = targets.start("gtk", title="journal")
    env = targets.env()
    # Most of the screen, as an editor on a laptop; the caret some 20 lines down.
    subprocess.run(["xdotool", "windowmove", str(target.window), "0", "0"], env=env, check=True, timeout=10)
    subprocess.run(
        ["xdotool", "windowsize", str(target.window), "1280", "780"], env=env, check=True, timeout=10
    )
    target.focus()
    lines = [f"Linje {n} i journalen." for n in range(1, 21)]
    for line in lines:  # xdotool types a newline as nothing: Return for each
        subprocess.run(["xdotool", "type", "--delay", "1", line], env=env, check=True, timeout=30)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True, timeout=30)
    text = "\n".join(lines) + "\n"
    assert target.wait_for(text, timeout=30)[0] == text
    with qtbot.waitSignal(panel.caret_located, timeout=15000):
        panel.show_near_bottom()
    caret = panel._caret
    assert caret is not None and caret.top() > 160, caret  # below the editor's first lines
    line = caret.height()
    written = QRect(0, caret.top() - 3 * line, 1280, 4 * line)
    qtbot.waitUntil(lambda: not panel.frameGeometry().intersects(written), timeout=5000)
    assert QRect(0, 0, 1280, 800).contains(panel.frameGeometry())
