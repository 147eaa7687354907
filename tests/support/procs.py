"""Polling and child-process helpers shared by the fixtures.

Nothing here sleeps to synchronise: ``wait_until`` polls a predicate against a deadline and raises
``WaitTimeout`` with a message that says what was awaited and what was last seen.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """``wait_until`` gave up; an AssertionError so pytest shows it as a plain test failure."""


def wait_until(
    predicate: Callable[[], T],
    timeout: float = 10.0,
    interval: float = 0.02,
    message: str | Callable[[], str] | None = None,
) -> T:
    """Poll ``predicate`` until it returns something truthy, and return that value.

    Exceptions raised by the predicate count as "not yet" (the last one is reported). After
    ``timeout`` seconds the predicate is tried one final time and then ``WaitTimeout`` is raised
    naming ``message`` (a string, or a callable evaluated at failure time for fresh diagnostics).
    To give up early (say, the awaited process died), raise from the predicate something that is
    not an ``Exception``, e.g. ``pytest.fail(...)``.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    last_value: Any = None
    attempts = 0
    while True:
        attempts += 1
        try:
            last_value = predicate()
            last_error = None
            if last_value:
                return last_value
        except Exception as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            break
        time.sleep(min(interval, max(0.0, deadline - time.monotonic())))
    what = message() if callable(message) else message
    what = what or getattr(predicate, "__name__", repr(predicate))
    detail = f"last error: {last_error!r}" if last_error is not None else f"last value: {last_value!r}"
    raise WaitTimeout(f"timed out after {timeout:.1f}s ({attempts} attempts) waiting for {what}; {detail}")


def require_executable(name: str, debian_package: str) -> str:
    """Return the absolute path of ``name`` or fail the test naming the Debian package to install."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: apt-get install {debian_package}", pytrace=False)
    return path


# Every process started through ``ManagedProcess`` is remembered so that an interpreter exit that
# skipped fixture teardown (a crash, an os._exit from pytest-timeout) still ends it.
_LIVE: set[ManagedProcess] = set()
_LIVE_LOCK = threading.Lock()


class ManagedProcess:
    """A child process in its own session, with its output in a log file and a teardown that
    cannot hang: SIGTERM to its process group, a bounded wait, then SIGKILL.

    With ``die_with_parent`` (default) it is started through ``setpriv --pdeathsig TERM``
    (util-linux), so it also ends when pytest is killed or pytest-timeout calls ``os._exit``
    (no atexit handler runs then). The death signal follows the *thread* that started it:
    start managed processes from the main thread (fixtures do).
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        log_path: Path,
        env: Mapping[str, str] | None = None,
        pass_fds: Sequence[int] = (),
        cwd: Path | None = None,
        die_with_parent: bool = True,
    ) -> None:
        self.argv = list(argv)
        setpriv = shutil.which("setpriv") if die_with_parent else None
        command = [setpriv, "--pdeathsig", "TERM", "--", *self.argv] if setpriv else self.argv
        self.log_path = Path(log_path)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=dict(env) if env is not None else None,
                pass_fds=tuple(pass_fds),
                cwd=cwd,
                start_new_session=True,
            )
        with _LIVE_LOCK:
            _LIVE.add(self)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, limit: int = 2000) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text[-limit:]

    def describe(self) -> str:
        state = "running" if self.alive() else f"exited with {self.proc.returncode}"
        return f"{self.argv[0]} (pid {self.pid}, {state}); log {self.log_path}:\n{self.log_tail()}"

    def stop(self, timeout: float = 5.0) -> int | None:
        """End the process (and its group); never waits longer than about 2 * ``timeout``."""
        try:
            if self.alive():
                self._signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._signal(signal.SIGKILL)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        self.proc.wait(timeout)
            else:
                # The leader is gone; its group may still hold children (e.g. a tray's helper).
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.pid, signal.SIGKILL)
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(self)
        return self.proc.returncode

    def _signal(self, sig: int) -> None:
        try:
            os.killpg(self.pid, sig)  # our own session: pgid == pid
        except (ProcessLookupError, PermissionError):
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(sig)


@atexit.register
def _stop_leftovers() -> None:
    with _LIVE_LOCK:
        leftovers = list(_LIVE)
    for proc in leftovers:
        proc.stop(timeout=2.0)
