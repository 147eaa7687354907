"""A hidden X11 window that owns selections (CLIPBOARD, PRIMARY): it saves what their current
owner offers, offers text or saved data, and answers other programs' requests for it."""

from __future__ import annotations

import base64
import logging
import time
from typing import Any

from assistant.errors import InjectionError

log = logging.getLogger("assistant.inject.clipboard")

TEXT_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "STRING", "TEXT", "text/plain")
SECRET_HINT = "x-kde-passwordManagerHint"
_SKIP_TARGETS = {
    "TARGETS",
    "MULTIPLE",
    "TIMESTAMP",
    "SAVE_TARGETS",
    "DELETE",
    "INSERT_SELECTION",
    "INSERT_PROPERTY",
    "_GTK_TEXT_BUFFER_CONTENTS",
}
MAX_SAVED_BYTES = 200_000  # per target: larger data would need the INCR protocol


def _xid(win: Any) -> int:
    if win is None:
        return 0
    return win if isinstance(win, int) else int(win.id)


class _Owner:
    """A hidden window that owns selections and answers SelectionRequest events."""

    def __init__(self, disp: Any) -> None:
        from Xlib import X

        self.X = X
        self.disp = disp
        self.win = disp.screen().root.create_window(
            -10, -10, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask
        )
        self.atom = disp.intern_atom
        self.data: dict[str, dict[int, tuple[int, int, Any]]] = {}  # selection -> target -> data
        self.requests: list[tuple[float, str]] = []

    def name(self, atom: int) -> str:
        try:
            return self.disp.get_atom_name(atom)
        except Exception:
            return ""

    def timestamp(self) -> int:
        """A server timestamp from a zero-length property append (ICCCM)."""
        from Xlib import X

        prop = self.atom("_ASSISTANT_TIME")
        self.win.change_property(prop, self.atom("STRING"), 8, b"", mode=X.PropModeAppend)
        self.disp.flush()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            while self.disp.pending_events():
                ev = self.disp.next_event()
                if ev.type == X.PropertyNotify and ev.atom == prop:
                    return int(ev.time)
                self.handle(ev)
            time.sleep(0.002)
        return X.CurrentTime

    def own(self, selections: list[str], when: int) -> None:
        for sel in selections:
            self.win.set_selection_owner(self.atom(sel), when)
        self.disp.sync()
        for sel in selections:
            if _xid(self.disp.get_selection_owner(self.atom(sel))) != self.win.id:
                raise InjectionError(
                    f"Could not take the {sel} selection", "Another program is holding the clipboard"
                )

    def serve(self, seconds: float, stop_on_data: bool = False) -> bool:
        """Answer requests for ``seconds``; True if a data request arrived (and we stopped)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            got = False
            while self.disp.pending_events():
                got = True
                if self.handle(self.disp.next_event()) and stop_on_data:
                    return True
            if not got:
                time.sleep(0.002)
        return False

    def handle(self, ev: Any) -> bool:
        """Serve one event; True if it was a request for the selection's data."""
        from Xlib.protocol import event as xevent

        X = self.X
        if ev.type == X.SelectionClear:
            self.data.pop(self.name(ev.atom), None)
            return False
        if ev.type != X.SelectionRequest:
            return False
        selection = self.name(ev.selection)
        target = self.name(ev.target)
        prop = ev.property or ev.target
        offered = self.data.get(selection, {})
        is_data = False
        try:
            requestor = self.disp.create_resource_object("window", _xid(ev.requestor))
            if target == "TARGETS" and offered:
                atoms = [self.atom("TARGETS"), self.atom("TIMESTAMP"), *offered]
                requestor.change_property(prop, self.atom("ATOM"), 32, atoms)
            elif ev.target in offered:
                type_atom, fmt, value = offered[ev.target]
                requestor.change_property(prop, type_atom, fmt, value)
                is_data = target != SECRET_HINT
            else:
                prop = X.NONE
            reply = xevent.SelectionNotify(
                time=ev.time,
                requestor=_xid(ev.requestor),
                selection=ev.selection,
                target=ev.target,
                property=prop,
            )
            requestor.send_event(reply, event_mask=0)
            self.disp.flush()
        except Exception as exc:  # a requestor that vanished must not stop the paste
            log.debug("selection request failed: %r", exc)
            return False
        if is_data:
            self.requests.append((time.monotonic(), target))
        return is_data

    def fetch(self, selection: str, target: str, when: int, timeout: float = 0.5) -> Any | None:
        """Convert ``selection`` to ``target`` from its current owner; the property or None."""
        X = self.X
        prop = self.atom("_ASSISTANT_SEL")
        self.win.delete_property(prop)
        self.win.convert_selection(self.atom(selection), self.atom(target), prop, when)
        self.disp.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while self.disp.pending_events():
                ev = self.disp.next_event()
                if ev.type == X.SelectionNotify and ev.selection == self.atom(selection):
                    if ev.property == X.NONE:
                        return None
                    value = self.win.get_full_property(prop, X.AnyPropertyType, sizehint=MAX_SAVED_BYTES)
                    self.win.delete_property(prop)
                    return value
                self.handle(ev)
            time.sleep(0.002)
        return None

    def save(self, selection: str, when: int) -> list[dict[str, Any]] | None:
        """Everything the current owner of ``selection`` offers (None if nobody owns it)."""
        owner = _xid(self.disp.get_selection_owner(self.atom(selection)))
        if owner in (0, self.win.id):
            return None
        targets = self.fetch(selection, "TARGETS", when)
        if targets is None:
            return []
        saved = []
        for atom in list(targets.value)[:32]:
            target = self.name(int(atom))
            if not target or target in _SKIP_TARGETS:
                continue
            value = self.fetch(selection, target, when)
            if value is None or self.name(value.property_type) == "INCR":
                continue
            data = value.value
            if value.format == 8:
                raw = bytes(data) if not isinstance(data, str) else data.encode("latin-1")
                if len(raw) > MAX_SAVED_BYTES:
                    continue
                encoded: Any = base64.b64encode(raw).decode("ascii")
            else:
                encoded = [int(v) for v in data]
            saved.append(
                {
                    "target": target,
                    "type": self.name(value.property_type),
                    "format": value.format,
                    "data": encoded,
                }
            )
        return saved

    def offer_saved(self, selection: str, items: list[dict[str, Any]]) -> None:
        offered = {}
        for item in items:
            data = base64.b64decode(item["data"]) if item["format"] == 8 else item["data"]
            offered[self.atom(item["target"])] = (self.atom(item["type"]), item["format"], data)
        self.data[selection] = offered

    def offer_text(self, selection: str, text: str) -> None:
        utf8 = text.encode("utf-8")
        string = self.atom("STRING")
        latin = text.encode("latin-1", errors="replace")
        offered = {}
        for target in TEXT_TARGETS:
            if target == "STRING":
                offered[self.atom(target)] = (string, 8, latin)
            else:
                type_atom = self.atom("UTF8_STRING") if target == "TEXT" else self.atom(target)
                offered[self.atom(target)] = (type_atom, 8, utf8)
        offered[self.atom(SECRET_HINT)] = (string, 8, b"secret")
        self.data[selection] = offered

    def destroy(self) -> None:
        try:
            self.win.destroy()
            self.disp.sync()
        except Exception:
            pass
