"""Focus-safe insertion: the service the tray and the CLI use to put text into a window.

Record the focused window when dictation starts (:meth:`Inserter.begin`). Text is typed in
small chunks and the focused window is checked before every chunk: if another window has focus
before the first chunk, nothing is typed and :class:`FocusChanged` is raised; if focus moves
part-way, typing stops at once and :class:`InsertInterrupted` says exactly how many characters
landed and in which window (the caller keeps the rest). The backend is chosen for the target
window at every insertion from ``inject.backends`` (or the session's default order), with
windows whose class is in ``inject.paste_apps`` (remote desktops) getting ``clipboard`` first.

Where AT-SPI answers (:mod:`assistant.inject.atspi`), the focused field is looked at before
typing (a single-line field gets a space for each line break and tab: Return there can submit
a form, Tab moves to the next field) and read back after it, without selecting anything or
sending keys; only then does the result say ``read_back`` ("Indsat og kontrolleret").
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.desktop import detect_session
from assistant.errors import EngineUnavailable, InjectionError
from assistant.inject import build_registry, default_order, focus_tracker, setting
from assistant.inject.base import FocusLost, FocusTracker, Injector, WindowRef
from assistant.inject.keyboard import KeyboardBusy
from assistant.inject.keymap import KeymapFull
from assistant.inject.text import Normalised, normalise, tail_edit
from assistant.log import describe
from assistant.registry import Probe, Registry

log = logging.getLogger(__name__)

CHUNK_CHARS = 48  # focus is checked before every chunk of typed text
PASTING = frozenset({"clipboard"})  # backends that deliver the whole text in one action
READ_BACK_S = 1.5  # how long a field may take to show typed text before the check fails


def window_label(window: WindowRef | None) -> str:
    """How a window is named to the user: its class and id (never its title, which can hold
    user text such as a document name)."""
    if window is None:
        return "ukendt vindue"
    return f"{window.app or 'vindue'} ({window.id.removeprefix('x11:')})"


class FocusChanged(InjectionError):
    """Another window has focus than the one dictation started in; nothing was typed."""


class SecretField(InjectionError):
    """The focused field is a password field: dictated text is never typed into one."""

    def __init__(self) -> None:
        super().__init__(
            "The field with focus is a password field, so nothing was typed into it",
            "The text is kept: click into the field you meant and insert again",
            msgid="inject.secret-field",
        )


class InsertInterrupted(FocusChanged):
    """Focus moved while typing: ``sent`` characters landed in ``window``, the rest did not."""

    exit_code = 3

    def __init__(
        self,
        sent: int,
        total: int,
        window: WindowRef | None,
        now: WindowRef | None,
        backend: str,
        reason: str = "focus",
    ) -> None:
        self.sent, self.total, self.window, self.now, self.backend = sent, total, window, now, backend
        self.reason = reason  # "focus" (focus moved), "keyboard" (a key or grab), "keymap"
        where = window_label(window)
        if reason == "keyboard":
            moved = "a key was held down or another program took the keyboard"
        elif reason == "keymap":
            moved = "the keyboard map had no room for the characters missing from the layout"
        else:
            moved = f"focus moved to {window_label(now)}" if now is not None else "no window has focus"
        hint = {
            "keyboard": "Let go of all keys, close any open menu and insert the rest",
            "keymap": "Insert the rest with the clipboard (assistant type --backend clipboard)",
        }.get(reason, "Click back into that window and insert the rest")
        super().__init__(
            f"Typing stopped: {moved}. {sent} of {total} characters landed in {where}; "
            f"the other {total - sent} were not typed",
            hint,
        )


@dataclass(frozen=True)
class InsertResult:
    backend: str
    chars: int
    verified: bool  # the platform confirmed the target took the text (e.g. paste data requested)
    detail: str
    focus_checked: bool  # focus was compared before every chunk and after typing
    seconds: float
    skipped: tuple[Probe, ...] = ()
    window: WindowRef | None = None
    dropped: int = 0  # control characters removed from the text before typing
    read_back: bool = False  # the field was read back and holds the text ("Indsat og kontrolleret")
    check_failed: bool = False  # the field was read back and held something else
    breaks_as_spaces: int = 0  # line breaks and tabs typed as spaces (single-line field)
    focus_stayed: bool = True  # focus was still on the window after the last key

    def as_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "chars": self.chars,
            "verified": self.verified,
            "read_back": self.read_back,
            "read_back_failed": self.check_failed,
            "detail": self.detail,
            "focus_checked": self.focus_checked,
            "seconds": round(self.seconds, 4),
            "skipped": [{"name": p.name, "reason": p.reason} for p in self.skipped],
            "window": None if self.window is None else {"id": self.window.id, "app": self.window.app},
            "dropped_control_chars": self.dropped,
            "line_breaks_as_spaces": self.breaks_as_spaces,
        }


def chunks(text: str, delay_ms: int) -> Iterator[str]:
    """Pieces typed between two focus checks. With a per-character delay every character is
    its own piece, so the check comes right before each key (after the pause), not a pause
    earlier; without one, a piece takes a few milliseconds to type."""
    size = CHUNK_CHARS if not delay_ms else 1
    for i in range(0, len(text), size):
        yield text[i : i + size]


class Inserter:
    def __init__(
        self,
        config: Any = None,
        environ: Mapping[str, str] | None = None,
        *,
        backend: str | None = None,
        delay_ms: int | None = None,
        registry: Registry[Injector] | None = None,
        focus: FocusTracker | None = None,
        check: bool = True,
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._config = config
        self._forced = backend
        self.delay_ms = int(setting(config, "inject.delay_ms") if delay_ms is None else delay_ms)
        self.registry = registry or build_registry(config, self._environ, delay_ms=self.delay_ms)
        self.focus = focus if focus is not None else focus_tracker(self._environ)
        if self.focus is not None and self.focus.available() is not None:
            self.focus = None
        self._backends: dict[str, Injector] = {}
        self.target: WindowRef | None = None
        self._check = check  # look at the field through AT-SPI (kind, read-back)
        self._atspi: Any = None

    def set_delay(self, delay_ms: int) -> None:
        """A new pause between typed characters, from the next insertion on (the target kept)."""
        self.delay_ms = int(delay_ms)
        self.registry = build_registry(self._config, self._environ, delay_ms=self.delay_ms)
        self._backends.clear()

    # -- focus ------------------------------------------------------------------------------
    def current_window(self) -> WindowRef | None:
        return self.focus.current() if self.focus is not None else None

    def window_title(self, window: WindowRef | None) -> str:
        """The title of ``window``, for telling the user where their text is ("" if unknown)."""
        title = getattr(self.focus, "title", None)
        return title(window) if window is not None and title is not None else ""

    def begin(self) -> WindowRef | None:
        """Remember the window that has focus now (call when dictation starts)."""
        self.target = self.current_window()
        return self.target

    def _check_focus(self, target: WindowRef | None) -> WindowRef | None:
        if self.focus is None:
            return None
        now = self.current_window()
        if now is None:
            raise FocusChanged(
                "No window has keyboard focus, so nothing was typed",
                "The text is kept: click into the field and insert again",
            )
        if target is not None and now.id != target.id:
            log.info(
                "focus moved from %s (%s) to %s (%s); not typing", target.id, target.app, now.id, now.app
            )
            raise FocusChanged(
                "Another window has focus than the one you dictated into, so nothing was typed",
                "The text is kept: click back into the field and insert again",
                msgid="focus.changed",
            )
        return now

    # -- backend choice ---------------------------------------------------------------------
    def order_for(self, window: WindowRef | None) -> list[str]:
        if self._forced:
            return [self._forced]
        order = list(setting(self._config, "inject.backends")) or default_order(detect_session(self._environ))
        paste_apps = {a.lower() for a in setting(self._config, "inject.paste_apps")}
        if window is not None and window.app.lower() in paste_apps:
            order = ["clipboard", *[n for n in order if n != "clipboard"]]
        return order

    def backend_for(self, window: WindowRef | None) -> tuple[Injector, list[Probe]]:
        """The first usable backend in this window's order (asked afresh for every insertion;
        only the instances are reused)."""
        probes: list[Probe] = []
        # No known desktop: try them all, so the error names every reason.
        for name in self.order_for(window) or self.registry.names:
            if name in self._backends:
                return self._backends[name], probes
            try:
                backend = self.registry.create(name)
                reason = backend.available()
            except EngineUnavailable as exc:
                reason = exc.message
            except Exception as exc:  # a broken backend must not hide the others
                reason = f"failed to start: {type(exc).__name__}: {exc}"
            if reason is None:
                self._backends[name] = backend
                return backend, probes
            probes.append(Probe(name, reason))
        if self._forced:
            raise EngineUnavailable(
                f"Backend {self._forced} cannot run here: {probes[0].reason if probes else 'unknown'}",
                "Run 'assistant type --list-backends' to see which can",
            )
        detail = "; ".join(f"{p.name}: {p.reason}" for p in probes) or "none configured"
        raise EngineUnavailable(
            f"No text insertion backend can run here ({detail})",
            "Run 'assistant doctor' for what to install or change",
        )

    # -- inserting --------------------------------------------------------------------------
    def insert(self, text: str | Normalised, target: WindowRef | None = None) -> InsertResult:
        """Type ``text`` into ``target`` (default: the window recorded by :meth:`begin`).

        Raises :class:`FocusChanged` if nothing was typed because another window has focus, and
        :class:`InsertInterrupted` (with the count that landed) if focus moved part-way.
        """
        target = target or self.target
        prepared = normalise(text)
        text = prepared.text
        window = self._check_focus(target)
        where = window or target
        backend, probes = self.backend_for(where)
        field = self._field(window) if text else None
        if text and self._secret(window, field):
            log.info("the focused field is a password field; not typing")
            raise SecretField()
        flattened = 0
        if field is not None and field.single_line:
            # Same length, so counts of what landed stay true for the caller's text.
            flattened = text.count("\n") + text.count("\t")
            text = text.replace("\n", " ").replace("\t", " ")
        start = time.monotonic()
        verified, detail = True, "nothing to type"
        sent = 0
        guard = getattr(backend, "set_focus_guard", None) if window is not None else None
        # Pasted at once, or the backend checks focus itself before each chunk.
        whole = backend.name in PASTING or guard is not None
        pieces = [text] if whole else list(chunks(text, self.delay_ms))
        if guard is not None:
            guard(window.id)  # type: ignore[union-attr]
        try:
            for i, piece in enumerate(pieces):
                if i and window is not None:
                    now = self.current_window()
                    if now is None or now.id != window.id:
                        log.info("focus moved after %d of %d chars; typing stopped", sent, len(text))
                        raise InsertInterrupted(sent, len(text), window, now, backend.name)
                try:
                    delivery = backend.type_text(piece)
                except KeyboardBusy:
                    if not sent:
                        raise  # nothing was typed
                    raise InsertInterrupted(
                        sent, len(text), window, self.current_window(), backend.name, "keyboard"
                    ) from None
                except KeymapFull as exc:
                    sent += exc.typed
                    log.info("keymap full after %d of %d chars; typing stopped", sent, len(text))
                    raise InsertInterrupted(sent, len(text), where, window, backend.name, "keymap") from None
                except FocusLost as exc:
                    sent += exc.typed
                    log.info("focus moved after %d of %d chars; typing stopped", sent, len(text))
                    if not sent:
                        raise FocusChanged(
                            "Another window has focus than the one you dictated into, so nothing was typed",
                            "The text is kept: click back into the field and insert again",
                            msgid="focus.changed",
                        ) from None
                    raise InsertInterrupted(
                        sent, len(text), window, self.current_window(), backend.name
                    ) from None
                sent += len(piece)
                verified, detail = delivery.verified, delivery.detail
            seconds = time.monotonic() - start
        finally:
            if guard is not None:
                guard(None)
            finish = getattr(backend, "finish", None)
            if finish is not None:
                finish()  # the keymap is the user's again before we report
        stayed = True
        if window is not None and text:
            after = self.current_window()
            if after is None or after.id != window.id:
                stayed = False
                verified, detail = False, "focus changed while typing the last piece; check the text landed"
        checked = None
        if field is not None and stayed and text:
            checked = self._read_back(field, text)
        log.info("inserted %s with %s in %.3f s", describe(text), backend.name, seconds)
        return InsertResult(
            backend.name,
            len(text),
            verified,
            detail,
            window is not None,
            seconds,
            tuple(probes),
            where,
            prepared.dropped,
            read_back=checked is True,
            check_failed=checked is False,
            breaks_as_spaces=flattened,
            focus_stayed=stayed,
        )

    # -- the field, through AT-SPI ------------------------------------------------------------
    def field_reason(self) -> str | None:
        """``None`` if fields can be looked at and read back here, else why not."""
        if not self._check:
            return "switched off"
        if self._atspi is None:
            from assistant.inject.atspi import AtSpi

            self._atspi = AtSpi(self._environ)
        return self._atspi.available()

    def _field(self, window: WindowRef | None) -> Any:
        if window is None or self.field_reason() is not None:
            return None
        field = self._atspi.focused_field(window)
        return field if field is not None and field.editable else None

    def char_before_caret(self, window: WindowRef | None) -> str | None:
        """The character before the caret of the focused field of ``window`` ("" at the start
        of the field), or None where the field cannot be read."""
        field = self._field(window)
        if field is None:
            return None
        return self._atspi.text_before_caret(field, 1)

    def _secret(self, window: WindowRef | None, field: Any) -> bool:
        """A password field: AT-SPI's role (Linux), or a Win32 box that masks its characters."""
        if field is not None and field.secret:
            return True
        from assistant.inject.win_field import focused_is_password

        return focused_is_password((window or self.target or WindowRef(id="")).id)

    def _read_back(self, field: Any, typed: str) -> bool | None:
        """True once the text before the caret is ``typed``; False if it is something else
        after :data:`READ_BACK_S`; None if it cannot be read. Typed keys reach the application
        asynchronously, hence the wait."""
        deadline = time.monotonic() + READ_BACK_S
        got = None
        while True:
            got = self._atspi.text_before_caret(field, len(typed))
            if got == typed:
                return True
            if got is None or time.monotonic() > deadline:
                break
            time.sleep(0.03)
        log.info("read-back differed (%s)", "unreadable" if got is None else "other text")
        return None if got is None else False

    def keys_for(self, window: WindowRef | None) -> Any | None:
        """The XTest key sender if ``window`` takes typed keys (not a paste-only window, not a
        terminal, where Shift+Left would reach the running program as an escape sequence)."""
        from assistant.inject.clipboard import TERMINALS

        paste_apps = {a.lower() for a in setting(self._config, "inject.paste_apps")}
        if window is None or window.app.lower() in TERMINALS or window.app.lower() in paste_apps:
            return None
        if self.order_for(window)[0] != "xtest":
            return None
        backend, _ = self.backend_for(window)
        return backend if backend.name == "xtest" else None

    def stream(self, target: WindowRef | None = None) -> StreamingInsert:
        return StreamingInsert(self, target or self.target)

    def close(self) -> None:
        for backend in self._backends.values():
            backend.close()
        self._backends.clear()
        if self._atspi is not None:
            self._atspi.close()
            self._atspi = None
        close = getattr(self.focus, "close", None)
        if close is not None:
            close()


class StreamingInsert:
    """Follows a growing, sometimes corrected, partial result: only the changed tail is retyped."""

    def __init__(self, inserter: Inserter, target: WindowRef | None) -> None:
        self._inserter = inserter
        self._target = target
        self.typed = ""
        self._single_line: bool | None = None  # asked once, at the first update

    def update(self, text: str) -> tuple[int, int]:
        """Make the field show ``text``; returns (characters erased, characters typed)."""
        text = normalise(text).text
        if self._single_line:
            text = text.replace("\n", " ").replace("\t", " ")
        erase, add = tail_edit(self.typed, text)
        if not erase and not add:
            return 0, 0
        window = self._inserter._check_focus(self._target)
        if self._single_line is None:
            field = self._inserter._field(window)
            if self._inserter._secret(window, field):
                raise SecretField()
            self._single_line = bool(field is not None and field.single_line)
            if self._single_line:
                text = text.replace("\n", " ").replace("\t", " ")
                erase, add = tail_edit(self.typed, text)
        backend, _ = self._inserter.backend_for(window or self._target)
        backend.delete_backward(erase)
        if add:
            backend.type_text(add)
        self.typed = text
        return erase, len(add)
