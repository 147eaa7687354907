"""Real small, full and read-only filesystems for storage tests (tmpfs mounts).

A full disk is a tmpfs of a few KiB filled to the last byte: writes fail with ENOSPC exactly as on
a user's full home folder, with no patched ``open``. Mounting needs root (CI runs as root) or
password-less sudo; anything else fails the test with what to do, never skips it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _privileged(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return command
    if shutil.which("sudo"):
        return ["sudo", "-n", *command]
    pytest.fail("full-disk tests mount a tmpfs: run the suite as root or with password-less sudo")


def _run(command: list[str]) -> None:
    done = subprocess.run(_privileged(command), capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed: {done.stderr.strip()}")


@contextlib.contextmanager
def small_filesystem(where: Path, size_kib: int = 256) -> Iterator[Path]:
    """Mount a ``size_kib`` tmpfs at ``where`` (created if missing) for the block; unmount after."""
    where.mkdir(parents=True, exist_ok=True)
    _run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0777", "tmpfs", str(where)])
    try:
        yield where
    finally:
        # Lazy: a product process under test may still hold a file open there.
        subprocess.run(_privileged(["umount", "-l", str(where)]), capture_output=True, timeout=30)


def fill(where: Path) -> int:
    """Fill the filesystem holding ``where`` to the last byte; returns the bytes written."""
    written = 0
    filler = where / ".filler"
    with open(filler, "ab", buffering=0) as handle:
        for block in (65536, 4096, 512, 1):
            chunk = b"\0" * block
            while True:
                try:
                    written += handle.write(chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    return written


def free(where: Path) -> None:
    """Make room again (the user deleted something)."""
    with contextlib.suppress(FileNotFoundError):
        (where / ".filler").unlink()


def set_read_only(where: Path, read_only: bool = True) -> None:
    """Remount the tmpfs at ``where`` read-only (or writable again)."""
    _run(["mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(where)])


@contextlib.contextmanager
def full_filesystem(where: Path, size_kib: int = 256) -> Iterator[Path]:
    """A small filesystem at ``where``, filled: every write into it fails with ENOSPC."""
    with small_filesystem(where, size_kib) as mounted:
        fill(mounted)
        yield mounted
