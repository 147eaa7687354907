"""The built lexicons: real hunspell forms, frequencies, compounds, load time and size."""

from __future__ import annotations

import pytest

from assistant.text import lexicon as lexicon_module
from assistant.text.affix import ONLY_IN_COMPOUND
from assistant.text.build import DEFAULT_OUT
from assistant.text.lexicon import Lexicon
from assistant.text.phonetic import sound_key


@pytest.fixture(scope="session")
def da() -> Lexicon:
    return lexicon_module.load("da")


@pytest.fixture(scope="session")
def en() -> Lexicon:
    return lexicon_module.load("en")


def test_danish_inflected_forms_and_terms_are_present(da: Lexicon) -> None:
    for word in (
        "tandlæge",
        "tandlægen",
        "tandlægerne",
        "tandlægers",
        "huset",
        "husene",
        "karies",
        "tandsten",
    ):
        assert da.is_word(word), word
    assert len(da) > 500_000


def test_danish_compounds_are_accepted_but_nonsense_is_not(da: Lexicon) -> None:
    # Not listed as forms: accepted through hunspell-da's compound flags.
    assert da.find("rengøringsarbejdsplads") is None
    assert da.is_word("rengøringsarbejdsplads")
    assert da.is_word("rengøringsarbejdstid")
    assert da.is_word("tandlægestolen")
    assert not da.is_word("tanlæge")
    assert not da.is_word("xqzwv")


def test_linking_forms_are_only_valid_inside_compounds(da: Lexicon) -> None:
    wid = da.find("rengøringsarbejds")
    assert wid is not None and int(da.roles[wid]) & ONLY_IN_COMPOUND
    assert not da.is_word("rengøringsarbejds")
    assert not int(da.roles[da.find("tandlæge")]) & ONLY_IN_COMPOUND


def test_english_forms_and_case(en: Lexicon) -> None:
    for word in ("employees", "receipt", "appealing", "Nevada"):
        assert en.is_word(word), word
    assert en.display(en.find("nevada")) == "Nevada"
    assert en.logfreq[en.find("the")] > en.logfreq[en.find("receipt")]


def test_frequent_forms_outrank_rare_ones(da: Lexicon) -> None:
    assert da.logfreq[da.find("og")] > da.logfreq[da.find("tandlæge")] > da.logfreq[da.find("tandlægernes")]


def test_sound_keys_join_what_dyslexic_writers_mix_up() -> None:
    for wrong, right in (("klæme", "klemme"), ("åst", "ost"), ("tanlæge", "tandlæge"), ("vilket", "hvilket")):
        assert sound_key(wrong, "da") == sound_key(right, "da"), (wrong, right)
    assert sound_key("fisical", "en") == sound_key("physical", "en")
    assert sound_key("kat", "da") != sound_key("hund", "da")


def test_artefact_loads_small(da: Lexicon) -> None:
    # Load time is measured by bench/bench_spelling.py against its peers, not asserted here.
    again = Lexicon(da.folder)
    assert len(again.bigrams) == len(da.bigrams) > 0
    arrays = sum(a.nbytes for a in (again.logfreq, again.roles, again.lengths)) + again.index._hash.nbytes * 2
    assert arrays < 120 * 1024 * 1024
    assert (DEFAULT_OUT / "da" / "meta.json").exists() or da.folder.exists()


def test_unknown_language_is_a_usage_error() -> None:
    from assistant.errors import UsageError

    with pytest.raises(UsageError):
        lexicon_module.load("xx")
