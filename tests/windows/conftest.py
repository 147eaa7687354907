"""Fixtures of the Windows suite. It runs inside the Windows CPython (scripts/test-windows runs
it under wine; on a Windows PC: python -m pytest -c tests/windows/pytest.ini tests/windows).
Everything here is a real Windows API call: no part of Windows is replaced."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from win32_target import EditTarget, start_target

REPO = Path(__file__).resolve().parents[2]


def wait_until(
    predicate: Callable[[], object],
    timeout: float = 10.0,
    message: str | Callable[[], str] = "",
    interval: float = 0.02,
) -> object:
    """Poll ``predicate`` every ``interval`` seconds until it is truthy; fail naming what was
    awaited (``message``, or a callable giving it at the time of failure) and the last value.
    A predicate that walks every window wants a longer interval: under wine each call is a
    round trip to wineserver, which the program being waited for needs too."""
    deadline = time.monotonic() + timeout
    value: object = None
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    said = message() if callable(message) else message
    pytest.fail(f"timed out after {timeout} s waiting for {said or predicate}: last value {value!r}")


def shared_dir() -> Path:
    """``shared/`` beside the repository (``$ASSISTANT_SHARED_DIR`` overrides). Under wine the
    variable holds the Linux path, which is the same folder on drive Z:."""
    value = os.environ.get("ASSISTANT_SHARED_DIR")
    if not value:
        return REPO.parent / "shared"
    return Path("Z:" + value) if value.startswith("/") else Path(value)


@dataclass
class Home:
    home: Path
    policy: Path


@pytest.fixture(autouse=True)
def assistant_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    home = tmp_path / "home"
    home.mkdir()
    policy = tmp_path / "it" / "policy.toml"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    monkeypatch.setenv("ASSISTANT_POLICY", str(policy))
    return Home(home, policy)


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m assistant ARGS`` as its own Windows process."""

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, PYTHONUTF8="1")
        return subprocess.run(
            [sys.executable, "-m", "assistant", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=env,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
        )

    return run


@pytest.fixture
def edit_target() -> Iterator[Callable[..., EditTarget]]:
    """Factory: start a small Win32 program with one EDIT control (another process);
    ``password=True`` makes it a box that masks its characters."""
    started: list[EditTarget] = []

    def start(password: bool = False) -> EditTarget:
        target = start_target(password)
        started.append(target)
        return target

    yield start
    for target in started:
        target.close()
