"""Danish and English text made readable for a voice, with the map back to what was written."""

from __future__ import annotations

import re

import pytest

from assistant.text.readable import (
    guess_language,
    make_readable,
    number_da,
    ordinal_da,
    split_long,
    split_sentences,
    year_da,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nul"),
        (7, "syv"),
        (21, "enogtyve"),
        (57, "syvoghalvtreds"),
        (99, "nioghalvfems"),
        (100, "et hundrede"),
        (101, "et hundrede og en"),
        (250, "to hundrede og halvtreds"),
        (1500, "et tusind fem hundrede"),
        (2024, "to tusind og fireogtyve"),
        (2100, "to tusind et hundrede"),
        (1_000_000, "en million"),
        (3_200_000, "tre millioner to hundrede tusind"),
    ],
)
def test_danish_numbers(n: int, words: str) -> None:
    assert number_da(n) == words


def test_danish_ordinals_and_years() -> None:
    assert [ordinal_da(n) for n in (1, 2, 3, 4, 12, 20, 21, 30, 31)] == [
        "første",
        "anden",
        "tredje",
        "fjerde",
        "tolvte",
        "tyvende",
        "enogtyvende",
        "tredivte",
        "enogtredivte",
    ]
    assert year_da(1998) == "nitten hundrede og otteoghalvfems"
    assert year_da(1900) == "nitten hundrede"
    assert year_da(2024) == "to tusind og fireogtyve"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Vi ses kl. 14.30.", "Vi ses klokken fjorten tredive."),
        ("Kl. 9 kom hun.", "Klokken ni kom hun."),
        ("Mødet er kl. 8.05", "Mødet er klokken otte nul fem"),
        ("Mødet er 14:00", "Mødet er fjorten"),
        ("Det var i 3. kvartal.", "Det var i tredje kvartal."),
        ("F.eks. æbler, ca. 2,5 mg.", "For eksempel æbler, cirka to komma fem milligram."),
        ("Prisen er 1.500 kr. pr. stk.", "Prisen er et tusind fem hundrede kroner pr. stykke"),
        ("Født 12.03.2024.", "Født tolvte marts to tusind og fireogtyve."),
        ("Set d. 5/11-98", "Set den femte november nitten hundrede og otteoghalvfems"),
        ("Dato 2024-01-31", "Dato enogtredivte januar to tusind og fireogtyve"),
        ("Den 3. marts 2024", "Den tredje marts to tusind og fireogtyve"),
        (
            "Vi talte bl.a. om det, dvs. alt osv.",
            "Vi talte blandt andet om det, det vil sige alt og så videre",
        ),
        ("Åbent 8-16", "Åbent otte til seksten"),
        ("15 % af borgerne", "femten procent af borgerne"),
        ("Ring 0045 2345", "Ring nul nul fire fem to tusind tre hundrede og femogfyrre"),
        ("pga. sygdom jf. aftalen", "på grund af sygdom jævnfør aftalen"),
    ],
)
def test_danish_journal_text_reads_as_spoken(written: str, spoken: str) -> None:
    assert make_readable(written, "da").spoken == spoken


def test_english_abbreviations_and_numbers() -> None:
    readable = make_readable("See Dr. Smith, e.g. at no. 5 for 50% etc.", "en")
    assert readable.spoken == "See Doctor Smith, for example at number 5 for 50 percent et cetera"
    assert make_readable("I said no. Really.", "en").spoken == "I said no. Really."


def test_spoken_words_map_back_to_what_was_written() -> None:
    written = "Vi mødes kl. 14.30 f.eks. i 3. kvartal, ca. 2,5 mg."
    readable = make_readable(written, "da")
    back = {}
    for word in re.finditer(r"\S+", readable.spoken):
        start, end = readable.original_span(word.start(), word.end())
        back[word.group().strip(",.")] = written[start:end]
    assert back["mødes"] == "mødes"
    assert back["klokken"] == back["fjorten"] == back["tredive"] == "kl. 14.30"
    assert back["for"] == back["eksempel"] == "f.eks."
    assert back["tredje"] == "3."
    assert back["kvartal"].startswith("kvartal")
    assert back["cirka"] == "ca."
    assert back["komma"] == "2,5"
    assert back["milligram"].strip(". ") == "mg"
    # An unchanged text maps one to one.
    plain = make_readable("Ingen tal her", "da")
    assert plain.spoken == "Ingen tal her"
    assert plain.original_span(6, 9) == (6, 9)


def test_sentences_do_not_break_at_abbreviations_or_ordinals() -> None:
    text = "Vi mødes kl. 14.30 i morgen. Det er f.eks. godt! 3. kvartal var fint. Han kom i 2019. Så gik han.\n\nNy linje"
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Vi mødes kl. 14.30 i morgen.",
        "Det er f.eks. godt!",
        "3. kvartal var fint.",
        "Han kom i 2019.",
        "Så gik han.",
        "Ny linje",
    ]


def test_long_sentences_are_cut_at_clauses() -> None:
    words = " ".join(f"ord{i}," if i % 12 == 11 else f"ord{i}" for i in range(70))
    pieces = split_long(words, 0, len(words), max_words=30)
    assert len(pieces) >= 3
    assert all(len(words[a:b].split()) <= 30 for a, b in pieces)
    assert " ".join(words[a:b] for a, b in pieces).split() == words.split()


def test_language_guess() -> None:
    assert guess_language("The patient was seen today and is doing well") == "en"
    assert guess_language("Patienten blev set i dag og har det godt") == "da"
    assert guess_language("Blåbærgrød") == "da"
    assert guess_language("OK 123", default="en") == "en"
    assert guess_language("OK 123", default="da") == "da"


def test_words_leave_quotes_and_punctuation_out_and_keep_emoji_and_accents_whole() -> None:
    from assistant.text.readable import word_spans

    text = "»hej« „farvel“ ”tandsten”, (ja) 😀 👍🏽! 👨‍👩‍👧 cafe\u0301 f.eks. 14.30 — … it’s"
    assert [text[a:b] for a, b in word_spans(text)] == [
        "hej",
        "farvel",
        "tandsten",
        "ja",
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "cafe\u0301",
        "f.eks",
        "14.30",
        "it’s",
    ]
    assert word_spans("  \n ") == [] and word_spans("— …") == []
