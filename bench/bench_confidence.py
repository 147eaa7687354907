"""Unsure-word benchmark: are the words the recogniser marks "unsure" the words it got wrong?

Run by hand (about a minute on two cores):

    .venv/bin/python bench/bench_confidence.py [--eval DIR]

For every held-out recording of ``shared/eval/speech`` (English and Danish), the product's own
recogniser (the starter models: English tiny.en and the multilingual base, Danish base with the
language pinned) transcribes the file as ``assistant transcribe`` does; each recognised word is
aligned with the reference transcript (case and punctuation ignored, minimum edit distance), and
is *wrong* when it is a substitution or an insertion. Per language it prints:

* recall: the share of wrong words that were marked unsure;
* precision: the share of marked words that were wrong;
* the reference words the recogniser dropped (no word exists to mark: not in either figure);
* the extra time the confidence pass takes per utterance (it runs after each final decode).

The thresholds are the shipped ones (assistant/stt/confidence.py), fixed before this was run.
The sweep printed after them is on the same recordings: it shows the trade-off, it is not a
tuning result.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_PUNCT = re.compile(r"[^\w\s']+")


def _norm(word: str) -> str:
    return _PUNCT.sub("", word.lower()).strip()


def label_wrong(reference: list[str], hypothesis: list[str]) -> tuple[list[bool], int]:
    """Per hypothesis word: wrong (substituted or inserted)? And how many reference words were
    deleted. Minimum edit distance with a backtrace; ties prefer a match or substitution."""
    n, m = len(reference), len(hypothesis)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]),
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
            )
    wrong = [True] * m
    deleted = 0
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and cost[i][j] == cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            wrong[j - 1] = reference[i - 1] != hypothesis[j - 1]
            i, j = i - 1, j - 1
        elif j > 0 and cost[i][j] == cost[i][j - 1] + 1:
            wrong[j - 1] = True
            j -= 1
        else:
            deleted += 1
            i -= 1
    return wrong, deleted


def _samples(eval_dir: Path) -> list[tuple[Path, str, str]]:
    rows = []
    lines = (eval_dir / "speech" / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t"), strict=False))
        rows.append((eval_dir / "speech" / row["file"], row["language"], row["transcript"]))
    return rows


def _model(name: str, scratch: Path) -> Path:
    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models

    model = next(m for m in packaged_models() if m.name == name)
    return ensure_local(model, scratch) if model.path is None or name == "whisper-base" else model.path


def run(eval_dir: Path, verbose: bool = False) -> int:
    from assistant.audio.files import read_audio
    from assistant.stt import confidence
    from assistant.stt.whisper_engine import WhisperEngine
    from assistant.text.wer import normalise

    scratch = Path(os.environ.get("BENCH_SCRATCH", "/tmp/bench-confidence"))
    scratch.mkdir(parents=True, exist_ok=True)
    setups = [("en", "whisper-tiny.en"), ("en", "whisper-base"), ("da", "whisper-base")]
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    for language, model_name in setups:
        recognizer_factory = WhisperEngine()
        path = _model(model_name, scratch)
        scored: list[tuple[float, bool]] = []
        deleted = refs = 0
        extra: list[float] = []
        for wav, lang, transcript in _samples(eval_dir):
            if lang != language:
                continue
            recognizer = recognizer_factory.recognizer(path, language, live=False)
            samples = read_audio(wav)
            segments = []
            for offset in range(0, len(samples), 8000):
                segments.extend(
                    r for r in recognizer.accept(samples[offset : offset + 8000]) if hasattr(r, "words")
                )
            segments.extend(recognizer.flush())
            words = [w for s in segments for w in s.words if _norm(w.text)]
            # The WER normalisation (case, punctuation, numbers as digits) on both sides.
            reference = normalise(transcript, language)
            wrong, dropped = label_wrong(reference, [" ".join(normalise(w.text, language)) for w in words])
            if verbose:
                print(
                    f"  {wav.name}: "
                    + " ".join(
                        f"{w.text}[{w.probability:.2f}{'!' if bad else ''}]"
                        for w, bad in zip(words, wrong, strict=True)
                    )
                )
            deleted += dropped
            refs += len(reference)
            scored.extend((w.probability, bad) for w, bad in zip(words, wrong, strict=True))
            # The confidence pass alone, timed again on the same segments.
            audio = samples.astype(np.float32) / 32768.0
            rel = [confidence._Rel(s.text, s.start, s.end) for s in segments]
            started = time.perf_counter()
            confidence.whisper_words(recognizer.model, recognizer._tokenizer(), audio, rel, 0.0)
            extra.append(time.perf_counter() - started)
        threshold = confidence.UNSURE_BELOW["whisper"]
        _report(f"{language} ({model_name})", scored, threshold, deleted, refs, extra)
    return 0


def _figures(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int, int]:
    marked = [bad for p, bad in scored if p < threshold]
    wrong = sum(bad for _, bad in scored)
    return sum(marked), len(marked), wrong, len(scored)


def _report(
    label: str,
    scored: list[tuple[float, bool]],
    threshold: float,
    deleted: int,
    refs: int,
    extra: list[float],
) -> None:
    hit, marked, wrong, words = _figures(scored, threshold)
    recall = hit / wrong if wrong else float("nan")
    precision = hit / marked if marked else float("nan")
    print(f"\n{label}: {words} recognised words, {wrong} wrong; {deleted} of {refs} reference words dropped")
    print(
        f"  shipped threshold p < {threshold:g}: {marked} marked unsure, {hit} of them wrong -> "
        f"recall {recall:.0%} ({hit}/{wrong}), precision {precision:.0%} ({hit}/{marked})"
    )
    print(
        f"  confidence pass: {np.median(extra) * 1000:.0f} ms median per recording (max {max(extra) * 1000:.0f} ms)"
    )
    sweep = []
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        h, m, w, _ = _figures(scored, t)
        sweep.append(f"{t:g}: R {h}/{w} P {h}/{m}")
    print("  sweep on the same words (not for tuning): " + "; ".join(sweep))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--words", action="store_true", help="print each recognised word, its probability, ! if wrong"
    )
    args = parser.parse_args()
    eval_dir = args.eval if args.eval.exists() else Path("/work/shared/eval")
    return run(eval_dir, args.words)


if __name__ == "__main__":
    raise SystemExit(main())
