"""The insertion ledger: which part of the panel's text is already in which window.

One model for every way text leaves the panel (Indsæt, auto-insert after each sentence, and
corrections picked afterwards): the ledger remembers the window and the text that is in it
(``sent``); :meth:`InsertionLedger.insert` sends only what is not there yet.

* New text after what was sent is typed, once.
* A correction inside text that was already sent is made by selecting the old words back to
  the change (Shift+Left) and typing over them, but only after the selection was read back and
  is exactly the old text; otherwise the selection is dropped, nothing of the user's is
  touched and the result carries a note saying which words to fix by hand.
* A new document typed into the window that got the previous one is joined by a space when the
  text needs one.
* Whether the field holds what was typed comes from the inserter (AT-SPI, no keys sent, the
  user's selection untouched); where it cannot look, the result says only that it was sent.

No Qt here; the tray calls it on its insertion worker (one at a time).
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.inject import x11
from assistant.inject.base import FocusLost, WindowRef
from assistant.inject.inserter import FocusChanged, InsertInterrupted, window_label
from assistant.inject.text import common_prefix, normalise, separator
from assistant.log import describe

log = logging.getLogger(__name__)

MAX_SELECT = 2000  # longer corrections are not retyped: too slow and too much to verify


class TextElsewhere(FocusChanged):
    """Part of the text is already in ``window`` and another window has focus now: not one key
    was sent (a correction there would select and overwrite the other window's text)."""

    def __init__(self, window: WindowRef | None, title: str) -> None:
        self.window, self.title = window, title
        super().__init__(
            f"The text is in {window_label(window)}, and another window has focus now, so no key was sent",
            "Click into the window that holds the text and insert again",
            msgid="focus.text-elsewhere",
            params={"title": title or window_label(window)},
        )


@dataclass(frozen=True)
class Correction:
    old: str
    new: str


@dataclass(frozen=True)
class LedgerResult:
    """What one insertion did. ``typed`` counts the characters sent this time."""

    typed: int
    sent: int  # characters of the document now in the window
    unsent: int  # characters of the document not yet in the window
    window: WindowRef | None
    backend: str
    corrected: bool = False  # an earlier part was retyped with the user's corrections
    skipped_corrections: tuple[Correction, ...] = ()  # could not be made in the window
    dropped: int = 0
    read_back: bool = False  # the field was read back and holds what was typed
    check_failed: bool = False  # it was read back and did not
    breaks_as_spaces: int = 0  # line breaks typed as spaces (the field is single-line)
    interrupted: bool = False  # focus moved part-way: ``typed`` landed, the rest is unsent
    moved_to: WindowRef | None = None
    stop_reason: str = ""  # why an interrupted insertion stopped: "focus", "keyboard", "keymap"
    doubtful: bool = False  # sent, but read back differently or focus left before the check
    # The window's title, to name it to the user (never logged: it can hold a document's name).
    title: str = ""

    @property
    def where(self) -> str:
        """The window as the user knows it: »its title«, else its class and id."""
        return f"»{self.title}«" if self.title else window_label(self.window)


class InsertionLedger:
    """What of the panel's document is in which window. Thread-safe: the panel tells it about
    every change of its text (:meth:`sync`, GUI thread); :meth:`insert` runs on a worker."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.window: WindowRef | None = None
        self.sent = ""  # the text that is in ``window`` (normalised), maybe before corrections
        self.sent_end = 0  # where that text ends in the current document
        self.doc = ""  # the current document (normalised)
        self._lead = ""  # separator typed before the document
        self._tails: dict[str, str] = {}  # window id -> last character we typed there
        self._look_before = False
        self._checked = True  # every insertion of this document into its window was read back

    def reset(self, document: str = "", *, look_before: bool = False) -> None:
        """A new document (new dictation, text from history): nothing of it is sent yet.
        ``look_before``: it goes into whichever field has focus (history), so before typing,
        the character before that field's caret decides whether a space joins it, where the
        field can be read; else only what this ledger typed there last."""
        with self._lock:
            self._look_before = look_before
            if self.window is not None and (self.sent or self._lead):
                self._tails[self.window.id] = (self._lead + self.sent)[-1:]
            self.window, self.sent, self.sent_end, self._lead = None, "", 0, ""
            self.doc = normalise(document).text
            self._checked = True

    def checked(self) -> bool:
        """Whether all that was sent of this document was read back from the field."""
        with self._lock:
            return self._checked

    def resend(self) -> None:
        """Count nothing of the document as sent (the user saw it missing from the window and
        asked to send it again); the next :meth:`insert` sends it whole."""
        with self._lock:
            if self.window is not None and (self.sent or self._lead):
                self._tails[self.window.id] = (self._lead + self.sent)[-1:]  # joined like a new text
            self.sent, self.sent_end, self._lead = "", 0, ""
            self._checked = True

    def sync(self, document: str) -> None:
        """The document changed (one edit, a new sentence, an undo): keep ``sent_end`` on the
        same text. Call after every change so each one is a single contiguous edit."""
        new = normalise(document).text
        with self._lock:
            self._sync(new)

    def _sync(self, new: str) -> None:
        old = self.doc
        if new == old:
            return
        p = common_prefix(old, new)
        q = 0
        limit = min(len(old), len(new)) - p
        while q < limit and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
            q += 1
        old_end, new_end = len(old) - q, len(new) - q
        if p >= self.sent_end:
            pass  # after what was sent (new words): nothing to track
        elif old_end <= self.sent_end:
            self.sent_end += new_end - old_end
        else:
            self.sent_end = new_end  # straddles the end: the replaced part counts as sent
        self.sent_end = max(0, min(self.sent_end, len(new)))
        self.doc = new

    def unsent(self) -> str:
        """The part of the document an insertion would add (corrections not included)."""
        with self._lock:
            return self.doc[self.sent_end :]

    def pending(self) -> bool:
        """Whether an insertion would send anything (new text or corrections)."""
        with self._lock:
            return self.sent_end < len(self.doc) or self.sent != self.doc[: self.sent_end]

    def state(self) -> tuple[int, WindowRef | None]:
        """(characters of the document already in a window, that window)."""
        with self._lock:
            return self.sent_end, self.window

    def insert(
        self,
        inserter: Any,
        document: str,
        target: WindowRef | None,
        environ: Mapping[str, str] | None = None,
    ) -> LedgerResult:
        """Bring the window up to ``document``: type what is not there yet, make corrections
        where the target allows. If focus moves part-way, what landed is recorded and the
        result says ``interrupted``; if nothing could be typed, raises like
        :meth:`Inserter.insert`."""
        prepared = normalise(document)
        with self._lock:
            self._sync(prepared.text)
            doc, sent, sent_end, lead_before = self.doc, self.sent, self.sent_end, self._lead
            where = self.window if (sent or lead_before) else target
            tails = dict(self._tails)
            look_before = self._look_before
        sent_part = doc[:sent_end]
        p = common_prefix(sent, sent_part)
        corrected, skipped = False, ()
        if where is not None and p < len(sent):
            # A correction selects and overwrites text: only in the window that holds it.
            now = inserter.current_window()
            if now is None or now.id != where.id:
                log.info("correction pending for %s, focus is elsewhere: no key sent", where.id)
                raise TextElsewhere(where, inserter.window_title(where))
        if p < len(sent):
            keys = inserter.keys_for(where)
            old = sent[p:]
            try:
                selected = (
                    keys is not None
                    and len(old) <= MAX_SELECT
                    and self._select_verified(keys, old, environ, where)
                )
            except FocusLost:  # focus moved between the check above and the first key
                raise TextElsewhere(where, inserter.window_title(where)) from None
            if selected:
                corrected = True
                start = p
            else:
                skipped = tuple(_corrections(sent, sent_part))
                start = sent_end
                log.info("%d corrections could not be made in the window", len(skipped))
        else:
            start = sent_end
        text = doc[start:]
        lead = ""
        if not sent and not lead_before and (tails or look_before):
            # Text for "whichever window has focus" (from history): look at that window.
            into = where or inserter.current_window()
            if into is not None:
                before = tails.get(into.id, "")
                if not before and look_before:
                    before = inserter.char_before_caret(into) or ""
                lead = separator(before, text)
        if not text:
            return LedgerResult(
                0, sent_end, 0, self.window or where, "", corrected, skipped, prepared.dropped
            )
        try:
            result = inserter.insert(lead + text, target=where)
        except InsertInterrupted as exc:
            landed = max(0, exc.sent - len(lead))
            self._record(exc.window or where, sent, start, corrected, text[:landed], lead if exc.sent else "")
            with self._lock:
                total, unsent = self.sent_end, len(self.doc) - self.sent_end
            return LedgerResult(
                exc.sent,
                total,
                unsent,
                exc.window or where,
                exc.backend,
                corrected,
                skipped,
                prepared.dropped,
                interrupted=True,
                moved_to=exc.now,
                stop_reason=exc.reason,
                title=self.title_of(inserter, exc.window or where),
            )
        self._record(result.window or where, sent, start, corrected, text, lead, result.read_back)
        log.info("ledger sent %s", describe(text))
        with self._lock:
            unsent = len(self.doc) - self.sent_end
            total = self.sent_end
        return LedgerResult(
            len(lead) + len(text),
            total,
            unsent,
            result.window or where,
            result.backend,
            corrected,
            skipped,
            prepared.dropped,
            read_back=result.read_back,
            check_failed=result.check_failed,
            breaks_as_spaces=result.breaks_as_spaces,
            doubtful=result.check_failed or not result.focus_stayed,
            title=self.title_of(inserter, result.window or where),
        )

    @staticmethod
    def title_of(inserter: Any, window: WindowRef | None) -> str:
        """The window's title as the user may be shown it (one printable line, 60 characters)."""
        try:
            title = inserter.window_title(window)
        except Exception:  # a window that closed meanwhile has no title: say its class instead
            return ""
        # One line, printable, not a paragraph: titles come from other programs.
        title = "".join(c if c.isprintable() else " " for c in title).strip()
        return title if len(title) <= 60 else title[:59] + "…"

    def _record(
        self,
        window: WindowRef | None,
        sent: str,
        start: int,
        corrected: bool,
        landed: str,
        lead: str,
        checked: bool = False,
    ) -> None:
        with self._lock:
            self._checked = self._checked and checked
            if not self.sent and not self._lead:
                self._lead = lead
            self.window = window
            if corrected:
                self.sent = self.doc[:start] + landed
            else:
                self.sent = sent + landed
            self.sent_end = min(len(self.doc), start + len(landed))

    @staticmethod
    def _select_verified(
        keys: Any, old: str, environ: Mapping[str, str] | None, where: WindowRef | None = None
    ) -> bool:
        """Select ``old`` back from the cursor and read the selection; True if it is exactly
        ``old`` (typing then replaces it). Otherwise the selection is dropped again. With
        ``where``, the focus check and the selecting keys are one step (the server is grabbed
        in between), so a click into another window cannot slip between them."""
        import os

        from assistant.inject.clipboard import read_primary

        env = dict(os.environ if environ is None else environ)
        guard = getattr(keys, "set_focus_guard", None) if where is not None else None
        if guard is not None:
            guard(where.id)  # type: ignore[union-attr]
        try:
            keys.select_backward(len(old))  # FocusLost (nothing sent) if another window has focus
        finally:
            if guard is not None:
                guard(None)
        try:
            got = read_primary(env, old)
        except Exception as exc:  # no way to check: do not type over anything
            log.info("selection read-back failed: %s", type(exc).__name__)
            got = None
        if got == old:
            return True
        keys.press_key(x11.KEYSYM_RIGHT)  # drops the selection, cursor back at its end
        return False


def _corrections(sent: str, doc: str) -> list[Correction]:
    """Word-level differences between what was sent and the corrected text (for the note)."""
    a, b = sent.split(" "), doc.split(" ")
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(Correction(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out
