"""Focus-safe insertion: the service the tray and the CLI use to put text into a window.

Record the focused window when dictation starts (:meth:`Inserter.begin`); at insert time, if
another window has focus, nothing is typed and :class:`FocusChanged` is raised (the caller keeps
the text). The backend is chosen from ``inject.backends`` (or the session's default order), with
windows whose class is in ``inject.paste_apps`` (remote desktops) getting ``clipboard`` first.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.desktop import detect_session
from assistant.errors import EngineUnavailable, InjectionError
from assistant.inject import build_registry, default_order, focus_tracker, setting
from assistant.inject.base import FocusTracker, Injector, WindowRef
from assistant.inject.text import prepare, tail_edit
from assistant.log import describe
from assistant.registry import Probe, Registry

log = logging.getLogger(__name__)


class FocusChanged(InjectionError):
    """Another window has focus than the one dictation started in; nothing was typed."""


@dataclass(frozen=True)
class InsertResult:
    backend: str
    chars: int
    verified: bool  # the platform confirmed the target took the text
    detail: str
    focus_checked: bool  # focus was compared before and after typing
    seconds: float
    skipped: tuple[Probe, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "chars": self.chars,
            "verified": self.verified,
            "detail": self.detail,
            "focus_checked": self.focus_checked,
            "seconds": round(self.seconds, 4),
            "skipped": [{"name": p.name, "reason": p.reason} for p in self.skipped],
        }


class Inserter:
    def __init__(
        self,
        config: Any = None,
        environ: Mapping[str, str] | None = None,
        *,
        backend: str | None = None,
        delay_ms: int | None = None,
        registry: Registry[Injector] | None = None,
        focus: FocusTracker | None = None,
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._config = config
        self._forced = backend
        self.registry = registry or build_registry(config, self._environ, delay_ms=delay_ms)
        self.focus = focus if focus is not None else focus_tracker(self._environ)
        if self.focus is not None and self.focus.available() is not None:
            self.focus = None
        self._backends: dict[str, Injector] = {}
        self.target: WindowRef | None = None

    # -- focus ------------------------------------------------------------------------------
    def current_window(self) -> WindowRef | None:
        return self.focus.current() if self.focus is not None else None

    def begin(self) -> WindowRef | None:
        """Remember the window that has focus now (call when dictation starts)."""
        self.target = self.current_window()
        return self.target

    def _check_focus(self, target: WindowRef | None) -> WindowRef | None:
        if self.focus is None:
            return None
        now = self.current_window()
        if now is None:
            raise FocusChanged(
                "No window has keyboard focus, so nothing was typed",
                "The text is kept: click into the field and insert again",
            )
        if target is not None and now.id != target.id:
            log.info(
                "focus moved from %s (%s) to %s (%s); not typing", target.id, target.app, now.id, now.app
            )
            raise FocusChanged(
                "Another window has focus than the one you dictated into, so nothing was typed",
                "The text is kept: click back into the field and insert again",
            )
        return now

    # -- backend choice ---------------------------------------------------------------------
    def order_for(self, window: WindowRef | None) -> list[str]:
        if self._forced:
            return [self._forced]
        order = list(setting(self._config, "inject.backends")) or default_order(detect_session(self._environ))
        paste_apps = {a.lower() for a in setting(self._config, "inject.paste_apps")}
        if window is not None and window.app.lower() in paste_apps:
            order = ["clipboard", *[n for n in order if n != "clipboard"]]
        return order

    def backend_for(self, window: WindowRef | None) -> tuple[Injector, list[Probe]]:
        order = self.order_for(window)
        for name in order:
            if name in self._backends:
                return self._backends[name], []
        if self._forced:
            backend = self.registry.create(self._forced)
            reason = backend.available()
            if reason:
                raise EngineUnavailable(
                    f"Backend {self._forced} cannot run here: {reason}",
                    "Run 'assistant type --list-backends' to see which can",
                )
            probes: list[Probe] = []
        else:
            backend, probes = self.registry.choose(order)
        self._backends[backend.name] = backend
        return backend, probes

    # -- inserting --------------------------------------------------------------------------
    def insert(self, text: str, target: WindowRef | None = None) -> InsertResult:
        """Type ``text`` into ``target`` (default: the window recorded by :meth:`begin`)."""
        target = target or self.target
        text = prepare(text)
        window = self._check_focus(target)
        backend, probes = self.backend_for(window or target)
        start = time.monotonic()
        delivery = backend.type_text(text)
        seconds = time.monotonic() - start
        verified, detail = delivery.verified, delivery.detail
        if window is not None:
            after = self.current_window()
            if after is None or after.id != window.id:
                verified, detail = False, "focus changed while typing; check the text landed"
        log.info("inserted %s with %s in %.3f s", describe(text), backend.name, seconds)
        return InsertResult(
            backend.name, len(text), verified, detail, window is not None, seconds, tuple(probes)
        )

    def stream(self, target: WindowRef | None = None) -> StreamingInsert:
        return StreamingInsert(self, target or self.target)

    def close(self) -> None:
        for backend in self._backends.values():
            backend.close()
        self._backends.clear()


class StreamingInsert:
    """Follows a growing, sometimes corrected, partial result: only the changed tail is retyped."""

    def __init__(self, inserter: Inserter, target: WindowRef | None) -> None:
        self._inserter = inserter
        self._target = target
        self.typed = ""

    def update(self, text: str) -> tuple[int, int]:
        """Make the field show ``text``; returns (characters erased, characters typed)."""
        text = prepare(text)
        erase, add = tail_edit(self.typed, text)
        if not erase and not add:
            return 0, 0
        window = self._inserter._check_focus(self._target)
        backend, _ = self._inserter.backend_for(window or self._target)
        backend.delete_backward(erase)
        if add:
            backend.type_text(add)
        self.typed = text
        return erase, len(add)
