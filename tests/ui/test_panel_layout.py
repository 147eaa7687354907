"""The dictation panel beside, not over, the focused window; a fixed width on screen; five lines
of text at the chosen size; buttons show their keys and every control has a name."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QPushButton

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.reading import focused_window_rect
from assistant.ui.workers import Workers
from tests.support import wait_until


def test_panel_sits_beside_the_focused_window_with_five_lines(xvfb, qtbot) -> None:
    env = dict(os.environ, DISPLAY=xvfb.display)
    xterm = subprocess.Popen(
        ["xterm", "-geometry", "100x20+120+60", "-title", "panel-target"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        window = wait_until(
            lambda: subprocess.run(
                ["xdotool", "search", "--name", "panel-target"], env=env, capture_output=True, text=True
            ).stdout.split(),
            timeout=20,
            message="the xterm window",
        )[0]
        wait_until(  # the window may be found before it is mapped
            lambda: (
                subprocess.run(
                    ["xdotool", "windowfocus", "--sync", window], env=env, capture_output=True, timeout=10
                ).returncode
                == 0
            ),
            timeout=20,
            message="focus on the xterm",
        )
        target = wait_until(lambda: focused_window_rect(env), timeout=10, message="the focused window")
        app = App.create()
        app.config.set("ui.font_size", 18)
        panel = DictationPanel(DictationController(app, Workers(TaskBridge())))
        qtbot.addWidget(panel)
        panel.show_near_bottom()
        qtbot.waitExposed(panel)
        frame = panel.frameGeometry()
        screen = QRect(0, 0, 1280, 800)
        assert screen.contains(frame), frame
        assert not frame.intersects(target), (frame, target)
        width = panel.width()
        for button in panel.suggestion_buttons:
            button.setText("1  et meget langt forslag til et ord")
            button.show()
        qtbot.wait(50)
        assert panel.width() == width <= 1280 - 40
        line = panel.text.fontMetrics().lineSpacing()
        assert panel.text.height() >= 5 * line, (panel.text.height(), line)
        for button in panel.findChildren(QPushButton):
            if button.isVisibleTo(panel) and button not in panel.suggestion_buttons and button.text():
                assert "Ctrl+Alt+" in button.text(), button.text()  # its key, shown (panel_keys)
                room = button.contentsRect().width()
                for shown in button.text().replace("&", "").splitlines():  # nothing clipped
                    assert button.fontMetrics().horizontalAdvance(shown) <= room, (shown, room)
        for widget in (panel.text, panel.level_bar, panel.status):
            assert widget.accessibleName()
        assert all(
            b.text() or b.accessibleName()
            for b in panel.findChildren(QAbstractButton)
            if b.isVisibleTo(panel)
        )
    finally:
        xterm.terminate()
        xterm.wait(10)
