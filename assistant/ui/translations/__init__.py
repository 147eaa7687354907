"""Qt Linguist translations of the UI.

The source strings in the code are Danish (Danish is the product's first language), so Danish
needs no translation file; ``en.ts`` holds the English UI. ``python -m assistant.ui.translations``
compiles every ``*.ts`` here into ``*.qm`` beside it with ``pyside6-lrelease`` (PySide6-Essentials
ships it); the installer runs that step. ``--update`` first refreshes the .ts files from the code
with ``pyside6-lupdate`` (for developers).
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "da"
LANGUAGES = ("da", "en")


def resolve_language(setting: str, system_locale: str) -> str:
    """ "auto" follows the system: Danish for a Danish locale, English for anything else."""
    if setting in LANGUAGES:
        return setting
    return "da" if system_locale.lower().startswith("da") else "en"


def install_translator(qt_app, setting: str) -> str:  # type: ignore[no-untyped-def]
    """Load the UI language's .qm into ``qt_app``; returns the language in use."""
    from PySide6.QtCore import QLocale, QTranslator

    language = resolve_language(setting, QLocale.system().name())
    if language == SOURCE_LANGUAGE:
        return language
    translator = QTranslator(qt_app)
    qm = HERE / f"{language}.qm"
    if translator.load(str(qm)):
        qt_app.installTranslator(translator)
        qt_app._assistant_translator = translator  # keep it alive
        return language
    log.warning("translation %s not found (run: python -m assistant.ui.translations); using Danish", qm.name)
    return SOURCE_LANGUAGE
