"""Global hotkeys: one backend per platform, each able to say why it cannot run."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.hotkeys.base import HotkeyBackend
from assistant.registry import Registry


def build_registry(environ: Mapping[str, str] | None = None) -> Registry[HotkeyBackend]:
    from assistant.hotkeys.backends import MacHotkeys, WaylandHotkeys, WindowsHotkeys, X11Hotkeys

    return Registry(
        "global hotkey",
        [
            ("x11", lambda: X11Hotkeys(environ)),
            ("windows", WindowsHotkeys),
            ("macos", MacHotkeys),
            ("wayland", lambda: WaylandHotkeys(environ)),
        ],
    )
