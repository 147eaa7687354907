"""One tray per user (and per ASSISTANT_HOME): a second launch asks the first to come forward.

The endpoint is a Unix socket in a folder only the user can enter: ``$XDG_RUNTIME_DIR/assistant``
(the session's private runtime folder), else ``<temp>/assistant-<uid>`` when that is the user's own
0700 folder, else ``<cache>/run``. A name in the shared /tmp could be bound first by another user,
who then silenced the victim's tray and received its messages (issue #22). Both ends also check the
peer's user id (SO_PEERCRED) before trusting it. On Windows the endpoint is a named pipe limited
to the user (``UserAccessOption``).
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import socket
import stat
import struct
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from assistant.fsutil import private_dir

log = logging.getLogger(__name__)


def server_name(data_dir: str) -> str:
    """The pipe name on Windows (and the socket's file name elsewhere)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the folder alone keys it
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir}".encode()).hexdigest()[:16]
    return f"assistant-{digest}"


def _is_private_dir(path: Path) -> bool:
    """A real folder (not a link) owned by this user that no one else can enter."""
    try:
        st = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and st.st_mode & 0o077 == 0


def _own_private_dir(path: Path) -> Path | None:
    """``path`` as a 0700 folder of this user's, created if missing; None if someone else's."""
    with contextlib.suppress(FileExistsError, OSError):
        path.mkdir(mode=0o700)
    with contextlib.suppress(OSError):
        st = path.lstat()
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, 0o700)  # ours, but too open (an old umask)
    return path if _is_private_dir(path) else None


def endpoint(data_dir: str, cache_dir: str, environ: Mapping[str, str] | None = None) -> str:
    """Where this user's tray listens (a socket path; a pipe name on Windows)."""
    name = server_name(data_dir)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return name
    env = os.environ if environ is None else environ
    candidates = []
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _is_private_dir(Path(runtime)):
        candidates.append(Path(runtime) / "assistant")
    candidates.append(Path(tempfile.gettempdir()) / f"assistant-{os.getuid()}")
    candidates.append(Path(cache_dir) / "run")
    for folder in candidates:
        if folder == candidates[-1]:
            with contextlib.suppress(OSError):
                private_dir(folder.parent)  # the user's cache folder, 0700 like every user folder
        private = _own_private_dir(folder)
        if private is not None:
            return str(private / name)
        log.warning("not a private folder of this user's, not used for the tray's socket: %s", folder)
    raise OSError(f"no private folder for the tray's socket (tried {', '.join(map(str, candidates))})")


def peer_uid(fd: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket (Linux), else None."""
    if not sys.platform.startswith("linux") or fd < 0:
        return None
    try:
        with socket.socket(fileno=os.dup(fd)) as peer:
            creds = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid


def _same_user(local_socket: QLocalSocket) -> bool:
    if sys.platform == "win32":  # pragma: no cover - the pipe admits this user only
        return True
    uid = peer_uid(int(local_socket.socketDescriptor()))
    if uid is None:  # no SO_PEERCRED (macOS): the private folder is the protection
        return not sys.platform.startswith("linux")
    return uid == os.getuid()


def ask_running_instance(name: str, message: bytes = b"show", timeout_ms: int = 1000) -> bool:
    """True if this user's other instance listens on ``name`` and was told to show itself."""
    local_socket = QLocalSocket()
    local_socket.connectToServer(name)
    if not local_socket.waitForConnected(timeout_ms):
        return False
    if not _same_user(local_socket):
        log.warning("the tray's socket is held by another user; not talking to it")
        local_socket.abort()
        return False
    local_socket.write(message + b"\n")
    local_socket.flush()
    local_socket.waitForBytesWritten(timeout_ms)
    local_socket.waitForReadyRead(timeout_ms)  # the first instance answers "ok"
    local_socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; ``request`` carries what they asked ("show")."""

    request = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.refused = 0  # connections from other users, ignored
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # a stale socket from a crashed run
        return self.server.listen(self.name)

    @Slot()
    def _on_connection(self) -> None:
        local_socket = self.server.nextPendingConnection()
        if local_socket is None:
            return
        if not _same_user(local_socket):
            self.refused += 1
            log.warning("a launch by another user was ignored")
            local_socket.abort()
            return
        local_socket.waitForReadyRead(1000)
        data = bytes(local_socket.readAll().data()).decode("utf-8", "replace").strip()
        local_socket.write(b"ok\n")
        local_socket.flush()
        local_socket.disconnectFromServer()
        log.info("another launch asked: %s", data[:20])
        self.request.emit(data or "show")

    def close(self) -> None:
        self.server.close()
