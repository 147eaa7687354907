"""One tray per user (and per ASSISTANT_HOME): a second launch asks the first to come forward."""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)


def server_name(data_dir: str) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the folder alone keys it
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir}".encode()).hexdigest()[:16]
    return f"assistant-{digest}"


def ask_running_instance(name: str, message: bytes = b"show", timeout_ms: int = 1000) -> bool:
    """True if another instance listens on ``name`` and was told to show itself."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message + b"\n")
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.waitForReadyRead(timeout_ms)  # the first instance answers "ok"
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; ``request`` carries what they asked ("show")."""

    request = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
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
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.waitForReadyRead(1000)
        data = bytes(socket.readAll().data()).decode("utf-8", "replace").strip()
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        log.info("another launch asked: %s", data[:20])
        self.request.emit(data or "show")

    def close(self) -> None:
        self.server.close()
