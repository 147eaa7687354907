"""Writing help in any program (``writing.assist``): while the user types, a window beside the
text cursor offers completions of the word being typed, or marks a finished word that is
misspelt with its corrections; a click or Ctrl+Alt+1..5 puts the word into the field.

Threads: the X RECORD watcher (:class:`~assistant.tts.typing.X11TypingWatcher`) only updates
the :class:`~assistant.text.writing.WordTracker` and wakes the worker; the worker ranks the
words, finds the caret (AT-SPI) and types a pick (the inserter's streaming edit, which checks
focus, refuses password fields and waits for held keys); the GUI thread only shows the window
and grabs the chords while it shows. The user's own keys are only observed (RECORD), never
grabbed, delayed or swallowed. What is typed lives in memory until the next word; it is never
stored or logged.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from assistant.errors import AssistantError
from assistant.text.writing import Offer, Suggester, TypingState, WordTracker, plan_replace
from assistant.ui.writing_window import WritingWindow

log = logging.getLogger(__name__)

CHORDS = {f"writing_pick_{i}": f"<ctrl>+<alt>+{i}" for i in range(1, 6)}
_CHORD_KEYSYMS = range(0x31, 0x36)  # the digits 1..5: Ctrl+Alt+digit is our chord, not a move
_ECHO_S = 1.5
_SETTLE_S = 0.5  # how long a pick waits for the field to show the last typed keys  # keys we type come back through RECORD at most this long after typing ends


class WritingAssist(QObject):
    offered = Signal(object, object, object, float)  # Offer, caret, window rect, time of the key
    placed = Signal(object)  # Offer shown (or "none"), after the window moved
    inserted = Signal(str)  # the word put into the field
    problem = Signal(str)  # a readable Danish sentence
    _chord = Signal(int)

    def __init__(self, app: Any, reader: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.reader = reader  # the tray's ReaderController: suggestions are read with its voice
        self.window = WritingWindow()
        self.window.picked.connect(self.pick)
        self.window.hovered.connect(self._read_word)
        self.offered.connect(self._show)
        self._chord.connect(self.pick)
        self.latencies: deque[float] = deque(maxlen=2000)  # key press to list shown, seconds
        self.watcher: Any = None
        self.grabber: Any = None
        self._lock = threading.Lock()
        self._tracker = WordTracker()
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._echo: deque[str] = deque()
        self._muted_until = 0.0
        self._window_rect: tuple[int, int, int, int] | None = None
        self._fresh = True
        self._keys: deque[tuple[int, float]] = deque(maxlen=256)  # (serial, time) not yet answered

    @property
    def running(self) -> bool:
        return self.watcher is not None

    def apply(self) -> None:
        """Follow the settings now (``writing.assist`` on or off, the programs IT lists)."""
        self.set_enabled(bool(self.app.config["writing.assist"]))

    @Slot(str)
    def mute_while(self, state: str) -> None:
        """Dictation state: the keys of dictated text being inserted are not the user's word."""
        with self._lock:
            if state in ("listening", "working"):
                self._muted_until = float("inf")
                self._echo.clear()
            elif self._muted_until == float("inf"):
                self._muted_until = time.perf_counter() + _ECHO_S
            self._tracker.forget()

    # -- on / off ---------------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> bool:
        """Start or stop; True if it now watches typing."""
        self.stop()
        if not on:
            return False
        from assistant.tts.typing import X11TypingWatcher

        watcher = X11TypingWatcher(self._on_char, self.app.environ, on_move=self._on_move)
        try:
            watcher.start()
        except AssistantError as exc:
            log.info("writing help unavailable: %s", exc.message)
            self.problem.emit(self.tr("Skrivehjælp virker ikke her."))
            return False
        self._tracker = WordTracker()
        self._queue = queue.Queue()
        self._thread = threading.Thread(
            target=self._work, args=(self._queue,), name="writing-help", daemon=True
        )
        self._thread.start()
        self.watcher = watcher
        return True

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()  # the keyboard hook ends with the setting
            self.watcher = None
        if self._thread is not None:
            self._queue.put(("stop", None))
            self._thread.join(10)
            self._thread = None
        self._grab(False)
        self.window.hide()
        self._window_rect = None
        with self._lock:
            self._tracker = WordTracker()  # nothing typed outlives the setting

    # -- the watcher's thread ----------------------------------------------------------------------
    def _on_char(self, char: str) -> None:
        now = time.perf_counter()
        with self._lock:
            if now < self._muted_until:
                if self._echo and self._echo[0] == char:
                    self._echo.popleft()
                if not self._echo:
                    self._muted_until = 0.0
                return  # our own typing (a pick) coming back
            state = self._tracker.feed(char)
            self._keys.append((state.serial, now))
        self._queue.put(("state", (state, now)))

    def _on_move(self, point: tuple[int, int] | None, keysym: int) -> None:
        if point is None and keysym in _CHORD_KEYSYMS:
            return
        rect = self._window_rect
        if point is not None and rect is not None:
            x, y, w, h = rect
            if x <= point[0] < x + w and y <= point[1] < y + h:
                return  # a click on our own window: a pick, not a move
        with self._lock:
            if time.perf_counter() < self._muted_until:
                return
            state = self._tracker.forget()
        self._fresh = True
        self._queue.put(("state", (state, time.perf_counter())))

    # -- the worker --------------------------------------------------------------------------------
    def _work(self, jobs: queue.Queue[tuple[str, Any]]) -> None:
        from assistant.inject.caret import CaretWatch
        from assistant.inject.inserter import Inserter
        from assistant.text.service import from_app

        config = self.app.config
        watch = CaretWatch(self.app.environ, config["writing.ignore_apps"])
        inserter = Inserter(config, self.app.environ)
        try:
            suggester = Suggester(from_app(self.app))  # loaded before the first key, off the GUI
            while True:
                kind, item = jobs.get()
                if kind == "stop":
                    return
                if kind == "state":
                    while not jobs.empty():  # only the newest state matters
                        nxt = jobs.get()
                        if nxt[0] != "state":
                            jobs.put(nxt)  # keep order for a pick or stop (rare)
                            break
                        kind, item = nxt
                    self._offer(suggester, watch, *item)
                elif kind == "pick":
                    self._insert(watch, inserter, *item)
        except Exception:
            log.exception("writing help stopped")
        finally:
            watch.close()
            inserter.close()

    def _offer(self, suggester: Suggester, watch: Any, state: TypingState, at: float) -> None:
        with self._lock:
            if state.serial != self._tracker.state.serial:
                return  # already out of date
        offer = suggester.offer(state)
        if offer.kind == "none":
            self.offered.emit(offer, None, None, at)
            return
        fresh = self._fresh  # the field is looked for again only after a click or a caret key
        self._fresh = False
        spot = watch.look(fresh)
        if spot.hidden:
            offer = Offer("none", serial=offer.serial)
        self.offered.emit(offer, spot.caret, spot.window_rect, at)

    def _insert(self, watch: Any, inserter: Any, offer: Offer, index: int) -> None:
        from assistant.inject.inserter import SecretField

        typed = offer.typed + (offer.ender if offer.kind == "misspelt" else "")
        spot = watch.look(True)
        if spot.hidden:
            return
        plan = plan_replace(offer, index, None)
        if spot.readable:
            # The last keys may still be on their way to the program: look again for a moment.
            deadline = time.monotonic() + _SETTLE_S
            while True:
                plan = plan_replace(offer, index, watch.before_caret(len(typed) + 1))
                if plan is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.02)
        if plan is None:
            log.info(
                "writing help: pick not put in (%s)",
                "the field ends otherwise" if spot.readable else "unreadable field",
            )
            self.problem.emit(self.tr("Ordet kunne ikke sættes ind her. Skriv det selv."))
            return
        erase = plan.erase
        with self._lock:
            self._echo = deque("\b" * erase + plan.new[len(plan.old) - erase :])
            self._muted_until = float("inf")
        try:
            stream = inserter.stream(spot.window)
            stream.typed = plan.old
            stream.update(plan.new)
        except SecretField:
            return
        except AssistantError as exc:
            log.info("writing help: the word was not put in (%s)", type(exc).__name__)
            self.problem.emit(self.tr("Ordet kunne ikke sættes ind her. Skriv det selv."))
            with self._lock:
                self._echo.clear()
                self._muted_until = 0.0
            return
        finally:
            with self._lock:
                if self._muted_until == float("inf"):
                    self._muted_until = time.perf_counter() + _ECHO_S
        word = plan.new.rstrip()
        with self._lock:
            state = self._tracker.picked(word.split()[-1] if word.split() else word)
        self.offered.emit(Offer("none", serial=state.serial), None, None, time.perf_counter())
        self.inserted.emit(word)

    # -- GUI thread --------------------------------------------------------------------------------
    @Slot(object, object, object, float)
    def _show(self, offer: Offer, caret: Any, window_rect: Any, at: float) -> None:
        if not self.running:
            return
        with self._lock:
            latest = self._tracker.state.serial
        if offer.serial != latest:
            return
        self.window.show_offer(offer, caret, window_rect)
        self._window_rect = self.window.rect_on_screen()
        now = time.perf_counter()
        self._grab(self.window.isVisible())  # before the keys count as answered: a chord works then
        with self._lock:
            while self._keys and self._keys[0][0] <= offer.serial:
                _serial, pressed = self._keys.popleft()
                if offer.kind != "none":  # every key this list answers, also those it overtook
                    self.latencies.append(now - pressed)
        self.placed.emit(offer)

    @Slot(int)
    def pick(self, index: int) -> None:
        offer = self.window.offer
        if not self.window.isVisible() or index >= len(offer.words):
            return
        self.window.hide()
        self._window_rect = None
        self._grab(False)
        self._queue.put(("pick", (offer, index)))

    @Slot(int)
    def _read_word(self, index: int) -> None:
        offer = self.window.offer
        if self.reader is not None and index < len(offer.words):
            self.reader.read(offer.words[index], "writing")

    def _grab(self, on: bool) -> None:
        """Ctrl+Alt+1..5 are the user's own keys except while the window shows."""
        if on and self.grabber is None:
            from assistant.hotkeys.x11 import X11HotkeyGrabber

            def on_event(name: str, pressed: bool) -> None:  # the grabber's thread
                if pressed:
                    self._chord.emit(int(name.rsplit("_", 1)[1]) - 1)

            grabber = X11HotkeyGrabber(on_event, self.app.environ)
            try:
                grabber.start(CHORDS)
            except AssistantError:
                return  # clicks still work
            self.grabber = grabber
        elif not on and self.grabber is not None:
            self.grabber.stop()
            self.grabber = None


def attach(tray: Any) -> WritingAssist:
    """Writing help in the running tray: on when the setting is, sharing the reader's voice."""
    assist = WritingAssist(tray.app, tray.reader, tray)
    assist.problem.connect(tray.reader.problem)
    tray.dictation.state_changed.connect(assist.mute_while)
    assist.apply()
    return assist
