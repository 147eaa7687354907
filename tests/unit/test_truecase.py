"""The punctuation-model hook and sentence capitals for models that write bare lowercase words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.text import truecase
from assistant.text.truecase import punctuation_folder, punctuator_for, sentence_case


def test_sentence_case() -> None:
    assert sentence_case("hej. hvordan går det? godt! tak") == "Hej. Hvordan går det? Godt! Tak"
    assert sentence_case("3 tænder. «nej» sagde hun") == "3 tænder. «Nej» sagde hun"
    assert sentence_case("") == ""


def test_punctuation_folder_inside_or_named_by_the_manifest(tmp_path: Path) -> None:
    model = tmp_path / "ekko-v1-tiny"
    model.mkdir()
    assert punctuation_folder(model) is None
    (tmp_path / "ekko-pnc").mkdir()
    (model / "model.json").write_text(json.dumps({"punctuation": "ekko-pnc"}), encoding="utf-8")
    assert punctuation_folder(model) == (tmp_path / "ekko-pnc").resolve()
    (model / "punctuation").mkdir()
    assert punctuation_folder(model) == model / "punctuation"


def test_a_registered_runtime_is_used_and_a_broken_one_is_skipped(tmp_path: Path, monkeypatch) -> None:
    model = tmp_path / "m"
    (model / "punctuation").mkdir(parents=True)
    assert punctuator_for(model, "da") is None  # a folder, but no runtime knows it

    def broken(folder: Path, language: str):
        raise OSError("cannot load")

    def period(folder: Path, language: str):
        return (lambda text: text.rstrip() + ".") if language == "da" else None

    monkeypatch.setattr(truecase, "PUNCTUATORS", {"broken": broken, "period": period})
    punctuate = punctuator_for(model, "da")
    assert punctuate is not None and punctuate("hej verden") == "hej verden."
    assert punctuator_for(model, "en") is None


@pytest.mark.parametrize("text", ["", "   "])
def test_sentence_case_leaves_blank_text(text: str) -> None:
    assert sentence_case(text) == text
