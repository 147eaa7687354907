"""A hidden X11 window that owns selections (CLIPBOARD, PRIMARY): it saves what their current
owner offers, offers text or saved data, and answers other programs' requests for it.

Data of any size moves both ways: what does not fit in one X request travels in pieces (ICCCM's
INCR protocol), when saved from the current owner and when served back. A format that could not
be saved whole is named in ``unsaved``, so the caller can leave the user's clipboard alone
rather than give back less than the user had (issue #22: a 300 KB image was silently dropped)."""

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
# Per format: beyond this a clipboard's content is not kept (and the clipboard is then not used).
MAX_SAVED_BYTES = 512 * 1024 * 1024
MAX_TARGETS = 64
CHUNK_BYTES = 64 * 1024  # served in INCR pieces above this (an X request holds at most 256 KiB)
INCR_STEP_S = 2.0  # the owner or requestor of an INCR transfer must move within this


class _Piecewise:
    """What an INCR transfer gathered, shaped like python-xlib's property value."""

    def __init__(self, property_type: int, fmt: int, value: Any) -> None:
        self.property_type, self.format, self.value = property_type, fmt, value


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
        self.unsaved: list[str] = []  # "SELECTION target" that could not be saved whole
        # INCR transfers being served: (requestor window, property) -> [type, format, data, offset]
        self.incr: dict[tuple[int, int], list[Any]] = {}

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
        """Answer requests for ``seconds`` (longer while a transfer in pieces still moves); True
        if a data request arrived (and we stopped)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline or (self.incr and time.monotonic() < deadline + 60):
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
        if ev.type == X.PropertyNotify:
            if ev.state == X.PropertyDelete and (_xid(ev.window), ev.atom) in self.incr:
                self._next_piece(_xid(ev.window), ev.atom)
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
                if len(value) * (fmt // 8) > CHUNK_BYTES:
                    # Too big for one request: announce INCR, then one piece per deletion.
                    requestor.change_attributes(event_mask=X.PropertyChangeMask)
                    requestor.change_property(prop, self.atom("INCR"), 32, [len(value) * (fmt // 8)])
                    self.incr[(_xid(ev.requestor), prop)] = [type_atom, fmt, value, 0, time.monotonic()]
                else:
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

    def _next_piece(self, window: int, prop: int) -> None:
        type_atom, fmt, value, offset, _ = self.incr[(window, prop)]
        step = CHUNK_BYTES // (fmt // 8)
        piece = value[offset : offset + step]
        try:
            requestor = self.disp.create_resource_object("window", window)
            requestor.change_property(prop, type_atom, fmt, piece)
            self.disp.flush()
        except Exception as exc:  # the requestor went away mid-transfer
            log.debug("INCR piece failed: %r", exc)
            del self.incr[(window, prop)]
            return
        if len(piece) == 0:
            del self.incr[(window, prop)]  # the empty piece ends the transfer
        else:
            self.incr[(window, prop)] = [type_atom, fmt, value, offset + step, time.monotonic()]

    def drop_stalled(self) -> None:
        """Forget transfers whose requestor stopped taking pieces."""
        now = time.monotonic()
        for key in [k for k, v in self.incr.items() if now - v[4] > 10 * INCR_STEP_S]:
            del self.incr[key]

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
                    value = self.win.get_full_property(prop, X.AnyPropertyType)
                    if value is not None and self.name(value.property_type) == "INCR":
                        return self._fetch_pieces(selection, target, prop)
                    self.win.delete_property(prop)
                    self.disp.flush()
                    return value
                self.handle(ev)
            time.sleep(0.002)
        return None

    def _fetch_pieces(self, selection: str, target: str, prop: int) -> Any | None:
        """The rest of an INCR transfer: deleting the property asks for the next piece; an empty
        piece ends it. None (and the format named in ``unsaved``) if it stalls or is too big."""
        X = self.X
        self.win.delete_property(prop)
        self.disp.flush()
        pieces: list[Any] = []
        size = 0
        kind: tuple[int, int] | None = None
        deadline = time.monotonic() + INCR_STEP_S
        while time.monotonic() < deadline:
            if not self.disp.pending_events():
                time.sleep(0.001)
                continue
            ev = self.disp.next_event()
            if not (ev.type == X.PropertyNotify and ev.atom == prop and ev.state == X.PropertyNewValue):
                self.handle(ev)
                continue
            value = self.win.get_full_property(prop, X.AnyPropertyType)
            self.win.delete_property(prop)
            self.disp.flush()
            deadline = time.monotonic() + INCR_STEP_S
            if value is None:
                continue
            if not len(value.value):
                if kind is None:
                    return None
                joined: Any = (
                    b"".join(_as_bytes(p) for p in pieces)
                    if kind[1] == 8
                    else [v for piece in pieces for v in piece]
                )
                return _Piecewise(kind[0], kind[1], joined)
            kind = (value.property_type, value.format)
            pieces.append(value.value if value.format == 8 else list(value.value))
            size += len(value.value) * (value.format // 8)
            if size > MAX_SAVED_BYTES:
                break
        self.unsaved.append(f"{selection} {target}")
        log.info("a clipboard format could not be saved whole (%s, %d bytes so far)", target, size)
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
        names = [self.name(int(atom)) for atom in targets.value]
        names = [t for t in names if t and t not in _SKIP_TARGETS]
        if len(names) > MAX_TARGETS:
            self.unsaved.append(f"{selection} ({len(names)} formats)")
        for target in names[:MAX_TARGETS]:
            value = self.fetch(selection, target, when)
            if value is None:
                continue
            data = value.value
            if value.format == 8:
                raw = _as_bytes(data)
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


def _as_bytes(data: Any) -> bytes:
    return data.encode("latin-1") if isinstance(data, str) else bytes(data)
