"""Running the product with no network: a Python-level guard and a network namespace.

``sitecustomize.py`` in this folder is imported by every Python process that has the folder on
PYTHONPATH, before anything else: from then on a socket other than AF_UNIX (or a name lookup)
is refused and recorded with its stack in a report file. ``unshare -n`` additionally puts the
process in a network namespace of its own (loopback down, no interfaces), so native code
cannot reach a network either, and ``strace`` lists every socket() and connect() the process tree
makes, so a socket opened by native code (a C library) fails the test by name too.
:class:`NoNetwork` combines the three for subprocesses.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

GUARD_DIR = Path(__file__).resolve().parent


def netns_prefix() -> list[str]:
    """argv prefix that runs a command in a new, empty network namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        raise AssertionError("unshare not found: apt-get install util-linux")
    # Root (CI) may create a network namespace directly; others need a user namespace too.
    return [unshare, "-n", "--"] if os.geteuid() == 0 else [unshare, "-rn", "--"]


def product_processes(mark: str) -> dict[int, str]:
    """Live processes (pid -> command line) whose environment has ``ASSISTANT_LEAK_MARK=mark``:
    the product's processes and everything they started, detached ones included."""
    needle = f"ASSISTANT_LEAK_MARK={mark}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if state != "Z" and Path(cmdline.split(" ", 1)[0]).name != "strace":  # the test's own tracer
            found[int(entry.name)] = cmdline
    return found


class NoNetwork:
    """Environment and argv for product processes that must not touch the network."""

    def __init__(self, work: Path, *, mode: str = "deny", netns: bool = True) -> None:
        self.report = Path(work) / "nonet-report.txt"
        self.syscalls = Path(work) / "nonet-syscalls.txt"
        self.mode = mode
        self.netns = netns

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        paths = [str(GUARD_DIR), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        env["ASSISTANT_NONET_REPORT"] = str(self.report)
        env["ASSISTANT_NONET_MODE"] = self.mode
        return env

    def argv(self, command: Sequence[str]) -> list[str]:
        trace = []
        if self.mode == "deny":
            strace = shutil.which("strace")
            if strace is None:
                raise AssertionError("strace not found: apt-get install strace")
            # Only socket() and connect() are stopped on (seccomp filter): no measurable slow-down. -D: the tracer
            # runs detached, so the command keeps its pid (signals, exit status) and returns while
            # something it started (a clipboard keeper) is still traced.
            trace = [strace, "-D", "-f", "-qq", "--seccomp-bpf", "-e", "trace=socket,connect", "-A", "-o"]
            trace += [str(self.syscalls), "--"]
        return [*(netns_prefix() if self.netns else []), *trace, *command]

    def assistant(self, *args: str) -> list[str]:
        return self.argv([sys.executable, "-m", "assistant", *args])

    def run(
        self,
        args: Sequence[str],
        env: Mapping[str, str],
        *,
        input: str | None = None,
        timeout: float = 180,
    ) -> subprocess.CompletedProcess:
        """Run ``assistant ARGS``; output goes through files, not pipes: the detached tracer
        holds the pipes open while something the command started is still traced."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            done = subprocess.run(
                self.assistant(*args),
                env=self.env(env),
                input=None if input is None else input.encode("utf-8"),
                stdin=subprocess.DEVNULL if input is None else None,
                stdout=out,
                stderr=err,
                timeout=timeout,
            )
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
        return subprocess.CompletedProcess(done.args, done.returncode, stdout, stderr)

    def findings(self) -> str:
        """What the guard refused (with stacks), then socket system calls other than AF_UNIX."""
        found = ""
        with contextlib.suppress(FileNotFoundError):
            found = self.report.read_text(encoding="utf-8")
        with contextlib.suppress(FileNotFoundError):
            native = [
                line
                for line in self.syscalls.read_text(encoding="utf-8", errors="replace").splitlines()
                if ("socket(" in line or "connect(" in line)
                and "AF_UNIX" not in line
                and "AF_LOCAL" not in line
            ]
            if native:
                found += "=== socket system calls (strace: pid call = result)\n" + "\n".join(native) + "\n"
        return found

    def assert_clean(self, what: str = "") -> None:
        found = self.findings()
        if found:
            raise AssertionError(f"network use {what}:\n{found[:8000]}")
