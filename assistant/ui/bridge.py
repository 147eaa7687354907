"""Core callbacks -> Qt signals. The only way worker-thread events reach the GUI thread.

Each bridge is a QObject living on the GUI thread. Its ``__call__`` (or ``on_*``) is handed to
the core as a plain callback and runs on the core's thread (dictation worker, reader clock,
hotkey grabber, installer); it does nothing but emit a signal. Signals are connected to
``@Slot`` methods of GUI objects, so Qt queues them onto the GUI thread. No other Qt call is
made from those threads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assistant.ui.messages import message_for, user_message


class DictationBridge(QObject):
    """Events of :class:`assistant.stt.session.DictationSession`."""

    listening = Signal(str)  # device name
    model_ready = Signal(float)  # seconds to load
    level = Signal(float)  # dBFS
    text_changed = Signal(str, bool, int)  # whole text, final, stable chars (of a preview)
    # The final utterance's words with the engine's confidence; emitted just before its text.
    words_recognised = Signal(object)
    behind = Signal(float)  # seconds of speech still to decode (0: caught up)
    failed = Signal(str, str)  # message, hint
    stopped = Signal(str)  # final text
    no_sound = Signal(bool)  # the microphone gives only silence (True), or sound again (False)

    def __call__(self, event: object) -> None:
        from assistant.stt.session import (
            Behind,
            Failed,
            Level,
            Listening,
            ModelReady,
            NoSound,
            Stopped,
            TextChanged,
        )

        if isinstance(event, TextChanged):
            if event.final and event.segment is not None and event.segment.words:
                self.words_recognised.emit(tuple(event.segment.words))
            self.text_changed.emit(event.text, event.final, event.stable_chars)
        elif isinstance(event, Behind):
            self.behind.emit(event.seconds)
        elif isinstance(event, Level):
            self.level.emit(event.dbfs)
        elif isinstance(event, Listening):
            self.listening.emit(event.device)
        elif isinstance(event, ModelReady):
            self.model_ready.emit(event.seconds)
        elif isinstance(event, Failed):
            self.failed.emit(user_message(event.error), "")
        elif isinstance(event, Stopped):
            self.stopped.emit(event.text)
        elif isinstance(event, NoSound):
            self.no_sound.emit(event.silent)


class ReaderBridge(QObject):
    """Events of :class:`assistant.tts.reader.Reader`."""

    started = Signal(int, int)  # utterance, chars
    sentence = Signal(int, int, int)  # utterance, start, end
    word = Signal(int, int, int, float)  # utterance, start, end, heard_at (time.monotonic)
    paused = Signal(bool)
    finished = Signal(int, bool)  # utterance, stopped
    failed = Signal(str, str)

    def __call__(self, event: object) -> None:
        from assistant.tts.reader import (
            ReadingFailed,
            ReadingFinished,
            ReadingPaused,
            ReadingResumed,
            ReadingStarted,
            SentenceStarted,
            WordStarted,
        )

        if isinstance(event, WordStarted):
            self.word.emit(event.utterance, event.start, event.end, event.heard_at)
        elif isinstance(event, SentenceStarted):
            self.sentence.emit(event.utterance, event.start, event.end)
        elif isinstance(event, ReadingStarted):
            self.started.emit(event.utterance, event.chars)
        elif isinstance(event, ReadingPaused):
            self.paused.emit(True)
        elif isinstance(event, ReadingResumed):
            self.paused.emit(False)
        elif isinstance(event, ReadingFinished):
            self.finished.emit(event.utterance, event.stopped)
        elif isinstance(event, ReadingFailed):
            self.failed.emit(message_for(event.kind, event.msgid, {}, event.message, event.hint), "")


class HotkeyBridge(QObject):
    """``on_event(name, pressed)`` from the hotkey thread."""

    pressed = Signal(str)
    released = Signal(str)

    def __call__(self, name: str, pressed: bool) -> None:
        (self.pressed if pressed else self.released).emit(name)


class TaskBridge(QObject):
    """A blocking job on a worker thread (model load, insertion, install, selection): progress,
    result or error come back as signals. ``tag`` tells concurrent jobs apart."""

    progress = Signal(str, str, "qint64", "qint64")  # tag, stage, done, total (-1 unknown)
    done = Signal(str, object)  # tag, result
    error = Signal(str, str, str)  # tag, message, hint

    @classmethod
    def connected(cls, owner: QObject, done, error, progress=None) -> TaskBridge:
        """A bridge owned by ``owner`` with its result, error and (optional) progress slots."""
        bridge = cls(owner)
        bridge.done.connect(done)
        bridge.error.connect(error)
        if progress is not None:
            bridge.progress.connect(progress)
        return bridge

    def on_progress(self, tag: str, stage: str, done: int, total: int | None) -> None:
        self.progress.emit(tag, stage, int(done), -1 if total is None else int(total))

    def on_done(self, tag: str, result: object) -> None:
        self.done.emit(tag, result)

    def on_error(self, tag: str, exc: BaseException) -> None:
        # Translated here, on the worker's thread: the slots get a sentence in the UI's language.
        self.error.emit(tag, user_message(exc), "")
