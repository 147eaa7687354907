"""Every window and message in both UI languages: no Danish source string is left in the English
UI, no English sentence (ours or the core's) shows in the Danish UI, Qt's own dialogs speak Danish,
and the UI language follows the setting, then the desktop, falling back to Danish."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QFileDialog,
    QLabel,
    QTableWidget,
    QWidget,
)

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.messages import message_for
from assistant.ui.translations import HERE, install_translator, resolve_language
from assistant.ui.workers import Workers
from tests.support.widget_texts import loaded_windows, shown_texts

# The core's English one-liners start like this; none may reach the Danish UI.
CORE_ENGLISH = re.compile(
    r"^(The|No|Another|Run|Install|Choose|Check|There|Select|Click|Nothing|Could|Cannot|Failed|Error)\b"
)
ENGLISH_WORDS = re.compile(r"\b(the|and|of|to|is|for|with|this|that|your|you|or|when|empty)\b", re.I)
KINDS = ("usage", "config", "audio", "model", "engine", "injection", "storage", "general")
MSGIDS = (
    "reader.no-text", "reader.no-voice", "reader.unknown-voice", "reader.rate", "reader.failed",
    "audio.no-output", "audio.output-failed", "focus.changed", "selection.empty", "config.locked",
    "hotkey.taken", "file.missing", "model.download-off", "keyboard.busy-key", "keyboard.busy-grab",
    "inject.secret-field", "inject.clipboard-not-kept",
)  # fmt: skip


def _catalogue() -> tuple[set[str], set[str]]:
    sources, translations = set(), set()
    for message in ET.parse(HERE / "en.ts").getroot().iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation").text or ""
        if source != translation:
            sources.add(source)
            translations.add(translation)
    return sources, translations


def _texts(widget: QWidget) -> list[str]:
    found = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    for child in widget.findChildren(QWidget):
        if child.objectName() == "technical":
            continue
        found += [child.toolTip(), child.accessibleName()]
        found += shown_texts(child)
        if isinstance(child, QTableWidget):
            found += [
                child.horizontalHeaderItem(i).text()
                for i in range(child.columnCount())
                if child.horizontalHeaderItem(i) is not None
            ]
    return [t.replace("&", "").strip() for t in found if t and t.strip()]


def _windows(qtbot) -> list[tuple[str, list[str]]]:
    from assistant.ui.first_run import FirstRunGuide
    from assistant.ui.history_window import HistoryWindow
    from assistant.ui.main import TrayController

    app = App.create()
    workers = Workers(TaskBridge())
    tray = TrayController(app, QApplication.instance())
    menu = [a.text() for a in tray.menu.actions() if a.text()]
    settings, models, doctor = loaded_windows(app, workers, qtbot)
    doctor.details.setObjectName("technical")  # English for IT, behind a button that says so
    out = [
        ("tray menu", [*menu, tray.tray.toolTip()]),
        ("panel", _texts(tray.panel)),
        ("reader bar", _texts(tray.reader_bar)),
        ("settings", _texts(settings)),
        ("models", _texts(models)),
        ("doctor", _texts(doctor) + doctor.text.toPlainText().splitlines()),
        ("history", _texts(HistoryWindow(None, 30))),
        ("first run", _texts(FirstRunGuide(app, settings, tray.reader))),
    ]
    tray.shutdown()
    for window in (settings, models, doctor):
        window.close()
    return out


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_window_and_message_is_in_the_ui_language(xvfb, tray_host, qtbot, language: str) -> None:
    sources, translations = _catalogue()
    qt_app = QCoreApplication.instance()
    try:
        assert install_translator(qt_app, language) == language
        problems = []
        for name, texts in _windows(qtbot):
            for text in texts:
                if language == "en" and (text in sources or re.search(r"[æøåÆØÅ]", text)):
                    problems.append((name, text))
                if language == "da" and (
                    (text in translations and text not in sources)
                    or CORE_ENGLISH.match(text)
                    or len(ENGLISH_WORDS.findall(text)) >= 2
                ):
                    problems.append((name, text))
        for kind in KINDS:
            shown = message_for(kind, None, {}, "The thing failed", "Check it")
            if language == "da":
                assert shown in sources, (kind, shown)
            else:
                assert shown == "The thing failed. Check it."
        for msgid in MSGIDS:
            shown = message_for("general", msgid, {}, "The thing failed", None)
            assert (
                (shown.split(" 80 ")[0] in " ".join(sources)) if language == "da" else shown.startswith("The")
            )
        assert not problems, problems
    finally:
        install_translator(qt_app, "da")


def test_qt_dialogs_speak_danish_and_the_language_falls_back_to_danish(xvfb, qtbot) -> None:
    qt_app = QCoreApplication.instance()
    assert install_translator(qt_app, "auto") in ("da", "en")
    for setting, locale, expected in (
        ("auto", "C.UTF-8", "da"),
        ("auto", "C", "da"),
        ("auto", "da_DK.UTF-8", "da"),
        ("auto", "en_US.UTF-8", "en"),
        ("auto", "de_DE.UTF-8", "da"),
        ("en", "da_DK.UTF-8", "en"),
        ("da", "en_US.UTF-8", "da"),
    ):
        assert resolve_language(setting, locale) == expected, (setting, locale)
    install_translator(qt_app, "da")
    dialogs = [QColorDialog(), QFileDialog(None, "x")]
    dialogs[1].setOption(QFileDialog.Option.DontUseNativeDialog)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        buttons = [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)]
        assert "Annuller" in buttons and "Cancel" not in buttons, buttons
    labels = [w.text() for w in dialogs[1].findChildren(QLabel)]
    assert "Look in:" not in labels
