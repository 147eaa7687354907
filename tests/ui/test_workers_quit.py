"""Quit is prompt whatever a loading job is doing: abandonable jobs (model, lexicon and voice
loads) are given a moment, every other job (insertion, the last words of a dictation) is waited for."""

from __future__ import annotations

import threading
import time

from assistant.ui.bridge import TaskBridge
from assistant.ui.workers import Workers


def test_join_all_waits_for_real_work_but_not_for_an_abandonable_load() -> None:
    workers = Workers(TaskBridge())
    release = threading.Event()
    finished: list[str] = []
    workers.run("model", lambda: release.wait(30), abandonable=True)  # a load that takes "forever"

    def save() -> None:
        time.sleep(0.3)
        finished.append("saved")

    workers.run("dictation-stop", save)
    workers.serial("insert", "insert", lambda: finished.append("inserted"))
    started = time.monotonic()
    left = workers.join_all(timeout=10, abandon_after=0.2)
    took = time.monotonic() - started
    release.set()
    assert sorted(finished) == ["inserted", "saved"]  # nothing the user said was dropped
    assert left == ["job-model"]
    assert took < 5, took  # not the 30 s the load would take (generous: a loaded 2-core machine)
