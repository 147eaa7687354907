"""Writing help beside the cursor: the word being typed (from key events) and what to offer for it.

:class:`WordTracker` follows the characters typed in the focused field (from the X RECORD feed,
:mod:`assistant.tts.typing`) and keeps only the word being typed and the word before it, in
memory; anything that moves the caret where keys cannot follow (a click, an arrow key, focus
moving) forgets them. :class:`Suggester` turns that state into an :class:`Offer`: up to five
completions ranked by the context model while a word is typed (prefix, phonetic and
dyslexic-error matches from :class:`~assistant.text.prediction.Predictor`), or, once a word is
finished, the word marked as misspelt with its suggestions. Nothing here stores or logs text.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.text.spelling import match_case

SHOWN = 5
WORD_CHARS = "'’-"  # inside a word, as the speller's tokenizer sees it
SENTENCE_END = ".!?\n"


@dataclass(frozen=True)
class TypingState:
    """The word being typed (``prefix``), the word before it in the sentence, and the word just
    finished with the character that finished it (``finished``/``ender``, empty when none)."""

    prefix: str = ""
    previous: str | None = None
    finished: str = ""
    ender: str = ""
    serial: int = 0  # grows with every change: an answer for an older state is dropped


def is_word_char(char: str) -> bool:
    return char.isalnum() or char in WORD_CHARS


class WordTracker:
    """One thread at a time (the caller holds a lock)."""

    def __init__(self) -> None:
        self.state = TypingState()

    def feed(self, char: str) -> TypingState:
        s = self.state
        serial = s.serial + 1
        if char == "\b":
            if s.prefix:
                self.state = TypingState(s.prefix[:-1], s.previous, serial=serial)
            elif s.finished and s.ender:
                # Back into the word just finished: it is being typed again.
                self.state = TypingState(s.finished, None, serial=serial)
            else:
                self.state = TypingState(serial=serial)  # unknown text before the caret
        elif is_word_char(char):
            self.state = TypingState(s.prefix + char, s.previous, serial=serial)
        else:
            word = s.prefix.strip(WORD_CHARS)
            previous = None if char in SENTENCE_END or not word else word
            if char in ",;:" and word:
                previous = None  # a new clause: the pair counts do not carry over a comma
            self.state = TypingState("", previous, word, char if word else "", serial)
        return self.state

    def picked(self, word: str, ender: str = " ") -> TypingState:
        """The field now ends with ``word`` + ``ender`` (a suggestion was put in)."""
        previous = None if ender in SENTENCE_END else word
        self.state = TypingState("", previous, word, ender, self.state.serial + 1)
        return self.state

    def forget(self) -> TypingState:
        """The caret moved where keys cannot follow: nothing before it is known."""
        self.state = TypingState(serial=self.state.serial + 1)
        return self.state


@dataclass(frozen=True)
class Offer:
    """What the window shows: ``kind`` "complete" (``words`` complete ``typed``), "misspelt"
    (``typed`` is the finished word, ``words`` its corrections) or "none" (hide the window)."""

    kind: str
    typed: str = ""
    words: tuple[str, ...] = ()
    ender: str = ""
    serial: int = 0


class Suggester:
    """Ranks suggestions for a :class:`TypingState` with one language's spelling service."""

    def __init__(self, spelling: object, shown: int = SHOWN) -> None:
        self.predictor = spelling.predictor  # type: ignore[attr-defined]
        self.checker = spelling.checker  # type: ignore[attr-defined]
        self.shown = shown

    def offer(self, state: TypingState) -> Offer:
        if state.prefix:
            return self.complete(state)
        if state.finished:
            marked = self.check(state)
            return marked if marked.kind != "none" else self.following(state)
        return Offer("none", serial=state.serial)

    def following(self, state: TypingState) -> Offer:
        """After a word and a space (or a full stop): the likely next words, before a letter."""
        if state.ender not in (" ", "\n"):
            return Offer("none", serial=state.serial)  # after a comma or a full stop: wait for a letter
        words = tuple(self.predictor.next_words(state.previous, self.shown)[: self.shown])
        if state.ender == "\n":
            words = tuple(w[:1].upper() + w[1:] for w in words)  # a new line starts a sentence
        if not words:
            return Offer("none", serial=state.serial)
        return Offer("complete", "", words, state.ender, state.serial)

    def complete(self, state: TypingState) -> Offer:
        prefix = state.prefix
        if not any(c.isalpha() for c in prefix):
            return Offer("none", serial=state.serial)
        words = self.predictor.complete(prefix, state.previous, self.shown + 1)
        # The word exactly as typed is no help, whatever its case.
        words = [w for w in words if w.lower() != prefix.lower()][: self.shown]
        if not words:
            return Offer("none", serial=state.serial)
        return Offer("complete", prefix, tuple(words), serial=state.serial)

    def check(self, state: TypingState) -> Offer:
        word = state.finished
        if len(word) < 2 or not any(c.isalpha() for c in word):
            return Offer("none", serial=state.serial)
        text = f"{state.previous} {word}" if state.previous else word
        for flag in self.checker.check(text, top=self.shown):
            if flag.end == len(text) and flag.kind in ("spelling", "confusion"):
                words = tuple(match_case(word, s.word) for s in flag.suggestions[: self.shown])
                return Offer("misspelt", word, words, state.ender, state.serial)
        return Offer("none", serial=state.serial)


@dataclass(frozen=True)
class Replacement:
    """What the field ends with now (``old``) and what it must end with (``new``)."""

    old: str
    new: str

    @property
    def erase(self) -> int:
        from assistant.inject.text import common_prefix

        return len(self.old) - common_prefix(self.old, self.new)


def plan_replace(offer: Offer, index: int, before_caret: str | None, ender: str = " ") -> Replacement | None:
    """How to put suggestion ``index`` of ``offer`` into the field.

    ``before_caret``: the text before the caret read from the field (at least as long as the
    typed word and its ender), or None where the field cannot be read. A readable field must
    end with exactly what the keys said was typed, else nothing is done (the caret moved, or the
    program changed the text itself). An unreadable field only ever gets letters added after
    the typed ones (no BackSpace whose count could not be checked); a suggestion that changes
    the typed letters is then not put in (None).
    """
    if offer.kind == "none" or not 0 <= index < len(offer.words):
        return None
    typed = offer.typed + (offer.ender if offer.kind == "misspelt" else "")
    chosen = offer.words[index]
    new = chosen + (ender if offer.kind == "complete" else offer.ender)
    if before_caret is not None:
        # A next word (nothing typed yet) goes after the space or line the field ends with.
        expect = typed or offer.ender
        if not before_caret.endswith(expect):
            return None
        return Replacement(typed, new)
    if offer.kind == "complete" and new.startswith(typed):
        return Replacement(typed, new)
    return None


Rect = tuple[int, int, int, int]  # x, y, width, height on the screen
GAP = 6  # pixels between the line being typed and the window


def place(size: tuple[int, int], caret: Rect | None, window: Rect | None, screen: Rect) -> tuple[int, int]:
    """Top-left corner for a window of ``size``: just below the caret's line (above it where the
    screen ends), never over it; without a caret, beside the focused ``window``; else in the
    screen's bottom-right corner."""
    w, h = size
    sx, sy, sw, sh = screen

    def clamp_x(x: int) -> int:
        return max(sx, min(x, sx + sw - w))

    if caret is not None:
        cx, cy, _cw, ch = caret
        y = cy + ch + GAP
        if y + h > sy + sh:
            y = cy - GAP - h
        return clamp_x(cx), max(sy, y)
    if window is not None:
        wx, wy, ww, wh = window
        if wx + ww + GAP + w <= sx + sw:
            return wx + ww + GAP, max(sy, min(wy, sy + sh - h))
        if wx - GAP - w >= sx:
            return wx - GAP - w, max(sy, min(wy, sy + sh - h))
        if wy + wh + GAP + h <= sy + sh:
            return clamp_x(wx), wy + wh + GAP
    return sx + sw - w - GAP, sy + sh - h - GAP
