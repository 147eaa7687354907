"""The protocol every global-hotkey backend implements, and the thread its grabber runs on."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from assistant.errors import AssistantError, EngineUnavailable

if TYPE_CHECKING:
    from assistant.hotkeys.x11 import GrabResult, HotkeyCallback


class HotkeyBackend(Protocol):
    name: str

    def available(self) -> str | None:
        """``None`` if hotkeys can be grabbed in this session, else why not."""
        ...


class GrabberThread:
    """Starts a grabber's own thread and waits until it has registered its combinations.

    A subclass sets ``thread_name`` and ``late_message``, runs ``_run(bindings)`` on the thread
    (setting ``results`` or ``_error``, then ``_ready``) and ends it in ``stop()``."""

    thread_name = "hotkeys"
    late_message = "The hotkeys were not registered in time"

    def __init__(self, on_event: HotkeyCallback) -> None:
        self._on_event = on_event
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self.results: list[GrabResult] = []
        self._error: AssistantError | None = None

    def start(self, bindings: Mapping[str, str], timeout: float = 10.0) -> list[GrabResult]:
        """Grab ``{name: "<ctrl>+<alt>+d"}`` (empty combos are skipped); returns one result each."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._before_start()
        self._ready.clear()
        self._thread = threading.Thread(
            target=self._run, args=(dict(bindings),), name=self.thread_name, daemon=True
        )
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise EngineUnavailable(self.late_message)
        if self._error is not None:
            error, self._error = self._error, None
            self.stop()
            raise error
        return list(self.results)

    def _before_start(self) -> None:
        """What the thread needs made before it runs (nothing here)."""

    def _run(self, bindings: dict[str, str]) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
