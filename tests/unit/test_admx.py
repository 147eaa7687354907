"""The Group Policy templates: generated from the schema, kept in sync with the shipped copy, and
what they write is what the registry policy reads (every setting, locked at its default, comes
back as that locked value)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.config.admx import LANGUAGES, templates
from assistant.config.registry_policy import KEY, MACHINE, REG_DWORD, REG_MULTI_SZ, REG_SZ, policy_from_tree
from assistant.config.schema import SCHEMA

SHIPPED = Path(__file__).resolve().parents[2] / "installer" / "windows" / "admx"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def test_shipped_templates_are_current() -> None:
    for rel, text in templates().items():
        assert (SHIPPED / rel).read_bytes() == text.replace("\n", "\r\n").encode("utf-8"), (
            f"regenerate: assistant config policy-template --admx installer/windows/admx ({rel})"
        )


@pytest.fixture(scope="module")
def parsed() -> tuple[ET.Element, dict[str, ET.Element]]:
    files = templates()
    admx = ET.fromstring(files["assistant.admx"])
    admls = {lang: ET.fromstring(files[f"{lang}/assistant.adml"]) for lang in LANGUAGES}
    return admx, admls


def test_every_reference_resolves_in_both_languages(parsed) -> None:
    admx, admls = parsed
    text = ET.tostring(admx, encoding="unicode")
    import re

    wanted_strings = set(re.findall(r"\$\(string\.([^)]+)\)", text))
    wanted_presentations = set(re.findall(r"\$\(presentation\.([^)]+)\)", text))
    for lang, adml in admls.items():
        strings = {s.get("id") for s in adml.iterfind(".//p:stringTable/p:string", NS)}
        presentations = {p.get("id"): p for p in adml.iterfind(".//p:presentationTable/p:presentation", NS)}
        assert wanted_strings <= strings, (lang, wanted_strings - strings)
        assert wanted_presentations == set(presentations), lang
        for policy in admx.iterfind(".//p:policy", NS):
            pres = policy.get("presentation")
            if pres:
                ids = {e.get("id") for e in policy.find("p:elements", NS)}
                refs = {c.get("refId") for c in presentations[pres[len("$(presentation.") : -1]]}
                assert ids == refs, policy.get("name")
    danish = {s.get("id"): s.text for s in admls["da-DK"].iterfind(".//p:string", NS)}
    assert danish["lock_privacy_history"] == "privacy.history: lås"


def _registry_value(policy: ET.Element, default: object) -> tuple[str, object, int]:
    if policy.find("p:enabledValue", NS) is not None:
        return policy.get("valueName"), int(bool(default)), REG_DWORD
    (element,) = list(policy.find("p:elements", NS))
    tag = element.tag.split("}")[1]
    name = element.get("valueName")
    if tag == "decimal":
        assert int(element.get("minValue")) <= default <= int(element.get("maxValue"))
        return name, default, REG_DWORD
    if tag == "enum":
        values = [item.find("p:value/*", NS) for item in element.iterfind("p:item", NS)]
        chosen = [
            v for v in values if (v.text if v.tag.endswith("string") else int(v.get("value"))) == default
        ]
        assert len(chosen) == 1, name
        kind = REG_SZ if chosen[0].tag.endswith("string") else REG_DWORD
        return name, default, kind
    if tag == "multiText":
        return name, list(default), REG_MULTI_SZ
    assert tag == "text"
    return name, default, REG_SZ


def test_each_setting_locked_by_its_policy_reads_back_locked(parsed) -> None:
    admx, _ = parsed
    tree: dict = {}
    seen = set()
    for policy in admx.iterfind(".//p:policy", NS):
        key = policy.get("key")
        assert key.startswith(KEY + "\\")
        table, section = key[len(KEY) + 1 :].split("\\")
        assert (table, policy.get("class")) in {("Locked", "Machine"), ("Defaults", "Both")}
        if table != "Locked":
            continue
        name = policy.get("name").removeprefix("lock_").removeprefix(section + "_")
        setting = SCHEMA[f"{section}.{name}"]
        value_name, data, kind = _registry_value(policy, setting.default)
        tree.setdefault("Locked", {}).setdefault(section, {})[value_name] = (data, kind)
        seen.add(setting.key)
    assert seen == set(SCHEMA)
    defaults, locked, problems, failure = policy_from_tree(tree, MACHINE)
    assert failure is None and problems == [] and defaults == {}
    assert locked == {key: s.default for key, s in SCHEMA.items()}


def test_cli_writes_the_templates(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "assistant", "config", "policy-template", "--admx", str(tmp_path / "admx")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for rel in templates():
        assert (tmp_path / "admx" / rel).read_bytes() == (SHIPPED / rel).read_bytes()
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "assistant", "config", "policy-template", "--admx", str(blocked)],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
