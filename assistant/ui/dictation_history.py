"""The dictation's session events turned into history records (no Qt here).

The controller hands :class:`HistoryRecorder` to the session as its event callback: on the
session's worker thread, each final segment is saved before the panel even hears of it. Storage
gets plain text (:class:`~assistant.storage.history.DictationRecord`); only the UI layer knows
the session's events.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.errors import StorageError
from assistant.storage.history import DictationRecord, History
from assistant.stt.session import Failed, Stopped, TextChanged


class HistoryRecorder:
    """Wraps a dictation session's event callback: records the text at each final segment and
    the whole text when it stops, then forwards the event.

    ``history`` None (history turned off) makes it a plain pass-through.
    """

    def __init__(
        self,
        history: History | None,
        forward: Callable[[object], None],
        language: str = "",
        engine: str = "",
        model: str = "",
        *,
        begin_now: bool = True,
    ) -> None:
        self.record = DictationRecord(history, language, engine, model, begin_now=begin_now)
        self._forward = forward

    def begin(self) -> None:
        """Create the history row now (``begin_now=False``: on the session's worker thread)."""
        self.record.begin()

    @property
    def history(self) -> History | None:
        return self.record.history

    @property
    def entry_id(self) -> int | None:
        return self.record.entry_id

    @property
    def error(self) -> StorageError | None:
        return self.record.error

    def __call__(self, event: object) -> None:
        if isinstance(event, TextChanged):
            if event.final:
                self.record.segment(event.text)
        elif isinstance(event, Failed):
            self.record.failed()
        elif isinstance(event, Stopped):
            self.record.stopped(event.text)
        self._forward(event)
