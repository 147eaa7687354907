"""Every setting applies at once in the running tray (issue 23, item 3): each is changed in the
Settings window, the way a user does it, and its effect is seen without a restart; the one that
cannot (the menu language) says "Gælder efter genstart" in its row."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QSpinBox

from assistant.app import App
from assistant.config.schema import SCHEMA
from assistant.ui.live_settings import RESTART_KEYS
from assistant.ui.main import TrayController


def _spin(window, key: str, value: int) -> None:  # type: ignore[no-untyped-def]
    spin = window.widgets[key]
    assert isinstance(spin, QSpinBox), key
    spin.setValue(value)
    spin.editingFinished.emit()


def test_settings_take_effect_in_the_running_tray(tray_host, qtbot) -> None:
    app = App.create()
    qt = QApplication.instance()
    font, sheet = qt.font(), qt.styleSheet()  # the session's application: give them back
    tray = TrayController(app, qt)
    try:
        tray.show()
        window = tray.open_settings()
        qtbot.waitExposed(window)

        # Reading speed: the reader bar's slider shows the new speed (it showed the old one).
        _spin(window, "tts.rate", 130)
        assert tray.reader_bar.speed.value() == 130 and tray.reader_bar.speed_label.text() == "130"

        # Text size: the application font, and the panel refitted to five lines of it.
        tray.show_panel()
        qtbot.waitExposed(tray.panel)
        _spin(window, "ui.font_size", 22)
        assert QApplication.font().pointSize() == 22
        line = tray.panel.text.fontMetrics().lineSpacing()
        assert tray.panel.text.minimumHeight() >= 2 * line

        # Line spacing: the panel's and the reader bar's text.
        _spin(window, "ui.line_spacing", 180)
        assert tray.panel._line_spacing == 180 and tray.reader_bar._line_spacing == 180

        # Auto-insert: the panel's own box follows.
        box = window.widgets["dictation.auto_insert"]
        assert isinstance(box, QCheckBox)
        box.setChecked(not box.isChecked())
        assert tray.panel.auto_insert.isChecked() == box.isChecked() == app.config["dictation.auto_insert"]

        # Typing delay: the inserter already made types with the new pause from now on.
        inserter = tray.dictation.inserter()
        _spin(window, "inject.delay_ms", 25)
        assert inserter.delay_ms == 25

        # The only restart: the menu language says so, and nothing else does.
        for key in SCHEMA:
            holder = window.widgets.get(key)
            if holder is None:
                continue
            notes = [w.text() for w in holder.parentWidget().findChildren(QLabel)]
            assert ("Gælder efter genstart." in notes) == (key in RESTART_KEYS), key
        window.close()
    finally:
        tray.shutdown()
        qt.setFont(font)
        qt.setStyleSheet(sheet)
