"""Shared X11 plumbing (python-xlib, no Qt): connecting, finding the focused window, keys."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from assistant.desktop import detect_session, x11_display_problem
from assistant.errors import InjectionError
from assistant.inject.base import WindowRef

# Keysyms for the characters that are keys rather than text.
KEYSYM_RETURN = 0xFF0D
KEYSYM_TAB = 0xFF09
KEYSYM_BACKSPACE = 0xFF08
KEYSYM_INSERT = 0xFF63
KEYSYM_SHIFT_L = 0xFFE1
KEYSYM_CONTROL_L = 0xFFE3
KEYSYM_CAPS_LOCK = 0xFFE5
KEYSYM_V = 0x76
KEYSYM_LEFT = 0xFF51
KEYSYM_RIGHT = 0xFF53


def char_keysym(ch: str) -> int:
    """The X keysym that produces ``ch``: Latin-1 maps directly, the rest is 0x01000000 + code."""
    if ch == "\n":
        return KEYSYM_RETURN
    if ch == "\t":
        return KEYSYM_TAB
    code = ord(ch)
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return code
    return 0x01000000 + code


# Legacy keysyms a layout may use for a character instead of the Unicode keysym.
LEGACY_KEYSYMS = {"€": 0x20AC, "—": 0xAA9, "–": 0xAAA, "„": 0xAFE, "“": 0xAD2, "”": 0xAD3, "’": 0xAD1}


def x11_reason(environ: Mapping[str, str]) -> str | None:
    """``None`` when an X11 session answers on $DISPLAY, else a precise reason."""
    session = detect_session(environ)
    if session != "x11":
        extra = " (Wayland windows do not accept X11 key events)" if session == "wayland" else ""
        return f"not an X11 session{extra}"
    return x11_display_problem(environ)


def open_display(environ: Mapping[str, str]) -> Any:
    from Xlib import display as xdisplay

    name = environ.get("DISPLAY", "")
    try:
        return xdisplay.Display(name)
    except Exception as exc:
        raise InjectionError(
            f"Cannot connect to X display {name} ({type(exc).__name__})",
            "Start the program inside your desktop session",
        ) from exc


def _window_id(win: Any) -> int:
    return win if isinstance(win, int) else int(win.id)


def toplevel_of(disp: Any, win: Any) -> Any:
    """The ancestor of ``win`` that is a child of the root window."""
    root = disp.screen().root
    current = win
    for _ in range(64):
        tree = current.query_tree()
        parent = tree.parent
        if parent is None or _window_id(parent) in (0, root.id):
            return current
        current = parent
    return current


def printable_class(name: str) -> str:
    """Another program's WM_CLASS as it may be shown, logged or printed: control characters
    (escape sequences would reach the user's terminal) become "?", at most 64 characters."""
    return "".join("?" if not ch.isprintable() else ch for ch in str(name)[:64])


_NOT_HERE = object()


def _down_to_client(win: Any, look: Callable[[Any], Any]) -> Any:
    """``look`` at ``win``, then breadth-first at the windows below it (a reparenting window
    manager's frame holds the client window), at most 64; the first answer that is not
    ``_NOT_HERE`` is returned, else None. A window that vanishes meanwhile is passed over."""
    queue = [win]
    seen = 0
    while queue and seen < 64:
        current = queue.pop(0)
        seen += 1
        try:
            found = look(current)
            if found is not _NOT_HERE:
                return found
            queue.extend(current.query_tree().children)
        except Exception:
            continue
    return None


def window_class(disp: Any, win: Any) -> str:
    """WM_CLASS class of ``win`` or, under a reparenting window manager, of its client window."""

    def look(current: Any) -> Any:
        cls = current.get_wm_class()
        return printable_class(cls[1] or cls[0]) if cls else _NOT_HERE

    return _down_to_client(win, look) or ""


def window_title(disp: Any, win: Any) -> str:
    """The title of ``win`` or, under a reparenting window manager, of its client window (for
    telling the user which window holds their text; never logged: it can hold a document name)."""
    net_name = disp.intern_atom("_NET_WM_NAME")
    utf8 = disp.intern_atom("UTF8_STRING")

    def look(current: Any) -> Any:
        prop = current.get_full_property(net_name, utf8)
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = current.get_wm_name()
        if name:
            return name.decode("latin-1") if isinstance(name, bytes) else str(name)
        return _NOT_HERE

    return _down_to_client(win, look) or ""


def ping_window(disp: Any, win: Any) -> Any | None:
    """``win`` or its client window (under a reparenting window manager) if it answers
    _NET_WM_PING, else None."""
    protocols = disp.intern_atom("WM_PROTOCOLS")
    ping = disp.intern_atom("_NET_WM_PING")

    def look(current: Any) -> Any:
        prop = current.get_full_property(protocols, 0)
        if prop is None:
            return _NOT_HERE
        return current if ping in list(prop.value) else None

    return _down_to_client(win, look)


def focused_toplevel(disp: Any) -> Any | None:
    """The top-level window that receives key events now, or ``None``."""
    from Xlib import X

    root = disp.screen().root
    active = disp.intern_atom("_NET_ACTIVE_WINDOW")
    check = disp.intern_atom("_NET_SUPPORTING_WM_CHECK")
    if root.get_full_property(check, X.AnyPropertyType) is not None:
        prop = root.get_full_property(active, X.AnyPropertyType)
        if prop is not None and len(prop.value) and int(prop.value[0]):
            return toplevel_of(disp, disp.create_resource_object("window", int(prop.value[0])))
    focus = disp.get_input_focus().focus
    fid = _window_id(focus)
    if fid == X.PointerRoot:
        child = root.query_pointer().child
        if not child or _window_id(child) == 0:
            return None
        return toplevel_of(disp, child)
    if fid in (X.NONE, root.id):
        return None
    if isinstance(focus, int):
        focus = disp.create_resource_object("window", fid)
    return toplevel_of(disp, focus)


class X11Focus:
    """Which X11 top-level window has keyboard focus.

    The connection is kept open between questions: focus is checked before every chunk of
    typing, and opening a connection each time would cost more than the typing.
    """

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._disp: Any = None
        self._lock = threading.Lock()  # asked from the GUI thread and the insertion worker

    def available(self) -> str | None:
        return x11_reason(self._environ)

    def current(self) -> WindowRef | None:
        with self._lock:
            return self._current()

    def _current(self) -> WindowRef | None:
        for attempt in (0, 1):
            if self._disp is None:
                self._disp = open_display(self._environ)
            try:
                win = focused_toplevel(self._disp)
                if win is None:
                    return None
                return WindowRef(id=f"x11:{win.id:#x}", app=window_class(self._disp, win))
            except InjectionError:
                raise
            except Exception:
                # The window went away while we asked (BadWindow): ask again on a fresh connection.
                self._drop()
                if attempt:
                    raise
        return None

    def title(self, window: WindowRef) -> str:
        """The title of ``window`` ("" if it is gone or has none)."""
        with self._lock:
            try:
                if self._disp is None:
                    self._disp = open_display(self._environ)
                win = self._disp.create_resource_object("window", int(window.id.removeprefix("x11:"), 16))
                return window_title(self._disp, win)
            except Exception:
                self._drop()
                return ""

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        disp, self._disp = self._disp, None
        if disp is not None:
            with contextlib.suppress(Exception):
                disp.close()
