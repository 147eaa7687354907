"""Soak: long real speech and silence through the tray's dictation, memory and threads sampled.

Run by hand (the full hour of audio; about 6-12 minutes of wall time on two cores)::

    .venv/bin/python bench/soak.py --minutes 60

A child process runs the real tray controller (:class:`assistant.ui.main.TrayController`: the
dictation controller, the Qt panel shown, history in SQLite, spelling loaded and checking every
final segment) and dictates from an ALSA ``file`` microphone (a private ``~/.asoundrc``; it
delivers faster than real time, see tests/README.md). The audio is the English evaluation
recordings (``../shared/eval/speech``, see its SOURCES.md) picked at random (seeded) and joined
with silence: short pauses of 1-3 s and, one time in five, 8-30 s of room quiet (noise at about
-70 dBFS). It is cut into dictations of ``--per-dictation`` minutes (5 by default: a long
dictation; the tray runs them one after the other, as a user does through a day). Each
dictation ends by itself after its audio (``DictationController.max_seconds``).

The parent samples the child from ``/proc`` every ``--interval`` seconds and when each
dictation has ended: resident memory (VmRSS), threads, open file descriptors and child
processes. It prints the table, the least-squares slope of the idle samples after warm-up,
and the verdict:

* memory: idle RSS grows by less than ``--rss-bound`` MB from the end of warm-up (the first
  quarter of the dictations, and at least the first 10 minutes of audio) to the end, and ends
  less than that above the highest RSS seen during warm-up;
* child processes: none after any dictation; threads and open descriptors: no rise (the
  second half of the idle samples never above the first half's top plus ``--count-slack``);
* no word dropped: the text history holds for each dictation has every utterance in order
  (an utterance is missing when fewer than half of the words its recording gives when decoded
  alone are found, in order), and its WER against the joined reference is at most the WER of
  decoding each recording alone (the same engine, model and settings, measured in this run)
  plus ``--wer-margin``.

``--json`` prints the figures as one JSON object (the test suite's short soak,
tests/e2e/test_soak.py, uses it). Without ``$DISPLAY`` the panel is drawn offscreen.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import itertools
import json
import math
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EVAL = Path(os.environ.get("ASSISTANT_SHARED_DIR", REPO.parent / "shared")) / "eval"
RATE = 16000
MODEL = "whisper-tiny.en"
DEVICE = "vmic"


# -- the programme: what is said when ------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    name: str
    transcript: str
    samples: np.ndarray


@dataclass(frozen=True)
class Utterance:
    recording: str
    transcript: str
    start_s: float  # within its dictation


def load_recordings(eval_dir: Path = EVAL) -> list[Recording]:
    """The English evaluation recordings (tiny.en is English only)."""
    manifest = eval_dir / "speech" / "manifest.tsv"
    with open(manifest, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["language"] == "en"]
    out = []
    for row in rows:
        with wave.open(str(eval_dir / "speech" / row["file"]), "rb") as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (RATE, 1, 2):
                raise SystemExit(f"{row['file']}: expected 16 kHz mono 16-bit")
            data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)
        out.append(Recording(Path(row["file"]).stem, row["transcript"], data))
    return out


def _quiet(rng: np.random.Generator, seconds: float) -> np.ndarray:
    # Room quiet, not digital zeros: noise at about -70 dBFS.
    return np.clip(rng.normal(0.0, 10.0, int(seconds * RATE)), -32768, 32767).astype(np.int16)


def programme(
    minutes: float, per_dictation: float, seed: int, recordings: list[Recording]
) -> list[tuple[np.ndarray, list[Utterance]]]:
    """Dictations of about ``per_dictation`` minutes, ``minutes`` in all: (samples, utterances)."""
    pick = random.Random(seed)
    rng = np.random.default_rng(seed)
    total = minutes * 60
    count = max(1, math.ceil(minutes / per_dictation))
    each = total / count
    dictations = []
    for _ in range(count):
        parts, utterances, length = [_quiet(rng, 0.5)], [], 0.5
        while length < each - 2.0:
            rec = pick.choice(recordings)
            utterances.append(Utterance(rec.name, rec.transcript, length))
            parts.append(rec.samples)
            length += len(rec.samples) / RATE
            gap = pick.uniform(8.0, 30.0) if pick.random() < 0.2 else pick.uniform(1.0, 3.0)
            parts.append(_quiet(rng, gap))
            length += gap
        parts.append(_quiet(rng, 2.0))  # the last word is never at the very end
        dictations.append((np.concatenate(parts), utterances))
    return dictations


# -- the ALSA file microphone ----------------------------------------------------------------------


def write_asoundrc(home: Path, raw: Path) -> None:
    raw.touch()
    (home / ".asoundrc").write_text(
        f'pcm.{DEVICE} {{ type file slave.pcm "null" file "/dev/null" infile "{raw}" format "raw" }}\n',
        encoding="utf-8",
    )


def load_into_mic(raw: Path, samples: np.ndarray) -> None:
    # Same inode, rewritten: every stream opened reads the file from its start.
    with open(raw, "r+b") as out:
        out.truncate(0)
        out.write(samples.astype("<i2").tobytes())


# -- the child: the product ------------------------------------------------------------------------


def child(plan: Path) -> int:
    """Run the tray controller through every dictation in ``plan``; journal what the panel shows."""
    from assistant.__main__ import bound_malloc_arenas

    bound_malloc_arenas()  # as the product's entry point does, before any thread starts
    spec = json.loads((plan / "plan.json").read_text(encoding="utf-8"))
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from assistant.app import App
    from assistant.ui.main import TrayController

    app = App.create(dict(os.environ))
    for key, value in (
        ("general.language", "en"),
        ("stt.model_en", MODEL),
        ("ui.first_run_guide", False),
        ("audio.input_device", DEVICE),
    ):
        app.config.set(key, value)
    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    controller = TrayController(app, qt_app)
    controller.show()
    loaded = []
    controller.spelling_loaded.connect(lambda: loaded.append(True))
    if spec.get("services", True):  # spelling (the kill test leaves it out: it is not at stake)
        controller.start_services(preload=False, hotkeys=False)
    else:
        loaded.append(True)
    dictation = controller.dictation

    trace = {"next": 0.0}

    def pump(until, timeout: float) -> None:
        end = time.monotonic() + timeout
        while not until():
            if os.environ.get("SOAK_REFCOUNTS") and time.monotonic() > trace["next"]:
                trace["next"] = time.monotonic() + 2
                print(
                    "refs",
                    sys.getrefcount(None),
                    sys.getrefcount(True),
                    sys.getrefcount(False),
                    file=sys.stderr,
                    flush=True,
                )
            if time.monotonic() > end:
                raise SystemExit("soak child: timed out")
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.005)

    pump(lambda: bool(loaded), 300)
    journal = os.open(plan / "journal.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    shown = {"text": None}
    current = {"d": -1}

    def on_text(_text: str) -> None:
        # What the panel shows as final (no longer grey): journalled unbuffered, so a kill
        # cannot lose a line that the panel had shown.
        if dictation.partial_from < len(dictation.text):
            return  # a preview's tail is showing (grey): only text wholly final is journalled
        committed = dictation.text
        if committed and committed != shown["text"]:
            shown["text"] = committed
            line = json.dumps({"d": current["d"], "id": dictation.entry_id, "text": committed}) + "\n"
            os.write(journal, line.encode("utf-8"))

    dictation.text_updated.connect(on_text)
    die_in_write = spec.get("die_in_write")
    if die_in_write:
        _arm_kill_in_history_write(controller.history, int(die_in_write[0]), int(die_in_write[1]))
    stopped = []
    dictation.session_stopped.connect(lambda _t: stopped.append(True))
    print("ready", flush=True)
    for index, entry in enumerate(spec["dictations"]):
        if index < spec.get("start_at", 0):
            continue
        load_into_mic(Path(spec["raw"]), np.load(plan / entry["file"]))
        current["d"], shown["text"] = index, None
        dictation.max_seconds = entry["seconds"]
        stopped.clear()
        controller.show_panel()
        dictation.start()
        if dictation.session is None:
            raise SystemExit("soak child: the dictation did not start (see the log)")
        _close_mic_at_end(dictation.session.capture, int(entry["seconds"] * RATE))
        # The history row is made on the session's worker (a locked database must not hold up
        # the key press), so its id comes a moment after start().
        pump(lambda: dictation.entry_id is not None or bool(stopped), 300)
        print(f"started {index} {dictation.entry_id}", flush=True)
        pump(lambda: bool(stopped), 3600)
        controller.panel.hide()
        # Half a second for the hide, queued repaints and the worker thread's own exit (it
        # emits Stopped as its last act) before the idle sample.
        settled = time.monotonic() + 0.5
        pump(lambda until=settled: time.monotonic() > until, 5)
        print(f"stopped {index} {dictation.entry_id}", flush=True)
    controller.shutdown()
    os.close(journal)
    print("done", flush=True)
    sys.stderr.flush()
    # Not a normal interpreter exit: PySide6 has crashed in garbage collection at finalisation
    # here (after everything was saved and shut down), which is not what this bench measures.
    os._exit(0)


def _close_mic_at_end(capture, frames: int) -> None:  # type: ignore[no-untyped-def]
    """Close the file microphone once it has delivered its file. Past the end it repeats its
    last buffer as fast as it can, spinning a core that decoding needs; a real microphone is
    paced. The session still ends at ``max_seconds``, from what was queued."""

    def watch() -> None:
        while capture.frames_captured < frames and not capture._stopping:
            time.sleep(0.001)
        capture.stop()

    threading.Thread(target=watch, name="soak-mic-end", daemon=True).start()


def _arm_kill_in_history_write(history, update_no: int, step: int) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL this process inside SQLite: at VM step ``step`` of the ``update_no``-th history
    text write (or the first step of the next one, if that write had fewer steps)."""
    if history is None:
        raise SystemExit("soak child: no history")
    state = {"writing": False, "updates": 0, "steps": 0}
    update = history.update

    def traced_update(*args, **kwargs):  # type: ignore[no-untyped-def]
        state["writing"], state["steps"] = True, 0
        state["updates"] += 1
        try:
            return update(*args, **kwargs)
        finally:
            state["writing"] = False

    def on_step() -> int:
        if state["writing"]:
            state["steps"] += 1
            n = state["updates"]
            if n > update_no or (n == update_no and state["steps"] >= step):
                os.kill(os.getpid(), signal.SIGKILL)
        return 0

    history.update = traced_update
    _connection(history).set_progress_handler(on_step, 1)


def _connection(history) -> sqlite3.Connection:  # type: ignore[no-untyped-def]
    """The SQLite connection under the tray's history (a History, or a wrapper around one)."""
    db = history
    for _ in range(4):
        if isinstance(db, sqlite3.Connection):
            return db
        db = getattr(db, "_db", None)
    raise SystemExit("soak child: no SQLite connection found under the history")


# -- the parent: sampling and scoring --------------------------------------------------------------


@dataclass
class Sample:
    t: float
    audio_s: float  # audio of the dictations finished so far
    rss_mb: float
    threads: int
    fds: int
    children: int
    idle: bool  # taken right after a dictation ended


def probe(pid: int) -> tuple[float, int, int, int] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmRSS" not in fields:
        return None  # exiting (a zombie has no memory)
    rss = int(fields["VmRSS"].split()[0]) / 1024
    threads = int(fields["Threads"])
    children = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            children += len((task / "children").read_text().split())
    return rss, threads, fds, children


def thread_names(pid: int) -> dict[str, int]:
    """How many threads of each name (``comm``): says which thread came or went."""
    names: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                name = (task / "comm").read_text().strip()
                names[name] = names.get(name, 0) + 1
    return dict(sorted(names.items()))


def baseline(recordings: list[Recording]) -> dict[str, str]:
    """Each recording decoded alone by the same engine, model and settings (file mode)."""
    from assistant.storage.models import packaged_models
    from assistant.stt.base import Segment
    from assistant.stt.whisper_engine import WhisperEngine

    path = next(m for m in packaged_models() if m.name == MODEL).path
    out = {}
    for rec in recordings:
        recognizer = WhisperEngine().recognizer(path, "en")
        padded = np.concatenate([np.zeros(RATE // 2, np.int16), rec.samples, np.zeros(RATE, np.int16)])
        texts = []
        for start in range(0, len(padded), 1600):
            texts += [
                r.text for r in recognizer.accept(padded[start : start + 1600]) if isinstance(r, Segment)
            ]
        texts += [s.text for s in recognizer.flush()]
        out[rec.name] = " ".join(t.strip() for t in texts if t.strip())
    return out


def score(text: str, utterances: list[Utterance], alone: dict[str, str]) -> tuple[int, int, int, list[int]]:
    """(errors, reference words, baseline errors, indexes of missing utterances)."""
    from assistant.text.wer import normalise, word_errors

    ref_words: list[str] = []
    spans = []
    base_errors = 0
    for utt in utterances:
        words = normalise(utt.transcript, "en")
        spans.append((len(ref_words), len(ref_words) + len(words)))
        ref_words += words
        base_errors += word_errors(utt.transcript, alone[utt.recording], "en")[0]
    hyp = normalise(text, "en")
    errors, total = word_errors(" ".join(ref_words), " ".join(hyp), "en")
    matched = [False] * len(ref_words)
    for block in difflib.SequenceMatcher(None, ref_words, hyp, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            matched[block.a + k] = True
    missing = []
    for index, ((a, b), utt) in enumerate(zip(spans, utterances, strict=True)):
        alone_words = set(normalise(alone[utt.recording], "en"))
        expected = sum(1 for w in ref_words[a:b] if w in alone_words)
        # Words the engine gets right even alone: fewer than half of them here means the
        # utterance was lost (or mangled) on the way.
        if expected and sum(matched[a:b]) < math.ceil(expected / 2):
            missing.append(index)
    return errors, total, base_errors, missing


def slope_per_hour(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    x = np.array([p[0] for p in points]) / 3600
    y = np.array([p[1] for p in points])
    if np.ptp(x) == 0:
        return 0.0
    return float(np.polyfit(x, y, 1)[0])


def run(args: argparse.Namespace) -> dict:
    recordings = load_recordings()
    dictations = programme(args.minutes, args.per_dictation, args.seed, recordings)
    started = time.perf_counter()
    alone = baseline(recordings)
    baseline_s = time.perf_counter() - started
    work = Path(tempfile.mkdtemp(prefix="assistant-soak-"))
    try:
        return _run_child(args, work, dictations, alone, baseline_s)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _run_child(args, work: Path, dictations, alone, baseline_s: float) -> dict:  # type: ignore[no-untyped-def]
    home, plan = work / "home", work / "plan"
    home.mkdir()
    plan.mkdir()
    raw = work / "vmic.s16le"
    write_asoundrc(home, raw)
    entries = []
    for index, (samples, _utts) in enumerate(dictations):
        np.save(plan / f"d{index}.npy", samples)
        entries.append({"file": f"d{index}.npy", "seconds": len(samples) / RATE})
    (plan / "plan.json").write_text(json.dumps({"raw": str(raw), "dictations": entries}), encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "ASSISTANT_HOME": str(home / "assistant")}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    audio_done = [0.0]
    lines: list[str] = []
    samples: list[Sample] = []
    names: list[dict[str, int]] = []  # thread names at each idle sample
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(plan)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    t0 = time.monotonic()
    lock = threading.Lock()

    def take(idle: bool) -> None:
        got = probe(proc.pid)
        if got is not None:
            with lock:
                samples.append(Sample(time.monotonic() - t0, audio_done[0], *got, idle))
                if idle:
                    names.append(thread_names(proc.pid))

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            word = line.split()
            if word and word[0] == "stopped":
                audio_done[0] += entries[int(word[1])]["seconds"]
                take(True)
            elif word and word[0] == "ready":
                take(True)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        while proc.poll() is None:
            take(False)
            if time.monotonic() - t0 > args.timeout:
                raise SystemExit(f"soak: no end after {args.timeout:.0f} s")
            time.sleep(args.interval)
        thread.join(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    wall = time.monotonic() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0 or "done" not in lines:
        raise SystemExit(f"soak child failed (exit {proc.returncode}):\n{err[-4000:]}")

    db = sqlite3.connect(str(home / "assistant" / "data" / "history.sqlite3"))
    rows = dict(db.execute("SELECT id, text FROM dictations").fetchall())
    db.close()
    ids = [int(line.split()[2]) for line in lines if line.startswith("started")]
    per = []
    for index, ((audio, utts), entry_id) in enumerate(zip(dictations, ids, strict=True)):
        errors, words, base_errors, missing = score(rows.get(entry_id, ""), utts, alone)
        per.append(
            {
                "dictation": index,
                "audio_s": round(len(audio) / RATE, 1),
                "utterances": len(utts),
                "words": words,
                "errors": errors,
                "baseline_errors": base_errors,
                "missing": missing,
            }
        )
    result = _verdict(args, samples, per, wall, baseline_s, len(dictations))
    result["thread_names_idle"] = {
        "first": names[1] if len(names) > 1 else {},
        "last": names[-1] if names else {},
    }
    return result


def _verdict(
    args, samples: list[Sample], per: list[dict], wall: float, baseline_s: float, count: int
) -> dict:  # type: ignore[no-untyped-def]
    idle = [s for s in samples if s.idle][1:]  # [0] is "ready", before the first dictation
    # Warm-up: the first quarter of the dictations, and at least the first 10 minutes of audio
    # (idle RSS was seen to step up over the first three or four dictations, then stay flat).
    audio_ends = list(itertools.accumulate(p["audio_s"] for p in per))
    ten_min = next((k + 1 for k, end in enumerate(audio_ends) if end >= 600), count)
    warm = args.warmup if args.warmup else min(max(1, count // 4, ten_min), max(1, count - 1))
    after = idle[warm - 1 :] if len(idle) >= warm else idle
    rss_growth = after[-1].rss_mb - after[0].rss_mb if after else 0.0
    # Beyond what the process already held: freed memory stays mapped (the allocator keeps its
    # high-water mark, which depends on timing and load), a leak keeps climbing past it.
    warm_end = after[0].t if after else 0.0
    warm_peak = max((s.rss_mb for s in samples if s.t <= warm_end), default=0.0)
    above_peak = after[-1].rss_mb - warm_peak if after else 0.0
    words = sum(p["words"] for p in per)
    errors = sum(p["errors"] for p in per)
    base = sum(p["baseline_errors"] for p in per)
    audio = sum(p["audio_s"] for p in per)
    result = {
        "schema": "assistant.bench.soak",
        "schema_version": 1,
        "minutes": args.minutes,
        "dictations": count,
        "audio_s": round(audio, 1),
        "speech_utterances": sum(p["utterances"] for p in per),
        "wall_s": round(wall, 1),
        "baseline_decode_s": round(baseline_s, 1),
        "speed_x_real_time": round(audio / wall, 1) if wall else None,
        "load_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "warmup_dictations": warm,
        "rss_start_mb": round(after[0].rss_mb, 1) if after else None,
        "rss_end_mb": round(after[-1].rss_mb, 1) if after else None,
        "rss_growth_mb": round(rss_growth, 1),
        "rss_slope_mb_per_audio_hour": round(slope_per_hour([(s.audio_s, s.rss_mb) for s in after]), 1),
        "rss_peak_mb": round(max(s.rss_mb for s in samples), 1) if samples else None,
        "rss_warmup_peak_mb": round(warm_peak, 1),
        "rss_above_warmup_peak_mb": round(above_peak, 1),
        "threads_idle": sorted({s.threads for s in after}),
        "fds_idle": sorted({s.fds for s in after}),
        "children_idle": sorted({s.children for s in after}),
        "threads_max": max(s.threads for s in samples) if samples else None,
        "fds_max": max(s.fds for s in samples) if samples else None,
        "words": words,
        "wer": round(errors / max(1, words), 4),
        "baseline_wer": round(base / max(1, words), 4),
        "missing_utterances": sum(len(p["missing"]) for p in per),
        "per_dictation": per,
        "samples": [
            [round(s.t, 1), round(s.audio_s, 1), round(s.rss_mb, 1), s.threads, s.fds, s.children, s.idle]
            for s in samples
        ],
        "bounds": {
            "rss_growth_mb": args.rss_bound,
            "wer_margin": args.wer_margin,
            "count_slack": args.count_slack,
        },
    }
    checks = {
        "rss": rss_growth < args.rss_bound,
        "rss_above_warmup_peak": above_peak < args.rss_bound,
        # Library threads come and go (tqdm's monitor lives 10 s after Whisper's last progress
        # bar): a leak shows as a rise.
        "threads": _no_rise([s.threads for s in after], slack=args.count_slack),
        # Descriptors come and go by one or two (see the table): a leak shows as a rise.
        "fds": _no_rise([s.fds for s in after], slack=args.count_slack),
        "children": result["children_idle"] in ([0], []),
        "no_missing_utterance": result["missing_utterances"] == 0,
        "wer": result["wer"] <= result["baseline_wer"] + args.wer_margin,
    }
    result["checks"] = checks
    result["ok"] = all(checks.values())
    return result


def _no_rise(values: list[int], slack: int = 0) -> bool:
    """The second half never goes above the highest value of the first half (plus ``slack``)."""
    if len(values) < 2:
        return True
    half = len(values) // 2
    return max(values[half:]) <= max(values[:half]) + slack


def report(result: dict) -> None:
    print(f"{'t s':>7} {'audio s':>8} {'RSS MB':>7} {'threads':>7} {'fds':>4} {'kids':>4}")
    rows = result["samples"]
    step = max(1, len(rows) // 60)  # the idle rows always, and about 60 others
    for k, (t, audio, rss, threads, fds, kids, idle) in enumerate(rows):
        if idle or k % step == 0:
            mark = "  <- dictation ended" if idle else ""
            print(f"{t:7.1f} {audio:8.1f} {rss:7.1f} {threads:7d} {fds:4d} {kids:4d}{mark}")
    print()
    for p in result["per_dictation"]:
        print(
            f"dictation {p['dictation']}: {p['audio_s']:.0f} s audio, {p['utterances']} utterances, "
            f"{p['errors']}/{p['words']} word errors (decoded alone: {p['baseline_errors']}), "
            f"missing {p['missing'] or 'none'}"
        )
    print()
    print(
        f"{result['audio_s'] / 60:.1f} min of audio ({result['speech_utterances']} utterances) in "
        f"{result['dictations']} dictations, {result['wall_s']:.0f} s wall "
        f"({result['speed_x_real_time']}x real time); load {result['load_1min']} on {result['cpus']} CPUs"
    )
    print(
        f"RSS after warm-up ({result['warmup_dictations']} dictation(s)): {result['rss_start_mb']} -> "
        f"{result['rss_end_mb']} MB (growth {result['rss_growth_mb']} MB, bound "
        f"{result['bounds']['rss_growth_mb']} MB; slope {result['rss_slope_mb_per_audio_hour']} MB per "
        f"hour of audio); peak {result['rss_peak_mb']} MB; end vs. the peak during warm-up "
        f"({result['rss_warmup_peak_mb']} MB): {result['rss_above_warmup_peak_mb']:+} MB"
    )
    print(
        f"idle threads {result['threads_idle']} (max {result['threads_max']}), fds {result['fds_idle']} "
        f"(max {result['fds_max']}), child processes {result['children_idle']}"
    )
    print(
        f"WER {result['wer']:.3f} over {result['words']} words; each recording decoded alone: "
        f"{result['baseline_wer']:.3f} (margin {result['bounds']['wer_margin']}); missing utterances: "
        f"{result['missing_utterances']}"
    )
    print(f"threads by name, first and last idle sample: {result.get('thread_names_idle')}")
    failed = [name for name, ok in result["checks"].items() if not ok]
    print("verdict:", "PASS" if result["ok"] else "FAIL (" + ", ".join(failed) + ")")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=60.0, help="minutes of audio (default 60)")
    parser.add_argument("--per-dictation", type=float, default=5.0, help="minutes per dictation (default 5)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--warmup", type=int, default=0, help="dictations of warm-up (default: the first quarter)"
    )
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between samples (default 2)")
    parser.add_argument("--rss-bound", type=float, default=25.0, help="MB of idle RSS growth allowed")
    parser.add_argument(
        "--count-slack", type=int, default=1, help="threads/descriptors the later half may exceed by"
    )
    parser.add_argument("--wer-margin", type=float, default=0.03, help="WER allowed above decoding alone")
    parser.add_argument("--timeout", type=float, default=4 * 3600.0, help="give up after this many seconds")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (home, history)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return child(args.child)
    if args.minutes <= 0 or args.per_dictation <= 0 or args.interval <= 0:
        parser.error("--minutes, --per-dictation and --interval must be more than 0")
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        report(result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
