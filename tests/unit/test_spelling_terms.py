"""Domain term lists (issue 21, item 2): the project's dental and municipal lists, grown from
hunspell-da by scripts/grow_terms.py, and a clinic's own list that IT adds by machine policy
(``spelling.machine_terms``), used end to end by ``assistant spell`` and ``assistant suggest``."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from assistant.text.build import read_terms, term_files
from tests.support.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]
# A clinic's list as IT would write it: product names and diagnoses hunspell-da does not know.
CLINIC_TERMS = "# Klinikkens egne ord\nperiimplantitis\nparodontitis\nSeptanest\nDuraphat\n"


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    # ASSISTANT_HOME and ASSISTANT_POLICY come from the autouse assistant_home fixture.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return run_cli(*args, env=env, cwd=ROOT)


def spell(words: list[str]) -> dict[str, dict[str, object]]:
    proc = run(["spell", "--language", "da", "--json", *words])
    assert proc.returncode == 0, proc.stderr
    return {r["word"]: r for r in json.loads(proc.stdout)["results"]}


def test_the_project_lists_are_grown_and_every_term_is_accepted_by_the_checker(assistant_home) -> None:  # type: ignore[no-untyped-def]
    names = {p.name: read_terms(p) for p in term_files("da")}
    assert set(names) >= {"da_dental.txt", "da_kommune.txt"}
    assert len(names["da_dental.txt"]) > 150 and len(names["da_kommune.txt"]) > 40
    sample = [
        "tandbyld",
        "tandkød",
        "rodbehandling",
        "kindtand",
        "sagsbehandling",
        "aktindsigt",
        "førtidspension",
    ]
    results = spell(sample)
    assert all(results[w]["correct"] for w in sample), results


def test_a_clinic_term_list_added_by_it_policy(assistant_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = ["periimplantitis", "Septanest"]
    assert not any(r["correct"] for r in spell(words).values())  # before the policy
    terms = tmp_path / "klinik.txt"
    terms.write_text(CLINIC_TERMS, encoding="utf-8")
    assistant_home.write_policy(f'[locked.spelling]\nmachine_terms = "{terms}"\n')
    results = spell([*words, "periimplantitit"])
    assert results["periimplantitis"]["correct"] and results["Septanest"]["correct"]
    assert results["periimplantitit"]["suggestions"][0] == "periimplantitis"
    proc = run(["suggest", "--language", "da", "--json", "Patienten har parodontitis og fik Duraphat."])
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["flags"] == []
