"""Danish everywhere (issue 23, item 4): every string a Danish user sees in every window is one of
the Danish catalogue's strings (the source strings of assistant/ui/translations/en.ts, with their
{0} filled in), or data that is a name in every language (a model's name, a licence's name, a key
chord, a number). Decimal numbers use the Danish comma; insertion methods this desktop cannot use
are not offered."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6.QtWidgets import (
    QApplication,
    QTableWidget,
    QWidget,
)

from assistant.app import App
from assistant.storage.catalog import load_catalog
from assistant.ui.bridge import TaskBridge
from assistant.ui.model_texts import ModelTexts
from assistant.ui.translations import HERE, install_translator
from assistant.ui.workers import Workers
from tests.support.widget_texts import loaded_windows, shown_texts

CHORD = re.compile(r"^((Ctrl|Alt|Shift|Meta)\+)+\S+$")
NUMBER = re.compile(r"^[\d.,:%\s]+$")
# Combo boxes whose items are the machine's own names (devices, voices, installed models).
NAMED_BY_THE_MACHINE = ("audio.input_device", "audio.output_device", "tts.voice_da", "tts.voice_en")


def _patterns() -> list[re.Pattern[str]]:
    out = []
    for message in ET.parse(HERE / "en.ts").getroot().iter("message"):
        source = (message.find("source").text or "").replace("&", "")
        parts = re.split(r"\{\d+(?::[^}]*)?\}", source)
        out.append(re.compile("^" + ".+?".join(re.escape(p) for p in parts) + "$", re.S))
    return out


def _texts(widget: QWidget, skip: set[int]) -> list[str]:
    found = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if id(child) in skip or child.objectName() == "technical" or not child.isVisibleTo(widget):
            continue
        found.append(child.toolTip())
        found += shown_texts(child)
        if isinstance(child, QTableWidget):
            for col in range(child.columnCount()):
                header = child.horizontalHeaderItem(col)
                found.append(header.text() if header else "")
                for row in range(child.rowCount()):
                    item = child.item(row, col)
                    found += [item.text(), item.toolTip()] if item else []
    return [t.replace("&", "").strip() for t in found if t and t.strip()]


def _known(text: str, patterns: list[re.Pattern[str]], data: set[str]) -> bool:
    """A catalogue string (or data) as a whole, or line by line, or item by item of a list."""
    if text in data or CHORD.match(text) or NUMBER.match(text) or any(p.match(text) for p in patterns):
        return True
    for separator in ("\n", "\t", "; ", ", "):
        parts = [p.strip() for p in text.split(separator)]
        if len(parts) > 1 and all(_known(p, patterns, data) for p in parts if p):
            return True
    return False


def test_every_window_speaks_the_danish_catalogue(xvfb, tray_host, qtbot) -> None:
    from assistant.ui.first_run import FirstRunGuide
    from assistant.ui.history_window import HistoryWindow
    from assistant.ui.main import TrayController

    qt = QApplication.instance()
    install_translator(qt, "da")
    patterns = _patterns()
    texts = ModelTexts()
    catalog = load_catalog()
    data = {e.name for e in catalog.entries} | {texts.licence_name(e.licence) for e in catalog.entries}
    app = App.create()
    workers = Workers(TaskBridge())
    tray = TrayController(app, qt)
    settings, models, doctor = loaded_windows(app, workers, qtbot)
    settings.show()
    qtbot.waitSignal(settings.devices_loaded, timeout=30000)
    skip = {id(settings.widgets[k]) for k in NAMED_BY_THE_MACHINE if k in settings.widgets}
    data |= {m.name for m in models.models}  # installed here (a test model among them)
    doctor.details.setObjectName("technical")  # English for IT, behind a button that says so
    doctor.text.setObjectName("technical")  # the report: checked by the doctor's own tests
    windows = {
        "tray menu": [a.text().replace("&", "") for a in tray.menu.actions() if a.text()],
        "panel": _texts(tray.panel, skip),
        "reader bar": _texts(tray.reader_bar, skip),
        "settings": _texts(settings, skip),
        "models": _texts(models, skip),
        "doctor": _texts(doctor, skip),
        "history": _texts(HistoryWindow(None, 30), skip),
        "first run": _texts(FirstRunGuide(app, settings, tray.reader), skip),
    }
    problems = []
    for name, shown in windows.items():
        for text in shown:
            if not _known(text, patterns, data):
                problems.append((name, text))
            if name == "models" and text not in data and re.search(r"\d\.\d", text):
                problems.append((name, f"decimal point in {text!r}"))
    # Platform options only where the platform can use them (this is X11).
    order = settings.widgets["inject.backends"]
    offered = {order.item(i).text() for i in range(order.count())}
    assert offered == {"Tastetryk (X11)", "Indsæt via udklipsholderen"}, offered
    tray.shutdown()
    for window in (settings, models, doctor):
        window.close()
    assert not problems, "\n".join(map(repr, problems))
