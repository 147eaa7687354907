"""A minimal X11 clipboard manager (freedesktop ClipboardManager spec), as desktops run one.

It owns CLIPBOARD_MANAGER; asked for SAVE_TARGETS by the clipboard's owner, it copies the
clipboard's text, takes the CLIPBOARD over, serves it, and answers the request. Prints "ready"
once it owns CLIPBOARD_MANAGER. Usage: python clipboard_manager.py (DISPLAY from the environment).
"""

from __future__ import annotations

import sys
import time

from Xlib import X, Xatom
from Xlib import display as xdisplay
from Xlib.protocol import event as xevent


def main() -> int:
    disp = xdisplay.Display()
    win = disp.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask)
    atom = disp.intern_atom
    manager, clipboard, utf8, targets = (
        atom(n) for n in ("CLIPBOARD_MANAGER", "CLIPBOARD", "UTF8_STRING", "TARGETS")
    )
    win.set_selection_owner(manager, X.CurrentTime)
    disp.sync()
    print("ready", flush=True)
    stored: bytes | None = None
    while True:
        ev = disp.next_event()
        if ev.type != X.SelectionRequest:
            continue
        xid = ev.requestor if isinstance(ev.requestor, int) else ev.requestor.id
        requestor = disp.create_resource_object("window", xid)
        prop = ev.property or ev.target
        if ev.selection == manager and ev.target == atom("SAVE_TARGETS"):
            stored = _fetch(disp, win, clipboard, utf8)
            if stored is not None:
                win.set_selection_owner(clipboard, X.CurrentTime)
                disp.sync()
            reply_prop = prop if stored is not None else X.NONE
        elif ev.selection == clipboard and stored is not None and ev.target in (utf8, targets):
            if ev.target == targets:
                requestor.change_property(prop, Xatom.ATOM, 32, [targets, utf8])
            else:
                requestor.change_property(prop, utf8, 8, stored)
            reply_prop = prop
        else:
            reply_prop = X.NONE
        reply = xevent.SelectionNotify(
            time=ev.time, requestor=xid, selection=ev.selection, target=ev.target, property=reply_prop
        )
        requestor.send_event(reply, event_mask=0)
        disp.flush()


def _fetch(disp, win, clipboard: int, utf8: int) -> bytes | None:
    prop = disp.intern_atom("_MANAGER_COPY")
    win.convert_selection(clipboard, utf8, prop, X.CurrentTime)
    disp.flush()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if disp.pending_events():
            ev = disp.next_event()
            if ev.type == X.SelectionNotify and ev.selection == clipboard:
                if ev.property == X.NONE:
                    return None
                value = win.get_full_property(prop, X.AnyPropertyType)
                return bytes(value.value) if value is not None else None
        else:
            time.sleep(0.005)
    return None


if __name__ == "__main__":
    sys.exit(main())
