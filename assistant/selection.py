"""The text selected in another application, for reading it aloud.

Backends, tried in the order that suits the desktop session:

* ``x11-primary`` -- the X11 PRIMARY selection (whatever is highlighted), via xclip or xsel.
* ``x11-copy`` -- simulated copy (ctrl+c with xdotool) for programs that do not set PRIMARY;
  the user's clipboard is put back afterwards. Never into a terminal (Ctrl+C interrupts the
  running program), a remote desktop, or a window whose class is unknown.
* ``wayland-primary`` -- wl-paste --primary.
* ``macos-copy`` / ``windows-copy`` -- simulated copy (cmd+c / ctrl+c), reading the clipboard,
  then restoring what the user had on it.

:func:`read_selection` returns the text or raises :class:`NoSelection` ("Nothing is selected"; the tray says it in Danish)
so the user hears/sees a clear message rather than silence. Selected text is never logged.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping

from assistant.desktop import detect_session
from assistant.errors import AssistantError, EngineUnavailable, UsageError
from assistant.log import describe
from assistant.registry import Registry

log = logging.getLogger(__name__)

COPY_WAIT_SECONDS = 1.0  # how long a program gets to answer a simulated copy
_TOOL_SECONDS = 3.0


class NoSelection(UsageError):
    """Nothing is selected (or the selection is not text)."""


class CopyRefused(AssistantError):
    """A simulated copy would be unsafe in the focused window; no key was sent."""


# Windows (WM_CLASS, lower case) that must never get a simulated Ctrl+C: in a terminal it
# interrupts the running program; in a remote desktop or virtual machine it reaches another
# computer's program.
NO_COPY_APPS = frozenset(
    {
        "xfreerdp",
        "wlfreerdp",
        "rdesktop",
        "remmina",
        "org.remmina.remmina",
        "mstsc",
        "vncviewer",
        "tigervnc",
        "krdc",
        "vinagre",
        "x2goclient",
        "virt-viewer",
        "remote-viewer",
        "virtualbox",
        "virtualbox machine",
        "vmware",
        "vmplayer",
    }
)


def copy_refusal(app: str) -> str | None:
    """Why a simulated copy must not be sent to a window of class ``app`` (None: it may)."""
    from assistant.inject.clipboard import TERMINALS

    name = app.lower()
    if not name:
        return "the focused window's program is unknown"
    if name in TERMINALS:
        return "the focused window is a terminal (Ctrl+C would interrupt its program)"
    if name in NO_COPY_APPS:
        return "the focused window is a remote desktop or virtual machine"
    return None


def _run(
    argv: list[str], env: Mapping[str, str], data: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a selection tool. With ``data`` (writing a selection) its output is not captured:
    xclip -i stays behind to serve the selection and would hold captured pipes open."""
    quiet = subprocess.DEVNULL if data is not None else subprocess.PIPE
    try:
        return subprocess.run(
            argv,
            input=data,
            stdout=quiet,
            stderr=quiet,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=dict(env),
            timeout=_TOOL_SECONDS,
        )
    except FileNotFoundError as exc:
        raise EngineUnavailable(f"{argv[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise EngineUnavailable(f"{argv[0]} did not answer within {_TOOL_SECONDS:.0f} s") from exc


class _X11Tools:
    """Reading and writing X11 selections with xclip (preferred) or xsel."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.env = environ
        self.xclip = shutil.which("xclip", path=environ.get("PATH"))
        self.xsel = shutil.which("xsel", path=environ.get("PATH"))

    def problem(self) -> str | None:
        if detect_session(self.env) != "x11":
            return "not an X11 session"
        if not self.env.get("DISPLAY"):
            return "no X display (DISPLAY is not set)"
        if not (self.xclip or self.xsel):
            return "neither xclip nor xsel is installed (apt-get install xclip)"
        return None

    def read(self, selection: str) -> str:
        if self.xclip:
            argv = [self.xclip, "-o", "-selection", selection, "-t", "UTF8_STRING"]
        else:
            argv = [self.xsel or "xsel", "--output", f"--{selection}"]
        result = _run(argv, self.env)
        return result.stdout if result.returncode == 0 else ""

    def write(self, selection: str, text: str) -> None:
        if self.xclip:
            argv = [self.xclip, "-i", "-selection", selection]
        else:
            argv = [self.xsel or "xsel", "--input", f"--{selection}"]
        _run(argv, self.env, data=text)


class X11PrimarySelection:
    name = "x11-primary"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._tools = _X11Tools(os.environ if environ is None else environ)

    def available(self) -> str | None:
        return self._tools.problem()

    def read(self) -> str:
        return self._tools.read("primary")


class X11CopySelection:
    """ctrl+c into the focused window, read CLIPBOARD, then put the user's clipboard back."""

    name = "x11-copy"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._tools = _X11Tools(os.environ if environ is None else environ)
        self._xdotool = shutil.which("xdotool", path=self._tools.env.get("PATH"))

    def available(self) -> str | None:
        problem = self._tools.problem()
        if problem is None and not self._xdotool:
            return "xdotool is not installed (apt-get install xdotool)"
        if problem is None and not self._tools.xclip:
            return "xclip is not installed (apt-get install xclip)"
        return problem

    def focused_app(self) -> str:
        from assistant.inject import x11

        disp = x11.open_display(self._tools.env)
        try:
            win = x11.focused_toplevel(disp)
            return x11.window_class(disp, win) if win is not None else ""
        finally:
            disp.close()

    def read(self) -> str:
        tools = self._tools
        refusal = copy_refusal(self.focused_app())
        if refusal:
            raise CopyRefused(f"no copy key sent: {refusal}")
        saved = tools.read("clipboard")
        marker = f"assistant-copy-{uuid.uuid4().hex}"
        tools.write("clipboard", marker)
        try:
            _run([self._xdotool or "xdotool", "key", "--clearmodifiers", "ctrl+c"], tools.env)
            deadline = time.monotonic() + COPY_WAIT_SECONDS
            copied = marker
            while time.monotonic() < deadline:
                copied = tools.read("clipboard")
                if copied != marker:
                    break
                time.sleep(0.03)  # polling another program's clipboard: no event to wait on
        finally:
            # Through the bounded clipboard keeper, not `xclip -i`, which would serve it until the
            # next copy, however long that takes (tests/e2e/test_no_leaks.py).
            from assistant.inject.clipboard import keep_text

            keep_text(tools.env, saved)
        return "" if copied == marker else copied


class WaylandPrimarySelection:
    name = "wayland-primary"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if environ is None else environ
        self._tool = shutil.which("wl-paste", path=self._env.get("PATH"))

    def available(self) -> str | None:
        if detect_session(self._env) != "wayland":
            return "not a Wayland session"
        if not self._tool:
            return "wl-paste is not installed (apt-get install wl-clipboard)"
        return None

    def read(self) -> str:
        result = _run([self._tool or "wl-paste", "--primary", "--no-newline"], self._env)
        return result.stdout if result.returncode == 0 else ""


class MacCopySelection:
    """cmd+c through System Events, read with pbpaste, restore with pbcopy."""

    name = "macos-copy"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if environ is None else environ

    def available(self) -> str | None:
        if sys.platform != "darwin":
            return "not macOS"
        if not (shutil.which("pbpaste") and shutil.which("osascript")):
            return "pbpaste/osascript are missing"
        return None

    def read(self) -> str:
        saved = _run(["pbpaste"], self._env).stdout
        marker = f"assistant-copy-{uuid.uuid4().hex}"
        _run(["pbcopy"], self._env, data=marker)
        try:
            script = 'tell application "System Events" to keystroke "c" using command down'
            _run(["osascript", "-e", script], self._env)
            deadline = time.monotonic() + COPY_WAIT_SECONDS
            copied = marker
            while time.monotonic() < deadline:
                copied = _run(["pbpaste"], self._env).stdout
                if copied != marker:
                    break
                time.sleep(0.03)
        finally:
            _run(["pbcopy"], self._env, data=saved)
        return "" if copied == marker else copied


class WindowsCopySelection:
    """ctrl+c with SendInput-style key events; the clipboard sequence number tells when the copy
    landed; the user's clipboard text is put back afterwards."""

    name = "windows-copy"
    _CF_UNICODETEXT = 13
    _VK_CONTROL, _VK_C, _KEYUP = 0x11, 0x43, 0x0002

    def available(self) -> str | None:
        return None if sys.platform == "win32" else "not Windows"

    def read(self) -> str:  # pragma: no cover - Windows only
        import ctypes

        user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        saved = self._get_text(user32)
        before = user32.GetClipboardSequenceNumber()
        for vk, flags in (
            (self._VK_CONTROL, 0),
            (self._VK_C, 0),
            (self._VK_C, self._KEYUP),
            (self._VK_CONTROL, self._KEYUP),
        ):
            user32.keybd_event(vk, 0, flags, 0)
        deadline = time.monotonic() + COPY_WAIT_SECONDS
        while time.monotonic() < deadline and user32.GetClipboardSequenceNumber() == before:
            time.sleep(0.03)
        if user32.GetClipboardSequenceNumber() == before:
            return ""
        copied = self._get_text(user32)
        if saved is not None:
            self._set_text(user32, saved)
        return copied or ""

    def _get_text(self, user32) -> str | None:  # type: ignore[no-untyped-def]  # pragma: no cover
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.GlobalLock.restype = ctypes.c_void_p
        user32.GetClipboardData.restype = ctypes.c_void_p
        if not user32.OpenClipboard(None):
            return None
        try:
            handle = user32.GetClipboardData(self._CF_UNICODETEXT)
            if not handle:
                return None
            pointer = kernel32.GlobalLock(ctypes.c_void_p(handle))
            try:
                return ctypes.wstring_at(pointer)
            finally:
                kernel32.GlobalUnlock(ctypes.c_void_p(handle))
        finally:
            user32.CloseClipboard()

    def _set_text(self, user32, text: str) -> None:  # type: ignore[no-untyped-def]  # pragma: no cover
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.GlobalAlloc.restype = ctypes.c_void_p
        kernel32.GlobalLock.restype = ctypes.c_void_p
        data = ctypes.create_unicode_buffer(text)
        size = ctypes.sizeof(data)
        handle = kernel32.GlobalAlloc(0x0002, size)  # GMEM_MOVEABLE
        pointer = kernel32.GlobalLock(ctypes.c_void_p(handle))
        ctypes.memmove(pointer, data, size)
        kernel32.GlobalUnlock(ctypes.c_void_p(handle))
        if user32.OpenClipboard(None):
            try:
                user32.EmptyClipboard()
                user32.SetClipboardData(self._CF_UNICODETEXT, ctypes.c_void_p(handle))
            finally:
                user32.CloseClipboard()


_ORDER = {
    "x11": ["x11-primary", "x11-copy"],
    "wayland": ["wayland-primary"],
    "macos": ["macos-copy"],
    "windows": ["windows-copy"],
    "none": [],
}


def build_registry(environ: Mapping[str, str] | None = None) -> Registry:  # type: ignore[type-arg]
    env = dict(os.environ if environ is None else environ)
    return Registry(
        "selection",
        [
            ("x11-primary", lambda: X11PrimarySelection(env)),
            ("x11-copy", lambda: X11CopySelection(env)),
            ("wayland-primary", lambda: WaylandPrimarySelection(env)),
            ("macos-copy", lambda: MacCopySelection(env)),
            ("windows-copy", WindowsCopySelection),
        ],
    )


def read_selection(
    environ: Mapping[str, str] | None = None, *, copy_fallback: bool = True
) -> tuple[str, str]:
    """``(text, backend name)`` of the current selection. Raises :class:`NoSelection` when nothing
    is selected and :class:`EngineUnavailable` when no backend can run in this session."""
    env = dict(os.environ if environ is None else environ)
    registry = build_registry(env)
    session = detect_session(env)
    order = [n for n in _ORDER[session] if copy_fallback or not n.endswith("-copy")]
    tried: list[str] = []
    usable = 0
    refused = False
    for name in order:
        probe = registry.probe(name)
        if not probe.ok:
            tried.append(f"{name}: {probe.reason}")
            continue
        usable += 1
        try:
            text = registry.create(name).read()
        except CopyRefused as exc:
            refused = True
            tried.append(f"{name}: {exc.message}")
            continue
        except AssistantError as exc:
            tried.append(f"{name}: {exc.message}")
            continue
        if text.strip():
            log.info("selection read with %s: %s", name, describe(text))
            return text, name
        tried.append(f"{name}: empty")
    if not usable:
        detail = "; ".join(tried) or f"no way to read a selection in this {session} session"
        raise EngineUnavailable(
            f"The selection cannot be read here ({detail})",
            "Run 'assistant doctor'; you can copy the text and use 'assistant speak -' instead",
        )
    log.info("nothing selected (%s)", "; ".join(tried))
    raise NoSelection(
        "Nothing is selected",
        "Select the text you want to hear in any program, then press the read-aloud key again"
        + (" (in a terminal only selected text is read: no keys are sent to it)" if refused else ""),
        msgid="selection.empty",
    )
