"""Plain Python worker threads for blocking jobs, every one joined on quit.

A job is ``fn() -> result`` run on its own thread; its result or error comes back to the GUI
thread through a :class:`~assistant.ui.bridge.TaskBridge` signal, tagged. Serial jobs (text
insertion must keep its order) go through :meth:`Workers.serial`, one thread per lane.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from assistant.log import log_failure
from assistant.ui.bridge import TaskBridge

log = logging.getLogger(__name__)

_STOP = object()


class Workers:
    def __init__(self, bridge: TaskBridge) -> None:
        self.bridge = bridge
        self._threads: list[threading.Thread] = []
        self._lanes: dict[str, tuple[queue.Queue[Any], threading.Thread]] = {}
        self._lock = threading.Lock()

    def _call(self, tag: str, fn: Callable[[], Any], bridge: TaskBridge | None = None) -> None:
        bridge = bridge or self.bridge
        try:
            result = fn()
        except BaseException as exc:  # reported to the GUI; nothing is lost silently
            if not _is_user_error(exc):
                log_failure(log, "job %s failed", tag)
            bridge.on_error(tag, exc)
        else:
            bridge.on_done(tag, result)

    def run(self, tag: str, fn: Callable[[], Any], bridge: TaskBridge | None = None) -> threading.Thread:
        """Run ``fn`` on a new thread now; its result goes to ``bridge`` (default: the shared one)."""
        thread = threading.Thread(target=self._call, args=(tag, fn, bridge), name=f"job-{tag}", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()
        return thread

    def serial(self, lane: str, tag: str, fn: Callable[[], Any], bridge: TaskBridge | None = None) -> None:
        """Run ``fn`` after every job queued earlier on ``lane``."""
        with self._lock:
            if lane not in self._lanes:
                jobs: queue.Queue[Any] = queue.Queue()
                thread = threading.Thread(target=self._lane, args=(jobs,), name=f"lane-{lane}", daemon=True)
                self._lanes[lane] = (jobs, thread)
                thread.start()
            self._lanes[lane][0].put((tag, fn, bridge))

    def _lane(self, jobs: queue.Queue[Any]) -> None:
        while True:
            item = jobs.get()
            if item is _STOP:
                return
            self._call(*item)

    def busy(self) -> int:
        with self._lock:
            return sum(t.is_alive() for t in self._threads)

    def join_all(self, timeout: float = 15.0) -> list[str]:
        """Stop the lanes and join every thread; returns the names of threads still running."""
        with self._lock:
            lanes = list(self._lanes.values())
            self._lanes.clear()
            threads = list(self._threads)
        for jobs, _ in lanes:
            jobs.put(_STOP)
        left = []
        for thread in [t for _, t in lanes] + threads:
            thread.join(timeout)
            if thread.is_alive():
                left.append(thread.name)
        if left:
            log.warning("threads still running at quit: %s", ", ".join(left))
        return left


def _is_user_error(exc: BaseException) -> bool:
    from assistant.errors import AssistantError

    return isinstance(exc, AssistantError)
