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


def create_grabber(on_event, environ: Mapping[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A grabber for this session (``start(bindings) -> results``, ``stop()``), calling
    ``on_event(name, pressed)`` on its own thread. Raises EngineUnavailable with every reason."""
    backend, _ = build_registry(environ).choose()
    if backend.name == "x11":
        from assistant.hotkeys.x11 import X11HotkeyGrabber

        return X11HotkeyGrabber(on_event, environ)
    if backend.name == "windows":
        from assistant.hotkeys.windows import WindowsHotkeyGrabber

        return WindowsHotkeyGrabber(on_event, environ)
    from assistant.errors import EngineUnavailable

    raise EngineUnavailable(
        f"Global hotkeys are not implemented for {backend.name} yet", "Use the tray menu instead"
    )
