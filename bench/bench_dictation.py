"""Dictation benchmark: the product's live dictation path against raw faster-whisper.

Run by hand (about 15 minutes on two cores; ``--quick`` for a reduced run, ``--long`` adds 10 min):

    .venv/bin/python bench/bench_dictation.py [--quick] [--long] [--languages en,da] [--release-after S] [--load]

``--release-after 0`` releases the key exactly at the last word (issue 20's figure). ``--load`` runs
everything beside busy processes at twice the core count (tests/support/load.py, the tests'
``busy_cpu`` load), started before the first tool and ended after the last.

``BENCH_SAVE=dir`` writes every dictation's text and times there (one JSON file per tool).

Like with like: every tool runs in its own process (peak memory per tool) on the same audio and
the same model. Two raw faster-whisper peers:

* ``raw-equal``: the product's thread count (``os.cpu_count()``), compute type (int8) and
  decode settings (beam 5, temperature 0, no conditioning on previous text, no_repeat_ngram 4,
  language pinned);
* ``raw-default``: faster-whisper's own defaults (``WhisperModel(path)``, ``transcribe(audio,
  language=...)``).

A raw peer does what a script using faster-whisper for push-to-talk does: keep the audio while
the key is held and transcribe it all at release. The product runs its real
:class:`~assistant.stt.session.DictationSession` (segmenter, live words, 200 ms tail) on a
microphone stand-in that hands over each 100 ms block at the moment its last sample would
have been spoken (``start + (k + 1) * 0.1`` s on the monotonic clock): never early.

Measured per language (English: tiny.en; Danish: the multilingual base starter model):

* WER over the evaluation recordings (>= 20 dictated utterances, recordings repeated);
* end-of-speech-to-text and key-release-to-text, p50 and p95, over the same utterances: the
  speaker stops, 300 ms later releases the key; "text" is the final text of the utterance;
* first live word: from the first loud 30 ms frame of speech (above -40 dBFS, the moment the
  speaker starts) to the first preview with words on the session's output (product only);
* live-path cost at 30 s, 2 min (and 10 min with ``--long``) of continuous speech: process
  CPU seconds per second of speech, with the live previews scheduled exactly as a real-time
  run would (the audio is fed unpaced, with the backlog reported as zero); the raw peers
  transcribe the same audio as one file;
* CPU while listening to 10 s of silence (a real-time paced microphone), in % of one core;
* peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.audio.files import read_audio  # noqa: E402
from assistant.text.wer import word_errors  # noqa: E402

EVAL = Path(os.environ.get("ASSISTANT_SHARED_DIR", REPO.parent / "shared")) / "eval" / "speech"
RATE = 16000
BLOCK = 1600  # 100 ms, the product's capture block
LEAD = 0.3  # silence before each utterance
# The speaker stops; the key is released this long after (--release-after; 0 = at the last word).
RELEASE_AFTER = float(os.environ.get("BENCH_RELEASE_AFTER", "0.3"))
UTTERANCES = 20


def manifest() -> list[dict[str, str]]:
    import csv

    with open(EVAL / "manifest.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _loud_frames(audio: np.ndarray) -> np.ndarray:
    frames = audio[: len(audio) // 480 * 480].reshape(-1, 480).astype(np.float32)
    return np.nonzero(20 * np.log10(np.sqrt((frames**2).mean(axis=1)) / 32768 + 1e-9) > -40)[0]


def last_speech_sample(audio: np.ndarray) -> int:
    loud = _loud_frames(audio)
    return int((loud[-1] + 1) * 480) if len(loud) else len(audio)


def first_speech_sample(audio: np.ndarray) -> int:
    """Where the speaker starts (first 30 ms frame above -40 dBFS): the clock for the first word."""
    loud = _loud_frames(audio)
    return int(loud[0] * 480) if len(loud) else 0


def utterances(language: str) -> list[tuple[str, np.ndarray, str]]:
    """(name, samples, reference) for >= 20 dictations: the recordings, repeated."""
    rows = [r for r in manifest() if r["language"] == language]
    out = []
    wanted = int(os.environ.get("BENCH_UTTERANCES", UTTERANCES))
    while len(out) < wanted:
        for r in rows:
            out.append((r["file"], read_audio(EVAL / r["file"]), r["transcript"]))
    return out


def continuous(language: str, seconds: float) -> np.ndarray:
    """The recordings of ``language`` end to end (0.1 s apart) until ``seconds`` are filled."""
    clips = [read_audio(EVAL / r["file"]) for r in manifest() if r["language"] == language]
    gap = np.zeros(int(0.1 * RATE), dtype=np.int16)
    parts, total, k = [], 0, 0
    while total < seconds * RATE:
        parts += [clips[k % len(clips)], gap]
        total += len(clips[k % len(clips)]) + len(gap)
        k += 1
    return np.concatenate(parts)[: int(seconds * RATE)]


# -- a microphone stand-in paced by the monotonic clock ---------------------------------------------


class PacedMic:
    """The Capture interface the session uses; block k is handed over at start + (k+1) * 0.1 s.

    After ``audio`` it keeps delivering silence (a real microphone keeps recording) until stopped.
    """

    device_name = "bench"

    def __init__(self, audio: np.ndarray) -> None:
        self.audio = audio
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._stop = threading.Event()
        self.start_time = 0.0
        self.level_dbfs = -100.0
        self.frames_captured = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.start_time = time.monotonic()
        self._thread.start()

    def _run(self) -> None:
        k = 0
        while not self._stop.is_set():
            due = self.start_time + (k + 1) * BLOCK / RATE
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            block = self.audio[k * BLOCK : (k + 1) * BLOCK]
            if len(block) < BLOCK:
                block = np.concatenate([block, np.zeros(BLOCK - len(block), dtype=np.int16)])
            self._queue.put(block)
            self.frames_captured += BLOCK
            k += 1

    def read(self, timeout: float = 0.5) -> np.ndarray | None:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def queued_seconds(self) -> float:
        return self._queue.qsize() * BLOCK / RATE

    def drain(self) -> list[np.ndarray]:
        blocks = []
        while True:
            try:
                blocks.append(self._queue.get_nowait())
            except queue.Empty:
                return blocks

    def stop(self) -> None:
        self._stop.set()


# -- workers (each in its own process) --------------------------------------------------------------


def worker_product(model: Path, language: str, lengths: list[float]) -> dict:
    from assistant.stt.session import DictationSession, Stopped, TextChanged
    from assistant.stt.whisper_engine import WhisperEngine, load_model
    from assistant.text.transcript import Transcript

    started = time.perf_counter()
    load_model(model)
    out: dict = {"load": time.perf_counter() - started, "runs": [], "long": {}}
    engine = WhisperEngine()
    for name, speech, reference in utterances(language):
        audio = np.concatenate([np.zeros(int(LEAD * RATE), dtype=np.int16), speech])
        end_of_speech = int(LEAD * RATE) + last_speech_sample(speech)
        release_sample = end_of_speech + int(RELEASE_AFTER * RATE)
        mic = PacedMic(audio)
        events: list[tuple[float, object]] = []
        done = threading.Event()

        def on_event(event: object, events=events, done=done) -> None:
            events.append((time.monotonic(), event))
            if isinstance(event, Stopped):
                done.set()

        session = DictationSession(
            mic,  # type: ignore[arg-type]
            lambda: engine.recognizer(model, language),
            Transcript(language),
            on_event,
            tail_seconds=0.2,
        )
        session.start()
        release_at = mic.start_time + release_sample / RATE
        time.sleep(max(0.0, release_at - time.monotonic()))
        released = time.monotonic()
        session.request_stop()  # what the tray does on the key's release
        done.wait(120)
        session.stop()
        text_at = events[-1][0]
        speech_start = mic.start_time + LEAD + first_speech_sample(speech) / RATE
        previews = [t for t, e in events if isinstance(e, TextChanged) and not e.final and e.text.strip()]
        out["runs"].append(
            {
                "file": name,
                "reference": reference,
                "text": session.text,
                "release_to_text": text_at - released,
                "end_of_speech_to_text": text_at - (mic.start_time + end_of_speech / RATE),
                "first_live_word": (previews[0] - speech_start) if previews else None,
            }
        )
    # Live-path cost on continuous speech: previews scheduled as in real time (backlog 0).
    for seconds in lengths:
        audio = continuous(language, seconds)
        recognizer = engine.recognizer(model, language)
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        for offset in range(0, len(audio), BLOCK):
            recognizer.set_backlog(0.0)
            recognizer.accept(audio[offset : offset + BLOCK])
        recognizer.flush()
        out["long"][str(seconds)] = {
            "cpu_per_speech_s": (cpu_seconds() - cpu0) / seconds,
            "wall_per_speech_s": (time.perf_counter() - wall0) / seconds,
            "previews": recognizer.live_decodes,
        }
    # Listening to silence in real time.
    mic = PacedMic(np.zeros(0, dtype=np.int16))
    session = DictationSession(
        mic, lambda: engine.recognizer(model, language), Transcript(language), lambda e: None
    )  # type: ignore[arg-type]
    session.start()
    time.sleep(1.0)  # past the start
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    time.sleep(10.0)
    out["silence_cpu_pct"] = 100 * (cpu_seconds() - cpu0) / (time.monotonic() - wall0)
    session.stop()
    out["peak_mb"] = peak_mb()
    return out


def _raw_model(model: Path, equal: bool):
    from faster_whisper import WhisperModel

    if equal:
        return WhisperModel(
            str(model),
            device="cpu",
            compute_type="int8",
            cpu_threads=os.cpu_count() or 2,
            local_files_only=True,
        )
    return WhisperModel(str(model), local_files_only=True)


def _raw_transcribe(whisper, audio: np.ndarray, language: str, equal: bool) -> str:
    floats = audio.astype(np.float32) / 32768.0
    if equal:
        segments, _ = whisper.transcribe(
            floats,
            language=language,
            task="transcribe",
            beam_size=5,
            temperature=0.0,
            condition_on_previous_text=False,
            vad_filter=False,
            no_repeat_ngram_size=4,
        )
    else:
        segments, _ = whisper.transcribe(floats, language=language)
    return " ".join(s.text.strip() for s in segments).strip()


def worker_raw(model: Path, language: str, lengths: list[float], equal: bool) -> dict:
    started = time.perf_counter()
    whisper = _raw_model(model, equal)
    out: dict = {"load": time.perf_counter() - started, "runs": [], "long": {}}
    for name, speech, reference in utterances(language):
        # Push-to-talk with raw faster-whisper: the audio is all there at release; decode it.
        audio = np.concatenate([np.zeros(int(LEAD * RATE), dtype=np.int16), speech])
        end_of_speech = int(LEAD * RATE) + last_speech_sample(speech)
        audio = audio[: end_of_speech + int(RELEASE_AFTER * RATE)]
        t0 = time.monotonic()
        text = _raw_transcribe(whisper, audio, language, equal)
        decode = time.monotonic() - t0
        out["runs"].append(
            {
                "file": name,
                "reference": reference,
                "text": text,
                "release_to_text": decode,
                "end_of_speech_to_text": RELEASE_AFTER + decode,
                "first_live_word": None,
            }
        )
    for seconds in lengths:
        audio = continuous(language, seconds)
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        _raw_transcribe(whisper, audio, language, equal)
        out["long"][str(seconds)] = {
            "cpu_per_speech_s": (cpu_seconds() - cpu0) / seconds,
            "wall_per_speech_s": (time.perf_counter() - wall0) / seconds,
        }
    out["silence_cpu_pct"] = None  # a raw peer does not listen
    out["peak_mb"] = peak_mb()
    return out


WORKERS = {
    "product": worker_product,
    "raw-equal": lambda m, lang, lengths: worker_raw(m, lang, lengths, equal=True),
    "raw-default": lambda m, lang, lengths: worker_raw(m, lang, lengths, equal=False),
}


def run_worker(kind: str, model: Path, language: str, lengths: list[float]) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, "--model", str(model), "--language", language]
    cmd += ["--lengths", ",".join(str(x) for x in lengths)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr[-3000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    if os.environ.get("BENCH_SAVE"):  # every run's text and times, to look at by hand
        path = Path(os.environ["BENCH_SAVE"]) / f"{language}-{kind}.json"
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return out


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None or value != value else format(value, spec)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=WORKERS)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--language")
    parser.add_argument("--lengths", default="30,120")
    parser.add_argument("--languages", default="en,da")
    parser.add_argument("--quick", action="store_true", help="30 s only for the live-path cost")
    parser.add_argument("--long", action="store_true", help="add 10 minutes of continuous speech")
    parser.add_argument("--tools", default="product,raw-equal,raw-default")
    parser.add_argument("--utterances", type=int, default=UTTERANCES, help="dictations per language (>= 20)")
    parser.add_argument(
        "--release-after", type=float, default=RELEASE_AFTER, help="seconds from last word to release"
    )
    parser.add_argument("--load", action="store_true", help="busy processes at twice the core count")
    args = parser.parse_args()
    if args.worker:
        lengths = [float(x) for x in args.lengths.split(",") if x]
        print(json.dumps(WORKERS[args.worker](args.model, args.language, lengths)))
        return
    if args.load:
        from tests.support.load import busy_process_count, cpu_load

        with cpu_load(Path(tempfile.mkdtemp(prefix="bench-load-"))):
            print(f"under load: {busy_process_count()} busy processes (twice the cores)")
            run(args)
        return
    run(args)


def run(args: argparse.Namespace) -> None:

    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models

    os.environ["BENCH_UTTERANCES"] = str(args.utterances)
    os.environ["BENCH_RELEASE_AFTER"] = str(args.release_after)
    packaged = {m.name: m for m in packaged_models()}
    models_dir = Path(tempfile.mkdtemp(prefix="bench-models-"))
    lengths = [30.0] if args.quick else [30.0, 120.0]
    if args.long:
        lengths.append(600.0)
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    print(
        f"key released {args.release_after:.2f} s after the last word; {args.utterances} dictations per language"
    )
    for language in args.languages.split(","):
        model = (
            packaged["whisper-tiny.en"].path
            if language == "en"
            else ensure_local(packaged["whisper-base"], models_dir)
        )
        print(f"\n## {language}: {model.name if language == 'da' else 'whisper-tiny.en'}")
        header = (
            f"{'tool':12} {'WER':>6} {'rel p50':>8} {'rel p95':>8} {'eos p50':>8} {'eos p95':>8} "
            f"{'1st word':>8} "
            + " ".join(f"{'cpu/s ' + str(int(s)) + 's':>11}" for s in lengths)
            + f" {'silence %':>9} {'peak MB':>8}"
        )
        print(header)
        for tool in args.tools.split(","):
            res = run_worker(tool, model, language, lengths)
            errors = words = 0
            for run in res["runs"]:
                e, n = word_errors(run["reference"], run["text"], language)
                errors, words = errors + e, words + n
            rel = [r["release_to_text"] for r in res["runs"]]
            eos = [r["end_of_speech_to_text"] for r in res["runs"]]
            first = [r["first_live_word"] for r in res["runs"] if r["first_live_word"] is not None]
            long = " ".join(f"{fmt(res['long'][str(s)]['cpu_per_speech_s'], '.3f'):>11}" for s in lengths)
            print(
                f"{tool:12} {errors / words:6.3f} {percentile(rel, 0.5):8.3f} {percentile(rel, 0.95):8.3f} "
                f"{percentile(eos, 0.5):8.3f} {percentile(eos, 0.95):8.3f} "
                f"{fmt(statistics.median(first) if first else None, '.3f'):>8} {long} "
                f"{fmt(res['silence_cpu_pct'], '.1f'):>9} {res['peak_mb']:8.0f}"
            )
            if tool == "product":
                previews = ", ".join(f"{int(float(k))} s: {v['previews']}" for k, v in res["long"].items())
                print(f"{'':12} live previews decoded: {previews}; runs: {len(res['runs'])}")
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
