"""A real X display for end-to-end tests: Xvfb, keyboard layouts, and a system-tray host."""

from __future__ import annotations

import os
import select
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.procs import ManagedProcess, require_executable, wait_until

SCREEN = "1280x800x24"
DEFAULT_LAYOUT = "dk"  # the product is Danish first
TRAY_SELECTION = "_NET_SYSTEM_TRAY_S0"


def _xlib_display():
    try:
        from Xlib import display as xdisplay
    except ImportError:  # pragma: no cover - depends on the environment
        pytest.fail(
            "python-xlib is not importable: pip install python-xlib (see pyproject 'test')", pytrace=False
        )
    return xdisplay


def connect(display: str):
    """Open a python-xlib connection to ``display`` (the caller closes it)."""
    return _xlib_display().Display(display)


def _can_connect(display: str) -> bool:
    conn = connect(display)
    try:
        conn.get_input_focus()  # a full round trip, not just the socket handshake
        return True
    finally:
        conn.close()


@dataclass
class XvfbServer:
    """A running Xvfb. ``display`` is ":N"."""

    process: ManagedProcess
    number: int
    startup_s: float
    layout: str = DEFAULT_LAYOUT

    @property
    def display(self) -> str:
        return f":{self.number}"

    def connect(self):
        return connect(self.display)

    def stop(self) -> None:
        self.process.stop()


def start_xvfb(
    log_dir: Path, *, screen: str = SCREEN, layout: str | None = DEFAULT_LAYOUT, timeout: float = 20.0
) -> XvfbServer:
    """Start Xvfb on the first free display (``-displayfd``) and wait until it answers."""
    xvfb = require_executable("Xvfb", "xvfb")
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    try:
        process = ManagedProcess(
            # -noreset: without it the server resets when its last client disconnects, which
            # silently throws away the keyboard layout set with setxkbmap.
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp", "-noreset"],
            log_path=log_dir / "xvfb.log",
            pass_fds=(write_fd,),
        )
    finally:
        os.close(write_fd)
    try:
        number = _read_display_number(read_fd, process, started + timeout)
    except BaseException:
        process.stop()
        raise
    finally:
        os.close(read_fd)
    server = XvfbServer(process=process, number=number, startup_s=0.0)
    try:
        wait_until(
            lambda: _can_connect(server.display),
            timeout=max(1.0, started + timeout - time.monotonic()),
            message=lambda: f"Xvfb {server.display} to accept connections: {process.describe()}",
        )
        if layout is not None:
            set_keyboard_layout(server.display, layout)
            server.layout = layout
    except BaseException:
        process.stop()
        raise
    server.startup_s = time.monotonic() - started
    return server


def _read_display_number(fd: int, process: ManagedProcess, deadline: float) -> int:
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(
                f"Xvfb did not report its display number in time: {process.describe()}", pytrace=False
            )
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.5))
        if not ready:
            continue
        chunk = os.read(fd, 64)
        if not chunk:  # every writer closed: Xvfb died before choosing a display
            pytest.fail(f"Xvfb exited before reporting a display: {process.describe()}", pytrace=False)
        data += chunk
    return int(data.strip())


# -- keyboard layouts ------------------------------------------------------------------------------


def query_keyboard_layout(display: str) -> str:
    """The layout ``setxkbmap -query`` reports (e.g. "dk")."""
    setxkbmap = require_executable("setxkbmap", "x11-xkb-utils")
    out = subprocess.run(
        [setxkbmap, "-display", display, "-query"], capture_output=True, text=True, timeout=10, check=True
    ).stdout
    for line in out.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "layout":
            return value.strip()
    raise AssertionError(f"setxkbmap -query printed no layout line:\n{out}")


def set_keyboard_layout(display: str, layout: str) -> None:
    """``setxkbmap -display DISPLAY LAYOUT`` and verify it with ``setxkbmap -query``."""
    setxkbmap = require_executable("setxkbmap", "x11-xkb-utils")
    result = subprocess.run(
        [setxkbmap, "-display", display, layout], capture_output=True, text=True, timeout=10
    )
    if result.returncode != 0:
        raise AssertionError(
            f"setxkbmap {layout} on {display} failed ({result.returncode}): "
            f"{result.stderr.strip()} (is xkb-data installed?)"
        )
    current = query_keyboard_layout(display)
    if current != layout:
        raise AssertionError(f"setxkbmap {layout} on {display} did not take: -query says {current!r}")


def keysym_keycodes(display: str, keysym_name: str) -> list[int]:
    """Keycodes that currently produce ``keysym_name`` (e.g. "ae" for æ) on ``display``."""
    from Xlib import XK

    keysym = XK.string_to_keysym(keysym_name)
    if keysym == 0:
        raise ValueError(f"unknown keysym name {keysym_name!r}")
    conn = connect(display)
    try:
        return [code for code, _index in conn.keysym_to_keycodes(keysym)]
    finally:
        conn.close()


# -- system tray -----------------------------------------------------------------------------------


@dataclass
class TrayHost:
    """A running ``trayer`` that owns ``_NET_SYSTEM_TRAY_S0`` on ``display``."""

    process: ManagedProcess
    display: str
    startup_s: float
    owner_window: int = field(default=0)

    def owner(self) -> int:
        """The window id owning the tray selection now (0: nobody)."""
        return tray_selection_owner(self.display)

    def is_owned(self) -> bool:
        return self.owner() != 0

    def stop(self) -> None:
        self.process.stop()


def tray_selection_owner(display: str, screen: int = 0) -> int:
    conn = connect(display)
    try:
        atom = conn.intern_atom(f"_NET_SYSTEM_TRAY_S{screen}")
        owner = conn.get_selection_owner(atom)
        return int(getattr(owner, "id", owner) or 0)
    finally:
        conn.close()


def start_tray_host(display: str, log_dir: Path, timeout: float = 15.0) -> TrayHost:
    trayer = require_executable("trayer", "trayer")
    if tray_selection_owner(display):
        raise AssertionError(f"{TRAY_SELECTION} on {display} already has an owner before trayer started")
    started = time.monotonic()
    env = dict(os.environ, DISPLAY=display)
    process = ManagedProcess(
        [
            trayer,
            "--edge",
            "top",
            "--align",
            "right",
            "--widthtype",
            "request",
            "--height",
            "24",
            "--SetDockType",
            "true",
            "--expand",
            "true",
            "--transparent",
            "false",
        ],
        log_path=log_dir / "trayer.log",
        env=env,
    )

    def owned() -> int:
        if not process.alive():
            pytest.fail(f"trayer exited: {process.describe()}", pytrace=False)
        return tray_selection_owner(display)

    try:
        owner = wait_until(
            owned,
            timeout=timeout,
            message=lambda: f"trayer to own {TRAY_SELECTION} on {display}: {process.describe()}",
        )
    except BaseException:
        process.stop()
        raise
    return TrayHost(
        process=process, display=display, startup_s=time.monotonic() - started, owner_window=owner
    )
