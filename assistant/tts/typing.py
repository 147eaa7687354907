"""Read-as-you-type in other programs (opt-in): the characters typed anywhere on an X11 desktop.

:class:`X11TypingWatcher` records key presses with the X RECORD extension on its own thread and
hands each typed character to a plain callback ("\\b" for backspace, "\\n" for Enter); the tray
feeds them to :class:`~assistant.tts.reader.TypingEcho`, which keeps only the word or sentence
being typed, in memory, until it has been read. Nothing typed is stored or logged, and keys
pressed with Ctrl, Alt or the Windows key (shortcuts) are not characters.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from assistant.errors import EngineUnavailable

log = logging.getLogger(__name__)

_SHIFT, _LOCK, _CONTROL, _MOD1, _MOD4, _MOD5 = 1, 2, 4, 8, 64, 128
_SPECIAL = {0xFF08: "\b", 0xFF0D: "\n", 0xFF8D: "\n", 0xFF09: " ", 0xFF80: " "}


def keysym_char(keysym: int) -> str | None:
    """The character an X keysym types, or None (function keys, modifiers...)."""
    if keysym in _SPECIAL:
        return _SPECIAL[keysym]
    if 0x20 <= keysym <= 0x7E or 0xA0 <= keysym <= 0xFF:
        return chr(keysym)
    if 0x01000100 <= keysym <= 0x0110FFFF:
        return chr(keysym - 0x01000000)
    if 0xFFB0 <= keysym <= 0xFFB9:  # keypad digits
        return chr(keysym - 0xFFB0 + ord("0"))
    return None


def _is_modifier(keysym: int) -> bool:
    """Shift, Control, Alt, AltGr, Caps Lock...: pressing one alone moves no caret."""
    return 0xFE01 <= keysym <= 0xFE13 or 0xFFE1 <= keysym <= 0xFFEE or keysym in (0xFF7E, 0xFF7F)


class X11TypingWatcher:
    """Calls ``on_char`` (from its own thread) for every character typed in any X11 program."""

    def __init__(
        self,
        on_char: Callable[[str], None],
        environ: Mapping[str, str] | None = None,
        *,
        on_move: Callable[[tuple[int, int] | None, int], None] | None = None,
    ) -> None:
        self._on_char = on_char
        # ``on_move(point, keysym)``: a mouse click (its screen point, keysym 0) or a key that is
        # not a character (arrows, Home, shortcuts; point None) may have moved the caret; writing
        # help then forgets the word it followed.
        self._on_move = on_move
        self._environ = dict(os.environ if environ is None else environ)
        self._thread: threading.Thread | None = None
        self._control: Any = None
        self._context: Any = None
        self._ready = threading.Event()
        self._error: Exception | None = None

    def available(self) -> str | None:
        display = self._environ.get("DISPLAY")
        if not display:
            return "Read-as-you-type in other programs needs an X11 desktop (DISPLAY is not set)"
        try:
            from Xlib import display as xdisplay

            disp = xdisplay.Display(display)
        except Exception as exc:
            return f"The X display cannot be opened ({type(exc).__name__})"
        try:
            if not disp.has_extension("RECORD"):
                return "The X server has no RECORD extension"
        finally:
            disp.close()
        return None

    def start(self, timeout: float = 5.0) -> None:
        """Start watching; raises :class:`EngineUnavailable` when it cannot."""
        reason = self.available()
        if reason is not None:
            raise EngineUnavailable(reason)
        self._thread = threading.Thread(target=self._run, name="typing-watcher", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout) or self._error is not None:
            raise EngineUnavailable(f"Key presses cannot be followed ({type(self._error).__name__})")
        log.info("read-as-you-type watching key presses")

    def stop(self) -> None:
        if self._control is not None and self._context is not None:
            try:
                self._control.record_disable_context(self._context)
                self._control.flush()
            except Exception:
                pass
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        if self._control is not None:
            try:
                if self._context is not None:
                    self._control.record_free_context(self._context)
                self._control.close()
            except Exception:
                pass
            self._control = self._context = None

    def _moved(self, point: tuple[int, int] | None, keysym: int) -> None:
        try:
            self._on_move(point, keysym)  # type: ignore[misc]
        except Exception:
            log.warning("writing help: the handler failed")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        from Xlib import X
        from Xlib import display as xdisplay
        from Xlib.ext import record
        from Xlib.protocol import rq

        try:
            self._control = xdisplay.Display(self._environ["DISPLAY"])
            recorder = xdisplay.Display(self._environ["DISPLAY"])
            self._context = self._control.record_create_context(
                0,
                [record.AllClients],
                [
                    {
                        "core_requests": (0, 0),
                        "core_replies": (0, 0),
                        "ext_requests": (0, 0, 0, 0),
                        "ext_replies": (0, 0, 0, 0),
                        "delivered_events": (0, 0),
                        # KeyPress..ButtonPress: key releases are dropped below, clicks move the caret
                        "device_events": (X.KeyPress, X.ButtonPress if self._on_move else X.KeyPress),
                        "errors": (0, 0),
                        "client_started": False,
                        "client_died": False,
                    }
                ],
            )
            self._control.sync()
        except Exception as exc:
            self._error = exc
            self._ready.set()
            return
        mapping = self._control  # keycode -> keysym lookups use the control connection

        def on_reply(reply: Any) -> None:
            if reply.category != record.FromServer or reply.client_swapped or not len(reply.data):
                return
            data = reply.data
            while len(data):
                event, data = rq.EventField(None).parse_binary_value(data, recorder.display, None, None)
                if event.type == X.ButtonPress and self._on_move is not None:
                    self._moved((event.root_x, event.root_y), 0)
                if event.type != X.KeyPress:
                    continue
                state = event.state
                if state & (_CONTROL | _MOD1 | _MOD4):
                    plain = mapping.keycode_to_keysym(event.detail, 0)
                    if self._on_move is not None and not _is_modifier(plain):
                        self._moved(None, plain)
                    continue  # a shortcut, not typing
                index = (1 if state & _SHIFT else 0) + (4 if state & _MOD5 else 0)
                keysym = mapping.keycode_to_keysym(event.detail, index) or mapping.keycode_to_keysym(
                    event.detail, 0
                )
                char = keysym_char(keysym)
                if char is None:
                    if self._on_move is not None and not _is_modifier(keysym):
                        self._moved(None, keysym)
                    continue
                if state & _LOCK and char.isalpha():
                    char = char.swapcase()
                try:
                    self._on_char(char)
                except Exception:
                    log.warning("read-as-you-type: the handler failed")

        self._ready.set()
        try:
            recorder.record_enable_context(self._context, on_reply)  # blocks until disabled
        except Exception as exc:
            log.warning("read-as-you-type stopped: %s", type(exc).__name__)
        finally:
            recorder.close()
