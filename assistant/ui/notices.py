"""Start-up notices about the user's own settings file, in the UI's language (no paths, no parser
text: a Danish user sees plain words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assistant.config.store import Config


def unreadable_settings_notice(config: Config) -> str | None:
    """The notice when the user's settings file could not be read at all (not valid TOML, nested
    too deeply, too large, unreadable): the built-in and IT's values are in force, and a copy of
    the file was kept. None when the file was read (single bad values are not worth a notice)."""
    unreadable = [p for p in config.problems if p.key is None and p.file == config.paths.config_file]
    if not unreadable:
        return None
    if config.backup_file is not None:
        return QCoreApplication.translate(
            "notices",
            "Dine indstillinger kunne ikke læses, så standardindstillingerne bruges. En kopi af filen "
            "er gemt, så intet er tabt.",
        )
    return QCoreApplication.translate(
        "notices", "Dine indstillinger kunne ikke læses, så standardindstillingerne bruges."
    )
