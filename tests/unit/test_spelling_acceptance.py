"""Acceptance is never looser than hunspell's: on every evaluation list, no more misspellings
pass as correct than hunspell-da / hunspell-en let through, and a word that is flagged on its
own is flagged in a sentence too, with suggestions that are themselves accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text import lexicon as lexicon_module
from assistant.text.acceptance import hunspell_paths
from assistant.text.hunspell_binding import HunspellHandle, open_hunspell
from assistant.text.service import Spelling, open_spelling
from tests.support import EVAL_DIR

LISTS = sorted((EVAL_DIR / "spelling").glob("*.tsv"))


def read_pairs(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle][1:]
    return [(r[0], r[1]) for r in rows if len(r) >= 2 and r[0]]


@pytest.fixture(scope="module")
def spellings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Spelling]:
    data = tmp_path_factory.mktemp("data")
    return {
        lang: open_spelling(lang, data_dir=data, lexicon=lexicon_module.load(lang)) for lang in ("da", "en")
    }


def reference(language: str) -> HunspellHandle:
    aff, dic = hunspell_paths(language)
    return open_hunspell(aff, dic)


def test_the_evaluation_lists_are_there() -> None:
    assert LISTS, f"no spelling lists in {EVAL_DIR / 'spelling'}"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_no_more_misspellings_accepted_than_hunspell(spellings: dict[str, Spelling], path: Path) -> None:
    language = path.stem.split("_", 1)[0]
    spelling = spellings[language]
    assert spelling.speller.acceptance.available() is None, spelling.speller.acceptance.available()
    ref = reference(language)
    pairs = read_pairs(path)
    ours = [bad for bad, _ in pairs if spelling.speller.is_correct(bad)]
    theirs = [bad for bad, _ in pairs if ref.spell(bad)]
    assert len(ours) <= len(theirs), (len(ours), len(theirs))
    # Stricter, never looser: every word we accept, hunspell accepts too.
    assert set(ours) <= set(theirs)


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_rejected_words_are_flagged_in_a_sentence_with_accepted_suggestions(
    spellings: dict[str, Spelling], path: Path
) -> None:
    language = path.stem.split("_", 1)[0]
    spelling = spellings[language]
    speller = spelling.speller
    frame = "Han skrev {} i går." if language == "da" else "He wrote {} yesterday."
    for bad, _ in read_pairs(path)[:150]:
        if speller.is_correct(bad) or not bad.isalpha():
            continue
        text = frame.format(bad)
        flagged = [f for f in spelling.checker.check(text) if f.word == bad]
        assert flagged, text
        for suggestion in flagged[0].suggestions:
            # A run-together word gets its two words back ("idag" -> "i dag").
            assert all(speller.is_correct(part) for part in suggestion.word.split(" ")), (bad, suggestion)


def test_the_issue_examples(spellings: dict[str, Spelling]) -> None:
    da = spellings["da"]
    flags = da.checker.check("Han er meget profesionel og har et højt nivau.")
    # hunspell rejects "profesionel"; it takes "nivau" (ni + vau), which is held back as a doubt.
    assert [(f.word, f.kind) for f in flags] == [("profesionel", "spelling"), ("nivau", "doubt")]
    assert flags[0].suggestions[0].word == "professionel"
    assert flags[1].suggestions[0].word == "niveau"
    assert not da.speller.is_correct("profesionel")
    assert not da.speller.is_correct("nivau")


def test_compounds_stay_correct_and_case_counts(spellings: dict[str, Spelling]) -> None:
    speller = spellings["da"].speller
    for word in ("rengøringsarbejdsplads", "tandlægestolen", "rodbehandling", "Tandlæge", "TANDLÆGE"):
        assert speller.is_correct(word), word
    assert speller.is_correct("København")
    assert not speller.is_correct("københavn")  # hunspell lets it through as a compound
    assert not speller.is_correct("rengøringsarbejds")  # a linking form, only inside compounds
    checker = spellings["da"].checker
    assert checker.check("Det kostede 450 kr. i går, f.eks. i København.") == []
