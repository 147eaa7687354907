"""The transducer engine (sherpa-onnx) with models the suite builds itself.

No NeMo model ships in a PyPI package, so these tests build tiny models in exactly sherpa-onnx's
file format (tests/support/make_transducer.py): random weights plus one wired path, so every
stretch of speech decodes to "hej verden femogtyve punktum" at the time the speech starts. They
prove the path (loading, features, decoding, timestamps, the shared post-processing, selection,
IT pre-staging, the session), not accuracy.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.audio.files import read_audio
from assistant.errors import ModelError
from assistant.storage.models import model_kind, read_model
from assistant.storage.onnx_folder import check_folder, onnx_header
from assistant.stt.base import Partial, Segment
from assistant.stt.transducer_engine import TransducerEngine, TransducerRecognizer, load_model
from assistant.stt.vad import Segmenter, speech_seconds
from tests.support import load_speech_manifest
from tests.support.cli import run_cli
from tests.support.make_transducer import SCRIPT, TINY, build_test_model, build_transducer

SAMPLES = load_speech_manifest()
BANK = next(s for s in SAMPLES if "u0042008" in s.path.stem)  # 5.8 s of Danish read speech
SAID = " ".join(SCRIPT)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("transducers")
    return {kind: build_test_model(root / f"tiny-{kind}-da", kind) for kind in ("rnnt", "tdt", "ctc")}


def run_stream(recognizer, samples: np.ndarray, step: int = 1600) -> tuple[list[Segment], list[Partial]]:
    segments: list[Segment] = []
    partials: list[Partial] = []
    for offset in range(0, len(samples), step):
        for result in recognizer.accept(samples[offset : offset + step]):
            (segments if isinstance(result, Segment) else partials).append(result)
    segments.extend(recognizer.flush())
    return segments, partials


def assistant(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env)


def test_built_folders_are_recognised_as_transducer_models(models) -> None:
    for kind, folder in models.items():
        assert model_kind(folder) == "transducer"
        found = read_model(folder, "user")
        assert found is not None and found.engine == "transducer" and found.languages == ["da"]
        files = check_folder(folder)
        assert files.architecture == ("ctc" if kind == "ctc" else "transducer")
        assert files.tdt == (kind == "tdt")
    meta, _ = onnx_header(models["rnnt"] / "encoder.onnx")
    assert meta["vocab_size"] == str(TINY.vocab) and meta["normalize_type"] == "per_feature"


@pytest.mark.parametrize("kind", ["rnnt", "tdt"])
def test_real_recording_decodes_with_word_timestamps(models, kind) -> None:
    samples = read_audio(BANK.path)
    recognizer = TransducerEngine().recognizer(models[kind], "da", live=False)
    segments, _ = run_stream(recognizer, samples)
    assert [s.text for s in segments] == [SAID]
    words = recognizer.words
    assert [w.text for w in words] == list(SCRIPT)
    # The wired model says its first word where the speech starts: compare with Silero VAD.
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    chunks = get_speech_timestamps(samples.astype(np.float32) / 32768.0, VadOptions(speech_pad_ms=0))
    onset = chunks[0]["start"] / 16000
    assert abs(words[0].start - onset) < 0.3, (words[0], onset)
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))
    assert all(0 <= w.start <= w.end <= BANK.duration_s for w in words)
    if kind == "tdt":  # a TDT model advances one frame per word here: 80 ms apart
        assert [round(b.start - a.start, 2) for a, b in itertools.pairwise(words)] == [0.08] * 3
    assert segments[0].start == words[0].start and segments[0].end == words[-1].end


def test_ctc_model_decodes(models) -> None:
    recognizer = TransducerEngine().recognizer(models["ctc"], "da", live=False)
    segments, _ = run_stream(recognizer, read_audio(BANK.path))
    assert segments, "no text from the CTC model"
    heard = " ".join(s.text for s in segments).split()
    assert heard and set(heard) <= set(SCRIPT)
    assert all(0 <= s.start <= s.end <= BANK.duration_s for s in segments)


def test_silence_and_noise_give_no_text(models) -> None:
    rng = np.random.default_rng(7)
    seconds = 6
    silence = np.zeros(16000 * seconds, dtype=np.int16)
    hiss = rng.normal(0, 300, 16000 * seconds).astype(np.int16)
    bursts = np.zeros(16000 * seconds, dtype=np.int16)
    for start in range(8000, len(bursts) - 4000, 24000):
        bursts[start : start + 3000] = rng.normal(0, 6000, 3000).astype(np.int16)
    model = load_model(models["rnnt"])
    for name, audio in (("silence", silence), ("hiss", hiss), ("bursts", bursts)):
        # The wired model would say its words for any loud stretch: only the speech check stops it.
        assert speech_seconds(audio) < 0.25, name
        segments, partials = run_stream(TransducerRecognizer(model, "da"), audio)
        assert segments == [] and partials == [], name


def test_live_words_while_speaking(models) -> None:
    model = load_model(models["tdt"])
    recognizer = TransducerRecognizer(
        model, "da", segmenter=Segmenter(end_silence_ms=500), partial_interval=0.4
    )
    segments, partials = run_stream(recognizer, read_audio(BANK.path), step=800)
    assert partials, "no live words while speaking"
    assert all(0 <= p.stable_chars <= len(p.text) for p in partials)
    assert any(p.stable_chars > 0 for p in partials), "no word became stable"
    assert partials[-1].text == SAID
    assert [s.text for s in segments] == [SAID]


def test_backlog_holds_previews_back(models) -> None:
    recognizer = TransducerRecognizer(load_model(models["rnnt"]), "da", partial_interval=0.3)
    recognizer.set_backlog(5.0)
    segments, partials = run_stream(recognizer, read_audio(BANK.path))
    assert partials == [] and [s.text for s in segments] == [SAID]


# -- broken and incomplete folders: a clear error, and the process lives on ----------------------


def _damage(folder: Path, how: str) -> None:
    if how == "no joiner":
        (folder / "joiner.onnx").unlink()
    elif how == "no tokens":
        (folder / "tokens.txt").unlink()
    elif how == "truncated encoder":
        data = (folder / "encoder.onnx").read_bytes()
        (folder / "encoder.onnx").write_bytes(data[: len(data) // 2])
    elif how == "tokens of another model":
        other = build_transducer(folder.parent / "other", replace(TINY, vocab=20))
        shutil.copy(other / "tokens.txt", folder / "tokens.txt")
    elif how == "no blank":
        lines = (folder / "tokens.txt").read_text(encoding="utf-8").splitlines()
        (folder / "tokens.txt").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    elif how == "not onnx":
        (folder / "decoder.onnx").write_text("<html>404 Not Found</html>", encoding="utf-8")
    elif how == "joiner of another model":
        other = build_transducer(folder.parent / "other", replace(TINY, vocab=20))
        shutil.copy(other / "joiner.onnx", folder / "joiner.onnx")


@pytest.mark.parametrize(
    ("how", "says"),
    [
        ("no joiner", "joiner.onnx is missing"),
        ("no tokens", "tokens.txt is missing"),
        ("truncated encoder", "encoder.onnx in"),
        ("tokens of another model", "different models"),
        ("no blank", "<blk>"),
        ("not onnx", "decoder.onnx in"),
        ("joiner of another model", "different models"),
    ],
)
def test_broken_folder_gives_a_clear_error(models, tmp_path, how, says) -> None:
    folder = tmp_path / "broken-da"
    shutil.copytree(models["rnnt"], folder)
    _damage(folder, how)
    with pytest.raises(ModelError) as caught:
        TransducerEngine().recognizer(folder, "da")
    assert says in caught.value.message, caught.value.message
    assert caught.value.hint


def test_a_language_the_model_does_not_speak_is_refused(models, tmp_path) -> None:
    folder = tmp_path / "danish-only"
    shutil.copytree(models["rnnt"], folder)
    (folder / "model.json").write_text('{"languages": ["da"]}', encoding="utf-8")
    with pytest.raises(ModelError, match="does not speak 'en'"):
        TransducerEngine().recognizer(folder, "en")
    assert TransducerEngine().recognizer(folder, "da", live=False) is not None


def test_missing_metadata_is_refused_before_the_runtime_sees_it(models, tmp_path) -> None:
    import onnx

    folder = tmp_path / "nometa-da"
    shutil.copytree(models["rnnt"], folder)
    encoder = onnx.load(str(folder / "encoder.onnx"))
    kept = [p for p in encoder.metadata_props if p.key != "pred_hidden"]
    del encoder.metadata_props[:]
    encoder.metadata_props.extend(kept)
    onnx.save(encoder, str(folder / "encoder.onnx"))
    with pytest.raises(ModelError, match="pred_hidden"):
        load_model(folder)


# -- IT pre-staging, choice of engine, the CLI and a dictation from a microphone -----------------


def _home(tmp_path: Path, models: dict[str, Path]) -> dict[str, str]:
    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path / "home")}
    result = assistant("models", "install", str(models["tdt"]), "--name", "ekko-test-da", env=env)
    assert result.returncode == 0, result.stderr
    return env


def test_prestaged_model_is_chosen_for_danish_and_transcribes(models, tmp_path) -> None:
    env = _home(tmp_path, models)
    manifest = json.loads((tmp_path / "home/data/models/ekko-test-da/model.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "transducer" and manifest["languages"] == ["da"]
    vocab = tmp_path / "home/data/vocabulary/da.toml"
    vocab.parent.mkdir(parents=True)
    vocab.write_text('[replacements]\n"verden" = "Verdensbanken"\n', encoding="utf-8")
    result = assistant("transcribe", str(BANK.path), "-l", "da", "--json", env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["engine"] == "transducer" and out["model"] == "ekko-test-da"
    # Capital at the start, the spoken number as digits, the command as a mark, the vocabulary.
    assert out["text"] == "Hej Verdensbanken 25.", out["text"]
    assert out["segments"] and out["segments"][0]["start"] > 0


def test_dictation_from_a_microphone_through_the_session(models, tmp_path, alsa_vmic) -> None:
    env = _home(tmp_path, models)
    mic = alsa_vmic(BANK.path, tail_silence=1.0)
    env = {**mic.env(), "ASSISTANT_HOME": env["ASSISTANT_HOME"]}
    seconds = mic.frames / 16000
    result = assistant(
        "dictate", "--device", "vmic", "--seconds", f"{seconds:.3f}", "-l", "da", "--live", env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Hej verden 25.", result.stdout


def test_an_installed_punctuation_model_runs_on_each_utterance(models, tmp_path, monkeypatch) -> None:
    from assistant.text import truecase

    folder = tmp_path / "with-pnc-da"
    shutil.copytree(models["tdt"], folder)
    (folder / "punctuation").mkdir()
    monkeypatch.setattr(truecase, "PUNCTUATORS", {"title": lambda path, language: str.title})
    recognizer = TransducerEngine().recognizer(folder, "da", live=False)
    segments, _ = run_stream(recognizer, read_audio(BANK.path))
    assert [s.text for s in segments] == [SAID.title()]
