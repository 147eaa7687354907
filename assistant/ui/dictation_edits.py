"""The dictation panel's spelling and correction edits: doubtful and unsure words, picking a
suggestion, adding a word to the user's dictionary, edits and undo. Mixed into
:class:`assistant.ui.dictation.DictationController`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Slot

from assistant.errors import AssistantError
from assistant.text.unsure import UnsureSpan, after_edit, still_there
from assistant.ui.messages import user_message

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Doubt:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    # "doubt": the word is correct Danish too, only likely not the one meant, so the panel asks
    # ("Mente du …?") instead of calling it a misspelling; other kinds come from text/checker.py.
    kind: str = "spelling"


class DictationEdits:
    """Needs the controller's ``text``, ``partial_from``, ``session``, ``spelling``, ``doubts``,
    ``selected``, ``unsure``, ``selected_unsure``, ``undo_stack`` and its ``text_updated``,
    ``doubts_updated`` and ``status`` signals; no ``tr`` or other QObject method is defined here
    (it would shadow Qt's)."""

    text: str
    partial_from: int
    session: Any
    spelling: Any
    doubts: list[Doubt]
    selected: int | None
    unsure: list[UnsureSpan]
    selected_unsure: int | None
    undo_stack: list[str]
    text_updated: Any
    doubts_updated: Any
    status: Any

    def _check_spelling(self) -> None:
        if self.spelling is None:
            self.doubts = []
        else:
            done = self.text[: self.partial_from]
            flags = self.spelling.checker.check(done, top=MAX_SUGGESTIONS)
            self.doubts = [
                Doubt(f.start, f.end, f.word, tuple(s.word for s in f.suggestions[:MAX_SUGGESTIONS]), f.kind)
                for f in flags
            ]
        if self.selected is not None and self.selected >= len(self.doubts):
            self.selected = None
        self.doubts_updated.emit()

    @Slot(int)
    def select_doubt(self, index: int) -> None:
        self.selected, self.selected_unsure = (index if 0 <= index < len(self.doubts) else None), None
        self.doubts_updated.emit()

    @Slot(int)
    def select_unsure(self, index: int) -> None:
        self.selected_unsure = index if 0 <= index < len(self.unsure) else None
        self.selected = None
        self.doubts_updated.emit()

    @Slot(int)
    def pick(self, number: int) -> None:
        """Replace the selected doubtful (or unsure) word with suggestion (alternative) ``number``."""
        if self.selected_unsure is not None:
            span = self.unsure[self.selected_unsure]
            if 1 <= number <= len(span.alternatives):
                self._edit(span.start, span.end, span.alternatives[number - 1])
            return
        if self.selected is None:
            return
        doubt = self.doubts[self.selected]
        if not 1 <= number <= len(doubt.suggestions):
            return
        word = doubt.suggestions[number - 1]
        self._edit(doubt.start, doubt.end, word)
        if self.spelling is not None:
            try:
                self.spelling.accept(word)
            except AssistantError as exc:
                self.status.emit(user_message(exc), True)

    @Slot()
    def add_selected_to_dictionary(self) -> None:
        if self.selected is None or self.spelling is None or self.spelling.user is None:
            return
        word = self.doubts[self.selected].word
        try:
            self.spelling.user.add(word)
            self.spelling.refresh_user_words()
        except AssistantError as exc:
            self.status.emit(user_message(exc), True)
        self.selected = None
        self._check_spelling()

    def _edit(self, start: int, end: int, replacement: str) -> None:
        self.undo_stack.append(self.text)
        shift = len(replacement) - (end - start)
        self.text = self.text[:start] + replacement + self.text[end:]
        self.partial_from = max(0, self.partial_from + shift)
        self.unsure, self.selected_unsure = after_edit(self.unsure, start, end, replacement), None
        self.selected = None
        self._check_spelling()
        self.text_updated.emit(self.text)

    @Slot()
    def undo(self) -> None:
        if not self.undo_stack:
            return
        self.text = self.undo_stack.pop()
        self.partial_from = len(self.text) if self.session is None else min(self.partial_from, len(self.text))
        self.unsure, self.selected_unsure = still_there(self.unsure, self.text), None
        self.selected = None
        self._check_spelling()
        self.text_updated.emit(self.text)
