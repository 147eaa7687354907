"""Insert text into the focused field of another application (no Qt here).

Backends: ``xtest`` (X11 synthetic keys, exact for any Unicode text), ``clipboard`` (X11 or Windows paste
with the user's clipboard given back), ``wayland`` (wtype/ydotool), ``sendinput`` (Windows) and
``macos`` (CGEvent). :func:`build_registry` registers them all so ``assistant doctor`` can show
why each can or cannot run; :class:`~assistant.inject.inserter.Inserter` adds focus safety,
per-application choice and streaming on top.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from assistant.inject.base import Delivery, FocusTracker, Injector, WindowRef
from assistant.registry import Registry

BACKENDS = ("xtest", "clipboard", "wayland", "sendinput", "macos")

_DEFAULT_ORDER: dict[str, list[str]] = {
    "x11": ["xtest", "clipboard"],
    "wayland": ["wayland", "clipboard"],
    "windows": ["sendinput", "clipboard"],
    "macos": ["macos"],
    "none": [],
}


def setting(config: Any, key: str) -> Any:
    """A setting from a :class:`~assistant.config.Config` (or a plain mapping), else its default."""
    if config is not None:
        try:
            value = config.get(key)
        except (KeyError, AttributeError):
            value = None
        if value is not None:
            return value
    from assistant.config.schema import SCHEMA

    return SCHEMA[key].default


def default_order(session: str) -> list[str]:
    """The backends worth trying, best first, for a session kind from ``detect_session``."""
    return list(_DEFAULT_ORDER.get(session, []))


def build_registry(
    config: Any, environ: Mapping[str, str] | None = None, delay_ms: int | None = None
) -> Registry[Injector]:
    """Every injection backend, created lazily with this run's settings and environment."""
    env = dict(os.environ if environ is None else environ)
    delay = int(setting(config, "inject.delay_ms") if delay_ms is None else delay_ms)

    def xtest() -> Injector:
        from assistant.inject.xtest import XTestInjector

        return XTestInjector(env, delay_ms=delay)

    def clipboard() -> Injector:
        if sys.platform == "win32":
            from assistant.inject.win_clipboard import WindowsClipboardInjector

            return WindowsClipboardInjector()
        from assistant.inject.clipboard import ClipboardInjector

        return ClipboardInjector(env)

    def wayland() -> Injector:
        from assistant.inject.wayland import WaylandInjector

        return WaylandInjector(env, delay_ms=delay)

    def sendinput() -> Injector:
        from assistant.inject.sendinput import SendInputInjector

        return SendInputInjector(delay_ms=delay)

    def macos() -> Injector:
        from assistant.inject.macos import MacInjector

        return MacInjector(delay_ms=delay)

    factories = {
        "xtest": xtest,
        "clipboard": clipboard,
        "wayland": wayland,
        "sendinput": sendinput,
        "macos": macos,
    }
    return Registry("text insertion", [(name, factories[name]) for name in BACKENDS])


def focus_tracker(environ: Mapping[str, str] | None = None) -> FocusTracker | None:
    """How to ask which window has focus in this session (None where the platform can't tell)."""
    from assistant.desktop import detect_session

    env = dict(os.environ if environ is None else environ)

    def x11() -> FocusTracker:
        from assistant.inject.x11 import X11Focus

        return X11Focus(env)

    def windows() -> FocusTracker:
        from assistant.inject.sendinput import WindowsFocus

        return WindowsFocus()

    factory = {"x11": x11, "windows": windows}.get(detect_session(env))
    return factory() if factory else None


__all__ = [
    "BACKENDS",
    "Delivery",
    "FocusTracker",
    "Injector",
    "WindowRef",
    "build_registry",
    "default_order",
    "focus_tracker",
]
