"""``assistant spell`` and ``assistant suggest`` end to end, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from assistant.text import lexicon
from tests.support.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def built_lexicons() -> None:
    """Build the real lexicons once (in this process) if the install step has not."""
    lexicon.load("da")
    lexicon.load("en")


def run(args: list[str], tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ASSISTANT_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    return run_cli(*args, env=env, input=stdin, cwd=ROOT)


def test_spell_json_from_arguments(tmp_path: Path) -> None:
    proc = run(["spell", "--language", "da", "--json", "--top", "3", "tanlæge", "hus"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "assistant.spell"
    first, second = doc["results"]
    assert first["word"] == "tanlæge" and not first["correct"]
    assert first["suggestions"][0] == "tandlæge" and len(first["suggestions"]) <= 3
    assert second["correct"] and second["suggestions"] == []


def test_correct_clinic_words_get_no_other_word_from_spell(tmp_path: Path) -> None:
    proc = run(["spell", "--language", "da", "tungebetændelse", "bidstilling", "Egenlig", "Nivau"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = [line.split("\t") for line in proc.stdout.strip().split("\n")]
    assert [(w, mark) for w, mark, _ in lines] == [
        ("tungebetændelse", "ok"),
        ("bidstilling", "ok"),
        ("Egenlig", "?"),
        ("Nivau", "?"),
    ]
    assert lines[0][2] == lines[1][2] == ""
    assert lines[2][2].split(", ")[0] == "Egentlig" and lines[3][2].split(", ")[0] == "Niveau"


def test_spell_reads_stdin_in_english(tmp_path: Path) -> None:
    proc = run(["spell", "--language", "en"], tmp_path, stdin="recieve\nspeling\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().split("\n")
    assert lines[0].startswith("recieve\t?\treceive")
    assert lines[1].startswith("speling\t?\tspelling")


def test_suggest_flags_and_predicts(tmp_path: Path) -> None:
    text = "Jeg kan lide og gå til tanlægen. Så får jeg en tandl"
    proc = run(["suggest", "--language", "da", "--json", text], tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    flagged = {(f["word"], f["kind"], f["suggestions"][0]) for f in doc["flags"]}
    assert ("og", "confusion", "at") in flagged
    assert ("tanlægen", "spelling", "tandlægen") in flagged
    assert doc["prediction"]["prefix"] == "tandl"
    assert "tandlæge" in doc["prediction"]["words"]


def test_bad_top_is_a_usage_error(tmp_path: Path) -> None:
    proc = run(["spell", "--top", "0", "hus"], tmp_path)
    assert proc.returncode == 2
    assert "--top" in proc.stderr


def test_dictionary_cli_add_import_remove_and_spell_accepts(tmp_path) -> None:
    import os

    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env=env, timeout=120)

    assert run("dictionary", "-l", "da", "add", "Østerbroklinikken").returncode == 0
    terms = tmp_path / "terms.txt"
    terms.write_text("# dental\nkofferdam\nØsterbroklinikken\n", encoding="utf-8")
    assert "1 new words" in run("dictionary", "-l", "da", "import", str(terms)).stdout
    assert run("dictionary", "-l", "da", "list").stdout.split() == ["Østerbroklinikken", "kofferdam"]
    assert run("spell", "--language", "da", "Østerbroklinikken").stdout.split("\t")[1] == "ok"
    missing = run("dictionary", "-l", "da", "import", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert run("dictionary", "-l", "da", "remove", "kofferdam").returncode == 0
    gone = run("dictionary", "-l", "da", "remove", "kofferdam")
    assert gone.returncode == 2 and len(gone.stderr.strip().splitlines()) == 1


def test_issue_examples_are_flagged_by_spell_and_suggest(tmp_path: Path) -> None:
    proc = run(["spell", "--language", "da", "--json", "profesionel", "nivau"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert [(r["word"], r["correct"], r["suggestions"][0]) for r in results] == [
        ("profesionel", False, "professionel"),
        ("nivau", False, "niveau"),
    ]
    text = "Patienten er meget profesionel og har et højt nivau, men skal til tand læge."
    proc = run(["suggest", "--language", "da", "--json", text], tmp_path)
    assert proc.returncode == 0, proc.stderr
    flags = [(f["word"], f["kind"], f["suggestions"][0]) for f in json.loads(proc.stdout)["flags"]]
    assert flags == [
        ("profesionel", "spelling", "professionel"),
        ("nivau", "doubt", "niveau"),
        ("tand læge", "compound", "tandlæge"),
    ]
