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


_current = SOURCE_LANGUAGE


def current_language() -> str:
    """The language the UI was started in ("da" or "en")."""
    return _current


def resolve_language(setting: str, system_locale: str) -> str:
    """The setting if it names a language; "auto" follows the desktop's locale when it is Danish
    or English, and falls back to Danish (also for "C"/"POSIX", as with LANG=C.UTF-8)."""
    if setting in LANGUAGES:
        return setting
    tag = system_locale.lower().replace("-", "_")
    if tag.startswith("en"):
        return "en"
    return "da"


def desktop_locale() -> str:
    """The desktop's language: LANGUAGE's first entry, then LC_ALL, LC_MESSAGES, LANG (POSIX
    order), else Qt's idea of the system locale."""
    import os

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0]
        if value:
            return value
    from PySide6.QtCore import QLocale

    return QLocale.system().name()


def install_translator(qt_app, setting: str) -> str:  # type: ignore[no-untyped-def]
    """Load the UI language into ``qt_app``: our .qm for English, Qt's own translations
    (qtbase: "Annuller", "Søg i" in file and colour dialogs) for Danish. Returns the language."""
    global _current
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    language = resolve_language(setting, desktop_locale())
    _current = language
    QLocale.setDefault(QLocale(QLocale.Language.Danish if language == "da" else QLocale.Language.English))
    for old in getattr(qt_app, "_assistant_translators", []):
        qt_app.removeTranslator(old)
    qt_app._assistant_translators = []  # keep them alive
    if language == SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_base = QTranslator(qt_app)
        if qt_base.load(f"qtbase_{language}", qt_dir):
            qt_app.installTranslator(qt_base)
            qt_app._assistant_translators.append(qt_base)
        else:
            log.warning("Qt's Danish translations were not found in %s", qt_dir)
        return language
    translator = QTranslator(qt_app)
    qm = HERE / f"{language}.qm"
    if translator.load(str(qm)):
        qt_app.installTranslator(translator)
        qt_app._assistant_translators.append(translator)
        qt_app._assistant_translator = translator  # older callers look for this one
        return language
    log.warning("translation %s not found (run: python -m assistant.ui.translations); using Danish", qm.name)
    _current = SOURCE_LANGUAGE
    return install_translator(qt_app, SOURCE_LANGUAGE)
