"""The policy template IT copies must list every setting and parse once uncommented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assistant import paths as paths_module
from assistant.config import SCHEMA, load_config
from assistant.config.template import policy_template

TEMPLATE = Path(__file__).resolve().parents[2] / "installer" / "policy.example.toml"


def test_template_lists_every_setting_and_loads_cleanly(tmp_path: Path) -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    # Uncomment the [locked.*] half: the result must be a valid policy with no problems.
    locked_half = text[text.index("# [locked.") :]
    uncommented = "\n".join(re.sub(r"^# ?", "", line).split("    #")[0] for line in locked_half.splitlines())
    parsed = tomllib.loads(uncommented)
    keys = {f"{section}.{name}" for section, body in parsed["locked"].items() for name in body}
    assert keys == set(SCHEMA)
    policy = tmp_path / "policy.toml"
    policy.write_text(uncommented, encoding="utf-8")
    config = load_config(
        paths_module.resolve({"ASSISTANT_HOME": str(tmp_path), "ASSISTANT_POLICY": str(policy)})
    )
    assert config.problems == []
    assert set(config.locked_keys) == set(SCHEMA)


def test_shipped_template_is_current() -> None:
    assert TEMPLATE.read_text(encoding="utf-8") == policy_template(), (
        "regenerate: assistant config policy-template > installer/policy.example.toml"
    )


def test_admin_guide_lists_every_policy_key_as_the_schema_says() -> None:
    from assistant.config.template import ADMIN_BEGIN, ADMIN_END, policy_table_markdown

    guide = (TEMPLATE.parents[1] / "docs" / "admin.md").read_text(encoding="utf-8")
    start, end = guide.index(ADMIN_BEGIN), guide.index(ADMIN_END) + len(ADMIN_END)
    assert guide[start:end] == policy_table_markdown(), (
        "docs/admin.md is out of date: run "
        "'assistant config policy-template --markdown --update docs/admin.md'"
    )
    for key in SCHEMA:
        assert f"| `{key}` |" in guide
    for heading in ("## Dansk", "## English", "Stille installation", "Silent install", "fails closed"):
        assert heading in guide
