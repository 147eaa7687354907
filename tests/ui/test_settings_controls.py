"""Settings controls a person can use without typing syntax: keys are pressed, not written, and
shown as "Ctrl+Alt+D"; the tint comes from a colour picker; loudspeakers and insertion methods from
lists; a locked setting is disabled with a short Danish reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QColorDialog, QComboBox, QLabel, QListWidget

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.settings_window import SettingsWindow, combo_setting, combo_text
from assistant.ui.workers import Workers


def _window(qtbot, app: App) -> SettingsWindow:
    window = SettingsWindow(app, Workers(TaskBridge()))
    qtbot.addWidget(window)
    window.show()
    return window


def test_hotkey_text_both_ways() -> None:
    assert combo_text("<ctrl>+<alt>+d") == "Ctrl+Alt+D"
    assert combo_text("<super>+<f9>") == "Meta+F9"
    assert combo_text("<ctrl>+<shift>+<space>") == "Ctrl+Shift+Space"
    assert combo_text("") == ""
    assert combo_setting(QKeySequence("Ctrl+Alt+D")) == "<ctrl>+<alt>+d"
    assert combo_setting(QKeySequence("Meta+F9")) == "<super>+<f9>"
    assert combo_setting(QKeySequence("Ctrl+Shift+Space")) == "<ctrl>+<shift>+<space>"
    assert combo_setting(QKeySequence()) == ""


def test_keys_are_pressed_and_shown_readably(xvfb, qtbot) -> None:
    app = App.create()
    window = _window(qtbot, app)
    holder = window.widgets["hotkeys.dictate"]
    edit = holder.edit
    assert edit.keySequence().toString() == "Ctrl+Alt+D"
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    edit.editingFinished.emit()
    assert App.create().config["hotkeys.dictate"] == "<ctrl>+<alt>+k"
    # A plain key is refused: grabbed globally it would stop that key from typing anywhere.
    edit.setKeySequence(QKeySequence("X"))
    edit.editingFinished.emit()
    assert App.create().config["hotkeys.dictate"] == "<ctrl>+<alt>+k"
    assert edit.keySequence().toString() == "Ctrl+Alt+K"
    note = [label.text() for label in window.findChildren(QLabel) if "Ctrl+Alt+D" in label.text()]
    assert note and not any("<ctrl>" in label.text() for label in window.findChildren(QLabel))


def test_tint_from_a_colour_picker_and_lists_for_devices_and_methods(xvfb, qtbot) -> None:
    app = App.create()
    window = _window(qtbot, app)
    holder = window.widgets["ui.tint"]

    def choose() -> None:
        dialog = next(w for w in window.findChildren(QColorDialog) if w.isVisible())
        dialog.setCurrentColor("#fdf6e3")
        dialog.accept()

    from PySide6.QtWidgets import QPushButton

    button = next(b for b in holder.findChildren(QPushButton) if b.text() == "Vælg farve …")
    QTimer.singleShot(300, choose)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert App.create().config["ui.tint"] == "#fdf6e3"
    assert isinstance(window.widgets["audio.output_device"], QComboBox)
    methods = window.widgets["inject.backends"]
    assert isinstance(methods, QListWidget)
    assert methods.item(0).text() and "xtest" not in [methods.item(i).text() for i in range(methods.count())]
    methods.item(1).setCheckState(Qt.CheckState.Checked)
    chosen = App.create().config["inject.backends"]
    assert chosen == [methods.item(1).data(Qt.ItemDataRole.UserRole)]
    echo = window.widgets.get("tts.echo")
    if echo is not None:
        assert [echo.itemText(i) for i in range(echo.count())] == ["Fra", "Hvert ord", "Hver sætning"]


def test_locked_settings_are_disabled_with_a_short_danish_reason(xvfb, qtbot, assistant_home) -> None:
    assistant_home.write_policy(
        '[locked.hotkeys]\ndictate = "<ctrl>+<alt>+d"\n[locked.ui]\ntint = "#ffffff"\n'
    )
    window = _window(qtbot, App.create())
    for key in ("hotkeys.dictate", "ui.tint"):
        widget = window.widgets[key]
        assert not widget.isEnabled() and all(not c.isEnabled() for c in widget.findChildren(type(widget)))
        label = window.lock_labels[key]
        page = next(i for i in range(window.tabs.count()) if window.tabs.widget(i).isAncestorOf(label))
        window.tabs.setCurrentIndex(page)
        assert label.text() == "Låst af din IT-afdeling."
        assert label.isVisible() and label.height() >= label.sizeHint().height()  # not clipped
        assert label.fontMetrics().inFont(label.text()[0])  # no missing-glyph box
