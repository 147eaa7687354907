"""Real target programs for the injection tests and benchmark, each in its own process.

``start_target(kind, display, workdir)`` starts one of ``xterm``, ``qt``, ``gtk``, ``chromium``
(or the single-line ``qt-line``, ``gtk-line``) on an X display, focuses it and returns a :class:`Target` whose ``read()`` gives back exactly the
text the program holds. Also a private Xvfb starter and a keyboard-layout switcher that works on
this Xvfb build (where ``setxkbmap`` alone can leave the layout at ``us``).
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"  # has python3-gi + gir1.2-gtk-3.0; the venv cannot import Gtk
KINDS = ("xterm", "qt", "gtk", "chromium")


class TargetError(AssertionError):
    """A target or display component is missing or did not start (fails the test clearly)."""


# --------------------------------------------------------------------------------------------
# Display and layout


@dataclass
class XServer:
    display: str
    process: subprocess.Popen

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DISPLAY"] = self.display
        env.pop("WAYLAND_DISPLAY", None)
        env["XDG_SESSION_TYPE"] = "x11"
        return env

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_xvfb() -> XServer:
    """Start a private Xvfb on a free display number (120-199)."""
    if not shutil.which("Xvfb"):
        raise TargetError("Xvfb is not installed: apt-get install xvfb")
    for number in range(120 + os.getpid() % 40, 200):
        if os.path.exists(f"/tmp/.X11-unix/X{number}") or os.path.exists(f"/tmp/.X{number}-lock"):
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(f"/tmp/.X11-unix/X{number}"):
                time.sleep(0.2)
                return XServer(f":{number}", proc)
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    raise TargetError("Could not start Xvfb on any display :120-:199")


def set_keyboard_layout(display: str, layout: str) -> None:
    """Make ``layout`` ("dk", "us") the keyboard layout of ``display`` and verify it.

    The same as the test fixtures do (``setxkbmap``, checked with ``setxkbmap -query``). An
    earlier version also rewrote the core keymap when a fresh connection still saw the old map;
    that left most keys empty on the XTEST device, so it is gone.
    """
    from tests.support.display import set_keyboard_layout as set_layout

    set_layout(display, layout)


# --------------------------------------------------------------------------------------------
# Windows


def _find_window(display: str, predicate, timeout: float = 20.0) -> int:
    from Xlib import X
    from Xlib import display as xdisplay

    disp = xdisplay.Display(display)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for win in disp.screen().root.query_tree().children:
                try:
                    attrs = win.get_attributes()
                    if attrs.map_state != X.IsViewable:
                        continue
                    if predicate(win):
                        return int(win.id)
                except Exception:
                    continue
            time.sleep(0.1)
    finally:
        disp.close()
    raise TargetError("Target window did not appear")


def focus_window(display: str, window: int) -> None:
    """Raise ``window`` and give it the keyboard focus (there is no window manager)."""
    from Xlib import X
    from Xlib import display as xdisplay

    disp = xdisplay.Display(display)
    try:
        win = disp.create_resource_object("window", window)
        win.configure(stack_mode=X.Above)
        win.set_input_focus(X.RevertToParent, X.CurrentTime)
        disp.sync()
    finally:
        disp.close()
    time.sleep(0.15)


# --------------------------------------------------------------------------------------------
# Targets


@dataclass
class Target:
    kind: str
    display: str
    window: int
    process: subprocess.Popen
    _read: object = None
    _cleanup: list = field(default_factory=list)

    def read(self) -> str:
        return self._read()  # type: ignore[operator]

    def focus(self) -> None:
        focus_window(self.display, self.window)

    def wait_for(self, expected: str, timeout: float = 30.0, settle: float = 0.3) -> tuple[str, float]:
        """Poll until the text equals ``expected`` (or stops changing); returns it and the time."""
        start = time.monotonic()
        last, last_change = None, start
        while True:
            now = time.monotonic()
            text = self.read()
            if text == expected:
                return text, now - start
            if text != last:
                last, last_change = text, now
            elif now - last_change > max(settle, 3.0) and text:
                return text, now - start
            if now - start > timeout:
                return text, now - start
            time.sleep(0.02)

    def stop(self) -> None:
        for fn in self._cleanup:
            fn()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def _read_file(path: Path):
    def read() -> str:
        try:
            return path.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    return read


def _wait_ready(proc: subprocess.Popen, what: str, timeout: float = 30.0) -> str:
    result: list[str] = []

    def reader() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("ready"):
                result.append(line.strip())
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(timeout)
    if not result:
        proc.kill()
        err = proc.stderr.read()[-2000:] if proc.stderr else ""
        raise TargetError(f"{what} did not start: {err}")
    return result[0]


def _start_qt(
    display: str,
    work: Path,
    env: dict[str, str],
    title: str,
    single: bool = False,
    password: bool = False,
    mode: str = "",
) -> Target:
    out = work / f"qt-{title}.txt"
    env = dict(env, QT_QPA_PLATFORM="xcb")
    if env.get("AT_SPI_BUS_ADDRESS"):
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"  # publish the field (tests/support/a11y.py)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "qt_field.py"),
            str(out),
            title,
            *([mode] if mode else ["password"] if password else ["line"] if single else []),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = _wait_ready(proc, "The Qt target (PySide6, xcb platform)")
    window = _find_window(display, lambda w: _toplevel_for(w, int(line.split()[1])))
    kind = f"qt-{mode}" if mode else "qt-password" if password else "qt-line" if single else "qt"
    return Target(kind, display, window, proc, _read_file(out))


def _toplevel_for(win, xid: int) -> bool:
    if int(win.id) == xid:
        return True
    try:
        return any(int(c.id) == xid for c in win.query_tree().children)
    except Exception:
        return False


def _start_gtk(
    display: str, work: Path, env: dict[str, str], title: str, single: bool = False, password: bool = False
) -> Target:
    if not os.path.exists(SYSTEM_PYTHON):
        raise TargetError(f"{SYSTEM_PYTHON} is missing (GTK target needs python3-gi, gir1.2-gtk-3.0)")
    check = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk"],
        capture_output=True,
        text=True,
        env=env,
    )
    if check.returncode:
        raise TargetError("GTK 3 for Python is missing: apt-get install python3-gi gir1.2-gtk-3.0")
    out = work / f"gtk-{title}.txt"
    clean_env = {k: v for k, v in env.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    clean_env["GDK_BACKEND"] = "x11"
    if not env.get("AT_SPI_BUS_ADDRESS"):
        clean_env["NO_AT_BRIDGE"] = "1"  # no accessibility bus to publish on: skip the bridge
    proc = subprocess.Popen(
        [
            SYSTEM_PYTHON,
            str(HERE / "gtk_field.py"),
            str(out),
            title,
            *(["password"] if password else ["line"] if single else []),
        ],
        env=clean_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = _wait_ready(proc, "The GTK target")
    window = _find_window(display, lambda w: _toplevel_for(w, int(line.split()[1])))
    return Target(
        "gtk-password" if password else "gtk-line" if single else "gtk",
        display,
        window,
        proc,
        _read_file(out),
    )


def _start_xterm(display: str, work: Path, env: dict[str, str], title: str) -> Target:
    if not shutil.which("xterm"):
        raise TargetError("xterm is not installed: apt-get install xterm")
    out = work / f"xterm-{title}.txt"
    env = dict(env, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    proc = subprocess.Popen(
        [
            "xterm",
            "-u8",
            "-title",
            title,
            "-geometry",
            "80x24+0+0",
            "-e",
            SYSTEM_PYTHON,
            str(HERE / "tty_reader.py"),
            str(out),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while not out.exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise TargetError("xterm did not start its reader")
        time.sleep(0.05)
    window = _find_window(display, lambda w: (w.get_wm_name() or "") == title)
    return Target("xterm", display, window, proc, _read_file(out))


class _PageServer(http.server.ThreadingHTTPServer):
    value = ""
    ready = threading.Event()


def _handler_class(page: bytes):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/value":
                self.server.value = body.decode("utf-8")
            elif self.path == "/ready":
                self.server.ready.set()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def _chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise TargetError("Chromium is not installed: apt-get install chromium")


def _start_chromium(display: str, work: Path, env: dict[str, str], title: str) -> Target:
    binary = _chromium_binary()
    server = _PageServer(("127.0.0.1", 0), _handler_class((HERE / "textarea.html").read_bytes()))
    server.ready = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    profile = work / f"chromium-{title}"
    profile.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [
            binary,
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-features=Translate,MediaRouter",
            "--password-store=basic",
            "--window-position=0,0",
            "--window-size=700,500",
            f"--user-data-dir={profile}",
            # Publish the page on the accessibility bus when there is one (tests/support/a11y.py).
            *(["--force-renderer-accessibility"] if env.get("AT_SPI_BUS_ADDRESS") else []),
            f"--app=http://127.0.0.1:{port}/?{title}",
        ],
        env=dict(env, ACCESSIBILITY_ENABLED="1") if env.get("AT_SPI_BUS_ADDRESS") else env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def cleanup() -> None:
        server.shutdown()
        server.server_close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)

    if not server.ready.wait(60):
        cleanup()
        raise TargetError("Chromium did not load the textarea page within 60 s")
    window = _find_window(
        display, lambda w: "chromium" in " ".join(w.get_wm_class() or ()).lower(), timeout=30
    )
    target = Target("chromium", display, window, proc, lambda: server.value)
    target._cleanup.append(cleanup)
    return target


_STARTERS = {
    "qt": _start_qt,
    "gtk": _start_gtk,
    "xterm": _start_xterm,
    "chromium": _start_chromium,
    # Single-line fields (QLineEdit, Gtk.Entry): not in KINDS, for the line-break tests.
    "qt-line": lambda *a: _start_qt(*a, single=True),
    "gtk-line": lambda *a: _start_gtk(*a, single=True),
    # Password fields (QLineEdit in Password echo mode, Gtk.Entry with visibility off).
    "qt-password": lambda *a: _start_qt(*a, single=True, password=True),
    "gtk-password": lambda *a: _start_gtk(*a, single=True, password=True),
    # A line field whose text is only mask characters, without the password role.
    "qt-masked": lambda *a: _start_qt(*a, single=True, mode="masked"),
}


def start_target(kind: str, display: str, work: Path, env: dict[str, str], title: str = "") -> Target:
    """Start target ``kind`` on ``display`` and give it the keyboard focus."""
    target = _STARTERS[kind](display, work, env, title or f"{kind}-target")
    target.focus()
    time.sleep(0.3 if kind == "chromium" else 0.1)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------------------
# Test text

_SENTENCES = (
    "Æblet på bordet er rødt, og Sørens bror spiser det før kl. 12:30 (han er 'sulten').",
    "ØRESUND, ÅRHUS og ÆRØ ligger i Danmark; én gang til!",
    'Café-ejeren sagde: "Det koster 149,95 kr. (inkl. moms)" – ikke 150?',
    "Tandlægen skrev i journalen: patient nr. 4711 har ondt i 3 tænder & kæben.",
    "Hør/se mere på side 7-9, eller skriv til klinik@eksempel.dk [svar inden 1/10].",
    "Blåbærgrød med fløde er bedre end øl {siger Åse}; 100% sikkert, ikke?",
    "Idéen er god: 2+2=4, 10*3=30 og 9/3=3 # noter #1 $5 ~ ca. _ok_ |x| \\ ^ `a`.",
    "Køb æg, mælk, smør og rugbrød hos købmanden ved Østergade 23B, tlf. 86 45 60 18.",
)


def danish_text(length: int = 2000) -> str:
    """A deterministic Danish text of exactly ``length`` characters: æøåÆØÅé, digits,
    punctuation and line breaks (no tabs: a browser textarea moves focus on Tab)."""
    parts: list[str] = []
    i = 0
    while sum(len(p) for p in parts) < length + 200:
        parts.append(_SENTENCES[i % len(_SENTENCES)])
        parts.append("\n" if i % 3 == 2 else " ")
        i += 1
    text = "".join(parts)[:length]
    return text.rstrip(" ") + "." * (length - len(text.rstrip(" ")))
