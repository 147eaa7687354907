"""Plain Python worker threads for blocking jobs, every one joined on quit.

A job is ``fn() -> result`` run on its own thread; its result or error comes back to the GUI
thread through a :class:`~assistant.ui.bridge.TaskBridge` signal, tagged. Serial jobs (text
insertion must keep its order) go through :meth:`Workers.serial`, one thread per lane.

A job that only loads something into memory (a speech model, say) is started ``abandonable``:
quitting waits for it briefly, not for the minute a model load can take on a loaded machine.
Such a job holds nothing the user said or wrote, so leaving it unfinished loses nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
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
        self._abandonable: set[threading.Thread] = set()
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

    def run(
        self, tag: str, fn: Callable[[], Any], bridge: TaskBridge | None = None, *, abandonable: bool = False
    ) -> threading.Thread:
        """Run ``fn`` on a new thread now; its result goes to ``bridge`` (default: the shared one).

        ``abandonable``: ``fn`` only reads (loads a model, lists files); quit need not wait for it.
        """
        thread = threading.Thread(target=self._call, args=(tag, fn, bridge), name=f"job-{tag}", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._abandonable &= set(self._threads)
            self._threads.append(thread)
            if abandonable:
                self._abandonable.add(thread)
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

    def join_all(self, timeout: float = 15.0, abandon_after: float = 0.5) -> list[str]:
        """Stop the lanes and join every thread; returns the names of threads still running.

        Abandonable jobs get ``abandon_after`` seconds in all; the caller ends the process without
        waiting for them (they are daemon threads and hold nothing to save).
        """
        with self._lock:
            lanes = list(self._lanes.values())
            self._lanes.clear()
            threads = list(self._threads)
            abandonable = set(self._abandonable)
        for jobs, _ in lanes:
            jobs.put(_STOP)
        stuck = []
        for thread in [t for _, t in lanes] + [t for t in threads if t not in abandonable]:
            thread.join(timeout)
            if thread.is_alive():
                stuck.append(thread.name)
        abandoned = []
        deadline = time.monotonic() + abandon_after
        for thread in [t for t in threads if t in abandonable]:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                abandoned.append(thread.name)
        if stuck:
            log.warning("threads still running at quit: %s", ", ".join(stuck))
        if abandoned:
            log.info("loads abandoned at quit (they hold nothing to save): %s", ", ".join(abandoned))
        return stuck + abandoned


def _is_user_error(exc: BaseException) -> bool:
    from assistant.errors import AssistantError

    return isinstance(exc, AssistantError)
