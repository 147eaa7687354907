"""X11 paste: own CLIPBOARD and PRIMARY with the text, press the paste key, then give the
user's clipboard back once the target window has taken the text.

The text is offered with ``x-kde-passwordManagerHint = secret`` so clipboard managers that
honour it (Klipper, and others that follow it) do not keep a copy. The user's previous
clipboard content is read (every format, whatever its size: large ones in pieces, ICCCM INCR)
before we take ownership and is served again afterwards by a small detached keeper process
(``python -m assistant.inject.clipboard --keep``), so the CLI can exit without the user losing
what they had copied. If a format cannot be saved whole, the clipboard is not touched at all and
the paste is refused (:class:`ClipboardNotKept`), so the user is told instead of losing it. The
keeper stays until its job is done: a clipboard manager has stored the content (the freedesktop
SAVE_TARGETS hand-over, which desktops with a clipboard manager answer at once) or another
program takes the clipboard. It used to give up after 30 s, which emptied the clipboard of a
user without a clipboard manager even though the program she had copied from still ran.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import select
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import Any

from assistant.errors import InjectionError
from assistant.inject import x11
from assistant.inject.base import Delivery
from assistant.inject.selection_owner import (  # noqa: F401 - TEXT_TARGETS etc. are used by callers
    MAX_SAVED_BYTES,
    SECRET_HINT,
    TEXT_TARGETS,
    _Owner,
    _xid,
)
from assistant.log import describe

log = logging.getLogger(__name__)

PASTE_TIMEOUT_S = 3.0
LINGER_S = 0.25
EARLY_WAIT_S = 1.0  # when the data was already fetched before the paste key
KEEP_S: float | None = None  # no time bound: the keeper serves until another program copies

# Window classes (lower case) of terminals: they paste with Shift+Insert, not Ctrl+V.
TERMINALS = frozenset(
    [
        "xterm",
        "uxterm",
        "urxvt",
        "rxvt",
        "st",
        "st-256color",
        "gnome-terminal",
        "gnome-terminal-server",
        "konsole",
        "xfce4-terminal",
        "terminator",
        "tilix",
        "alacritty",
        "kitty",
        "lxterminal",
        "mate-terminal",
        "qterminal",
        "terminology",
        "wezterm",
        "org.wezfurlong.wezterm",
        "foot",
        "sakura",
        "guake",
        "tilda",
    ]
)


def paste_keys(app: str) -> list[int]:
    if app.lower() in TERMINALS:
        return [x11.KEYSYM_SHIFT_L, x11.KEYSYM_INSERT]
    return [x11.KEYSYM_CONTROL_L, x11.KEYSYM_V]


class ClipboardNotKept(InjectionError):
    """The user's clipboard holds a format that could not be saved whole, so pasting (which
    replaces the clipboard for a moment) is not used; nothing was taken and nothing typed."""

    def __init__(self, formats: list[str]) -> None:
        super().__init__(
            "Your clipboard holds something that could not be kept while pasting "
            f"({', '.join(formats[:3])}), so the text was not pasted and your clipboard is untouched",
            "The text is kept: insert it with another method, or copy something smaller first",
            msgid="inject.clipboard-not-kept",
        )


class ClipboardInjector:
    """Insert text by pasting it, for windows that ignore synthetic typing (remote desktops)."""

    name = "clipboard"

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        timeout_s: float = PASTE_TIMEOUT_S,
        keep_s: float | None = KEEP_S,
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self.timeout_s = timeout_s
        self.keep_s = keep_s
        self.keeper: subprocess.Popen | None = None

    def available(self) -> str | None:
        reason = x11.x11_reason(self._environ)
        if reason:
            return reason
        disp = x11.open_display(self._environ)
        try:
            if not disp.has_extension("XTEST"):
                return f"XTEST extension missing on {self._environ.get('DISPLAY', '')} (needed for the paste key)"
        finally:
            disp.close()
        return None

    def type_text(self, text: str) -> Delivery:
        from assistant.inject.xtest import XTestInjector

        if not text:
            return Delivery(True, "nothing to paste")
        disp = x11.open_display(self._environ)
        owner = _Owner(disp)
        keys = XTestInjector(self._environ)
        saved: dict[str, list[dict[str, Any]] | None] = {}
        taken = False
        try:
            focused = x11.focused_toplevel(disp)
            app = x11.window_class(disp, focused) if focused is not None else ""
            when = owner.timestamp()
            saved = {sel: owner.save(sel, when) for sel in ("CLIPBOARD", "PRIMARY")}
            if owner.unsaved:
                # Nothing is taken yet: the user's clipboard stays exactly as it was.
                saved = {}
                raise ClipboardNotKept(owner.unsaved)
            for sel in saved:
                owner.offer_text(sel, text)
            owner.own(list(saved), when)
            owner.serve(0.03)  # clipboard managers (and some browsers) ask now, before the key
            early = len(owner.requests)
            keys.press_combo(paste_keys(app))
            taken = owner.serve(self.timeout_s if not early else EARLY_WAIT_S, stop_on_data=True)
            if taken:
                owner.serve(LINGER_S)
        finally:
            keys.close()
            self._give_back(owner, saved)
            owner.destroy()
            disp.close()
        if not taken and early:
            # Chromium, for one, fetches a new clipboard as soon as it changes and pastes that copy.
            log.debug("clipboard pasted %s (data fetched before the paste key)", describe(text))
            return Delivery(False, "the text was fetched when offered; the paste itself was not confirmed")
        if not taken:
            raise InjectionError(
                "The window did not take the pasted text",
                "It may not accept paste; the text is kept, try another insertion method",
            )
        log.debug("clipboard pasted %s", describe(text))
        return Delivery(True, "the target window requested the pasted text")

    def _give_back(self, owner: _Owner, saved: dict[str, list[dict[str, Any]] | None]) -> None:
        """Hand the user's previous clipboard to a keeper process, or release ownership."""
        from Xlib import X
        from Xlib.protocol import request

        keep = {sel: items for sel, items in saved.items() if items}
        for sel in saved:
            owner.data.pop(sel, None)
            if _xid(owner.disp.get_selection_owner(owner.atom(sel))) == owner.win.id:
                request.SetSelectionOwner(
                    display=owner.disp.display, window=X.NONE, selection=owner.atom(sel), time=X.CurrentTime
                )
        owner.disp.sync()
        if keep:
            self.keeper = start_keeper(self._environ, keep, self.keep_s)

    def delete_backward(self, count: int) -> None:
        from assistant.inject.xtest import XTestInjector

        keys = XTestInjector(self._environ)
        try:
            keys.delete_backward(count)
        finally:
            keys.close()

    def close(self) -> None:
        pass


def read_primary(environ: Mapping[str, str], expected: str, timeout: float = 0.6) -> str | None:
    """The PRIMARY selection as UTF-8 text, polled until it equals ``expected`` or ``timeout``
    passes (toolkits publish a keyboard selection a moment after it changes). None if PRIMARY
    is not owned by the program that has focus (then it is someone else's selection, and says
    nothing about the focused field) or is not text."""
    disp = x11.open_display(environ)
    owner = _Owner(disp)
    got: str | None = None
    mask = disp.display.info.resource_id_mask
    try:
        focused = x11.focused_toplevel(disp)
        clients = {_xid(w) & ~mask for w in _windows_under(focused)} if focused is not None else set()
        deadline = time.monotonic() + timeout
        while True:
            holder = _xid(disp.get_selection_owner(owner.atom("PRIMARY")))
            if holder and holder & ~mask in clients:
                value = owner.fetch("PRIMARY", "UTF8_STRING", owner.timestamp(), timeout=0.3)
                if value is not None and value.format == 8:
                    data = value.value
                    raw = bytes(data) if not isinstance(data, str) else data.encode("latin-1")
                    got = raw.decode("utf-8", errors="replace")
                    if got == expected:
                        return got
            if time.monotonic() > deadline:
                return got
            time.sleep(0.03)  # another program publishes the selection: nothing to wait on
    finally:
        owner.destroy()
        disp.close()


def _windows_under(win: Any, limit: int = 64) -> list[Any]:
    """``win`` and its descendants (breadth first, at most ``limit``): under a reparenting
    window manager the focused top-level is the manager's frame, the program's window is below."""
    out, queue = [], [win]
    while queue and len(out) < limit:
        current = queue.pop(0)
        out.append(current)
        try:
            queue.extend(current.query_tree().children)
        except Exception:
            continue
    return out


def start_keeper(
    environ: Mapping[str, str], selections: dict[str, list[dict[str, Any]]], keep_s: float | None = KEEP_S
) -> subprocess.Popen:
    """Serve ``selections`` (as :meth:`_Owner.save` returns them) from a detached keeper
    process; returns once it owns them."""
    payload = json.dumps({"display": environ.get("DISPLAY", ""), "selections": selections, "keep_s": keep_s})
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.inject.clipboard", "--keep"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(environ),
        start_new_session=True,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(payload)
    proc.stdin.close()
    proc.stdout.readline()  # "kept" once it owns the selections again
    proc.stdout.close()
    return proc


def keep_text(
    environ: Mapping[str, str], text: str, selection: str = "CLIPBOARD", keep_s: float | None = KEEP_S
) -> subprocess.Popen:
    """Give ``text`` back to the user as ``selection`` through a keeper (same bounds as after a
    paste), e.g. their clipboard after a simulated copy."""
    utf8 = base64.b64encode(text.encode("utf-8")).decode("ascii")
    latin = base64.b64encode(text.encode("latin-1", errors="replace")).decode("ascii")
    items = [
        {
            "target": target,
            "type": "STRING" if target == "STRING" else "UTF8_STRING" if target == "TEXT" else target,
            "format": 8,
            "data": latin if target == "STRING" else utf8,
        }
        for target in TEXT_TARGETS
    ]
    return start_keeper(environ, {selection: items}, keep_s)


def _ask_manager(owner: _Owner, when: int) -> int | None:
    """Ask a running clipboard manager to store our CLIPBOARD (freedesktop ClipboardManager
    spec: convert CLIPBOARD_MANAGER to SAVE_TARGETS); its atom, or None if there is none."""
    manager = owner.atom("CLIPBOARD_MANAGER")
    if not _xid(owner.disp.get_selection_owner(manager)):
        return None
    owner.win.convert_selection(manager, owner.atom("SAVE_TARGETS"), owner.atom("_ASSISTANT_SAVED"), when)
    owner.disp.flush()
    return manager


def keep_selections() -> int:
    """Entry point of the keeper: serve saved selections until a clipboard manager stored them,
    another program took the clipboard (or ``keep_s`` passed, when a bound was given)."""
    request = json.loads(sys.stdin.read())
    bound = request.get("keep_s")
    keep_s = float("inf") if bound is None else float(bound)
    disp = x11.open_display({"DISPLAY": request["display"]})
    owner = _Owner(disp)
    for sel, items in request["selections"].items():
        owner.offer_saved(sel, items)
    when = owner.timestamp()
    owner.own(list(request["selections"]), when)
    sys.stdout.write("kept\n")
    sys.stdout.flush()
    sys.stdout.close()
    deadline = time.monotonic() + keep_s
    had_clipboard = "CLIPBOARD" in owner.data
    manager = _ask_manager(owner, when) if had_clipboard else None
    try:
        # PRIMARY alone is not worth a process once the clipboard has gone elsewhere.
        while (owner.data and not (had_clipboard and "CLIPBOARD" not in owner.data)) or owner.incr:
            owner.drop_stalled()  # a transfer in pieces keeps the keeper only while it moves
            if not disp.pending_events():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                select.select([disp.fileno()], [], [], min(left, 1.0))
                continue
            ev = disp.next_event()
            if manager is not None and ev.type == owner.X.SelectionNotify and ev.selection == manager:
                if ev.property != owner.X.NONE:
                    break  # the manager holds the user's clipboard now
                manager = None  # it declined: keep serving
                continue
            owner.handle(ev)
    except Exception:
        return 1
    # Exiting destroys our window: X11 gives up our selections (a manager that stored them
    # takes them over).
    return 0


if __name__ == "__main__" and sys.argv[1:] == ["--keep"]:
    sys.exit(keep_selections())
