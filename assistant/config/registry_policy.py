"""IT's policy in the Windows registry, as Group Policy writes it (the ADMX templates in
installer/windows/admx are generated from the same schema: assistant.config.admx).

    HKLM\\SOFTWARE\\Policies\\assistant\\Locked\\<section>    <name> = value   enforced
    HKLM\\SOFTWARE\\Policies\\assistant\\Defaults\\<section>  <name> = value   a default users may change
    HKCU\\SOFTWARE\\Policies\\assistant\\Defaults\\<section>  <name> = value   per-user default (user GPO)

Values: true/false and whole numbers as REG_DWORD, text as REG_SZ, lists as REG_MULTI_SZ. The
same fail-closed rules as the policy file: a locked value of the wrong type, an unknown locked
key, or an unknown key directly under the product's key makes the whole policy untrusted and every
privacy-relevant setting takes its most private value. Locks are machine-wide: a ``Locked`` key in
the user's hive is reported and ignored (users' own policies cannot lock).

Reading is split from interpreting: :func:`policy_from_tree` is a pure function of the values
(unit-tested on every platform with a dictionary), :func:`read_tree` reads winreg (Windows only).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import PureWindowsPath
from typing import Any

from assistant.config.files import ConfigProblem
from assistant.config.policy import PolicyFailure, evaluate_policy, policy_failure
from assistant.config.schema import SCHEMA

KEY = r"SOFTWARE\Policies\assistant"
MACHINE = PureWindowsPath("HKLM", KEY)
USER = PureWindowsPath("HKCU", KEY)

# winreg's type numbers (the module exists on Windows only).
REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 4, 7, 11

# {subkey under the product's key, as written: {section: {value name: (data, type)}}}; values
# directly under a subkey (not in a section) are listed under the section "".
Tree = Mapping[str, Mapping[str, Mapping[str, tuple[Any, int]]]]


def _value(key: str, data: Any, kind: int) -> Any:
    """The registry value as the policy file would hold it; anything else stays as it is, so the
    schema's validation rejects it (and a locked one fails closed)."""
    setting = SCHEMA.get(key)
    expected = setting.type if setting is not None else None
    if expected is bool and kind in (REG_DWORD, REG_QWORD) and data in (0, 1):
        return bool(data)
    if expected is int and kind in (REG_DWORD, REG_QWORD):
        return int(data)
    if expected is list and kind == REG_MULTI_SZ:
        return [str(v) for v in data if str(v)]
    if expected is str and kind in (REG_SZ, REG_EXPAND_SZ):
        return str(data)
    return data


def policy_from_tree(
    tree: Tree, where: PureWindowsPath, *, user_hive: bool = False
) -> tuple[dict[str, Any], dict[str, Any], list[ConfigProblem], PolicyFailure | None]:
    """(defaults, locked, problems, failure) from one hive's values under the product's key."""
    problems: list[ConfigProblem] = []
    why: list[tuple[str, str]] = []
    policy: dict[str, Any] = {}
    label = where  # shown to IT as the policy's "file"
    for subkey, sections in tree.items():
        table = subkey.lower()
        if user_hive and table == "locked":
            problems.append(
                ConfigProblem(
                    label, "Locked", "locks are read from HKLM only; the user's Locked key is ignored"
                )
            )
            continue
        target = (
            policy.setdefault(table, {}) if table in ("defaults", "locked") else policy.setdefault(subkey, {})
        )
        for section, values in sections.items():
            for name, (data, kind) in values.items():
                if not section:
                    target[name] = data  # a value where a section should be: evaluate_policy rejects it
                    continue
                key = f"{section.lower()}.{name.lower()}"
                target.setdefault(section.lower(), {})[name.lower()] = _value(key, data, kind)
    defaults, locked = evaluate_policy(policy or None, label, problems, why)  # type: ignore[arg-type]
    return defaults, locked, problems, policy_failure(label, why, problems)  # type: ignore[arg-type]


def read_tree(hive: str) -> Tree:  # pragma: no cover - Windows only (tests/windows)
    """Every value under ``<hive>\\SOFTWARE\\Policies\\assistant`` (hive "HKLM" or "HKCU"), two
    levels deep; an absent key is an empty tree."""
    import winreg

    root = winreg.HKEY_LOCAL_MACHINE if hive == "HKLM" else winreg.HKEY_CURRENT_USER

    def values(handle: Any) -> dict[str, tuple[Any, int]]:
        found: dict[str, tuple[Any, int]] = {}
        index = 0
        while True:
            try:
                name, data, kind = winreg.EnumValue(handle, index)
            except OSError:
                return found
            found[name] = (data, kind)
            index += 1

    def subkeys(handle: Any) -> list[str]:
        names: list[str] = []
        while True:
            try:
                names.append(winreg.EnumKey(handle, len(names)))
            except OSError:
                return names

    tree: dict[str, dict[str, dict[str, tuple[Any, int]]]] = {}
    try:
        # KEY_WOW64_64KEY: a 32-bit reader would otherwise see the WOW6432Node copy.
        product = winreg.OpenKey(root, KEY, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except OSError:
        return tree
    with product:
        for name, value in values(product).items():
            tree.setdefault(name, {}).setdefault("", {})[name] = value
        for sub in subkeys(product):
            with winreg.OpenKey(product, sub) as handle:
                branch = tree.setdefault(sub, {})
                if loose := values(handle):
                    branch[""] = loose
                for section in subkeys(handle):
                    with winreg.OpenKey(handle, section) as section_handle:
                        branch[section] = values(section_handle)
    return tree


def registry_policies(
    machine: Tree | None = None, user: Tree | None = None
) -> tuple[
    dict[str, Any], dict[str, Any], dict[str, PureWindowsPath], list[ConfigProblem], PolicyFailure | None
]:
    """The registry's layer: (defaults, locked, where each lock came from, problems, failure).
    HKLM's defaults win over HKCU's; only HKLM locks. Without trees, on Windows, winreg is read;
    elsewhere there is no registry policy."""
    if machine is None and user is None:
        if sys.platform != "win32":
            return {}, {}, {}, [], None
        machine, user = read_tree("HKLM"), read_tree("HKCU")
    m_defaults, locked, problems, failure = policy_from_tree(machine or {}, MACHINE)
    u_defaults, _, u_problems, u_failure = policy_from_tree(user or {}, USER, user_hive=True)
    problems.extend(u_problems)
    return (
        {**u_defaults, **m_defaults},
        locked,
        dict.fromkeys(locked, MACHINE),
        problems,
        failure or u_failure,
    )
