"""What a widget shows as text, by its kind: for the tests that check every string a user sees."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)


def shown_texts(widget: QWidget) -> list[str]:
    """The text a label, button, group box, line edit, combo box or list shows (its items, its
    title, its placeholder); nothing for other widgets (tables differ by test: each reads its own)."""
    if isinstance(widget, (QLabel, QAbstractButton)):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        return [widget.item(i).text() for i in range(widget.count())]
    return []


def loaded_windows(app, workers, qtbot):  # type: ignore[no-untyped-def]
    """Settings, Models and Doctor for ``app``, Models and Doctor shown once their data has
    loaded (each registered with ``qtbot``): the windows whose every string the tests read."""
    # The product is imported here, not at the top: tests/support never needs it to load.
    from assistant.ui.doctor_window import DoctorWindow
    from assistant.ui.models_window import ModelsWindow
    from assistant.ui.settings_window import SettingsWindow

    settings = SettingsWindow(app, workers)
    models = ModelsWindow(app, workers)
    doctor = DoctorWindow(app)
    for window in (settings, models, doctor):
        qtbot.addWidget(window)
    with qtbot.waitSignal(models.refreshed, timeout=60000):
        models.show()
    with qtbot.waitSignal(doctor.report_ready, timeout=60000):
        doctor.show()
    return settings, models, doctor
