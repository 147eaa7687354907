"""File writes that never leave a half-written file behind, never lose a concurrent writer's
change, and never let another user read what the user said.

Everything that can hold user text (settings, word lists, vocabulary, history, logs) is private:
files 0600, folders 0700 (POSIX; on Windows the profile's ACLs already do this). A
read-modify-write holds :func:`locked` (flock on the file's folder; msvcrt on a lock file on
Windows), so two processes (the tray and a script, or eight scripts at once) never overwrite each
other's change.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from assistant.errors import StorageError

FILE_MODE = 0o600
DIR_MODE = 0o700
LOCK_TIMEOUT_S = 30.0

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents 0700 (``mkdir(parents=True)`` would make the
    parents 0755), and make ``path`` itself 0700 if it was not."""
    missing = []
    probe = path
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            st = path.stat()
            if stat.S_ISDIR(st.st_mode) and st.st_mode & 0o777 != DIR_MODE:
                os.chmod(path, DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """Make an existing file 0600 (a file written by an older version, or by hand)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(path, FILE_MODE)


def private_opener(path: str, flags: int) -> int:
    """``open(..., opener=private_opener)``: a new file is created 0600, not 0644."""
    return os.open(path, flags, FILE_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over, so a crash leaves old or new.
    The result is 0600 (``mkstemp`` creates it so)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def lock_file(path: Path) -> Path:
    """What :func:`locked` locks: the folder itself on POSIX (no extra file beside the user's,
    none to create on a full disk), a ``.NAME.lock`` file beside ``path`` on Windows."""
    return path.with_name(f".{path.name}.lock") if sys.platform == "win32" else path.parent


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of ``path`` (across processes).

    Every writer of a file in the folder takes the same lock, which the atomic rename of the data
    file does not drop. Raises OSError when the folder cannot be made or TimeoutError after
    ``timeout``."""
    import time

    private_dir(path.parent)
    target = lock_file(path)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        fd = os.open(target, os.O_RDWR | os.O_CREAT, FILE_MODE)
    else:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise TimeoutError(errno.ETIMEDOUT, f"{path} is locked by another program")
            time.sleep(0.01)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def problem_of(exc: BaseException, folder: Path | None = None) -> str:
    """ "full", "read-only", "missing" or "failed": why a write failed, from its errno (or SQLite's
    error name), else from the state of ``folder``."""
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in _FULL:
            return "full"
        if exc.errno == errno.ENOENT or (
            exc.errno in (errno.EACCES, errno.EPERM) and folder is not None and not folder.exists()
        ):
            # HOME=/nonexistent: the folder is missing and cannot be made, which is not "read-only".
            return "missing"
        if exc.errno in _READ_ONLY:
            return "read-only"
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if name.startswith("SQLITE_FULL"):
        return "full"
    if name.startswith("SQLITE_READONLY"):
        return "read-only"
    if folder is not None:
        return folder_problem(folder) or "failed"
    return "failed"


def folder_problem(folder: Path) -> str | None:
    """ "full" or "read-only" if the filesystem holding ``folder`` is so now, else None."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        st = os.statvfs(probe)
    except (OSError, AttributeError):
        return None
    if st.f_flag & getattr(os, "ST_RDONLY", 1):
        return "read-only"
    if st.f_bavail == 0 or (st.f_favail == 0 and st.f_files > 0):
        return "full"
    return None


_MESSAGES = {
    "full": ("{what} cannot be saved: the disk is full", "Free some space on the disk, then try again"),
    "read-only": ("{what} cannot be saved: the folder is read-only", "Ask IT to make {folder} writable"),
    "missing": (
        "{what} cannot be saved: the folder {folder} does not exist and cannot be created",
        "Check that your home folder exists (HOME); ask IT if it should",
    ),
    "failed": ("{what} cannot be saved ({reason})", "Check the folder's permissions and free space"),
}
_KEPT_HINTS = {
    "full": "Free some space on the disk; what you said is kept and saved as soon as there is room",
    "read-only": "Ask IT to make {folder} writable; what you said is kept until it can be saved",
    "missing": "Check that your home folder exists; what you said is kept until it can be saved",
    "failed": "What you said is kept and saved as soon as that works again",
}


def storage_error(exc: BaseException, what: str, path: Path, *, kept: bool = False) -> StorageError:
    """One StorageError for a failed write of ``path``: ``msgid`` storage.full, storage.read-only
    or storage.failed (+ ``.kept`` when the text is held in memory and saved when it can be);
    ``params`` what and folder, never user text."""
    problem = problem_of(exc, path.parent)
    message, hint = _MESSAGES[problem]
    if kept:
        hint = _KEPT_HINTS[problem]
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    return StorageError(
        message.format(what=what, reason=reason, folder=path.parent),
        hint.format(folder=path.parent),
        msgid=f"storage.{problem}{'.kept' if kept else ''}",
        params={"what": what, "folder": str(path.parent)},
    )
