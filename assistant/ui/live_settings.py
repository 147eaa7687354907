"""A setting saved in the Settings window takes effect at once in the running tray: the look of
the open windows, the reader, the hotkeys, the spelling and speech models, insertion. Only the
menu language needs a restart, and its row in Settings says so (``RESTART_KEYS``)."""

from __future__ import annotations

from typing import Any

from assistant.config.schema import HOTKEY_KEYS

# Every window is built in the UI language it started with.
RESTART_KEYS = frozenset({"general.ui_language"})


def apply_setting(tray: Any, key: str) -> None:
    """Make ``key``'s new value felt in ``tray`` (a TrayController) now."""
    config = tray.app.config
    if key in HOTKEY_KEYS:
        tray.grab_hotkeys()
    elif key in ("ui.font_size", "ui.tint"):
        from assistant.ui.style import apply_style

        apply_style(tray.qt_app, config)
        tray.panel.refit()  # five lines at the new size, still on screen
    elif key == "ui.line_spacing":
        tray.panel.set_line_spacing(int(config[key]))
        tray.reader_bar.set_line_spacing(int(config[key]))
    elif key == "words" and tray.dictation.spelling is not None:
        tray._load_spelling()
    elif key in ("general.language", "stt.engine", "stt.model_da", "stt.model_en"):
        tray._load_spelling()
        tray._preload_model()
    elif key == "tts.echo":
        tray.reader.set_echo(config["tts.echo"])
    elif key.startswith("writing.") and getattr(tray, "writing", None) is not None:
        tray.writing.apply()
    elif key.startswith("tts.") or key == "audio.output_device":
        echo = tray.reader.echo_mode
        tray.reader.shutdown()
        tray.reader.set_echo(echo)
        tray.reader.load()
        if key == "tts.rate":
            tray.reader_bar.show_rate(int(config[key]))
    elif key == "privacy.retention_days":
        tray.purge_history()
    elif key == "dictation.auto_insert":
        tray.panel.show_auto_insert(bool(config[key]))
    elif key == "inject.delay_ms":
        inserter = tray.dictation._inserter  # made on first use: a new one reads the setting itself
        if inserter is not None:
            inserter.set_delay(int(config[key]))
