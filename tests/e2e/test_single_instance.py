"""One tray per user, and no other user can silence it or talk to it (issue #22 item 5).

The endpoint used to be a name in the shared /tmp derived from the user: another user bound it
first, and the victim's `assistant tray` printed "already running" and exited 0 while the squatter
received "show". The squatter here is a real second user (its own uid, tests/support/users.py).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support import wait_until
from tests.support.cli import wait_tray_started
from tests.support.targets.fixtures import x_env
from tests.support.users import MachineRoot, OtherUser, user_home

pytestmark = [pytest.mark.display]

SQUATTER = textwrap.dedent(
    """
    import os, socket, sys
    path = sys.argv[1]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o777)
    server.listen(5)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        data = conn.recv(100)
        if data:
            print("got", data.decode(errors="replace").strip(), flush=True)
        conn.sendall(b"ok\\n")
        conn.close()
    """
)


def _old_name(data_dir: Path) -> str:
    """The name the tray used before (QLocalServer put it in the temporary folder)."""
    digest = hashlib.sha256(f"{getpass.getuser()}\0{data_dir}".encode()).hexdigest()[:16]
    return f"assistant-{digest}"


def _start_squatter(
    machine_root: MachineRoot, user: OtherUser, home: Path, path: Path
) -> subprocess.Popen[str]:
    script = home / "squatter.py"
    script.write_text(SQUATTER, encoding="utf-8")
    os.chown(script, user.uid, user.gid)
    squatter = machine_root.popen([sys.executable, str(script), str(path)], user=user, env=user.env(home))
    line = squatter.stdout.readline()
    assert line.strip() == "ready", squatter.stderr.read() if squatter.poll() is not None else line
    assert path.stat().st_uid == user.uid
    return squatter


@pytest.mark.parametrize("runtime_dir", [True, False], ids=["xdg-runtime-dir", "no-runtime-dir"])
def test_another_user_on_the_old_name_does_not_stop_the_tray(
    xvfb, tray_host, machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path, runtime_dir: bool
) -> None:
    tmp = public_tmp / "tmp"
    tmp.mkdir(mode=0o1777)
    tmp.chmod(0o1777)  # like /tmp: everyone may create, only owners may remove
    squatter_home = user_home(other_user, public_tmp)
    home = Path(os.environ["ASSISTANT_HOME"])
    env = x_env(xvfb.display, TMPDIR=str(tmp))
    env.pop("XDG_RUNTIME_DIR", None)
    if runtime_dir:
        runtime = public_tmp / "run-root"
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
    else:
        # The squatter also takes the private-folder name the tray would use in the temporary
        # folder: the tray must notice it is not its own and use its cache folder instead.
        taken = tmp / f"assistant-{os.getuid()}"
        subprocess.run(
            machine_root.command(
                ["mkdir", "-m", "0777", str(taken)], other_user, other_user.env(squatter_home)
            ),
            check=True,
        )
    squatter = _start_squatter(machine_root, other_user, squatter_home, tmp / _old_name(home / "data"))
    subprocess.run(
        [sys.executable, "-m", "assistant", "config", "set", "ui.first_run_guide", "false"],
        env=env,
        check=True,
    )
    log_file = home / "logs" / "assistant.log"
    tray = subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_tray_started(tray, log_file, "the tray started although another user holds the old name")
        second = subprocess.run(
            [sys.executable, "-m", "assistant", "tray"], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0 and "already running" in second.stderr, second.stderr
        wait_until(
            lambda: "another launch asked: show" in log_file.read_text(encoding="utf-8"),
            message="the user's own tray heard the second launch",
        )
        sockets = [p for p in (Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / "assistant").glob("*")]
        if runtime_dir:
            assert sockets, "the endpoint is in XDG_RUNTIME_DIR"
        else:
            assert list((home / "cache" / "run").glob("assistant-*")), "the endpoint is in the cache folder"
        tray.send_signal(signal.SIGTERM)
        assert tray.wait(timeout=30) == 0
    finally:
        if tray.poll() is None:
            tray.kill()
        os.killpg(squatter.pid, signal.SIGTERM)
        out, _ = squatter.communicate(timeout=10)
    assert "got" not in out, f"the other user received a message: {out!r}"


def test_a_message_from_another_user_is_ignored_and_no_other_users_server_is_trusted(
    qtbot, machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path
) -> None:
    from assistant.ui.single_instance import InstanceServer, ask_running_instance

    home = user_home(other_user, public_tmp)
    # A socket another user can reach (as if the private folder were lost): SO_PEERCRED still holds.
    path = public_tmp / "tray.sock"
    server = InstanceServer(str(path))
    requests: list[str] = []
    server.request.connect(requests.append)
    assert server.listen()
    try:
        os.chmod(path, 0o777)
        script = home / "knock.py"
        script.write_text(
            "import socket, sys\ns = socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\n"
            "try:\n    s.sendall(b'show\\n')\n    print('reply', s.recv(10))\n"
            "except OSError as e:\n    print('closed', e.errno)\n",
            encoding="utf-8",
        )
        knock = machine_root.popen(
            [sys.executable, str(script), str(path)], user=other_user, env=other_user.env(home)
        )
        qtbot.waitUntil(lambda: server.refused == 1, timeout=10000)
        out, err = knock.communicate(timeout=10)
        assert "reply b''" in out or "closed" in out, out + err  # hung up on, never answered
        assert requests == []
        # The same user is obeyed.
        assert ask_running_instance(str(path))
        qtbot.waitUntil(lambda: requests == ["show"], timeout=5000)
    finally:
        server.close()
    # And a launch never talks to a server another user holds.
    other_path = home / "other.sock"
    squatter = _start_squatter(machine_root, other_user, home, other_path)
    try:
        assert ask_running_instance(str(other_path)) is False
    finally:
        os.killpg(squatter.pid, signal.SIGTERM)
        out, _ = squatter.communicate(timeout=10)
    assert "got" not in out
