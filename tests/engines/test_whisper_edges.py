"""Every word the raw engine keeps, the product keeps: the edges of an utterance (issue 20).

Words were lost at the start and the end of a dictation, where raw faster-whisper with the same
model and settings kept them: a last word cut short by the key's release had too little speech to
be decoded alone and was dropped, and a last word Whisper stamped at the very end of the audio was
taken for an echo into the padding. Here every evaluation recording is dictated with the key
released exactly at the last word (and once 120 ms before its end, the word still being said,
and once as the bench's microphone gives it: silence, the recording, 0.2 s of silence),
through the product's live recogniser and through raw faster-whisper on the same audio with the
same settings, measured in the same test.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.files import read_audio
from assistant.stt.base import Segment
from assistant.stt.whisper_engine import WhisperEngine, load_model
from assistant.text.wer import normalise, word_errors
from tests.support import load_speech_manifest

SAMPLES = load_speech_manifest()
RATE = 16000
FRAME = 480


def _last_loud_sample(audio: np.ndarray) -> int:
    frames = audio[: len(audio) // FRAME * FRAME].reshape(-1, FRAME).astype(np.float32)
    loud = np.nonzero(20 * np.log10(np.sqrt((frames**2).mean(axis=1)) / 32768 + 1e-9) > -40)[0]
    return int((loud[-1] + 1) * FRAME)


def _raw(model_path, audio: np.ndarray, language: str) -> str:
    """Raw faster-whisper with the product's decode settings on the same audio."""
    segments, _ = load_model(model_path).transcribe(  # type: ignore[attr-defined]
        audio.astype(np.float32) / 32768.0,
        language=language,
        task="transcribe",
        beam_size=5,
        temperature=0.0,
        condition_on_previous_text=False,
        vad_filter=False,
        no_repeat_ngram_size=4,
    )
    return " ".join(s.text.strip() for s in segments)


def _product(model_path, audio: np.ndarray, language: str) -> str:
    """The live recogniser fed in the microphone's 100 ms blocks, flushed at the key's release."""
    recognizer = WhisperEngine().recognizer(model_path, language)
    found: list[str] = []
    for offset in range(0, len(audio), 1600):
        found += [r.text for r in recognizer.accept(audio[offset : offset + 1600]) if isinstance(r, Segment)]
    found += [s.text for s in recognizer.flush()]
    return " ".join(found)


def _dictations(language: str) -> list[tuple[str, np.ndarray, str]]:
    out = []
    for sample in SAMPLES:
        if sample.language != language:
            continue
        audio = read_audio(sample.path)
        end = _last_loud_sample(audio)
        out.append((f"{sample.path.stem}@last-word", audio[:end], sample.transcript))
        if language == "en":
            # Released while the last word is still being said.
            out.append((f"{sample.path.stem}@-120ms", audio[: end - 4 * FRAME], sample.transcript))
            # The bench's microphone: 0.3 s of silence, the whole recording, 0.2 s of silence
            # (over the short window tiny.en heard "10 of close" here; raw: "10 of clubs").
            quiet = np.zeros(int(0.3 * RATE), np.int16)
            bench = np.concatenate([quiet, audio, quiet[: int(0.2 * RATE)]])
            out.append((f"{sample.path.stem}@bench", bench, sample.transcript))
    return out


def _edges_kept(reference: str, raw: str, product: str, language: str) -> list[str]:
    """The reference's first and last word, wherever raw faster-whisper heard it, missing from the product."""
    ref, heard, ours = normalise(reference, language), normalise(raw, language), normalise(product, language)
    return [w for w in {ref[0], ref[-1]} if w in heard and w not in ours]


@pytest.mark.parametrize("language", ["en", "da"])
def test_released_at_the_last_word_every_word_of_the_raw_model_is_kept(language, request) -> None:
    model = request.getfixturevalue("tiny_en" if language == "en" else "whisper_base")
    errors = {"raw": 0, "product": 0}
    words = 0
    lost: list[str] = []
    texts = []
    for name, audio, reference in _dictations(language):
        raw, ours = _raw(model, audio, language), _product(model, audio, language)
        texts.append(f"{name}: raw {raw!r} / product {ours!r}")
        e_raw, n = word_errors(reference, raw, language)
        e_ours, _ = word_errors(reference, ours, language)
        errors["raw"] += e_raw
        errors["product"] += e_ours
        words += n
        lost += [f"{name}: {w}" for w in _edges_kept(reference, raw, ours, language)]
        # The first and last word of every English recording are there (tiny.en hears "clubs" in
        # "four queen of clubs" as "clothes", raw or not: that recording is judged by the raw model).
        if language == "en" and "cards_002" not in name:
            ref, ours_words = normalise(reference, language), normalise(ours, language)
            assert ours_words[:1] == ref[:1] and ours_words[-1:] == ref[-1:], texts[-1]
    assert not lost, "\n".join(lost + texts)
    assert errors["product"] <= errors["raw"], f"{errors} of {words} words\n" + "\n".join(texts)


def test_a_short_first_word_before_a_pause_is_decoded_with_what_follows(tiny_en) -> None:
    """ "And" alone, a pause, then the sentence: the lone word has too little speech to be decoded
    by itself (Whisper invents text for clicks), so it waits for the next utterance, not the bin."""
    audio = read_audio(next(s.path for s in SAMPLES if "jfk" in s.path.stem))
    cut = int(0.5 * RATE)  # "And" (0.18 s of speech to Silero VAD), then 0.8 s of pause
    dictation = np.concatenate(
        [audio[:cut], np.zeros(int(0.8 * RATE), np.int16), audio[cut : _last_loud_sample(audio)]]
    )
    text = normalise(_product(tiny_en, dictation, "en"), "en")
    raw = normalise(_raw(tiny_en, dictation, "en"), "en")
    assert raw[0] == "and", raw
    assert text[0] == "and" and text[-1] == "country", text


def test_a_lone_last_word_cut_short_is_decoded(tiny_en) -> None:
    """ "one ... two ... three" with the key released during "three": 0.2 s of speech, still a word."""
    audio = read_audio(next(s.path for s in SAMPLES if s.path.stem == "speech_recognition_english"))
    dictation = audio[: _last_loud_sample(audio) - 4 * FRAME]
    recognizer = WhisperEngine().recognizer(tiny_en, "en")
    recognizer.accept(dictation)
    text = normalise(" ".join(s.text for s in recognizer.flush()), "en")
    assert text[-1:] == ["3"], text
