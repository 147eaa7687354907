"""A private accessibility (AT-SPI) bus for tests: a session D-Bus and at-spi-bus-launcher.

Targets started with ``AT_SPI_BUS_ADDRESS`` in their environment publish their widgets on it
(tests/support/targets switches Qt's and GTK's bridges on then), and the product reads the
focused field through it. The session bus stays private to this helper: only the accessibility
bus address is handed out, so nothing else in the test run starts talking to a session bus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tests.support.procs import ManagedProcess, require_executable, wait_until

BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


@dataclass
class A11yBus:
    session: ManagedProcess
    launcher: ManagedProcess
    session_address: str
    address: str  # the accessibility bus: AT_SPI_BUS_ADDRESS

    def env(self) -> dict[str, str]:
        """What a process needs to publish on, or read from, this bus."""
        return {"AT_SPI_BUS_ADDRESS": self.address}

    def stop(self) -> None:
        self.launcher.stop()  # its process group holds the bus daemon and the registry
        self.session.stop()


def start_a11y_bus(work: Path, display: str, timeout: float = 20.0) -> A11yBus:
    daemon = require_executable("dbus-daemon", "dbus")
    if not os.path.exists(BUS_LAUNCHER):
        raise AssertionError(f"{BUS_LAUNCHER} is missing: apt-get install at-spi2-core")
    work.mkdir(parents=True, exist_ok=True)
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    socket = work / "session_bus"
    session_address = f"unix:path={socket}"
    session = ManagedProcess(
        [daemon, "--session", "--nofork", f"--address={session_address}"], log_path=work / "dbus.log"
    )
    try:
        wait_until(socket.exists, timeout, message=lambda: f"session D-Bus socket: {session.describe()}")
        env = dict(os.environ, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=session_address)
        env["XDG_RUNTIME_DIR"] = str(runtime)  # the accessibility bus socket goes here
        env.pop("AT_SPI_BUS_ADDRESS", None)
        launcher = ManagedProcess(
            [BUS_LAUNCHER, "--launch-immediately"], log_path=work / "at-spi.log", env=env
        )
    except BaseException:
        session.stop()
        raise
    try:
        address = wait_until(
            lambda: _a11y_address(session_address),
            timeout,
            message=lambda: f"org.a11y.Bus.GetAddress: {launcher.describe()}",
        )
    except BaseException:
        launcher.stop()
        session.stop()
        raise
    return A11yBus(session, launcher, session_address, address)


def _a11y_address(session_address: str) -> str | None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    conn = open_dbus_connection(session_address)
    try:
        msg = new_method_call(DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Bus"), "GetAddress")
        return conn.send_and_get_reply(msg, timeout=2.0).body[0] or None
    finally:
        conn.close()
