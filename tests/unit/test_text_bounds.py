"""Any pasted text is safe: per-word and per-text limits in spelling, prediction, sentence
checking and reading (``assistant.text.limits``), proved in process and through the real CLI with
a time limit and an address-space limit.

Before the limits, ``assistant spell`` on a 120,000-letter word grew to 19 GB and a 1 MB line on
stdin hung (REP variants of the whole word), and ``assistant suggest`` on 3,000 characters took
minutes (prefix variants of the whole text), on 30,000 a MemoryError.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from assistant.text import lexicon as lexicon_module
from assistant.text import limits
from assistant.text.readable import make_readable, split_long, split_sentences
from assistant.text.service import Spelling, open_spelling
from assistant.tts.reader import plan

ROOT = Path(__file__).resolve().parents[2]
# The CLI runs under this address-space limit: the product with both lexicons needs ~400 MB of
# address space; the 120,000-letter word used to need 19 GB.
ADDRESS_SPACE = 1536 * 1024 * 1024
# Generous wall-clock bounds for a loaded 2-core CI machine (start-up alone is 1.5-7 s here).
CLI_SECONDS = 90
BIG = 1_000_000


@pytest.fixture(scope="module")
def da_lexicon() -> lexicon_module.Lexicon:
    return lexicon_module.load("da")


@pytest.fixture(scope="module")
def da(da_lexicon: lexicon_module.Lexicon, tmp_path_factory: pytest.TempPathFactory) -> Spelling:
    return open_spelling("da", data_dir=tmp_path_factory.mktemp("data"), lexicon=da_lexicon)


def _random_letters(count: int, seed: int = 1, letters: str = "abcdefghijklmnopqrstuvwxyzæøå") -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(letters) for _ in range(count))


# -- the limits themselves ---------------------------------------------------------------------------


def test_the_limits_are_far_beyond_real_words_and_texts() -> None:
    assert limits.MAX_WORD_CHARS >= 60  # "speciallægepraksisplanlægningsstabiliseringsperiode" is 51
    assert not limits.too_long("speciallægepraksisplanlægningsstabiliseringsperiode")
    assert limits.too_long("a" * (limits.MAX_WORD_CHARS + 1))
    assert limits.MAX_CHECK_CHARS >= 50_000 and limits.MAX_SUGGESTED_WORDS >= 100


def test_the_check_extent_never_cuts_a_word() -> None:
    text = "ord " * 30
    assert limits.check_extent(text, limit=200) == len(text)
    cut = limits.check_extent(text, limit=50)
    assert cut <= 50 and text[cut] == " " and text[:cut].endswith("ord")
    assert limits.check_extent("a" * 500, limit=100) == 100  # no space at all: a hard cut


# -- spelling, suggestions and prediction --------------------------------------------------------


def test_a_long_word_is_never_looked_up(da: Spelling) -> None:
    word = "a" * 120_000
    assert not da.speller.is_correct(word)
    assert da.speller.suggest(word) == []
    assert da.speller.apart(word) is None
    assert da.speller.rep_variants(word) == set()
    assert not da.lexicon.is_word(word)
    assert not da.speller.acceptance.accepts(word)
    assert da.predictor.complete(word) == []
    # Just under the limit the word is still looked up.
    assert da.speller.is_correct("tandlæge") and da.speller.suggest("tanlæge")[0].word == "tandlæge"


def test_a_long_prefix_gets_no_fuzzy_variants(da: Spelling) -> None:
    assert da.predictor._prefix_variants("x" * (limits.MAX_FUZZY_PREFIX + 1)) == set()
    assert "tandl" in da.predictor._prefix_variants("tanl")  # short prefixes still are
    assert da.predictor.complete("tandl")  # and still complete


def test_a_long_token_in_a_sentence_is_left_alone_and_its_neighbours_checked(da: Spelling) -> None:
    blob = "x" * 5000
    text = f"Jeg gik til tanlægen {blob} og han sae hej"
    flags = da.checker.check(text)
    words = [f.word for f in flags]
    assert "tanlægen" in words and "sae" in words
    assert all(f.word != blob and text[f.start : f.end] == f.word for f in flags)


def test_only_the_first_part_of_a_huge_text_is_checked(da: Spelling, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.text.checker.check_extent", lambda text: limits.check_extent(text, 30))
    text = "Jeg gik til tanlægen i går. " + "Han sae hej. " * 10
    flags = da.checker.check(text)
    assert [f.word for f in flags] == ["tanlægen"]


def test_only_the_first_flagged_words_get_suggestions(da: Spelling, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.text.checker.MAX_SUGGESTED_WORDS", 2)
    flags = da.checker.check("tanlæge tanlæge tanlæge tanlæge")
    assert len(flags) == 4  # every one is still flagged
    assert [bool(f.suggestions) for f in flags] == [True, True, False, False]


def test_suggestions_for_a_long_text_stay_bounded(da: Spelling) -> None:
    """30,000 letters with no space (was MemoryError) and 3,000 (was minutes) finish quickly."""
    for size in (3_000, 30_000):
        text = _random_letters(size)
        started = time.perf_counter()
        assert da.checker.check(text) == []  # one token, too long to look up
        assert da.predictor.complete(text) == []
        assert time.perf_counter() - started < 10


# -- reading aloud -------------------------------------------------------------------------------------


def test_reading_cuts_a_run_without_spaces_into_bounded_chunks() -> None:
    text = "Se " + "x" * 2000 + " og så videre."
    chunks = plan(text, "da")
    assert all(c.end - c.start <= limits.MAX_CHUNK_CHARS for c in chunks)
    covered = "".join(text[c.start : c.end] for c in chunks)
    assert covered.replace(" ", "") == text.replace(" ", "")  # every letter is read, once


def test_a_cut_never_separates_a_letter_from_its_accent_or_an_emoji_sequence() -> None:
    text = ("e\u0301" * 300) + ("👍🏽" * 300) + ("👩\u200d💻" * 200)
    pieces = split_long(text, 0, len(text), max_chars=101)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        assert end == start
        assert text[start] not in "\u0301\u200d\U0001f3fd" and text[start - 1] != "\u200d"


def test_sentence_splitting_is_the_same_on_long_runs() -> None:
    assert split_sentences("Kl. 3. maj kom han. Så gik han.") == [(0, 19), (20, 31)]
    text = "." * 200_000 + "x. Ny sætning."
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 10
    assert spans[-1] == (len(text) - len("Ny sætning."), len(text))


def test_numbers_too_long_to_say_are_read_digit_by_digit() -> None:
    spoken = make_readable("1" + ".000" * 2000 + " og " + "9" * 5000 + ",5", "da").spoken
    assert "nul nul nul" in spoken and "komma fem" in spoken
    assert make_readable("1.500 kr.", "da").spoken == "et tusind fem hundrede kroner"


# -- 1 MB through every stage: time and memory, in a fresh process ------------------------------------

_MEASURE = textwrap.dedent(
    """
    import json, os, resource, sys, threading, time
    from assistant.text.commands import parse_utterance
    from assistant.text.numbers import spoken_numbers_to_digits
    from assistant.text.readable import make_readable, split_sentences, word_spans, guess_language
    from assistant.text.service import open_spelling
    from assistant.text.tokens import tokenize
    from assistant.text.transcript import Transcript
    from assistant.text.truecase import sentence_case
    from assistant.tts.reader import plan

    N = int(sys.argv[1])
    sp = open_spelling("da")
    sp.checker.check("Jeg gik til tanlægen.")
    texts = {
        "blob": "a" * N,
        "prose": ("Jeg gik til tanlægen kl. 14.30 d. 3. maj, og han sae: 2,5 mg punktum ny linje "
                  * (N // 80 + 1))[:N],
        "garbage": "".join(chr(0x20 + (i * 7919) % 0x2FF0) for i in range(N)),
    }
    stages = {
        "spell": lambda t: (sp.speller.is_correct(t), sp.speller.suggest(t)),
        "check": lambda t: sp.checker.check(t),
        "predict": lambda t: sp.predictor.complete(t.split(" ")[-1] or t),
        "commands": lambda t: parse_utterance(t, "da"),
        "numbers": lambda t: spoken_numbers_to_digits(t, "da"),
        "transcript": lambda t: Transcript("da").add_utterance(t),
        "truecase": sentence_case,
        "readable": lambda t: make_readable(t, "da"),
        "sentences": split_sentences,
        "spans": word_spans,
        "language": guess_language,
        "tokens": tokenize,
        "plan": lambda t: plan(t, None),
    }
    PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

    def rss_kb():
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_KB

    # The process's peak RSS was set by loading the lexicons: each stage's own peak is sampled.
    peak = [0]
    running = [True]

    def sample():
        while running[0]:
            peak[0] = max(peak[0], rss_kb())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = {}
    for stage, run in stages.items():
        for name, text in texts.items():
            base = peak[0] = rss_kb()
            started = time.perf_counter()
            run(text)
            seconds = time.perf_counter() - started
            time.sleep(0.01)
            out[f"{stage}/{name}"] = (seconds, max(peak[0], rss_kb()) - base)
    running[0] = False
    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(out))
    """
)


def _limited(limit: int):  # a preexec_fn
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def test_a_megabyte_through_every_text_stage_is_bounded_in_time_and_memory() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(BIG)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        preexec_fn=_limited(ADDRESS_SPACE),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(proc.stdout)
    maxrss_kb = figures.pop("maxrss_kb")
    slowest = max(figures.items(), key=lambda kv: kv[1][0])
    largest = max(figures.items(), key=lambda kv: kv[1][1])
    print(
        f"1 MB per stage: slowest {slowest[0]} {slowest[1][0]:.1f} s, largest RSS growth {largest[0]} "
        f"{largest[1][1] // 1024} MB, process peak RSS {maxrss_kb // 1024} MB"
    )
    slow = {k: round(s, 1) for k, (s, _) in figures.items() if s > 60}
    big = {k: kb // 1024 for k, (_, kb) in figures.items() if kb > 256 * 1024}
    assert not slow, f"stages over 60 s on 1 MB: {slow}"
    assert not big, f"stages whose RSS grew by over 256 MB on 1 MB (MB): {big}"


# -- the commands through the real CLI ---------------------------------------------------------


def _cli(args: list[str], stdin: bytes | None = None) -> tuple[int, str, str, float, int]:
    """(exit code, stdout, stderr, seconds, peak RSS in KB) of ``python -m assistant ARGS``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        if stdin is not None:
            inp.write(stdin)
            inp.seek(0)
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", *args],
            stdin=inp if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            preexec_fn=_limited(ADDRESS_SPACE),
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > CLI_SECONDS:
                proc.kill()
                proc.wait()
                pytest.fail(f"assistant {args[0]} did not finish in {CLI_SECONDS} s")
            time.sleep(0.05)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (
            proc.returncode,
            out.read().decode("utf-8"),
            err.read().decode("utf-8"),
            seconds,
            usage.ru_maxrss,
        )


@pytest.fixture(scope="module", autouse=True)
def built_lexicons() -> None:
    lexicon_module.load("da")
    lexicon_module.load("en")


def test_cli_spell_of_a_120000_letter_word_reports_it_too_long() -> None:
    word = "a" * 120_000
    code, out, err, seconds, rss = _cli(["spell", "--language", "da", "hest", word, "tanlæge"])
    print(f"spell 120,000 letters: {seconds:.1f} s, peak RSS {rss // 1024} MB")
    assert code == 0, err
    lines = out.split("\n")
    assert lines[0].startswith("hest\tok")
    assert lines[1] == f"{word}\tlong\t"  # echoed whole, not looked up
    assert lines[2].startswith("tanlæge\t?\ttandlæge")
    assert err.strip() == "assistant: 1 word(s) longer than 64 characters were not checked"
    assert "internal error" not in err


def test_cli_spell_json_marks_the_long_word_not_checked() -> None:
    code, out, err, _, _ = _cli(["spell", "--language", "en", "--json", "b" * 5000, "speling"])
    assert code == 0, err
    first, second = json.loads(out)["results"]
    assert first == {"word": "b" * 5000, "correct": False, "checked": False, "suggestions": []}
    assert second["checked"] and "spelling" in second["suggestions"]


def test_cli_spell_of_a_megabyte_line_on_stdin() -> None:
    data = ("ab" * 500_000 + "\nhest\n").encode()
    code, out, err, seconds, rss = _cli(["spell", "--language", "da"], stdin=data)
    print(f"spell 1 MB stdin line: {seconds:.1f} s, peak RSS {rss // 1024} MB")
    assert code == 0, err
    assert out.split("\n")[0] == "ab" * 500_000 + "\tlong\t"
    assert out.split("\n")[1].startswith("hest\tok")


@pytest.mark.parametrize("size", [3_000, 30_000, 120_000])
def test_cli_suggest_on_long_text_is_bounded(size: int) -> None:
    # ASCII: one argument may hold at most 128 KiB (Linux MAX_ARG_STRLEN).
    text = _random_letters(size, letters="abcdefghijklmnopqrstuvwxyz")
    code, out, err, seconds, rss = _cli(["suggest", "--language", "da", "--json", text])
    print(f"suggest {size} letters: {seconds:.1f} s, peak RSS {rss // 1024} MB")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["flags"] == [] and doc["prediction"]["words"] == []
    assert doc["checked_chars"] == min(size, limits.MAX_CHECK_CHARS)


def test_cli_suggest_on_a_long_real_text_checks_the_first_part_and_says_so() -> None:
    sentence = "Jeg gik til tanlægen i går, og han sae hej. "
    text = sentence * (limits.MAX_CHECK_CHARS // len(sentence) + 50)
    code, out, err, seconds, rss = _cli(["suggest", "--language", "da", text[:120_000]])
    print(f"suggest 120,000 characters of prose: {seconds:.1f} s, peak RSS {rss // 1024} MB")
    assert code == 0, err
    assert "only the first" in err and "characters were checked" in err
    rows = [line.split("\t") for line in out.strip().split("\n")]
    assert rows[-1][0] == "prediction"
    flags = rows[:-1]
    assert flags[0][1:3] == ["tanlægen", "spelling"] and flags[0][3].startswith("tandlægen")
    assert flags[-1][3] == ""  # beyond MAX_SUGGESTED_WORDS: flagged, without suggestions
    assert max(int(row[0].split("-")[1]) for row in flags) <= limits.MAX_CHECK_CHARS
