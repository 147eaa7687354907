"""Context from real Danish prose: split compounds, run-together words and real-word confusions,
with the false-flag bound (at most 1 per 1,000 words) asserted on the held-out part of Dasher's
Danish text, which none of the counts were built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text import corpus
from assistant.text import lexicon as lexicon_module
from assistant.text.service import Spelling, open_spelling


@pytest.fixture(scope="module")
def da(tmp_path_factory: pytest.TempPathFactory) -> Spelling:
    data: Path = tmp_path_factory.mktemp("data")
    return open_spelling("da", data_dir=data, lexicon=lexicon_module.load("da"))


@pytest.fixture(scope="module")
def held_out() -> list[str]:
    _train, held = corpus.split("da")
    assert held, "dasher-data is not installed (scripts/apt-runtime.txt)"
    return corpus.sentences(held)


def test_the_split_is_deterministic_and_disjoint() -> None:
    train, held = corpus.split("da")
    again_train, again_held = corpus.split("da")
    assert (train, held) == (again_train, again_held)
    unseen = corpus.unseen_part("da")
    assert len(held) + len(train) + len(unseen) == len(corpus.paragraphs("da"))
    assert 3 * len(held) < len(train)


def test_split_compounds_are_flagged_as_one_word(da: Spelling) -> None:
    text = "Patienten skal til tand læge i morgen og have en rod behandling."
    flags = da.checker.check(text)
    assert [(f.word, f.kind, f.suggestions[0].word) for f in flags] == [
        ("tand læge", "compound", "tandlæge"),
        ("rod behandling", "compound", "rodbehandling"),
    ]
    assert text[flags[0].start : flags[0].end] == "tand læge"


def test_run_together_words_are_flagged_with_the_words_apart(da: Spelling) -> None:
    flags = da.checker.check("Vi ses idag.")
    assert [(f.word, f.kind, f.suggestions[0].word) for f in flags] == [("idag", "run-together", "i dag")]


def test_false_flags_on_clean_held_out_prose_stay_under_one_per_thousand(
    da: Spelling, held_out: list[str]
) -> None:
    words = sum(len(corpus.sentence_words(s)) for s in held_out)
    counts = {"compound": 0, "confusion": 0}
    for sentence in held_out:
        for flag in da.checker.check(sentence):
            if flag.kind in counts:
                counts[flag.kind] += 1
    assert words > 15_000
    for kind, n in counts.items():
        assert 1000 * n / words <= 1.0, (kind, n, words)


def test_prediction_uses_the_prose_counts(da: Spelling) -> None:
    assert len(da.lexicon.bigrams) > 30_000
    assert "har" in da.predictor.next_words("jeg", 5)
