"""A busy machine for the tests: CPU-bound processes at twice the core count.

Users dictate on PCs that also run antivirus scans, a browser and, on Citrix/RDS hosts, other
people's sessions. The end-to-end insertion and dictation tests run both idle and under this load,
so that a race that only shows when the product is starved of CPU fails here, not in a clinic.

The busy processes are plain ``python -c`` loops at normal priority (the same niceness as the
product), started through ``ManagedProcess`` so they die with pytest, and each is checked to be
running (its CPU time grows) before the test starts.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.procs import ManagedProcess, wait_until

# A tight loop that never allocates: it competes for the cores, not for memory or the disk.
_SPIN = "while True:\n    pass\n"


def busy_process_count() -> int:
    """Twice the cores this process may run on (two on a one-core container still loads it)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(2, 2 * cores)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


class CpuLoad:
    """The running busy processes; ``stop()`` ends them (the fixture does)."""

    def __init__(self, procs: list[ManagedProcess]) -> None:
        self.procs = procs
        self.started_at = 0.0  # time.monotonic() once every spinner was seen using the CPU

    @property
    def count(self) -> int:
        return len(self.procs)

    def running(self) -> bool:
        return all(p.alive() for p in self.procs)

    def stop(self) -> None:
        for proc in self.procs:
            proc.stop(timeout=2.0)


@contextmanager
def cpu_load(log_dir: Path, count: int | None = None) -> Iterator[CpuLoad]:
    """Run ``count`` (default: twice the cores) spinning processes for the duration of the block."""
    count = count or busy_process_count()
    procs = [
        ManagedProcess([sys.executable, "-c", _SPIN], log_path=log_dir / f"spin-{i}.log")
        for i in range(count)
    ]
    load = CpuLoad(procs)
    try:
        started = {p.pid: _cpu_seconds(p.pid) for p in procs}
        # Proof that the load is real before the test relies on it: every spinner has used CPU.
        wait_until(
            lambda: all(_cpu_seconds(p.pid) > started[p.pid] for p in procs),
            timeout=10.0,
            interval=0.05,
            message=f"{count} busy processes to start using the CPU",
        )
        load.started_at = time.monotonic()
        yield load
    finally:
        load.stop()
