"""Speed of the transducer engine next to Whisper, before anyone downloads a model.

Run by hand (first run builds the models, ~3 GB on disk, a few minutes on two cores):

    .venv/bin/python bench/bench_transducer.py [--work DIR] [--runs 3]

The speed of a network does not depend on its weight values, so this builds random-weight
models of the published shapes and times them on the same Danish recording:

* ekko-v1-tiny shape (NeMo FastConformer RNN-T, 110 M: 17 layers, d_model 512, 80 mel bins,
  1024 pieces; int8 weights as the sherpa-onnx conversions ship) through the product's
  TransducerEngine (sherpa-onnx);
* parakeet-tdt-0.6b-v3 shape (24 layers, d_model 1024, 128 mel bins, 8192 pieces, TDT durations
  0-4; int8) through the same engine;
* the Whisper base starter (real weights, the product's default), a Whisper
  large-v3-turbo-shaped model (32 encoder layers of 1280, 4 decoder layers, 128 mel bins,
  vocabulary 51866) and a large-v3-shaped one (32 decoder layers: the shape of the Danish
  fine-tunes hviske-v2 and roest), float16 weights loaded as int8 as the published CTranslate2
  conversions are, in faster-whisper as the product's Whisper engine runs them (beam 5, language
  pinned).

Random weights decide nothing about how many words come out, so every model is made to write
the same number of tokens (``--tokens``, 30: about what the 17 Danish words of the clip take):
the transducers through a wired path that emits that many pieces, Whisper by forbidding the
end token until that many are written. Every model runs in its own process (so peak memory is
per model) with all cores, on the same clip, in rounds (each model once per round) so that a
change in the machine's load hits every model alike; figures are medians over the rounds.

Measured: load time; real-time factor of decoding the 5.8 s utterance and a 16 s one; key
release to text (the product's recogniser has been fed the utterance up to the end of speech,
live previews included; the time is its flush, i.e. the final decode once the key is let go);
memory (resident after loading, and peak, above the interpreter's own).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.audio.files import read_audio  # noqa: E402

EVAL = REPO.parent / "shared" / "eval" / "speech"
RATE = 16000
CLIPS = ["da/danspeech_nst_u0042008.wav", "da/danspeech_nst_u0013002.wav"]
MODELS = [
    "whisper-base",
    "whisper-large-v3-turbo-shape",
    "whisper-large-v3-shape",
    "ekko-v1-tiny-shape",
    "parakeet-tdt-0.6b-v3-shape",
]
EOT = 50257  # Whisper's end-of-text token


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report its parent's.
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- building the models ---------------------------------------------------------------------------


def build_transducers(work: Path, tokens: int) -> dict[str, Path]:
    from tests.support.make_transducer import EKKO_TINY, PARAKEET_TDT_V3, build_transducer

    script = tuple(f"w{i}" for i in range(tokens))
    out = {}
    for name, shape in (("ekko-v1-tiny-shape", EKKO_TINY), ("parakeet-tdt-0.6b-v3-shape", PARAKEET_TDT_V3)):
        folder = work / name
        if not (folder / "tokens.txt").is_file():
            started = time.perf_counter()
            build_transducer(folder, shape, wired=True, script=script)
            print(f"built {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        out[name] = folder
    return out


def build_whisper_shaped(folder: Path, base: Path, dec_layers: int = 4) -> Path:
    """A CTranslate2 Whisper of large-v3-turbo's shape (``dec_layers`` 32: large-v3's, the shape
    of the Danish fine-tunes hviske-v2 and roest) with random weights (float16)."""
    if (folder / "model.bin").is_file():
        return folder
    import shutil

    from ctranslate2.specs import WhisperSpec

    d, heads, enc_layers, vocab, mels = 1280, 20, 32, 51866, 128
    rng = np.random.default_rng(0)
    spec = WhisperSpec(enc_layers, heads, dec_layers, heads)
    shapes = {
        "encoder/conv1/weight": (d, mels, 3),
        "encoder/conv1/bias": (d,),
        "encoder/conv2/weight": (d, d, 3),
        "encoder/conv2/bias": (d,),
        "encoder/position_encodings/encodings": (1500, d),
        "decoder/embeddings/weight": (vocab, d),
        "decoder/position_encodings/encodings": (448, d),
        "decoder/projection/weight": (vocab, d),
    }

    def shape_of(name: str) -> tuple[int, ...] | None:
        if name in shapes:
            return shapes[name]
        leaf = name.rsplit("/", 2)
        if name.endswith(("/gamma", "/beta")):
            return (d,)
        if "/self_attention/linear_0/" in name:  # fused q, k, v
            return (3 * d, d) if name.endswith("weight") else (3 * d,)
        if "/attention/linear_1/" in name and "self_attention" not in name:  # fused k, v of cross-attention
            return (2 * d, d) if name.endswith("weight") else (2 * d,)
        if "/ffn/linear_0/" in name:
            return (4 * d, d) if name.endswith("weight") else (4 * d,)
        if "/ffn/linear_1/" in name:
            return (d, 4 * d) if name.endswith("weight") else (d,)
        if "/linear_" in name:
            return (d, d) if leaf[-1] == "weight" else (d,)
        return None

    def fill(layer, name, value):
        optional = isinstance(value, str) and (name.endswith("/bias") or name in shapes)
        if (value is not None and not optional) or name.endswith("/projection/bias"):
            return
        shape = shape_of(name)
        if shape is None:
            return
        scale = 1.0 if name.endswith("/gamma") else 0.02
        array = (rng.standard_normal(shape, dtype=np.float32) * scale).astype(np.float32)
        if name.endswith("/beta") or name.endswith("/bias"):
            array[:] = 0.0
        setattr(layer, name.rsplit("/", 1)[-1], array)

    spec._visit(fill)
    spec.config.suppress_ids = []
    spec.config.suppress_ids_begin = [220, EOT]
    spec.config.lang_ids = list(range(50259, 50359))
    spec.config.alignment_heads = [
        (layer, h) for layer in range(dec_layers // 2, dec_layers) for h in range(heads)
    ]
    tokens = (base / "vocabulary.txt").read_text(encoding="utf-8").splitlines()
    spec.register_vocabulary(tokens + [f"<|extra{i}|>" for i in range(vocab - len(tokens))])
    spec.validate()
    spec.optimize(quantization="float16")
    part = folder.with_name(folder.name + ".part")  # an interrupted build is never taken for a model
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    spec.save(str(part))
    shutil.copy(base / "tokenizer.json", part / "tokenizer.json")
    (part / "preprocessor_config.json").write_text(
        json.dumps(
            {"feature_size": mels, "sampling_rate": RATE, "hop_length": 160, "chunk_length": 30, "n_fft": 400}
        ),
        encoding="utf-8",
    )
    os.replace(part, folder)
    return folder


def whisper_base(work: Path) -> Path:
    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models

    model = next(m for m in packaged_models() if m.name == "whisper-base")
    return ensure_local(model, work)


# -- one model, in its own process ---------------------------------------------------------------


def speech_end(samples: np.ndarray) -> int:
    """Where the speaker lets go of the key: the end of the clip's first utterance as the product
    cuts it (the pause that would close it is not fed, so the final decode happens at release)."""
    from assistant.stt.vad import Segmenter

    segmenter = Segmenter(end_silence_ms=500)
    utterances = segmenter.feed(samples) or segmenter.flush()
    first = utterances[0]
    return int(first.start * RATE) + len(first.samples) - (segmenter.last_quiet_ms * RATE) // 1000


def child(name: str, path: Path, runs: int, tokens: int) -> dict[str, object]:
    short = read_audio(EVAL / CLIPS[0])
    long = np.concatenate([read_audio(EVAL / c) for c in CLIPS] + [short])
    spoken = short[: speech_end(short)]
    base_rss = rss_mb()
    result: dict[str, object] = {"model": name}
    if name.startswith("whisper"):
        from assistant.stt.whisper_engine import load_model, speech_seconds

        started = time.perf_counter()
        model = load_model(path)
        result["load_s"] = time.perf_counter() - started

        def final(audio: np.ndarray) -> str:
            # What the Whisper engine does at the end of an utterance: the speech check, then
            # beam 5 with the language pinned; here made to write exactly ``tokens`` tokens.
            speech_seconds(audio)
            segments, _ = model.transcribe(  # type: ignore[attr-defined]
                audio.astype(np.float32) / 32768.0,
                language="da",
                task="transcribe",
                beam_size=5,
                temperature=0.0,
                condition_on_previous_text=False,
                vad_filter=False,
                without_timestamps=True,
                max_new_tokens=tokens,
                suppress_tokens=[-1, EOT],
            )
            return " ".join(s.text for s in segments)

        decode_short = decode_long = final
        release = lambda: final(spoken)  # noqa: E731  (the pending utterance is decoded at release)
    else:
        from assistant.stt.transducer_engine import TransducerEngine, load_model

        started = time.perf_counter()
        model = load_model(path)
        result["load_s"] = time.perf_counter() - started
        decode_short = decode_long = lambda audio: model.decode(audio).text

        def release() -> str:
            recognizer = TransducerEngine().recognizer(path, "da", live=True)
            for offset in range(0, len(spoken), 1600):
                recognizer.accept(spoken[offset : offset + 1600])  # live previews, as while speaking
            begun = time.perf_counter()
            text = " ".join(s.text for s in recognizer.flush())
            release.seconds = time.perf_counter() - begun  # type: ignore[attr-defined]
            return text

    result["rss_after_load_mb"] = rss_mb() - base_rss
    decode_short(short)  # warm up
    timings = {"short": [], "long": [], "release": [], "cpu_short": []}
    for _ in range(runs):
        for key, fn, audio in (("short", decode_short, short), ("long", decode_long, long)):
            begun, cpu = time.perf_counter(), time.process_time()
            fn(audio)
            timings[key].append((time.perf_counter() - begun) / (len(audio) / RATE))
            if key == "short":  # CPU seconds per audio second: barely moved by other work on the cores
                timings["cpu_short"].append((time.process_time() - cpu) / (len(audio) / RATE))
        begun = time.perf_counter()
        text = release()
        seconds = getattr(release, "seconds", time.perf_counter() - begun)
        timings["release"].append(seconds)
    result["words_out"] = len(text.split())
    result["rtf_short"] = float(np.median(timings["short"]))
    result["rtf_long"] = float(np.median(timings["long"]))
    result["cpu_short"] = float(np.median(timings["cpu_short"]))
    result["release_s"] = float(np.median(timings["release"]))
    result["peak_mb"] = peak_mb() - base_rss
    result["short_s"] = len(short) / RATE
    result["long_s"] = len(long) / RATE
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work", type=Path, default=Path.home() / ".cache" / "assistant-bench" / "transducer"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=30)
    parser.add_argument("--models", nargs="*", default=MODELS, choices=MODELS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.path, args.runs, args.tokens)))
        return 0

    args.work.mkdir(parents=True, exist_ok=True)
    paths = {"whisper-base": whisper_base(args.work)}
    if "whisper-large-v3-turbo-shape" in args.models:
        started = time.perf_counter()
        paths["whisper-large-v3-turbo-shape"] = build_whisper_shaped(
            args.work / "whisper-large-v3-turbo-shape", paths["whisper-base"]
        )
        print(f"whisper large-v3-turbo shape ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if "whisper-large-v3-shape" in args.models:
        paths["whisper-large-v3-shape"] = build_whisper_shaped(
            args.work / "whisper-large-v3-shape", paths["whisper-base"], dec_layers=32
        )
    paths.update(build_transducers(args.work, args.tokens))

    # Rounds, each model once per round, so a change in the machine's load (other work on the
    # same cores) hits every model alike; each figure is the median over the rounds.
    load_before = os.getloadavg()
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in args.models}
    loads = []
    for round_ in range(args.runs):
        for name in args.models:
            cmd = [sys.executable, __file__, "--child", name, "--path", str(paths[name])]
            cmd += ["--runs", "1", "--tokens", str(args.tokens)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{name} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            loads.append(os.getloadavg()[0])
            print(f"round {round_ + 1}: measured {name}", file=sys.stderr)
    load_after = os.getloadavg()
    rows = []
    for results in runs.values():
        if results:
            row = {
                k: (float(np.median([r[k] for r in results])) if isinstance(v, float) else v)
                for k, v in results[0].items()
            }
            rows.append(row)

    base = next((r for r in rows if r["model"] == "whisper-base"), None)
    print(
        f"\n{os.cpu_count()} cores; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, "
        f"{min(loads, default=0):.1f}-{max(loads, default=0):.1f} during"
    )
    print(
        f"clip {rows[0]['short_s']:.1f} s and {rows[0]['long_s']:.1f} s of Danish; {args.tokens} tokens out; "
        f"median of {args.runs} rounds\n"
    )
    header = (
        "| model | load s | RTF 5.8 s | RTF 16 s | CPU s per audio s | key release to text s "
        "| RSS after load MB | peak MB | RTF vs Whisper base |"
    )
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for r in rows:
        ratio = f"{r['rtf_short'] / base['rtf_short']:.2f}x" if base else "-"
        print(
            f"| {r['model']} | {r['load_s']:.2f} | {r['rtf_short']:.3f} | {r['rtf_long']:.3f} | {r['cpu_short']:.2f} | "
            f"{r['release_s']:.2f} | {r['rss_after_load_mb']:.0f} | {r['peak_mb']:.0f} | {ratio} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
