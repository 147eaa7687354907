"""IT's policy: the machine's file, an additional stricter one, and failing closed."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config.files import ConfigProblem, _flatten, _read_toml, _toml_text, _validated
from assistant.config.schema import SCHEMA
from assistant.paths import Paths


@dataclass(frozen=True)
class PolicyFailure:
    """IT's policy file exists but cannot be trusted: the privacy-relevant settings were forced to
    their most private values (see ``Setting.private``)."""

    file: Path
    reasons: tuple[str, ...]  # English, for the log and ``--json``
    reasons_da: tuple[str, ...]  # Danish, for the tray and doctor
    forced: Mapping[str, Any]

    @property
    def message(self) -> str:
        forced = ", ".join(f"{k} = {_toml_text(v)}" for k, v in self.forced.items())
        return (
            f"The IT policy {self.file} cannot be used ({'; '.join(self.reasons)}); for privacy the "
            f"strictest values are in force: {forced}"
        )

    @property
    def message_da(self) -> str:
        return (
            f"IT-politikken {self.file} kan ikke bruges: {'; '.join(self.reasons_da)}. "
            "Af hensyn til privatlivet gælder de strengeste indstillinger: historik er slået fra, "
            "og modeller kan ikke hentes. Kontakt din IT-afdeling."
        )

    @property
    def hint_da(self) -> str:
        return f"IT-afdelingen skal rette {self.file} (prøv 'assistant config policy-check')"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "reasons": list(self.reasons),
            "forced": dict(self.forced),
            "message": self.message,
            "message_da": self.message_da,
        }


def private_values() -> dict[str, Any]:
    """Every privacy-relevant setting and its most private value."""
    return {key: s.private for key, s in SCHEMA.items() if s.privacy_relevant}


def load_policy(
    path: Path, *, check_safety: bool = False
) -> tuple[dict[str, Any], dict[str, Any], list[ConfigProblem], PolicyFailure | None]:
    """IT's policy file: (defaults, locked, problems, failure).

    Fails closed: a file that exists but cannot be read or parsed, a table where a value should
    be (or the reverse), a table other than [defaults]/[locked], or a [locked] value of the wrong
    type gives a :class:`PolicyFailure`, and every privacy-relevant setting then takes its most
    private value. So does an unknown key under [locked] (a misspelt lock locks nothing) and, with
    ``check_safety`` (IT's machine policy), a file that users other than the administrator could
    have changed (:func:`unsafe_policy_reasons`). A mistake under [defaults] only costs that one
    value."""
    problems: list[ConfigProblem] = []
    why: list[tuple[str, str]] = []
    policy = _read_toml(path, problems, why)
    if policy is not None and check_safety:
        for english, danish in unsafe_policy_reasons(path):
            problems.append(ConfigProblem(path, None, english))
            why.append((english, danish))
    policy_defaults, locked = evaluate_policy(policy, path, problems, why)
    return policy_defaults, locked, problems, policy_failure(path, why, problems)


def policy_failure(
    path: Path, why: list[tuple[str, str]], problems: list[ConfigProblem]
) -> PolicyFailure | None:
    """The failure (every privacy-relevant setting forced private) when there is any reason."""
    if not why:
        return None
    failure = PolicyFailure(
        file=path,
        reasons=tuple(w[0] for w in why),
        reasons_da=tuple(w[1] for w in why),
        forced=private_values(),
    )
    problems.append(ConfigProblem(path, None, failure.message))
    return failure


def evaluate_policy(
    policy: dict[str, Any] | None, path: Path, problems: list[ConfigProblem], why: list[tuple[str, str]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """IT's policy as read (``{"defaults": {...}, "locked": {...}}``, from a file or the
    registry): (defaults, locked). Appends to ``problems``, and to ``why`` every reason the policy
    cannot be trusted (the caller then fails closed)."""
    policy_defaults: dict[str, Any] = {}
    locked: dict[str, Any] = {}
    if policy:
        for table in policy:
            if table not in ("defaults", "locked"):
                problems.append(ConfigProblem(path, table, "is not [defaults] or [locked]; ignored"))
                why.append(
                    (
                        f"[{table}] is not [defaults] or [locked]",
                        f"[{table}] er hverken [defaults] eller [locked]",
                    )
                )
        for table in ("defaults", "locked"):
            raw = policy.get(table, {})
            if not isinstance(raw, dict):
                problems.append(ConfigProblem(path, table, "is not a table; ignored"))
                why.append((f"'{table}' is not a table", f"'{table}' er ikke en tabel"))
                continue
            before = len(problems)
            flat = _flatten(raw, path, problems)
            if table == "locked" and any("is not a [section]" in p.message for p in problems[before:]):
                why.append(("a [locked] section is not a table", "en [locked]-sektion er ikke en tabel"))
            if table == "locked":
                # A misspelt lock would silently lock nothing: IT meant to lock something, so the
                # policy as written cannot be trusted.
                for problem in problems[before:]:
                    if problem.kind == "unknown":
                        why.append(
                            (
                                f"[locked] {problem.key} {problem.message.removesuffix('; ignored')}",
                                f"den låste nøgle {problem.key} findes ikke",
                            )
                        )
            if table == "defaults":
                policy_defaults = _validated(flat, path, {}, problems)
                continue
            # A privacy-relevant key with a bad locked value takes its most private value (below).
            locked = _validated(flat, path, {**policy_defaults, **private_values()}, problems)
            for key in sorted(set(flat) - set(locked)):
                why.append(
                    (
                        f"the locked value {key} = {flat[key]!r} {SCHEMA[key].validate(flat[key])}",
                        f"den låste værdi {key} = {_toml_text(flat[key])} har forkert type eller værdi",
                    )
                )
    return policy_defaults, locked


def load_policies(
    paths: Paths,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Path], list[ConfigProblem], PolicyFailure | None]:
    """IT's machine policy, and under it the additional policy (``ASSISTANT_POLICY``), which may
    only add: IT's defaults and locks win wherever both set a key, and a failure of either fails
    closed. Above both, on Windows, the registry policy Group Policy writes
    (:mod:`assistant.config.registry_policy`). Returns (defaults, locked, the file each lock came from, problems, failure)."""
    defaults, locked, problems, failure = load_policy(paths.machine_policy_file, check_safety=True)
    lock_files = dict.fromkeys(locked, paths.machine_policy_file)
    if paths.extra_policy_file is not None:
        extra_defaults, extra_locked, extra_problems, extra_failure = load_policy(paths.extra_policy_file)
        problems.extend(extra_problems)
        defaults = {**extra_defaults, **defaults}
        for key, value in extra_locked.items():
            if key not in locked:
                locked[key] = value
                lock_files[key] = paths.extra_policy_file
        failure = failure or extra_failure
    # Group Policy's registry values sit above both files (on Windows; nothing elsewhere).
    from assistant.config.registry_policy import registry_policies

    reg_defaults, reg_locked, reg_lock_places, reg_problems, reg_failure = registry_policies()
    problems.extend(reg_problems)
    defaults = {**defaults, **reg_defaults}
    locked = {**locked, **reg_locked}
    lock_files.update(reg_lock_places)  # type: ignore[arg-type]
    return defaults, locked, lock_files, problems, reg_failure or failure


# Groups whose members are administrators anyway: root, and on macOS "admin" (which owns
# /Library/Application Support, group-writable).
ADMIN_GIDS = frozenset({0, 80}) if sys.platform == "darwin" else frozenset({0})


def unsafe_policy_reasons(path: Path) -> list[tuple[str, str]]:
    """Why users other than the administrator could have changed the policy at ``path``: the
    file or a folder above it is writable by them, or it is reached through a link they own.
    (English, Danish) pairs; empty if only root could have written it. POSIX only: on Windows the
    installer's ACL (Administrators and SYSTEM full, Users read) is what protects it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return []
    reasons: list[tuple[str, str]] = []
    probe = Path(os.path.abspath(path))
    seen = 0
    while True:
        try:
            st = probe.lstat()
        except OSError:
            break
        if stat.S_ISLNK(st.st_mode):
            if st.st_uid != 0:
                reasons.append(
                    (
                        f"it is reached through a link owned by a user ({probe})",
                        "filen nås gennem en genvej, som en bruger ejer",
                    )
                )
            seen += 1
            if seen > 40:
                break
            target = Path(os.readlink(probe))
            probe = target if target.is_absolute() else probe.parent / target
            probe = Path(os.path.normpath(probe))
            continue
        writable_by_others = (
            st.st_uid != 0 or st.st_mode & 0o002 or (st.st_mode & 0o020 and st.st_gid not in ADMIN_GIDS)
        )
        # A sticky world-writable folder (/tmp) lets others add files, not replace root's.
        if stat.S_ISDIR(st.st_mode) and st.st_mode & 0o1000 and st.st_uid == 0:
            writable_by_others = False
        if writable_by_others:
            what = (
                "the file"
                if probe == Path(os.path.abspath(path)) or not stat.S_ISDIR(st.st_mode)
                else "a folder above it"
            )
            reasons.append(
                (
                    f"{what} can be changed by users other than the administrator ({probe})",
                    "filen kan ændres af andre brugere end administratoren",
                )
            )
        if probe.parent == probe:
            break
        probe = probe.parent
    return reasons


# -- installing IT's policy -------------------------------------------------------------------------

POLICY_MODE = 0o644  # readable by every user (each reads it), writable by the administrator only
POLICY_DIR_MODE = 0o755


def write_policy_file(target: Path, raw: bytes) -> None:
    """Write IT's policy atomically, readable by all and writable only by the administrator:
    0644 in 0755 folders on POSIX; on Windows Administrators and SYSTEM full control, Users read
    (inheritance removed, so a loose ProgramData ACL does not reach it)."""
    import tempfile

    missing = []
    probe = target.parent
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=POLICY_DIR_MODE, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(folder, POLICY_DIR_MODE)  # the umask (077 for some admins) must not narrow it
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if sys.platform != "win32":
                os.fchmod(handle.fileno(), POLICY_MODE)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        _windows_policy_acl(target)


def _windows_policy_acl(target: Path) -> None:  # pragma: no cover - exercised on Windows only
    import subprocess

    # Well-known SIDs, so the names need no translation on a Danish Windows:
    # S-1-5-32-544 Administrators, S-1-5-18 SYSTEM, S-1-5-32-545 Users.
    grants = ["*S-1-5-32-544:F", "*S-1-5-18:F", "*S-1-5-32-545:R"]
    result = subprocess.run(
        ["icacls", str(target), "/inheritance:r", "/grant:r", *grants],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise OSError(errno.EACCES, f"icacls could not set the policy's permissions: {result.stdout.strip()}")


def unreadable_by_users(path: Path) -> str | None:
    """Why an ordinary user cannot read ``path`` (every user reads IT's policy), else None.

    As root the check is real: a child process drops to the unprivileged user ``nobody`` and reads
    the file. Otherwise the mode bits of the file and of every folder above it are checked."""
    if sys.platform == "win32":  # pragma: no cover - the ACL written above grants Users read
        return None
    absolute = Path(os.path.abspath(path))
    for probe in (absolute, *absolute.parents):
        try:
            mode = probe.stat().st_mode
        except OSError as exc:
            return f"{probe} cannot be examined ({exc.strerror})"
        if probe != absolute and not stat.S_ISDIR(mode):
            continue
        needed = 0o001 if stat.S_ISDIR(mode) else 0o004  # folders: may pass; the file: may read
        if mode & needed != needed:
            what = "the folder" if stat.S_ISDIR(mode) else "the file"
            return f"{what} {probe} is not readable by ordinary users (mode {stat.S_IMODE(mode):04o})"
    if os.geteuid() == 0 and not _read_as_nobody(absolute):
        return "the unprivileged user 'nobody' could not read it"
    return None


def _read_as_nobody(path: Path) -> bool:
    """Whether the unprivileged user ``nobody`` can read ``path`` (a real read, in a child process
    that gives up root). True when there is no such user to ask."""
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return True
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its result is its exit status
        code = 1
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            with open(path, "rb") as handle:
                handle.read(1)
            code = 0
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0
