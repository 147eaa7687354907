"""Read-as-you-type in the tray: key presses in any program (X11 RECORD) become finished words or
sentences, sent to the GUI thread to be read aloud. What is typed is kept only until it is read."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal

from assistant.errors import AssistantError

log = logging.getLogger("assistant.ui.reading")


class _EchoOut(QObject):
    """Where :class:`TypingEcho` sends a finished word or sentence: a signal to the GUI thread."""

    text = Signal(str)

    def read(self, text: str, language: str | None = None) -> int:
        self.text.emit(text)
        return 0


class EchoFeed(QObject):
    """Watches typing while a mode ("word"/"sentence") is on; ``text`` carries what to read."""

    text = Signal(str)
    problem = Signal(str)

    def __init__(self, environ: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.environ = environ
        self.mode = "off"
        self._out = _EchoOut(self)
        self._out.text.connect(self.text)
        self.watcher = None
        self._probe = None
        self._muted_until = 0.0
        self._told_at = -60.0

    def set_mode(self, mode: str) -> bool:
        """Start ("word"/"sentence") or stop ("off"); True if it now watches."""
        from assistant.tts.echo import TypingEcho
        from assistant.tts.typing import X11TypingWatcher

        self.stop()
        if mode not in ("word", "sentence"):
            return False
        from assistant.inject.secret import SecretFieldProbe

        probe = SecretFieldProbe(self.environ)  # used on the watcher's thread only
        echo = TypingEcho(
            self._out,  # type: ignore[arg-type]
            mode,
            secret=probe.focused_is_secret,
            on_withheld=self._withheld,
        )
        lock = threading.Lock()

        def on_char(char: str) -> None:  # the watcher's thread
            with lock:
                if time.monotonic() < self._muted_until:
                    echo.reset()  # our own typing (dictated text being inserted) is not read back
                    return
                echo.feed(char)

        watcher = X11TypingWatcher(on_char, self.environ)
        try:
            watcher.start()
        except AssistantError as exc:
            self.problem.emit(
                QCoreApplication.translate("ReaderController", "Oplæsning mens du skriver virker ikke her.")
            )
            log.info("read-as-you-type unavailable: %s", exc.message)
            return False
        self.watcher, self.mode, self._probe = watcher, mode, probe
        return True

    def _withheld(self) -> None:
        """The watcher's thread: a word typed in a password field was not read; say why (at most
        once a minute, not at every word)."""
        now = time.monotonic()
        if now - self._told_at < 60:
            return
        self._told_at = now
        log.info("read-as-you-type: a password field; nothing read")
        self.problem.emit(
            QCoreApplication.translate(
                "ReaderController", "Det, du skriver i et kodeordsfelt, læses ikke op."
            )
        )

    def mute_while(self, state: str) -> None:
        """Dictation state: while it listens or inserts, and a moment after, typing is not ours."""
        busy = state in ("listening", "working")
        self._muted_until = float("inf") if busy else time.monotonic() + 1.0

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()  # joins its thread: the probe is free to close
            self.watcher = None
        if self._probe is not None:
            self._probe.close()
            self._probe = None
        self.mode = "off"
