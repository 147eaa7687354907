"""An X11 clipboard owner whose big format never arrives: it offers text and an image, answers the
text, and starts the image in pieces (ICCCM INCR) that it never sends. Prints "ready" once it
owns CLIPBOARD. Usage: python stalling_clipboard.py TEXT (DISPLAY from the environment)."""

from __future__ import annotations

import sys

from Xlib import X
from Xlib import display as xdisplay
from Xlib.protocol import event as xevent


def main() -> int:
    text = sys.argv[1].encode("utf-8")
    disp = xdisplay.Display()
    win = disp.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    atom = disp.intern_atom
    clipboard, utf8, targets, png, incr = (
        atom(n) for n in ("CLIPBOARD", "UTF8_STRING", "TARGETS", "image/png", "INCR")
    )
    win.set_selection_owner(clipboard, X.CurrentTime)
    disp.sync()
    print("ready", flush=True)
    while True:
        ev = disp.next_event()
        if ev.type == X.SelectionClear:
            return 0
        if ev.type != X.SelectionRequest:
            continue
        xid = ev.requestor if isinstance(ev.requestor, int) else ev.requestor.id
        requestor = disp.create_resource_object("window", xid)
        prop = ev.property or ev.target
        if ev.target == targets:
            requestor.change_property(prop, atom("ATOM"), 32, [targets, utf8, png])
        elif ev.target == utf8:
            requestor.change_property(prop, utf8, 8, text)
        elif ev.target == png:
            requestor.change_property(prop, incr, 32, [5_000_000])  # and then nothing
        else:
            prop = X.NONE
        requestor.send_event(
            xevent.SelectionNotify(
                time=ev.time, requestor=xid, selection=ev.selection, target=ev.target, property=prop
            ),
            event_mask=0,
        )
        disp.flush()


if __name__ == "__main__":
    sys.exit(main())
