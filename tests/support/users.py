"""Another user on the same machine, and a private machine folder, for tests of what one user can
do to another and of IT's machine policy.

Tests run as root (here and in CI). A second user is a real, throwaway system account made with
``useradd`` and removed afterwards; its processes really run under its uid (``setpriv --reuid
--regid --init-groups``), so the kernel, not the product, decides what it may read.

``MachineRoot`` gives each command a private view of ``/etc`` (an overlay in its own mount
namespace): IT's policy can then be installed at the real, fixed ``/etc/assistant/policy.toml``
and read back from there by another user, without touching the host's ``/etc`` and without any
override a user could also use. The overlay's upper folder keeps what was written between
commands of one test.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from tests.support.procs import require_executable


@dataclass(frozen=True)
class OtherUser:
    name: str
    uid: int
    gid: int

    def argv(self, argv: Sequence[str]) -> list[str]:
        """``argv`` run as this user (real and effective ids, its own groups only)."""
        return [
            "setpriv",
            f"--reuid={self.uid}",
            f"--regid={self.gid}",
            "--init-groups",
            "--reset-env",
            "--",
            *argv,
        ]

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """A minimal environment for this user's process, running this worktree's code."""
        keep = ("PATH", "LANG", "LC_ALL", "DISPLAY", "ASSISTANT_TEST_MODELS", "ASSISTANT_SHARED_DIR")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        env.update(
            HOME=str(home),
            USER=self.name,
            LOGNAME=self.name,
            PYTHONPATH=str(REPO_ROOT),
            ASSISTANT_HOME=str(home / "assistant"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update(extra)
        return env


def make_other_user() -> OtherUser:
    require_executable("useradd", "passwd")
    require_executable("setpriv", "util-linux")
    if os.geteuid() != 0:
        pytest.fail("tests about another user need root (to create the user and switch to it)")
    name = f"asst{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name],
        check=True,
        capture_output=True,
    )
    entry = pwd.getpwnam(name)
    return OtherUser(name, entry.pw_uid, entry.pw_gid)


def remove_other_user(user: OtherUser) -> None:
    subprocess.run(["userdel", user.name], check=False, capture_output=True)


@pytest.fixture(scope="session")
def other_user() -> Iterator[OtherUser]:
    """A throwaway system user (removed at the end of the session)."""
    user = make_other_user()
    try:
        yield user
    finally:
        remove_other_user(user)


@pytest.fixture
def public_tmp() -> Iterator[Path]:
    """A temporary folder every user can pass through (pytest's own are 0700 root)."""
    folder = Path(tempfile.mkdtemp(prefix="assistant-public-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def user_home(user: OtherUser, parent: Path) -> Path:
    """A home folder owned by ``user`` under ``parent``."""
    home = parent / f"home-{user.name}"
    home.mkdir(mode=0o700)
    os.chown(home, user.uid, user.gid)
    return home


class MachineRoot:
    """Commands that see a private ``/etc`` (an overlay kept in ``folder``), as root or as a user."""

    def __init__(self, folder: Path) -> None:
        require_executable("unshare", "util-linux")
        self.upper = folder / "upper"
        self.work = folder / "work"
        self.upper.mkdir(parents=True)
        self.work.mkdir()

    @property
    def etc(self) -> Path:
        """What the commands wrote to /etc (the overlay's upper folder)."""
        return self.upper

    def command(
        self, argv: Sequence[str], user: OtherUser | None, env: Mapping[str, str] | None
    ) -> list[str]:
        """The full command line: namespace, overlay, reachable Python, then ``argv`` (as ``user``)."""
        mount = (
            "mount -t overlay overlay "
            f"-o lowerdir=/etc,upperdir={shlex.quote(str(self.upper))},workdir={shlex.quote(str(self.work))} /etc"
        )
        inner = list(argv) if user is None else user.argv(["/usr/bin/env", *_env_args(env), *argv])
        script = " && ".join([mount, *self._expose_python(), f"exec {shlex.join(inner)}"])
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script]

    def run(
        self,
        argv: Sequence[str],
        *,
        user: OtherUser | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 180,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(argv, user, env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=dict(env) if env is not None and user is None else None,
            timeout=timeout,
        )

    def popen(
        self, argv: Sequence[str], *, user: OtherUser | None = None, env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[str]:
        """Like :meth:`run`, left running (the caller ends it); dies with the test process."""
        return subprocess.Popen(
            ["setpriv", "--pdeathsig", "TERM", "--", *self.command(argv, user, env)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(env) if env is not None and user is None else None,
            start_new_session=True,
        )

    def _expose_python(self) -> list[str]:
        """Shell steps that let another user run this Python when it lives in a private folder
        (pyenv under /root, 0700): in the namespace only, a 0755 tmpfs covers that folder and the
        one sub-folder on the way to the interpreter is bound back into it."""
        target = Path(os.path.realpath(sys.base_prefix))
        for folder in [*reversed(target.parents), target]:
            if folder == target or folder.stat().st_mode & 0o001:
                continue
            child = target.relative_to(folder).parts[0]
            stash = self.upper.parent / "stash"
            stash.mkdir(exist_ok=True)
            q = shlex.quote
            return [
                f"mount --bind {q(str(folder / child))} {q(str(stash))}",
                f"mount -t tmpfs -o mode=0755 tmpfs {q(str(folder))}",
                f"mkdir {q(str(folder / child))}",
                f"mount --bind {q(str(stash))} {q(str(folder / child))}",
            ]
        return []

    def assistant(self, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
        return self.run([sys.executable, "-m", "assistant", *args], **kwargs)


def _env_args(env: Mapping[str, str] | None) -> list[str]:
    return [f"{k}={v}" for k, v in (env or {}).items()]


@pytest.fixture
def machine_root(tmp_path: Path) -> MachineRoot:
    """A private /etc for the product's commands (see :class:`MachineRoot`)."""
    return MachineRoot(tmp_path / "machine")
