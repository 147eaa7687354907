"""Property-based fuzzing of the text pipeline with hypothesis: spoken commands, spoken numbers,
transcripts, capitals, readable text and its sentence/word/chunk spans, tokens, spelling,
sentence checking, compounds and prediction.

Inputs mix arbitrary Unicode (no lone surrogates: no str from the outside world holds them) with
words the code reacts to (commands, number words, abbreviations, dates), right-to-left text,
emoji sequences, combining marks, control characters and NUL, and long repetitions. Each
property asserts no exception, the result types and the promise of the function (spans inside
the text, nothing the user said or wrote dropped). Repeatable in CI: derandomized, no example
database written, a generous per-example deadline for a loaded 2-core machine.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.text import lexicon as lexicon_module
from assistant.text.commands import command_phrases, parse_utterance
from assistant.text.numbers import spoken_numbers_to_digits
from assistant.text.readable import guess_language, make_readable, split_long, split_sentences, word_spans
from assistant.text.service import Spelling, open_spelling
from assistant.text.tokens import tokenize
from assistant.text.transcript import Transcript, capital, whole_word_replacer
from assistant.text.truecase import sentence_case
from assistant.tts.reader import plan


def _settings(examples: int, seconds: float = 5.0) -> settings:
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=seconds),
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


_SPECIAL = [
    # spoken commands and number words, both languages
    *command_phrases("da"),
    *command_phrases("en"),
    "seksogtredive", "et hundrede og tolv", "tusind", "millioner", "tand fire", "thirty-six",
    "a hundred and two", "one", "en", "et", "og", "and",
    # what the reading rules and the tokenizer react to
    "f.eks.", "kl. 14.30", "3. maj", "12.03.2024", "2024-03-12", "2,5 mg", "1.500 kr.", "10-12",
    "e.g.", "No. 5", "50 %", "d.", "kr.", "14:30", "3/4-24", "999999999999999999999",
    # words for the speller and the checker
    "tanlæge", "tandlæge", "idag", "i dag", "tand læge", "nogen", "Hus", "HUS", "København",
    "recieve", "speling", "don't", "e-mail", "ihvertfald", "København's",
    # scripts, emoji, marks, controls
    "שלום עולם", "مرحبا بالعالم", "\u202ehello\u202c", "\u200f", "👩\u200d💻", "👍🏽", "🇩🇰",
    "e\u0301", "a\u0308\u0301", "\u0301", "ﬁ", "ß", "İ", "ǅ", "\x00", "\x07", "\x1b[31m", "\r\n",
    "\u2028", "\ufeff", "\U0010ffff", "\u00ad", "…", "«citat»", "„citat“",
]  # fmt: skip

_ANY_CHAR = st.characters(blacklist_categories=("Cs",))
_PIECE = st.one_of(
    st.text(alphabet=_ANY_CHAR, max_size=12),
    st.sampled_from(_SPECIAL),
    st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ". ", ", ", "! ", "? ", "-", "."]),
)
_MIXED = st.lists(_PIECE, max_size=40).map("".join)
# A drawn text repeated: long input with structure (up to a few thousand characters).
_LONG = st.builds(
    lambda text, times: text * times,
    st.lists(_PIECE, min_size=1, max_size=6).map("".join),
    st.integers(1, 300),
)
TEXT = st.one_of(_MIXED, _LONG, st.text(alphabet=_ANY_CHAR, max_size=300))
LANGUAGE = st.sampled_from(["da", "en"])

# Plain words that are neither commands nor numbers: everything said must come out again.
_PLAIN = [
    "hej",
    "tand",
    "læge",
    "patient",
    "hus",
    "blå",
    "Århus",
    "whale",
    "cat",
    "øl",
    "zebra",
    "ßig",
    "שלום",
]


# -- spoken commands, numbers, transcripts, capitals -------------------------------------------------


@_settings(200)
@given(TEXT, LANGUAGE)
def test_commands_keep_every_spoken_word_in_order(text: str, language: str) -> None:
    ops = parse_utterance(text, language)
    assert all(op.kind in ("words", "punct", "newline", "paragraph", "undo", "delete_sentence") for op in ops)
    said = text.split()
    kept = [w for op in ops if op.kind == "words" for w in op.text.split(" ")]
    # Every word kept is one that was said (in order), at most without the punctuation that a
    # spoken mark right after it replaces.
    position = 0
    for word in kept:
        while position < len(said) and word not in (said[position], said[position].rstrip(".,:;!?\"'«»“”„")):
            position += 1
        assert position < len(said), (word, said)
        position += 1


@_settings(200)
@given(TEXT, LANGUAGE, st.booleans())
def test_spoken_numbers_never_fail_and_only_replace_number_words(
    text: str, language: str, always: bool
) -> None:
    out = spoken_numbers_to_digits(text, language, always=always)
    assert isinstance(out, str)
    assert len(out.split(" ")) <= len(text.split(" ")) or not text


@_settings(150)
@given(st.lists(st.sampled_from(_PLAIN), min_size=1, max_size=20).map(" ".join), LANGUAGE)
def test_plain_words_pass_numbers_unchanged(text: str, language: str) -> None:
    assert spoken_numbers_to_digits(text, language) == text


@_settings(100)
@given(st.lists(TEXT, max_size=6), LANGUAGE)
def test_a_transcript_takes_any_utterances(utterances: list[str], language: str) -> None:
    doc = Transcript(language, whole_word_replacer({"para dontitis": "parodontitis"}))
    for raw in utterances:
        before = doc.text
        preview = doc.preview(raw)
        assert doc.text == before and isinstance(preview, str)  # a preview changes nothing
        doc.add_utterance(raw)
        assert isinstance(doc.text, str)
        assert doc.text == preview


@_settings(100)
@given(st.lists(TEXT, max_size=4), st.lists(st.sampled_from(_PLAIN), min_size=1, max_size=8), LANGUAGE)
def test_a_transcript_loses_no_plain_word_and_undo_takes_back_exactly_the_last(
    before: list[str], words: list[str], language: str
) -> None:
    doc = Transcript(language)
    for raw in before:
        doc.add_utterance(raw)
    earlier = doc.text
    doc.add_utterance(" ".join(words))
    for word in words:
        assert word in doc.text or capital(word[0]) + word[1:] in doc.text  # capitalised at a start
    doc.add_utterance("slet det" if language == "da" else "scratch that")
    assert doc.text == earlier


@_settings(200)
@given(TEXT)
def test_sentence_case_only_changes_capitals(text: str) -> None:
    out = sentence_case(text)
    assert len(out) == len(text) and out.casefold() == text.casefold()


# -- readable text and the reader's plan --------------------------------------------------------------


def _non_space(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join(c for a, b in spans for c in text[a:b] if not c.isspace())


def _ordered_inside(spans: list[tuple[int, int]], start: int, end: int) -> None:
    last = start
    for a, b in spans:
        assert last <= a < b <= end, (spans, start, end)
        last = b


@_settings(200)
@given(TEXT, LANGUAGE, st.data())
def test_readable_text_maps_every_spoken_span_back_into_the_original(text: str, language: str, data) -> None:
    readable = make_readable(text, language)
    assert isinstance(readable.spoken, str) and readable.original == text
    if readable.spoken:
        a = data.draw(st.integers(0, len(readable.spoken) - 1))
        b = data.draw(st.integers(a, len(readable.spoken)))
        start, end = readable.original_span(a, b)
        assert 0 <= start <= end <= len(text)


@_settings(100)
@given(st.lists(st.sampled_from([*_PLAIN, " ", "\n", "שלום", "👍🏽", "e\u0301"]), max_size=30).map("".join))
def test_text_without_numbers_or_abbreviations_is_read_as_written(text: str) -> None:
    assert make_readable(text, "da").spoken == text


@_settings(200)
@given(TEXT)
def test_sentences_words_and_chunks_cover_the_text_in_order(text: str) -> None:
    sentences = split_sentences(text)
    _ordered_inside(sentences, 0, len(text))
    assert _non_space(text, sentences) == "".join(c for c in text if not c.isspace())  # nothing dropped
    for a, b in sentences:
        assert not text[a].isspace() and not text[b - 1].isspace()
        pieces = split_long(text, a, b, max_words=5, max_chars=40)
        _ordered_inside(pieces, a, b)
        assert all(y - x <= 40 for x, y in pieces)
        assert _non_space(text, pieces) == _non_space(text, [(a, b)])
    words = word_spans(text)
    _ordered_inside(words, 0, len(text))
    assert all(not any(c.isspace() for c in text[a:b]) for a, b in words)
    assert guess_language(text) in ("da", "en")


@_settings(150)
@given(TEXT, st.sampled_from([None, "da", "en"]))
def test_the_reading_plan_reads_every_character_once(text: str, language: str | None) -> None:
    chunks = plan(text, language)
    _ordered_inside([(c.start, c.end) for c in chunks], 0, len(text))
    assert _non_space(text, [(c.start, c.end) for c in chunks]) == "".join(c for c in text if not c.isspace())
    assert all(c.language in ("da", "en") for c in chunks)


# -- tokens, spelling, checking, prediction -----------------------------------------------------------


@_settings(200)
@given(TEXT)
def test_tokens_are_exact_slices_in_order(text: str) -> None:
    tokens = tokenize(text)
    last = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text and last <= token.start < token.end
        last = token.end
    # Every non-space character belongs to a token: nothing is skipped.
    assert "".join(t.text for t in tokens) == "".join(text.split())


@pytest.fixture(scope="module")
def spellers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Spelling]:
    data: Path = tmp_path_factory.mktemp("data")
    return {
        language: open_spelling(language, data_dir=data, lexicon=lexicon_module.load(language))
        for language in ("da", "en")
    }


_WORD = st.one_of(
    st.text(alphabet=_ANY_CHAR, min_size=1, max_size=20),
    st.sampled_from(_SPECIAL + _PLAIN),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå-'.", min_size=1, max_size=30),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "tand", "æø", "ab-"]), st.integers(10, 40)),
)
_KINDS = {"spelling", "doubt", "confusion", "compound", "run-together"}


@_settings(80, 5.0)
@given(_WORD, LANGUAGE, st.integers(1, 10))
def test_spelling_any_word(spellers: dict[str, Spelling], word: str, language: str, top: int) -> None:
    spelling = spellers[language]
    assert isinstance(spelling.speller.is_correct(word), bool)
    suggestions = spelling.speller.suggest(word, top)
    assert len(suggestions) <= top and all(isinstance(s.word, str) and s.word for s in suggestions)
    completions = spelling.predictor.complete(word, None, top)
    assert len(completions) <= top and all(isinstance(w, str) for w in completions)
    assert isinstance(spelling.predictor.next_words(word, top), list)


@_settings(60, 10.0)
@given(_MIXED, LANGUAGE)
def test_checking_any_text_gives_flags_inside_it(
    spellers: dict[str, Spelling], text: str, language: str
) -> None:
    flags = spellers[language].checker.check(text, 3)
    last = 0
    for flag in flags:
        assert last <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.word and flag.kind in _KINDS
        assert len(flag.suggestions) <= 3
        last = flag.end
    assert all(isinstance(v, (int, str, list)) for f in flags for v in f.as_dict().values())


@_settings(60)
@given(_WORD, _WORD)
def test_split_compounds_any_pair(spellers: dict[str, Spelling], first: str, second: str) -> None:
    joined = spellers["da"].checker.compounds.joined(first, second)
    assert joined is None or (isinstance(joined, str) and joined.lower() == (first + second).lower())
