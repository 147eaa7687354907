"""Read-aloud in the tray: the controller around the core Reader, and the reader bar.

The synthesizer and Reader are created on a worker thread (voices load there); controls
(play/pause/stop, sentence skip, speed, voice) are quick calls into the Reader, whose clock thread
sends the sentence and word events that the bridge turns into signals for the highlight.

Positions in the core are Python string indices (code points); Qt's text positions count UTF-16
units, so an emoji before a word would shift every highlight after it by one. :class:`Utf16Map`
converts once per text.
"""

from __future__ import annotations

import logging
from bisect import bisect_right

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QColor

from assistant.app import App
from assistant.errors import AssistantError
from assistant.ui.bridge import ReaderBridge, TaskBridge
from assistant.ui.messages import user_message
from assistant.ui.placement import focused_window_rect, place_bar  # noqa: F401  (their old home)
from assistant.ui.typing_echo import EchoFeed
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

# Two colours, both far above WCAG AAA's 7:1 against their text, and no change of weight or size,
# so nothing moves when a word lights up: the sentence on a pale yellow, the word dark on white.
SENTENCE_BACKGROUND = "#fff1a8"
SENTENCE_TEXT = "#1a1a1a"
WORD_BACKGROUND = "#0b3a75"
WORD_TEXT = "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    qc = QColor(colour)
    channels = []
    for value in (qc.redF(), qc.greenF(), qc.blueF()):
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


class Utf16Map:
    """Python string index -> Qt (UTF-16) position for one text."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # two UTF-16 units each

    def __call__(self, index: int) -> int:
        return index + bisect_right(self._wide, index - 1)


def voice_label(name: str) -> str:
    """A voice's name as shown: the engines name voices in English ("Danish")."""
    names = {
        "Danish": QCoreApplication.translate("voices", "Dansk"),
        "English (Great Britain)": QCoreApplication.translate("voices", "Engelsk (Storbritannien)"),
        "English (America)": QCoreApplication.translate("voices", "Engelsk (USA)"),
    }
    return names.get(name, name)


class ReaderController(QObject):
    ready = Signal()
    text_started = Signal(str, str)  # text, source ("panel", "selection", "bar", "sample")
    sentence = Signal(int, int)  # start, end in the text being read
    word = Signal(int, int)  # start, end in the text being read
    word_painted = Signal(int, int, float)  # start, end, heard_at (time.monotonic of its sound)
    paused_changed = Signal(bool)
    finished = Signal(bool)  # stopped
    problem = Signal(str)
    voices_loaded = Signal(list)  # [(id, name, languages)]

    def __init__(self, app: App, workers: Workers) -> None:
        super().__init__()
        self.app = app
        self.workers = workers
        self.reader = None
        self.text = ""
        self.source = ""
        self.paused = False
        self.reading = False
        self._utterance = 0
        self._pending: tuple[str, str, str | None] | None = None
        self._loading = False
        self.bridge = ReaderBridge(self)
        self.bridge.word.connect(self._on_word)
        self.bridge.sentence.connect(self._on_sentence)
        self.bridge.paused.connect(self._on_paused)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failed.connect(self._on_failed)
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error)
        self.echo = EchoFeed(app.environ, self)
        self.echo.text.connect(self._on_echo)
        self.echo.problem.connect(self.problem)

    # -- read as you type ------------------------------------------------------------------------
    def set_echo(self, mode: str) -> None:
        """Read each typed word or sentence aloud ("word"/"sentence"), or stop ("off")."""
        if self.echo.set_mode(mode):
            self.load()

    @property
    def echo_mode(self) -> str:
        return self.echo.mode

    @property
    def _watcher(self):  # type: ignore[no-untyped-def]
        return self.echo.watcher

    @Slot(str)
    def mute_echo_while(self, state: str) -> None:
        """Dictation state: while it listens or inserts, and a moment after, typing is not ours."""
        self.echo.mute_while(state)

    @Slot(str)
    def _on_echo(self, text: str) -> None:
        self.read(text, "echo")

    def load(self) -> None:
        """Create the synthesizer and reader in the background (idempotent)."""
        if self.reader is not None or self._loading:
            return
        self._loading = True
        app, bridge = self.app, self.bridge

        def job():  # type: ignore[no-untyped-def]
            from assistant.tts import choose_synthesizer, reader_settings
            from assistant.tts.reader import Reader

            reader = Reader(
                choose_synthesizer(app.config["tts.engine"]), bridge, **reader_settings(app.config)
            )
            reader.prepare()
            voices = [(v.id, v.name, v.languages) for v in reader.synthesizer.voices()]
            return reader, voices

        self.workers.run("reader-load", job, self.tasks, abandonable=True)  # loads voices only

    @Slot(str, object)
    def _on_done(self, tag: str, result: object) -> None:
        if tag == "reader-load":
            self._loading = False
            self.reader, voices = result  # type: ignore[misc]
            self.voices_loaded.emit(voices)
            self.ready.emit()
            if self._pending is not None:
                pending, self._pending = self._pending, None
                self.read(*pending)
        elif tag == "selection":
            self.read(str(result), "selection")

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        if tag == "reader-load":
            self._loading = False
            self._pending = None
        self.problem.emit(f"{message}. {hint}" if hint else message)

    # -- controls ----------------------------------------------------------------------------------
    def read(self, text: str, source: str = "bar", language: str | None = None) -> None:
        if not text.strip():
            self.problem.emit(self.tr("Der er ingen tekst at læse op."))
            return
        if self.reader is None:
            self._pending = (text, source, language)
            self.load()
            return
        try:
            self._utterance = self.reader.read(text, language)
        except AssistantError as exc:
            self.problem.emit(user_message(exc))
            return
        self.text, self.source, self.paused, self.reading = text, source, False, True
        self.text_started.emit(text, source)

    @Slot()
    def read_selection(self) -> None:
        environ = self.app.environ
        self.load()

        def job() -> str:
            from assistant.selection import read_selection

            return read_selection(environ)[0]

        self.workers.run("selection", job, self.tasks)

    @Slot()
    def toggle_pause(self) -> None:
        if self.reader is None or not self.reading:
            if self.text:
                self.read(self.text, self.source)
            return
        if self.paused:
            self.reader.resume()
        else:
            self.reader.pause()

    @Slot()
    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()

    @Slot()
    def next_sentence(self) -> None:
        if self.reader is not None and self.reading:
            self.reader.next_sentence()

    @Slot()
    def previous_sentence(self) -> None:
        if self.reader is not None and self.reading:
            self.reader.previous_sentence()

    @property
    def rate_locked(self) -> bool:
        return bool(self.app.config.is_locked("tts.rate"))

    def set_rate(self, rate: int) -> None:
        if self.rate_locked:
            return
        if self.reader is not None:
            try:
                self.reader.set_rate(rate)
            except AssistantError as exc:
                self.problem.emit(user_message(exc))

    def set_voice(self, language: str, voice: str | None) -> None:
        if self.reader is not None:
            try:
                self.reader.set_voice(language, voice)
            except AssistantError as exc:
                self.problem.emit(user_message(exc))

    def shutdown(self) -> None:
        self.echo.stop()
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    # -- events ------------------------------------------------------------------------------------
    @Slot(int, int, int, float)
    def _on_word(self, utterance: int, start: int, end: int, heard_at: float) -> None:
        if utterance == self._utterance:
            self.word.emit(start, end)
            self.word_painted.emit(start, end, heard_at)

    @Slot(int, int, int)
    def _on_sentence(self, utterance: int, start: int, end: int) -> None:
        if utterance == self._utterance:
            self.sentence.emit(start, end)

    @Slot(bool)
    def _on_paused(self, paused: bool) -> None:
        self.paused = paused
        self.paused_changed.emit(paused)

    @Slot(int, bool)
    def _on_finished(self, utterance: int, stopped: bool) -> None:
        if utterance == self._utterance:
            self.reading = False
            self.paused = False
            self.finished.emit(stopped)

    @Slot(str, str)
    def _on_failed(self, message: str, hint: str) -> None:
        self.reading = False
        self.problem.emit(f"{message}. {hint}" if hint else message)
