"""Spoken commands, numbers, capitals and vocabulary in Danish and English (pure text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text.commands import parse_utterance
from assistant.text.numbers import spoken_numbers_to_digits
from assistant.text.transcript import Transcript, whole_word_replacer
from assistant.text.vocabulary import Vocabulary, load_vocabulary, save_vocabulary


@pytest.mark.parametrize(
    ("spoken", "language", "written"),
    [
        ("tand seksogtredive", "da", "tand 36"),
        ("tand seks og tredive har karies.", "da", "tand 36 har karies."),
        ("et hundrede og tolv", "da", "112"),
        ("nitten hundrede og femoghalvfems", "da", "1995"),
        ("to tusind og fem", "da", "2005"),
        ("kontrol om fjorten dage", "da", "kontrol om 14 dage"),
        ("to tænder", "da", "to tænder"),  # small numbers stay words
        ("tand fire", "da", "tand 4"),  # ... unless a counting word comes first
        ("en tand og et implantat", "da", "en tand og et implantat"),  # articles are not 1
        ("to og tre", "da", "to og tre"),  # not 5
        ("tester en to tre", "da", "tester en to tre"),
        ("ti, elleve", "da", "10, 11"),
        ("tooth thirty-six", "en", "tooth 36"),
        ("one hundred and five people", "en", "105 people"),
        ("two teeth", "en", "two teeth"),
        ("room two", "en", "room 2"),
        ("one tooth", "en", "one tooth"),
    ],
)
def test_spoken_numbers(spoken: str, language: str, written: str) -> None:
    assert spoken_numbers_to_digits(spoken, language) == written


def test_commands_are_parsed_in_spoken_order_and_whisper_punctuation_is_replaced() -> None:
    ops = parse_utterance("Hej med dig. Punktum. Ny linje, hvordan går det spørgsmålstegn", "da")
    assert [(o.kind, o.text) for o in ops] == [
        ("words", "Hej med dig"),
        ("punct", "."),
        ("newline", ""),
        ("words", "hvordan går det"),
        ("punct", "?"),
    ]


def dictate(language: str, *utterances: str, replace=None) -> str:
    transcript = Transcript(language, replace or (lambda t: t))
    for utterance in utterances:
        transcript.add_utterance(utterance)
    return transcript.text


def test_danish_journal_note() -> None:
    text = dictate(
        "da",
        "patienten har ondt i tand seksogtredive punktum",
        "der er para dontitis komma men ingen karies punktum",
        "ny linje kontrol om fjorten dage udråbstegn",
        "nyt afsnit kolon tandsten",
        replace=whole_word_replacer({"para dontitis": "parodontitis"}),
    )
    assert text == (
        "Patienten har ondt i tand 36. Der er parodontitis, men ingen karies.\nKontrol om 14 dage!\n\nTandsten"
    )


def test_english_commands_and_capitals() -> None:
    text = dictate("en", "hello world period new line", "this is a test comma thirty six teeth full stop")
    assert text == "Hello world.\nThis is a test, 36 teeth."


def test_undo_removes_exactly_the_last_utterance() -> None:
    assert dictate("da", "første sætning punktum", "noget forkert", "slet det") == "Første sætning."
    assert dictate("en", "first period", "second wrong scratch that") == "First."
    assert dictate("en", "first period", "second period", "scratch that", "third period") == "First. Third."


def test_delete_last_sentence_respects_abbreviations() -> None:
    text = dictate(
        "da", "første sætning punktum", "f.eks. tandsten og ca. tre huller punktum", "slet sidste sætning"
    )
    assert text == "Første sætning."
    assert dictate("da", "kun en sætning", "slet sidste sætning") == ""


def test_no_capital_after_abbreviation_and_no_double_marks() -> None:
    assert dictate("da", "brug f.eks.", "tandtråd punktum") == "Brug f.eks. tandtråd."
    assert dictate("da", "Hvordan går det.", "spørgsmålstegn") == "Hvordan går det?"
    assert dictate("da", "punktum", "hej") == "Hej"  # a mark with nothing before it is ignored


def test_preview_does_not_change_the_document() -> None:
    transcript = Transcript("da")
    transcript.add_utterance("hej punktum")
    assert transcript.preview("hvordan går det") == "Hej. Hvordan går det"
    assert transcript.text == "Hej."


def test_vocabulary_roundtrip_and_prompt(tmp_path: Path) -> None:
    vocabulary = Vocabulary(["parodontitis", "tandsten", "karies"], {"para dontitis": "parodontitis"})
    save_vocabulary(tmp_path, "da", vocabulary)
    loaded = load_vocabulary(tmp_path, "da")
    assert loaded == vocabulary
    assert loaded.prompt() == "parodontitis, tandsten, karies"
    assert loaded.replacer()("der er Para Dontitis her") == "der er parodontitis her"
    assert load_vocabulary(tmp_path, "en") == Vocabulary()
