"""The private set-up of a product run that must stay offline and leave nothing behind: its own
TMPDIR (and, when asked, its own $HOME, where libraries would leave caches) under the test's
folder, and the no-network guard (tests/support/nonet) that runs it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.support.nonet import NoNetwork


@dataclass(frozen=True)
class Offline:
    guard: NoNetwork
    tmp: Path  # $TMPDIR of the product's processes
    home: Path | None  # their $HOME, when the test gave them one

    def env(self, base: Mapping[str, str]) -> dict[str, str]:
        """``base`` with this run's TMPDIR (and HOME)."""
        env = {**base, "TMPDIR": str(self.tmp)}
        if self.home is not None:
            env["HOME"] = str(self.home)
        return env


def offline(work: Path, *, home: bool = False) -> Offline:
    """A guard reporting under ``work``, ``work/tmp`` as TMPDIR and, with ``home``,
    ``work/user-home`` as $HOME (both made empty here)."""
    tmp = work / "tmp"
    tmp.mkdir()
    user_home = None
    if home:
        user_home = work / "user-home"
        user_home.mkdir()
    return Offline(NoNetwork(work), tmp, user_home)
