"""The product's command line run as a real process, the way a user or IT's script runs it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.support.procs import wait_until


def run_cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    cwd: Path | str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m assistant ARGS`` with this interpreter: UTF-8 text in and out, both streams
    captured. ``env`` None: this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        env=None if env is None else dict(env),
        cwd=cwd,
        timeout=timeout,
    )


def wait_tray_started(tray: subprocess.Popen[str], log_file: Path, message: str = "the tray started") -> None:
    """Until the tray process ``tray`` (stderr piped, text) logged that it started; fails at once
    with its stderr if it ended instead."""
    wait_until(
        lambda: (
            (
                tray.poll() is None
                or pytest.fail(f"the tray ended: {tray.stderr.read() if tray.stderr else ''}")
            )
            and log_file.exists()
            and "tray started" in log_file.read_text(encoding="utf-8")
        ),
        timeout=30,
        message=message,
    )
