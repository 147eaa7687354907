"""AT-SPI (Linux accessibility over D-Bus): what kind of field has focus, and what it holds.

Used by the inserter, never to type: before typing, to learn whether the focused field is
single-line (a newline there would be Return, which can submit a form) or a password field (never
typed into); after typing, to read the text before the caret back ("Indsat og kontrolleret")
without selecting anything or sending keys. Read-as-you-type asks it too: a password field's
keys are never read aloud.

Pure-Python D-Bus (jeepney), no PyGObject. The accessibility bus is asked for on the session bus
(``org.a11y.Bus.GetAddress``); toolkits publish their widgets there only when it runs (GTK 3
always, Qt when accessibility is switched on, Chromium with ``--force-renderer-accessibility``).
Anything missing or slow means "unknown": the caller then says "Sendt" and nothing stronger.
The text read back is compared and dropped; it is never logged.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.inject.base import WindowRef

log = logging.getLogger(__name__)

REGISTRY = "org.a11y.atspi.Registry"
ROOT = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
TEXT = "org.a11y.atspi.Text"
# AtspiStateType bit numbers (atspi-constants.h)
EDITABLE, FOCUSED, MULTI_LINE, SHOWING, SINGLE_LINE, MANAGES_DESCENDANTS = 7, 12, 17, 25, 26, 31
ROLE_PASSWORD_TEXT = 40  # AtspiRole
# What toolkits show instead of each typed character of a hidden field: a field whose whole text is
# these is secret even where the toolkit does not say so with the role.
MASKS = frozenset("\u2022\u25cf\u2219\u2217*\u25cb\u00b7")
TIMEOUT_S = 0.5  # per call: a hung application must not hold up typing
MAX_NODES = 4000  # a focused field is found long before this in any real window
SEARCH_S = 1.0  # after this the field is "unknown" and typing goes ahead as before


def _states(words: Any) -> int:
    return sum(int(w) << (32 * i) for i, w in enumerate(words))


@dataclass(frozen=True)
class Field:
    """The focused text field: where it lives on the accessibility bus and what kind it is."""

    bus: str
    path: str
    editable: bool
    single_line: bool
    multi_line: bool
    secret: bool = False  # a password field (role PASSWORD_TEXT, or it shows only mask characters)


class AtSpi:
    """One connection to the accessibility bus (one thread at a time: the insertion worker)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._conn: Any = None
        self._reason: str | None = None
        self._probed = False

    # -- connection -------------------------------------------------------------------------
    def available(self) -> str | None:
        """``None`` if the accessibility bus answers, else why not (checked once)."""
        if not self._probed:
            self._probed = True
            try:
                self._reason = self._connect()
            except Exception as exc:  # any failure means "no read-back", never an error
                self._reason = f"accessibility bus unusable: {type(exc).__name__}"
        return self._reason

    def _connect(self) -> str | None:
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return "jeepney is not installed (pip install jeepney)"
        address = self._environ.get("AT_SPI_BUS_ADDRESS")
        if not address:
            session = self._environ.get("DBUS_SESSION_BUS_ADDRESS")
            if not session:
                return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
            conn = open_dbus_connection(session)
            try:
                msg = new_method_call(
                    DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Bus"), "GetAddress"
                )
                address = conn.send_and_get_reply(msg, timeout=2.0).body[0]
            except Exception as exc:
                return f"no accessibility bus (org.a11y.Bus: {type(exc).__name__}); install at-spi2-core"
            finally:
                conn.close()
        self._conn = open_dbus_connection(address)
        self._call(REGISTRY, ROOT, ACCESSIBLE, "GetChildren")
        return None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._probed = False

    def _call(self, bus: str, path: str, iface: str, method: str, sig: str | None = None, body=()) -> Any:
        from jeepney import DBusAddress, MessageType, new_method_call

        msg = new_method_call(DBusAddress(path, bus, iface), method, sig, body)
        reply = self._conn.send_and_get_reply(msg, timeout=TIMEOUT_S)
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"{iface}.{method}: {reply.header.fields.get(4, 'error')}")
        return reply.body

    def _prop(self, bus: str, path: str, iface: str, name: str) -> Any:
        value = self._call(bus, path, "org.freedesktop.DBus.Properties", "Get", "ss", (iface, name))[0]
        return value[1] if isinstance(value, tuple) else value

    # -- queries ----------------------------------------------------------------------------
    def focused_field(self, window: WindowRef | None = None) -> Field | None:
        """The focused text field of the application that owns ``window`` (matched by process
        id), or the only focused text field on the bus; None when that is not known."""
        if self.available() is not None:
            return None
        try:
            return self._focused_field(window)
        except Exception as exc:
            log.info("AT-SPI focus lookup failed: %s", type(exc).__name__)
            return None

    def _focused_field(self, window: WindowRef | None) -> Field | None:
        apps = self._call(REGISTRY, ROOT, ACCESSIBLE, "GetChildren")[0]
        pid = _window_pid(window, self._environ)
        if pid is not None:
            mine = [a for a in apps if self._pid(a[0]) == pid]
            apps = mine or apps
        found = []
        for bus, path in apps:
            field = self._search(bus, path, self._toolkit(bus, path))
            if field is not None:
                found.append(field)
        return found[0] if len(found) == 1 else None

    def _pid(self, bus: str) -> int | None:
        try:
            return int(
                self._call(
                    "org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus",
                    "GetConnectionUnixProcessID",
                    "s",
                    (bus,),
                )[0]
            )
        except Exception:
            return None

    def _toolkit(self, bus: str, root: str) -> str:
        try:
            return str(self._prop(bus, root, "org.a11y.atspi.Application", "ToolkitName"))
        except Exception:
            return ""

    def _search(self, bus: str, root: str, toolkit: str = "") -> Field | None:
        """Breadth-first through the shown part of one application's tree."""
        queue = [(bus, root)]
        seen = 0
        deadline = time.monotonic() + SEARCH_S
        while queue and seen < MAX_NODES and time.monotonic() < deadline:
            node_bus, path = queue.pop(0)
            seen += 1
            try:
                states = _states(self._call(node_bus, path, ACCESSIBLE, "GetState")[0])
            except Exception:
                continue
            if path != root and not states >> SHOWING & 1:
                continue  # hidden subtrees cannot hold the focus
            if states >> FOCUSED & 1:
                ifaces = self._call(node_bus, path, ACCESSIBLE, "GetInterfaces")[0]
                role = self._role(node_bus, path)
                if TEXT in ifaces or role == ROLE_PASSWORD_TEXT:
                    multi = bool(states >> MULTI_LINE & 1)
                    # Qt never sets SINGLE_LINE, but sets MULTI_LINE on every multi-line editor.
                    single = not multi and (bool(states >> SINGLE_LINE & 1) or toolkit.lower() == "qt")
                    secret = role == ROLE_PASSWORD_TEXT or (TEXT in ifaces and self._masked(node_bus, path))
                    return Field(node_bus, path, bool(states >> EDITABLE & 1), single, multi, secret)
            if states >> MANAGES_DESCENDANTS & 1:
                continue  # long lists and tables: their rows are made on demand, never a text field
            queue.extend((b, p) for b, p in self._call(node_bus, path, ACCESSIBLE, "GetChildren")[0])
        return None

    def _role(self, bus: str, path: str) -> int | None:
        try:
            return int(self._call(bus, path, ACCESSIBLE, "GetRole")[0])
        except Exception:
            return None

    def _masked(self, bus: str, path: str) -> bool:
        """Whether the field shows only mask characters (its typed characters are hidden)."""
        try:
            shown = self._call(bus, path, TEXT, "GetText", "ii", (0, 256))[0]
        except Exception:
            return False
        return bool(shown) and all(c in MASKS for c in shown)

    def caret_extents(self, field: Field) -> tuple[int, int, int, int] | None:
        """Where the caret of ``field`` is on the screen (x, y, width, height in X11 pixels), from
        the character at it or, at the end of the text, just after the one before; None if the
        field does not publish it."""
        try:
            caret = int(self._prop(field.bus, field.path, TEXT, "CaretOffset"))
            x, y, w, h = (
                int(v)
                for v in self._call(field.bus, field.path, TEXT, "GetCharacterExtents", "iu", (caret, 0))
            )
            if h <= 0 and caret > 0:
                x, y, w, h = (
                    int(v)
                    for v in self._call(
                        field.bus, field.path, TEXT, "GetCharacterExtents", "iu", (caret - 1, 0)
                    )
                )
                x, w = x + w, 1
        except Exception as exc:
            log.info("AT-SPI caret lookup failed: %s", type(exc).__name__)
            return None
        return (x, y, max(w, 1), h) if h > 0 else None

    def text_before_caret(self, field: Field, count: int) -> str | None:
        """Up to ``count`` characters before the caret of ``field``; None if it cannot be read."""
        try:
            caret = int(self._prop(field.bus, field.path, TEXT, "CaretOffset"))
            start = max(0, caret - count)  # shorter while the keys are still on their way
            got = self._call(field.bus, field.path, TEXT, "GetText", "ii", (start, caret))[0]
        except Exception as exc:
            log.info("AT-SPI read-back failed: %s", type(exc).__name__)
            return None
        # Qt reports paragraph breaks as U+2029 in rich text fields.
        return got.replace("\u2029", "\n").replace("\r\n", "\n")

    def caret_rect(self, field: Field) -> tuple[int, int, int, int] | None:
        """The caret of ``field`` on the screen: (x, y, width, height) of the character before it
        (its right edge is the caret), or of the one after it at the start; None if unknown."""
        try:
            caret = int(self._prop(field.bus, field.path, TEXT, "CaretOffset"))
            offset = max(0, caret - 1)
            x, y, w, h = (
                int(v)
                for v in self._call(field.bus, field.path, TEXT, "GetCharacterExtents", "iu", (offset, 0))
            )
        except Exception as exc:
            log.info("AT-SPI caret lookup failed: %s", type(exc).__name__)
            return None
        if w <= 0 and h <= 0:
            return None  # toolkits answer (0, 0, 0, 0) for an empty field
        if caret > 0:
            x, w = x + w, 1
        return x, y, max(1, w), max(1, h)


def _window_pid(window: WindowRef | None, environ: Mapping[str, str]) -> int | None:
    """_NET_WM_PID of an X11 window (or of its client window under a reparenting manager)."""
    if window is None or not window.id.startswith("x11:"):
        return None
    try:
        from assistant.inject.x11 import open_display

        disp = open_display(environ)
    except Exception:
        return None
    try:
        atom = disp.intern_atom("_NET_WM_PID")
        win = disp.create_resource_object("window", int(window.id.removeprefix("x11:"), 0))
        for candidate in [win, *win.query_tree().children]:
            prop = candidate.get_full_property(atom, 0)
            if prop is not None and len(prop.value):
                return int(prop.value[0])
    except Exception:
        return None
    finally:
        disp.close()
    return None


def available(environ: Mapping[str, str] | None = None) -> str | None:
    """``None`` if fields can be inspected and read back through AT-SPI here, else why not."""
    probe = AtSpi(environ)
    try:
        return probe.available()
    finally:
        probe.close()
