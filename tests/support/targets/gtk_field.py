"""A GTK 3 text field in its own process (run with the system python3 that has python3-gi).

Usage: python3 gtk_field.py OUT_FILE [TITLE] [line]. With ``line`` the field is a single-line
Gtk.Entry instead of a Gtk.TextView. Prints ``ready <xid>`` once shown and mirrors the
text to OUT_FILE (UTF-8, atomically) 30 ms after the last change.
"""

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("GdkX11", "3.0")
from gi.repository import GdkX11, GLib, Gtk  # noqa: E402, F401


def main():
    out = sys.argv[1]
    win = Gtk.Window(title=sys.argv[2] if len(sys.argv) > 2 else "gtk-target")
    win.set_default_size(500, 300)
    password = len(sys.argv) > 3 and sys.argv[3] == "password"
    single = password or (len(sys.argv) > 3 and sys.argv[3] == "line")
    view = Gtk.Entry() if single else Gtk.TextView()
    if password:
        view.set_visibility(False)
    win.add(view)
    buf = view if single else view.get_buffer()
    pending = {"id": 0}

    def dump():
        pending["id"] = 0
        if single:
            text = view.get_text()
        else:
            start, end = buf.get_bounds()
            text = buf.get_text(start, end, True)
        tmp = out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, out)
        return False

    def changed(_buf):
        if pending["id"]:
            GLib.source_remove(pending["id"])
        pending["id"] = GLib.timeout_add(30, dump)

    buf.connect("changed", changed)
    win.connect("destroy", Gtk.main_quit)
    win.show_all()
    view.grab_focus()
    dump()

    def announce():
        sys.stdout.write(f"ready {win.get_window().get_xid()}\n")
        sys.stdout.flush()
        return False

    GLib.timeout_add(100, announce)
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
