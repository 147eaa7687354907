"""Wayland: type through ``wtype`` (virtual-keyboard protocol, wlroots/KDE compositors) or
``ydotool`` (uinput; needs the ydotoold service). GNOME allows neither: there the user is told
so and the text can be put on the clipboard (``wl-copy``) to paste by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

from assistant.desktop import detect_session
from assistant.errors import InjectionError
from assistant.inject.base import Delivery

INSTALL_HINT = "apt-get install wtype (or ydotool with its ydotoold service)"


class WaylandInjector:
    name = "wayland"

    def __init__(self, environ: Mapping[str, str] | None = None, delay_ms: int = 0) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self.delay_ms = delay_ms

    def _tool(self) -> str | None:
        path = self._environ.get("PATH", os.defpath)
        for tool in ("wtype", "ydotool"):
            if shutil.which(tool, path=path):
                return tool
        return None

    def available(self) -> str | None:
        if detect_session(self._environ) != "wayland":
            return "not a Wayland session"
        if self._tool() is None:
            return f"wtype/ydotool not found: {INSTALL_HINT}"
        return None

    def command(self, text: str) -> list[str]:
        """The typing command for ``text`` (the text goes on stdin, never on the command line)."""
        tool = self._tool() or "wtype"
        if tool == "wtype":
            return ["wtype", "-d", str(self.delay_ms), "-"]
        return ["ydotool", "type", f"--key-delay={self.delay_ms}", "--file", "-"]

    def _run(self, args: list[str], stdin: str | None = None) -> None:
        try:
            done = subprocess.run(
                args, input=stdin, text=True, capture_output=True, env=self._environ, timeout=120
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InjectionError(f"{args[0]} failed ({type(exc).__name__})", INSTALL_HINT) from exc
        if done.returncode:
            hint = "Your desktop may not allow virtual keyboards (GNOME does not)"
            raise InjectionError(f"{args[0]} could not type (exit {done.returncode})", hint)

    def type_text(self, text: str) -> Delivery:
        if text:
            self._run(self.command(text), stdin=text)
        return Delivery(False, f"{self._tool()} reported success")

    def delete_backward(self, count: int) -> None:
        if count <= 0:
            return
        if self._tool() == "wtype":
            args = ["wtype"]
            for _ in range(count):
                args += ["-k", "BackSpace"]
            self._run(args)
        else:
            self._run(["ydotool", "key", *(["14:1", "14:0"] * count)])

    def close(self) -> None:
        pass


def copy_to_clipboard(text: str, environ: Mapping[str, str] | None = None) -> str | None:
    """Last resort: put ``text`` on the clipboard for the user to paste. The tool used, or None."""
    env = dict(os.environ if environ is None else environ)
    session = detect_session(env)
    tools = {"wayland": [["wl-copy"]], "x11": [["xclip", "-selection", "clipboard"], ["xsel", "-bi"]]}
    for args in tools.get(session, []):
        if shutil.which(args[0], path=env.get("PATH", os.defpath)):
            try:
                subprocess.run(
                    args,
                    input=text,
                    text=True,
                    env=env,
                    timeout=10,
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except (OSError, subprocess.SubprocessError):
                continue
            return args[0]
    return None
