"""Group Policy's registry values mapped onto the settings layers, with the policy file's
fail-closed rules. The registry itself is a dictionary here (the mapping is a pure function); the
real winreg read is tested under wine (tests/windows/test_registry_policy.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import paths as paths_module
from assistant.config import load_config
from assistant.config import registry_policy as rp
from assistant.config.registry_policy import (
    REG_DWORD,
    REG_MULTI_SZ,
    REG_SZ,
    policy_from_tree,
    registry_policies,
)


def _schema_sample() -> dict[str, tuple[str, object, int]]:
    """One real key of each type from the schema."""
    from assistant.config.schema import SCHEMA

    picks: dict[str, tuple[str, object, int]] = {}
    for key, setting in SCHEMA.items():
        if setting.type is bool and "bool" not in picks:
            picks["bool"] = (key, int(not setting.default), REG_DWORD)
        elif setting.type is int and "int" not in picks and setting.minimum is not None:
            picks["int"] = (key, setting.minimum, REG_DWORD)
        elif setting.type is str and setting.choices and "str" not in picks:
            picks["str"] = (key, setting.choices[-1], REG_SZ)
        elif setting.type is list and "list" not in picks and setting.item_choices:
            picks["list"] = (key, [setting.item_choices[0]], REG_MULTI_SZ)
    return picks


def _tree(table: str, entries: list[tuple[str, object, int]]) -> dict:
    tree: dict = {table: {}}
    for key, data, kind in entries:
        section, name = key.split(".", 1)
        tree[table].setdefault(section, {})[name] = (data, kind)
    return tree


def test_each_registry_type_maps_onto_its_setting() -> None:
    picks = _schema_sample()
    assert set(picks) == {"bool", "int", "str", "list"}
    defaults, locked, problems, failure = policy_from_tree(_tree("Locked", list(picks.values())), rp.MACHINE)
    assert failure is None and problems == []
    assert defaults == {}
    key, data, _ = picks["bool"]
    assert locked[key] is bool(data)
    for kind in ("int", "str", "list"):
        key, data, _ = picks[kind]
        assert locked[key] == data


def test_registry_names_are_case_insensitive() -> None:
    key, data, kind = _schema_sample()["str"]
    section, name = key.split(".", 1)
    tree = {"DEFAULTS": {section.upper(): {name.upper(): (data, kind)}}}
    defaults, locked, problems, failure = policy_from_tree(tree, rp.MACHINE)
    assert (defaults, locked, problems, failure) == ({key: data}, {}, [], None)


@pytest.mark.parametrize(
    "tree",
    [
        {"Locked": {"privacy": {"history": (2, REG_DWORD)}}},  # not 0/1
        {"Locked": {"privacy": {"history": ("false", REG_SZ)}}},  # text where a DWORD belongs
        {"Locked": {"privacy": {"histroy": (0, REG_DWORD)}}},  # a misspelt lock locks nothing
        {"Locked": {"": {"history": (0, REG_DWORD)}}},  # a value where a section belongs
        {"Lokced": {"privacy": {"history": (0, REG_DWORD)}}},  # neither Defaults nor Locked
    ],
)
def test_an_untrustworthy_machine_policy_fails_closed(tree: dict) -> None:
    _, _, problems, failure = policy_from_tree(tree, rp.MACHINE)
    assert failure is not None and problems
    assert failure.forced["privacy.history"] is False
    assert str(failure.file) == r"HKLM\SOFTWARE\Policies\assistant"
    assert "HKLM" in failure.message_da


def test_a_bad_default_costs_only_that_value() -> None:
    tree = {"Defaults": {"privacy": {"history": (7, REG_DWORD)}, "ui": {"font_size": (18, REG_DWORD)}}}
    defaults, locked, problems, failure = policy_from_tree(tree, rp.MACHINE)
    assert failure is None and locked == {}
    assert defaults == {"ui.font_size": 18} and len(problems) == 1


def test_user_hive_gives_defaults_only_and_machine_wins() -> None:
    machine = {
        "Defaults": {"ui": {"font_size": (20, REG_DWORD)}},
        "Locked": {"privacy": {"history": (0, REG_DWORD)}},
    }
    user = {
        "Defaults": {"ui": {"font_size": (14, REG_DWORD)}, "general": {"language": ("en", REG_SZ)}},
        "Locked": {"privacy": {"history": (1, REG_DWORD)}},
    }
    defaults, locked, places, problems, failure = registry_policies(machine, user)
    assert failure is None
    assert defaults == {"ui.font_size": 20, "general.language": "en"}
    assert locked == {"privacy.history": False} and places == {"privacy.history": rp.MACHINE}
    assert [p.message for p in problems] == [
        "locks are read from HKLM only; the user's Locked key is ignored"
    ]


def test_no_registry_policy_off_windows() -> None:
    assert registry_policies() == ({}, {}, {}, [], None)


def test_registry_sits_above_the_policy_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[locked.privacy]\nhistory = true\n[defaults.ui]\nfont_size = 16\n[defaults.general]\nlanguage = "da"\n',
        encoding="utf-8",
    )
    machine = {
        "Locked": {"privacy": {"history": (0, REG_DWORD)}},
        "Defaults": {"ui": {"font_size": (22, REG_DWORD)}},
    }
    real = rp.registry_policies
    monkeypatch.setattr(rp, "registry_policies", lambda: real(machine, {}))
    config = load_config(
        paths_module.resolve({"ASSISTANT_HOME": str(tmp_path / "h"), "ASSISTANT_POLICY": str(policy)})
    )
    assert config.policy_failure is None
    assert (config["privacy.history"], config["ui.font_size"], config["general.language"]) == (
        False,
        22,
        "da",
    )
    assert "privacy.history" in config.locked_keys

    # A broken registry policy fails closed even though the file is fine.
    monkeypatch.setattr(
        rp, "registry_policies", lambda: real({"Locked": {"privacy": {"histroy": (0, REG_DWORD)}}}, {})
    )
    config = load_config(
        paths_module.resolve({"ASSISTANT_HOME": str(tmp_path / "h"), "ASSISTANT_POLICY": str(policy)})
    )
    assert config.policy_failure is not None and config["privacy.history"] is False
