"""The tray's global hotkeys: grabbing them (and again while some are taken by another
program), the menu's key labels, and what each key does when pressed and released. Mixed into
:class:`assistant.ui.main.TrayController`."""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QSystemTrayIcon

from assistant.config.schema import HOTKEY_KEYS
from assistant.errors import AssistantError
from assistant.hotkeys.press import tap_or_hold

log = logging.getLogger(__name__)

HOTKEY_RETRY_MS = 15000  # a key lost to another program is tried again this often


class TrayHotkeys:
    """Needs the controller's ``app``, ``state``, ``tray``, ``hotkey_bridge``, ``grabber``,
    ``hotkey_problems``, ``_hotkey_retry``, ``_quitting``, ``dictation``, ``reader``, its menu
    actions, ``show_panel`` and the ``hotkeys_ready`` signal; no ``tr`` or other QObject method is
    defined here (it would shadow Qt's)."""

    app: Any
    state: str
    tray: Any
    hotkey_bridge: Any
    grabber: Any
    hotkey_problems: dict[str, str]
    _hotkey_retry: Any
    _quitting: bool
    dictation: Any
    reader: Any
    action_dictate: Any
    action_read: Any
    hotkeys_ready: Any
    show_panel: Any
    tr: Any

    def grab_hotkeys(self, *, quiet: bool = False) -> dict[str, str]:
        """(Re)grab the configured hotkeys; returns {setting key: problem} for those that failed.
        While some fail, they are tried again every HOTKEY_RETRY_MS (another program may let go);
        ``quiet`` (the retries) tells the user only when what works has changed."""
        from assistant.hotkeys import create_grabber

        before = dict(self.hotkey_problems)
        if self.grabber is not None:
            self.grabber.stop()
            self.grabber = None
        bindings = {key: self.app.config[key] for key in HOTKEY_KEYS}
        self.hotkey_problems = {}
        try:
            grabber = create_grabber(self.hotkey_bridge, self.app.environ)
            results = grabber.start(bindings)
        except AssistantError as exc:
            log.warning("global hotkeys unavailable: %s", exc.message)
            self.hotkey_problems = {key: exc.message for key, combo in bindings.items() if combo}
        else:
            self.grabber = grabber
            self.hotkey_problems = {r.name: r.problem for r in results if r.problem}
        if self.hotkey_problems and self.grabber is not None and not self._hotkey_retry.isActive():
            self._hotkey_retry.start()
        elif not self.hotkey_problems or self.grabber is None:
            self._hotkey_retry.stop()
        self._label_menu()
        if quiet and self.hotkey_problems == before:
            return self.hotkey_problems
        if self.hotkey_problems:
            from assistant.ui.settings_window import combo_text, hotkey_problem_text

            lines = [
                f"{combo_text(self.app.config[k])}: {hotkey_problem_text(self, p)}"
                for k, p in self.hotkey_problems.items()
            ]
            self.tray.showMessage(
                self.tr("Genvejstaster"),
                self.tr("Nogle genvejstaster virker ikke:\n{0}").format("\n".join(lines)),
                QSystemTrayIcon.MessageIcon.Warning,
                8000,
            )
        self.hotkeys_ready.emit()
        return self.hotkey_problems

    def _label_menu(self) -> None:
        """The menu shows each action's hotkey (after a tab: Qt puts it in the keys' column)."""
        from assistant.ui.settings_parts import combo_text

        dictate = self.tr("Stop diktering") if self.state == "listening" else self.tr("Diktér")
        for action, text, key in (
            (self.action_dictate, dictate, "hotkeys.dictate"),
            (self.action_read, self.tr("Læs markering op"), "hotkeys.read_selection"),
        ):
            works = key not in self.hotkey_problems and self.grabber is not None
            chord = combo_text(self.app.config[key]) if works else ""
            action.setText(f"{text}\t{chord}" if chord else text)

    @Slot(str)
    def _on_hotkey_pressed(self, key: str) -> None:
        if key == "hotkeys.dictate":
            # One key for both habits, decided at release (see tap_or_hold): held = push-to-talk,
            # tapped = keeps listening until the next tap.
            self._dictate_press = None
            if not self.dictation.listening:
                self.show_panel()
                self.dictation.start()
                if self.dictation.listening:
                    self._dictate_press = time.monotonic()
                    self.dictation.key_held(True)
            else:
                self.dictation.stop()
        elif key == "hotkeys.push_to_talk":
            self.show_panel()
            self.dictation.start()
            self.dictation.key_held(self.dictation.listening)
        elif key == "hotkeys.read_selection":
            self.reader.read_selection()
        elif key == "hotkeys.stop_reading":
            self.reader.stop()
        elif key == "hotkeys.pause_reading":
            self.reader.toggle_pause()
        elif key == "hotkeys.next_sentence":
            self.reader.next_sentence()
        elif key == "hotkeys.previous_sentence":
            self.reader.previous_sentence()

    @Slot()
    def _retry_hotkeys(self) -> None:
        # Not while dictating: re-grabbing could lose a push-to-talk key's release.
        if self.hotkey_problems and not self._quitting and not self.dictation.listening:
            self.grab_hotkeys(quiet=True)

    @Slot(str)
    def _on_hotkey_released(self, key: str) -> None:
        if key in ("hotkeys.push_to_talk", "hotkeys.dictate"):
            self.dictation.key_held(False)
        if key == "hotkeys.push_to_talk":
            self.dictation.stop()
        elif key == "hotkeys.dictate":
            pressed, self._dictate_press = getattr(self, "_dictate_press", None), None
            if pressed is None:
                return  # this press stopped a dictation, or started none
            # The X server's own timing of the press; the GUI's clock lags when the PC is busy.
            held = getattr(self.grabber, "held_seconds", {}).get(key, time.monotonic() - pressed)
            if tap_or_hold(held) == "hold":
                self.dictation.stop()
