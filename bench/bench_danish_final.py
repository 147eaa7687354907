"""Danish final decode with the starter model: full 30 s window against short windows.

Run by hand (a few minutes on two cores):

    .venv/bin/python bench/bench_danish_final.py [--rounds 5] [--pads 3000,1000,500]

The product's live dictation recogniser (multilingual Whisper base, language pinned to Danish,
as a dictation uses it) is fed each held-out Danish recording plus 0.3 s of silence (the speaker
stops, the key is released), then ``flush()``: the time ``flush()`` takes is the final decode the
user waits for after releasing the key (speculative decoding during the pause is switched off
here, so this is the whole decode; with it on the text can come up to 0.2 s sooner; a preview
still running at release adds to it, which bench/bench_dictation.py measures). It includes the
word-confidence pass. Each window (``FINAL_PAD_FRAMES["da"]``, in 10 ms frames of padding after
the audio; 3000 = Whisper's full window, today's Danish setting) is run in the same rounds on the
same recordings, interleaved so that load hits all alike; WER is over every run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pads", default="3000,1000,500")
    parser.add_argument("--beams", default="5", help="beam sizes of the final decode (the product uses 5)")
    parser.add_argument("--eval", type=Path, default=Path("/work/shared/eval"))
    args = parser.parse_args()

    from assistant.audio.files import read_audio
    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models
    from assistant.stt import confidence, whisper_engine, whisper_window
    from assistant.stt.whisper_engine import WhisperEngine
    from assistant.text.wer import word_errors

    scratch = Path(os.environ.get("BENCH_SCRATCH", "/tmp/bench-danish"))
    scratch.mkdir(parents=True, exist_ok=True)
    model = ensure_local(next(m for m in packaged_models() if m.name == "whisper-base"), scratch)
    rows = [
        line.split("\t")
        for line in (args.eval / "speech" / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    clips = [(args.eval / "speech" / r[0], r[3]) for r in rows if r[1] == "da"]
    variants = [(int(p), int(b)) for p in args.pads.split(",") for b in args.beams.split(",")]
    engine = WhisperEngine()
    conf_seconds: list[float] = []
    original = confidence.attach_whisper

    def timed_attach(*a, **k):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            conf_seconds.append(time.perf_counter() - started)

    whisper_engine.attach_whisper = timed_attach  # type: ignore[assignment]
    results: dict[tuple[int, int], dict[str, list]] = {
        v: {"times": [], "errors": [], "words": [], "long": [], "cpu": []} for v in variants
    }
    load = os.getloadavg()
    for _ in range(args.rounds):
        for wav, reference in clips:
            audio = read_audio(wav)
            # The speaker stops at the last loud 30 ms frame (above -40 dBFS) and releases the key
            # 0.3 s later: the recording's own trailing silence would end the utterance before.
            frames = audio[: len(audio) // 480 * 480].reshape(-1, 480).astype(np.float32)
            loud = np.nonzero(20 * np.log10(np.sqrt((frames**2).mean(axis=1)) / 32768 + 1e-9) > -40)[0]
            spoken = audio[: int((loud[-1] + 1) * 480)] if len(loud) else audio
            stream = np.concatenate([spoken, np.zeros(int(0.3 * 16000), dtype=np.int16)])
            for pad, beam in variants:
                if pad >= whisper_window.WINDOW_FRAMES:
                    whisper_window.FINAL_PAD_FRAMES.pop("da", None)
                else:
                    whisper_window.FINAL_PAD_FRAMES["da"] = pad
                recognizer = engine.recognizer(model, "da")
                recognizer.speculate_ms = 10**9  # no speculative decode: flush does the whole decode
                recognizer.beam_size = beam
                texts = []
                early = early_cpu = 0.0  # an utterance ended by a pause inside the recording is decoded then
                for offset in range(0, len(stream), 1600):
                    started, cpu_at = time.perf_counter(), time.process_time()
                    finals = [
                        r.text for r in recognizer.accept(stream[offset : offset + 1600]) if hasattr(r, "end")
                    ]
                    if finals:
                        early, early_cpu = time.perf_counter() - started, time.process_time() - cpu_at
                    texts += finals
                started, cpu_at = time.perf_counter(), time.process_time()
                texts += [s.text for s in recognizer.flush()]
                took, cpu = time.perf_counter() - started, time.process_time() - cpu_at
                if not texts[-1:] or took < 0.05:  # the last decode was at a pause before the release
                    took, cpu = max(took, early), max(cpu, early_cpu)
                errors, words = word_errors(reference, " ".join(texts), "da")
                r = results[(pad, beam)]
                r["times"].append(took)
                r["errors"].append(errors)
                r["words"].append(words)
                if len(audio) / 16000 > 5.5:
                    r["long"].append(took)
                    r["cpu"].append(cpu)
    whisper_window.FINAL_PAD_FRAMES.pop("da", None)
    end_load = os.getloadavg()
    print(
        f"load average at start {load[0]:.2f} / {load[1]:.2f}, at end {end_load[0]:.2f} / {end_load[1]:.2f}"
    )
    print(
        f"{len(clips)} Danish recordings x {args.rounds} rounds; model whisper-base, beam 5, int8, live recogniser"
    )
    print(
        "| final window | beam | WER | final decode s, all (median / max) | 5.8 s clip s (median / max) | 5.8 s clip CPU s |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for pad, beam in variants:
        r = results[(pad, beam)]
        wer = sum(r["errors"]) / max(1, sum(r["words"]))
        name = "full 30 s" if pad >= whisper_window.WINDOW_FRAMES else f"audio + {pad / 100:g} s"
        print(
            f"| {name} | {beam} | {wer:.1%} ({sum(r['errors'])}/{sum(r['words'])}) | "
            f"{statistics.median(r['times']):.2f} / {max(r['times']):.2f} | "
            f"{statistics.median(r['long']):.2f} / {max(r['long']):.2f} | {statistics.median(r['cpu']):.2f} |"
        )
    if conf_seconds:
        print(
            f"word-confidence pass (in the figures above): median {statistics.median(conf_seconds) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
