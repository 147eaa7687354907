"""Layered TOML settings with atomic saves and forgiving loads.

Layers, lowest first: built-in defaults < policy ``[defaults]`` < the user's file < policy
``[locked]``. A file that cannot be parsed, an unknown key or a bad value never stops the
program: each becomes one :class:`ConfigProblem` naming the file, the key and the value used
instead, and every other key still applies. A user file that had problems is copied to a
backup before the first save overwrites it.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from assistant.config.files import (  # noqa: F401 - re-exported: the store's public names
    MAX_FILE_BYTES,
    ConfigProblem,
    _decode,
    _flatten,
    _nest,
    _read_toml,
    _validated,
    parse_toml,
)
from assistant.config.policy import (  # noqa: F401 - re-exported
    PolicyFailure,
    load_policies,
    load_policy,
    private_values,
)
from assistant.config.schema import SCHEMA
from assistant.errors import ConfigError
from assistant.fsutil import atomic_write, locked, make_private, private_dir, problem_of
from assistant.paths import Paths

log = logging.getLogger(__name__)

# Where a value came from, lowest layer first. "fail-closed": IT's policy file is broken, so a
# privacy-relevant setting takes its most private value (and is locked).
SOURCES = ("default", "policy-default", "user", "locked", "fail-closed")


class Config:
    """The settings in force for one run, and the means to change the user's layer."""

    def __init__(
        self,
        paths: Paths,
        policy_defaults: dict[str, Any],
        user: dict[str, Any],
        locked: dict[str, Any],
        problems: list[ConfigProblem],
        user_file_damaged: bool,
        policy_failure: PolicyFailure | None = None,
        lock_files: Mapping[str, Path] | None = None,
    ) -> None:
        self.paths = paths
        self._lock_files = dict(lock_files or {})
        self._policy_defaults = policy_defaults
        self._user = user
        self._locked = locked
        self.problems = problems
        self.policy_failure = policy_failure
        self._user_file_damaged = user_file_damaged
        self.backup_file: Path | None = None

    # -- reading -------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        return copy.deepcopy(self._layer_value(key)[0])

    def get(self, key: str) -> Any:
        return self[key]

    def source(self, key: str) -> str:
        return self._layer_value(key)[1]

    def _layer_value(self, key: str) -> tuple[Any, str]:
        if key not in SCHEMA:
            raise ConfigError(f"Unknown setting '{key}'", "Run 'assistant config show' for the list")
        if self.policy_failure is not None and key in self.policy_failure.forced:
            return self.policy_failure.forced[key], "fail-closed"
        if key in self._locked:
            return self._locked[key], "locked"
        if key in self._user:
            return self._user[key], "user"
        if key in self._policy_defaults:
            return self._policy_defaults[key], "policy-default"
        return SCHEMA[key].default, "default"

    def is_locked(self, key: str) -> bool:
        return key in self._locked or (self.policy_failure is not None and key in self.policy_failure.forced)

    @property
    def locked_keys(self) -> list[str]:
        forced = self.policy_failure.forced if self.policy_failure is not None else {}
        return sorted({*self._locked, *forced})

    def items(self) -> Iterator[tuple[str, Any]]:
        for key in SCHEMA:
            yield key, self[key]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.items())

    # -- writing -------------------------------------------------------------------------
    def set(self, key: str, value: Any) -> None:
        """Validate and store ``value`` in the user's file (saved at once, atomically)."""
        setting = SCHEMA.get(key)
        if setting is None:
            raise ConfigError(f"Unknown setting '{key}'", "Run 'assistant config show' for the list")
        if self.is_locked(key):
            if self.policy_failure is not None and key in self.policy_failure.forced:
                raise ConfigError(
                    f"The setting {key} is locked to its most private value because IT's policy "
                    f"{self.policy_failure.file} cannot be used",
                    "Ask your IT department to repair the policy file",
                )
            raise ConfigError(
                f"The setting {key} is locked by your organisation's policy "
                f"({self._lock_files.get(key, self.paths.machine_policy_file)})",
                "Ask your IT department to change it",
            )
        reason = setting.validate(value)
        if reason:
            raise ConfigError(f"{key} = {value!r} {reason}", setting.help)
        self._change({key: value}, ())

    def reset(self, key: str) -> None:
        """Remove the user's value so the layer below applies again."""
        if key not in SCHEMA:
            raise ConfigError(f"Unknown setting '{key}'", "Run 'assistant config show' for the list")
        self._change({}, (key,))

    def save(self) -> None:
        """Write the user's layer as this object holds it (values another process saved since
        this one read the file are kept: see :meth:`_change`)."""
        self._change(dict(self._user), ())

    def _change(self, updates: Mapping[str, Any], removals: tuple[str, ...]) -> None:
        """Read-modify-write of the user's file under a lock, so that concurrent writers (the tray
        and scripts, or several scripts at once) all land: the file is read again inside the lock
        and only this change is applied to what it holds now."""
        target = self.paths.config_file
        try:
            private_dir(target.parent)
            with locked(target):
                problems: list[ConfigProblem] = []
                raw = _read_toml(target, problems)
                if raw is None:  # unreadable: our own view is the best there is (backed up below)
                    current = dict(self._user)
                else:
                    flat = _flatten(raw, target, problems)
                    current = _validated(flat, target, self._policy_defaults, problems)
                damaged = self._user_file_damaged or bool(problems)
                if damaged and target.exists() and self.backup_file is None:
                    self.backup_file = _backup(target)
                current.update(updates)
                for key in removals:
                    current.pop(key, None)
                atomic_write(target, tomli_w.dumps(_nest(current)).encode("utf-8"))
                self._user = current
                self._user_file_damaged = False
        except (OSError, TimeoutError) as exc:
            problem = problem_of(exc, target.parent)
            why = {
                "full": "the disk is full",
                "read-only": "the folder is read-only",
                "missing": "the folder does not exist and cannot be created",
            }.get(problem, exc.strerror or type(exc).__name__)
            hint = {
                "full": "Free some space on the disk, then try again",
                "read-only": f"Ask IT to make {target.parent} writable",
                "missing": "Check that your home folder exists (HOME); ask IT if it should",
            }.get(problem, "Check that the folder exists and that you may write to it")
            raise ConfigError(
                f"Cannot save settings to {target}: {why}",
                hint,
                msgid=f"storage.{problem}",
                params={"what": "settings", "folder": str(target.parent)},
            ) from exc
        log.info("settings saved (%d user keys)", len(self._user))


# At most this many copies of broken settings files are kept (each run against the same broken
# file reuses its copy).
MAX_BACKUPS = 3


def _backup(path: Path) -> Path:
    """A private copy of a settings file that could not be used, so nothing the user wrote is
    lost: the same content is kept once, and only the newest ``MAX_BACKUPS`` copies are kept."""
    data = path.read_bytes()
    pattern = f"{path.name}.broken-*"
    for old in path.parent.glob(pattern):
        with contextlib.suppress(OSError):
            if old.read_bytes() == data:
                make_private(old)
                return old
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.broken-{stamp}-{n}")
        n += 1
    atomic_write(backup, data)
    copies = sorted(path.parent.glob(pattern), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    for old in copies[MAX_BACKUPS:]:
        if old != backup:
            with contextlib.suppress(OSError):
                old.unlink()
    return backup


def load_config(paths: Paths) -> Config:
    """Read policy and user files. Never raises for bad content; see ``Config.problems`` and
    ``Config.policy_failure``.

    Problems are returned, not logged, because logging is set up only after settings are read.
    """
    policy_defaults, locked, lock_files, problems, failure = load_policies(paths)

    user_problems: list[ConfigProblem] = []
    user: dict[str, Any] = {}
    raw_user = _read_toml(paths.config_file, user_problems)
    if raw_user:
        flat = _flatten(raw_user, paths.config_file, user_problems)
        user = _validated(flat, paths.config_file, policy_defaults, user_problems)
    problems.extend(user_problems)

    config = Config(
        paths,
        policy_defaults,
        user,
        locked,
        problems,
        user_file_damaged=bool(user_problems),
        policy_failure=failure,
        lock_files=lock_files,
    )
    if raw_user is None and paths.config_file.exists():
        # Unreadable file: keep a copy now, so nothing the user wrote can be lost later.
        try:
            config.backup_file = _backup(paths.config_file)
        except OSError as exc:
            problems.append(
                ConfigProblem(paths.config_file, None, f"could not be backed up ({exc.strerror})")
            )
        else:
            config._user_file_damaged = False
            problems[:] = [
                ConfigProblem(p.file, p.key, f"{p.message}; a copy is kept as {config.backup_file.name}")
                if p.file == paths.config_file and p.key is None
                else p
                for p in problems
            ]
    return config
