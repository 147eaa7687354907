"""Suggestions, sentence checking, confusions, prediction and the user dictionary, on the real
lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text import lexicon as lexicon_module
from assistant.text.service import Spelling, open_spelling
from assistant.text.tokens import tokenize


@pytest.fixture(scope="session")
def da_lexicon():
    return lexicon_module.load("da")


@pytest.fixture(scope="session")
def en_lexicon():
    return lexicon_module.load("en")


@pytest.fixture()
def da(da_lexicon, tmp_path: Path) -> Spelling:
    return open_spelling("da", data_dir=tmp_path, lexicon=da_lexicon)


@pytest.fixture()
def en(en_lexicon, tmp_path: Path) -> Spelling:
    return open_spelling("en", data_dir=tmp_path, lexicon=en_lexicon)


def top(spelling: Spelling, word: str, n: int = 5, **context) -> list[str]:
    return [s.word for s in spelling.speller.suggest(word, n, **context)]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("klæme", "klemme"),
        ("åst", "ost"),
        ("tanlæge", "tandlæge"),
        ("hygiajne", "hygiejne"),
        ("fåstår", "forstår"),
    ],
)
def test_danish_sound_alike_errors_are_corrected_first(da: Spelling, wrong: str, right: str) -> None:
    assert top(da, wrong)[0] == right


def test_inflected_danish_forms_are_suggested(da: Spelling) -> None:
    assert "tandlægerne" in top(da, "tanlægerne")
    assert top(da, "paradontitis")[0] == "parodontitis"


def test_english_corrections_and_case(en: Spelling) -> None:
    assert top(en, "recieve")[0] == "receive"
    assert top(en, "Speling")[0] == "Spelling"
    assert "physical" in top(en, "fisical", 5)  # fiscal is one letter away, physical sounds alike


def test_neighbouring_words_change_the_ranking(da: Spelling) -> None:
    assert top(da, "fil")[0] != "vil"
    assert top(da, "fil", previous="du", following="have")[0] == "vil"
    assert len(da.lexicon.bigrams) > 1000


def test_tokenizer_keeps_spans_punctuation_and_numbers() -> None:
    text = "Hej, f.eks. 12,5 kr. (tandlæge) i dag."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    words = [t.text for t in tokens if t.is_word]
    assert words == ["Hej", "f.eks", "kr", "tandlæge", "i", "dag"] or "f.eks." in words


def test_sentence_check_flags_spans_and_keeps_names(da: Spelling) -> None:
    text = "Jeg var hos tanlægen med Kristoffersen, og det kostede 450 kr. i går."
    flags = da.checker.check(text)
    assert [(f.word, f.kind) for f in flags] == [("tanlægen", "spelling")]
    flag = flags[0]
    assert text[flag.start : flag.end] == "tanlægen"
    assert flag.suggestions[0].word == "tandlægen"


def test_capital_at_sentence_start_is_kept_in_suggestions(da: Spelling) -> None:
    flags = da.checker.check("Tanlægen kommer nu.")
    assert flags[0].suggestions[0].word == "Tandlægen"


@pytest.mark.parametrize(
    ("text", "word", "better"),
    [
        ("Jeg kan godt lide og læse.", "og", "at"),
        ("Har du ikke nogle penge?", "nogle", "nogen"),
        ("Jeg er været syg.", "er", "har"),
        ("Hun har blevet syg.", "har", "er"),
        ("Vi sidder at spiser.", "at", "og"),
    ],
)
def test_danish_real_word_confusions_in_context(da: Spelling, text: str, word: str, better: str) -> None:
    flags = [f for f in da.checker.check(text) if f.kind == "confusion"]
    assert [(f.word, f.suggestions[0].word) for f in flags] == [(word, better)]


def test_confusion_words_alone_are_not_flagged(da: Spelling) -> None:
    assert da.checker.check("Jeg har nogle æbler, og de ligger på bordet.") == []


def test_completion_and_next_word(da: Spelling) -> None:
    assert "tandlæge" in da.predictor.complete("tandl")
    assert "tandlæge" in da.predictor.complete("tanl")  # misspelled prefix
    assert da.predictor.complete("Tandl")[0].startswith("Tand")
    assert len(da.predictor.next_words("jeg")) == 5


def test_user_dictionary_add_remove_import_and_accept(da: Spelling, tmp_path: Path) -> None:
    assert not da.speller.is_correct("Xylokain")
    assert da.user is not None
    assert da.user.add("Xylokain")
    da.refresh_user_words()
    assert da.speller.is_correct("xylokain")
    assert "Xylokain" in top(da, "xylokian")
    assert (tmp_path / "dictionary" / "da.txt").read_text(encoding="utf-8") == "Xylokain\n"
    assert da.user.remove("xylokain")
    da.refresh_user_words()
    assert not da.speller.is_correct("xylokain")
    assert "Xylokain" not in (tmp_path / "dictionary" / "da.txt").read_text(encoding="utf-8")

    terms = tmp_path / "terms.txt"
    terms.write_text("# dental\nbidskinne\nokklusionsskinne\n", encoding="utf-8")
    assert da.user.import_file(terms) == 2
    assert da.user.import_file(terms) == 0

    before = top(da, "klæme")
    pick = before[2]
    for _ in range(3):
        da.accept(pick)
    assert top(da, "klæme").index(pick) < 2


def test_machine_terms_are_accepted(da_lexicon, tmp_path: Path) -> None:
    terms = tmp_path / "policy_terms.txt"
    terms.write_text("Periimplantitis\n", encoding="utf-8")
    spelling = open_spelling("da", data_dir=tmp_path, lexicon=da_lexicon, machine_terms=terms)
    assert spelling.speller.is_correct("periimplantitis")
    assert spelling.checker.check("Der er periimplantitis.") == []


def test_missing_machine_term_list_is_a_config_error(da_lexicon, tmp_path: Path) -> None:
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError):
        open_spelling("da", data_dir=tmp_path, lexicon=da_lexicon, machine_terms=tmp_path / "nope.txt")
