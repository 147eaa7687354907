"""Keyboard chords for the dictation panel, grabbed only while the panel is on screen.

The panel never takes focus: insertion must go to the window the user dictated into, and a
panel that took focus would leave that window without it. So its buttons cannot be reached with
Tab or Alt+letter. Instead each action has a Ctrl+Alt chord, grabbed on the X server (like the
global hotkeys) when the panel is shown and let go when it is hidden. Only chords with Ctrl and
Alt are grabbed, never a plain key, so typing in the target window is never swallowed. A chord
another program holds is reported and left off its button (a shown key must work).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from assistant.errors import AssistantError

log = logging.getLogger(__name__)

MAX_PICKS = 5  # suggestion buttons reachable by Ctrl+Alt+1 … 5

# Letters chosen away from the tray's default hotkeys (D, R, S, P) and from chords desktops
# commonly keep for themselves (Ctrl+Alt+T terminal, L lock, Delete, arrows).
PANEL_CHORDS: dict[str, str] = {
    "mic": "<ctrl>+<alt>+m",
    "listen": "<ctrl>+<alt>+o",
    "insert": "<ctrl>+<alt>+i",
    "copy": "<ctrl>+<alt>+k",
    "undo": "<ctrl>+<alt>+f",
    "hide": "<ctrl>+<alt>+j",
    "next_doubt": "<ctrl>+<alt>+n",
    "add_word": "<ctrl>+<alt>+b",
    "auto_insert": "<ctrl>+<alt>+a",
    **{f"pick{n}": f"<ctrl>+<alt>+{n}" for n in range(1, MAX_PICKS + 1)},
}


class PanelKeys(QObject):
    """Grabs :data:`PANEL_CHORDS` on demand; ``triggered(action)`` arrives on the GUI thread."""

    triggered = Signal(str)

    def __init__(self, environ: Mapping[str, str] | None = None, chords: Mapping[str, str] | None = None):
        super().__init__()
        self._environ = environ
        self.chords = dict(PANEL_CHORDS if chords is None else chords)
        self._grabber = None  # type: ignore[var-annotated]
        self.problems: dict[str, str] = {}  # action -> why its chord is not grabbed
        self._left_to_tray: set[str] = set()

    @property
    def active(self) -> bool:
        return self._grabber is not None

    def works(self, action: str) -> bool:
        """The chord of ``action`` is grabbed now (so it may be shown)."""
        return (
            self._grabber is not None
            and action in self.chords
            and action not in self.problems
            and action not in self._left_to_tray
        )

    def grab(self, reserved: Iterable[str] = ()) -> dict[str, str]:
        """Grab every chord; returns {action: problem} for those that could not be grabbed
        because another program holds them. ``reserved``: the tray's own hotkeys; a chord among
        them is left to the tray (not grabbed, not shown, not reported)."""
        if self._grabber is not None:
            return self.problems
        from assistant.hotkeys import create_grabber

        taken = {_normal(c) for c in reserved if c.strip()}
        wanted = {a: c for a, c in self.chords.items() if _normal(c) not in taken}
        try:
            # The callback runs on the grabber's thread: it only emits (queued to the GUI thread).
            grabber = create_grabber(self._on_event, self._environ)
            results = grabber.start(wanted)
        except AssistantError as exc:
            log.info("panel keys not available: %s", exc.message)
            self.problems = dict.fromkeys(self.chords, exc.message)
            return self.problems
        self._grabber = grabber
        self._left_to_tray = set(self.chords) - set(wanted)
        self.problems = {r.name: r.problem for r in results if r.problem is not None}
        if self.problems:
            log.info("panel keys not grabbed: %s", ", ".join(sorted(self.problems)))
        return self.problems

    def release(self) -> None:
        grabber, self._grabber = self._grabber, None
        if grabber is not None:
            grabber.stop()

    def _on_event(self, name: str, pressed: bool) -> None:
        if pressed:
            self.triggered.emit(name)


def _normal(combo: str) -> str:
    """One spelling per chord ("<Alt>+<Ctrl>+I" and "<ctrl>+<alt>+i" are the same key)."""
    from assistant.hotkeys.combo import parse_combo

    try:
        return str(parse_combo(combo))
    except AssistantError:
        return combo
