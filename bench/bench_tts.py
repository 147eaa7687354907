"""Read-aloud benchmark: time to first audio, real-time factor and highlight timing error.

Run by hand: ``python bench/bench_tts.py [--language da|en] [--words 300] [--sink]``.

For the product (Reader over libespeak-ng, sentence by sentence, playback clock) and, in the same
run, a plain ``espeak-ng`` command and pyttsx3 (``save_to_file`` and word callbacks):

* first audio: request -> first sample at the loudspeaker (product, by the playback clock), or
  -> first PCM bytes out of ``espeak-ng --stdout``, or -> pyttsx3's file written (its driver
  synthesises the whole utterance before it plays anything on Linux);
* real-time factor: synthesis time / audio duration for the whole text;
* highlight error: when the "word" event fired minus when that word is heard. For pyttsx3, its
  word callbacks are compared with the word positions libespeak reports for the same text, voice
  and rate, taking the end of synthesis as the start of playback (generous to pyttsx3).

``--sink`` (or no output device) starts a private PulseAudio null sink (tests/support) so it runs
on a machine without a sound card. With the sink, the highlight is also measured from outside the
product (``bench/highlight_lag.py``): the reader bar reads into the sink, ``parec`` records its
monitor on a clock the product does not control, each word's sound is found in the recording by
cross-correlation, and lag = when the bar painted the word - when its sound was played.
Targets: first audio <= 150 ms, highlight lag p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DA_SENTENCES = [
    "Borgeren blev besøgt kl. 9.15 af hjemmeplejen, som f.eks. hjalp med morgenmaden.",
    "Hun har haft ca. 2,5 mg medicin i går, og det virker efter planen.",
    "Der er aftalt et nyt møde d. 14.03.2025 kl. 14.30 med lægen og den pårørende.",
    "I 3. kvartal faldt hun to gange, bl.a. på badeværelset, men kom ikke til skade.",
    "Vi har talt om, hvordan hjemmet kan indrettes, så det bliver lettere at gå rundt.",
    "Datteren ringer hver dag og kommer på besøg i weekenden, når hun har fri fra arbejde.",
    "Appetitten er god, og hun spiser det meste af maden, dog ikke kartofler.",
    "Hun sover godt om natten, men vågner tidligt og vil gerne have kaffe med det samme.",
]
EN_SENTENCES = [
    "The patient was seen at 9:15 by the home care team, who helped with breakfast.",
    "She has taken about 2.5 mg of her medicine each day, and it works as planned.",
    "A new meeting has been arranged on March 14 at 2:30 pm with the doctor and her daughter.",
    "In the third quarter she fell twice, e.g. in the bathroom, but was not hurt.",
    "We talked about how the home could be arranged so that it is easier to walk around.",
    "Her daughter calls every day and visits at the weekend when she is off work.",
    "Her appetite is good and she eats most of the food, except for potatoes.",
    "She sleeps well at night but wakes early and wants coffee straight away.",
]


def make_text(language: str, words: int) -> str:
    sentences = DA_SENTENCES if language == "da" else EN_SENTENCES
    out: list[str] = []
    count = 0
    index = 0
    while count < words:
        sentence = sentences[index % len(sentences)]
        out.append(sentence)
        count += len(sentence.split())
        index += 1
    return " ".join(out)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(value: float) -> str:
    return f"{value * 1000:7.1f} ms"


# -- the product -----------------------------------------------------------------------------------


def bench_product(text: str, language: str, voice: str, rate: int, play_words: int) -> dict[str, float]:
    from assistant.tts.espeak import EspeakSynthesizer
    from assistant.tts.reader import Reader, WordStarted, render

    synthesizer = EspeakSynthesizer()
    started = time.perf_counter()
    speech = render(synthesizer, text, language=language, voices={language: voice}, rate=rate)
    synth_seconds = time.perf_counter() - started

    events: list[tuple[float, WordStarted]] = []
    lock = threading.Lock()
    enough = threading.Event()

    def on_event(event: object) -> None:
        if isinstance(event, WordStarted):
            with lock:
                events.append((time.monotonic(), event))
                if len(events) >= play_words:
                    enough.set()

    result: dict[str, float] = {"rtf": synth_seconds / speech.duration, "audio_s": speech.duration}
    with Reader(EspeakSynthesizer(), on_event, voices={language: voice}, rate=rate) as cold_reader:
        cold = cold_reader.read(text, language)
        deadline = time.monotonic() + 10
        while cold not in cold_reader.first_audio and time.monotonic() < deadline:
            enough.wait(0.05)
        cold_reader.stop()
        cold_reader.wait_idle(5)
        result["first_audio_cold"] = cold_reader.first_audio.get(cold, float("nan"))
    with lock:
        events.clear()
    with Reader(synthesizer, on_event, voices={language: voice}, rate=rate) as reader:
        reader.prepare((language,))
        first = reader.read(text, language)
        enough.wait(120)
        reader.stop()
        reader.wait_idle(5)
        result["first_audio_prepared"] = reader.first_audio.get(first, float("nan"))
        with lock:
            lateness = [t - w.heard_at for t, w in events]
        warm: list[float] = []
        for _ in range(5):
            with lock:
                events.clear()
                enough.clear()
            utterance = reader.read(text, language)
            deadline = time.monotonic() + 10
            while utterance not in reader.first_audio and time.monotonic() < deadline:
                enough.wait(0.05)
            reader.stop()
            reader.wait_idle(5)
            warm.append(reader.first_audio.get(utterance, float("nan")))
    result["first_audio_warm_median"] = statistics.median(warm)
    result["first_audio_warm_max"] = max(warm)
    result["highlight_mean"] = statistics.mean(abs(x) for x in lateness)
    result["highlight_p95"] = pct([abs(x) for x in lateness], 0.95)
    result["highlight_max"] = max(abs(x) for x in lateness)
    result["highlight_words"] = len(lateness)
    return result


# -- plain espeak-ng -------------------------------------------------------------------------------


def bench_espeak_cli(text: str, voice: str, rate: int) -> dict[str, float]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["espeak-ng", "-v", voice, "-s", str(rate), "--stdout", text],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    first = proc.stdout.read(64)
    first_at = time.perf_counter() - started
    data = first + proc.stdout.read()
    proc.wait()
    total = time.perf_counter() - started
    duration = (len(data) - 44) / 2 / 22050
    return {"first_audio": first_at, "rtf": total / duration, "audio_s": duration}


# -- pyttsx3 (in its own process: on Linux it drives the same libespeak-ng) -------------------------

_PYTTSX3_SCRIPT = r"""
import json, os, re, sys, tempfile, time, wave
import pyttsx3
mode, text, voice, rate = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
engine = pyttsx3.init()
engine.setProperty("voice", voice)
engine.setProperty("rate", rate)
if mode == "save":
    # One save_to_file of 300 words writes nothing (pyttsx3 2.99 + espeak), so save sentence by
    # sentence, the way a reader would use it.
    folder = tempfile.mkdtemp()
    sentences = re.split(r"(?<=[.!?]) +", text)
    started = time.perf_counter()
    first, duration = None, 0.0
    for index, sentence in enumerate(sentences):
        path = os.path.join(folder, f"{index}.wav")
        engine.save_to_file(sentence, path)
        engine.runAndWait()
        first = first or time.perf_counter() - started
        with wave.open(path) as w:
            duration += w.getnframes() / w.getframerate()
    print(json.dumps({"first": first, "total": time.perf_counter() - started, "duration": duration}))
else:
    words = []
    engine.connect("started-word", lambda name, location, length: words.append((time.perf_counter(), location)))
    t0 = time.perf_counter()
    engine.say(text)
    engine.runAndWait()
    print(json.dumps({"words": [(t - t0, l) for t, l in words]}))
"""


def bench_pyttsx3(text: str, voice: str, rate: int, env: dict[str, str], say_words: int) -> dict[str, float]:
    from assistant.tts.espeak import EspeakSynthesizer

    def run(mode: str, body: str) -> dict | None:
        result = subprocess.run(
            [sys.executable, "-c", _PYTTSX3_SCRIPT, mode, body, voice, str(rate)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        return json.loads(lines[-1]) if result.returncode == 0 and lines else None

    out: dict[str, float] = {}
    saved = run("save", text)
    if saved:
        out.update(
            first_audio=saved["first"], rtf=saved["total"] / saved["duration"], audio_s=saved["duration"]
        )
    short = " ".join(text.split()[:say_words])
    said = run("say", short)
    if said and said["words"]:
        marks = EspeakSynthesizer().synthesize(short, voice=voice, rate=rate).marks
        synthesis_end = said["words"][-1][0]
        by_start = {m.start + 1: m.time for m in marks}  # pyttsx3 locations count from 1
        errors = [abs(t - (synthesis_end + by_start[loc])) for t, loc in said["words"] if loc in by_start]
        if errors:
            out.update(highlight_mean=statistics.mean(errors), highlight_p95=pct(errors, 0.95))
    return out


def bench_lag(sink, language: str, rate: int, words: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The reader bar's highlight against a recording of the sink's monitor."""
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp(prefix="bench-tts-home-"))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(REPO / "bench"))
    from highlight_lag import measure_bar, summary

    qt_app = QApplication.instance() or QApplication([])
    return summary(measure_bar(qt_app, sink, make_text(language, words), language, rate))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("da", "en"), default="da")
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--rate", type=int, default=160)
    parser.add_argument("--play-words", type=int, default=40, help="words to play for the highlight error")
    parser.add_argument("--sink", action="store_true", help="play into a private PulseAudio null sink")
    parser.add_argument("--lag-words", type=int, default=300, help="words read for the recorded lag")
    args = parser.parse_args()
    voice = "gmq/da" if args.language == "da" else "gmw/en-US"
    text = make_text(args.language, args.words)

    sink = None
    if args.sink:
        from tests.support.playback_sink import PulseNullSink

        sink = PulseNullSink(Path(tempfile.mkdtemp(prefix="bench-sink-"))).start()
        os.environ["PULSE_SERVER"] = sink.server
    try:
        print(f"text: {len(text.split())} words, language {args.language}, voice {voice}, {args.rate} wpm")
        product = bench_product(text, args.language, voice, args.rate, args.play_words)
        plain = bench_espeak_cli(text, voice, args.rate)
        pyttsx3 = bench_pyttsx3(text, voice, args.rate, dict(os.environ), args.play_words)
        lag = bench_lag(sink, args.language, args.rate, args.lag_words) if sink is not None else None
    finally:
        if sink is not None:
            sink.stop()

    print()
    print(f"{'':34}{'product':>14}{'espeak-ng CLI':>16}{'pyttsx3':>14}")
    print(
        f"{'first audio (cold)':34}{ms(product['first_audio_cold']):>14}{ms(plain['first_audio']):>16}"
        f"{ms(pyttsx3.get('first_audio', float('nan'))):>14}"
    )
    print(f"{'first audio (prepared reader)':34}{ms(product['first_audio_prepared']):>14}")
    print(f"{'first audio (warm, median of 5)':34}{ms(product['first_audio_warm_median']):>14}")
    print(f"{'first audio (warm, max of 5)':34}{ms(product['first_audio_warm_max']):>14}")
    print(
        f"{'real-time factor (whole text)':34}{product['rtf']:>14.4f}{plain['rtf']:>16.4f}"
        f"{pyttsx3.get('rtf', float('nan')):>14.4f}"
    )
    print(
        f"{'highlight error mean':34}{ms(product['highlight_mean']):>14}{'n/a':>16}"
        f"{ms(pyttsx3.get('highlight_mean', float('nan'))):>14}"
    )
    print(
        f"{'highlight error p95':34}{ms(product['highlight_p95']):>14}{'n/a':>16}"
        f"{ms(pyttsx3.get('highlight_p95', float('nan'))):>14}"
    )
    print(f"{'highlight error max':34}{ms(product['highlight_max']):>14}")
    if lag is not None:
        print(f"{'lag vs recording: words found':34}{lag['matched']:>10} / {lag['words']}")
        for key, label in (("mean", "mean"), ("median", "median"), ("p95", "p95"), ("max", "max")):
            print(f"{'lag vs recording: ' + label:34}{ms(lag[key]):>14}")
        print(f"{'reader clock vs recording p95':34}{ms(lag['clock_error_p95']):>14}")
    print(
        f"{'audio duration':34}{product['audio_s']:>12.1f} s{plain['audio_s']:>14.1f} s{pyttsx3.get('audio_s', 0):>12.1f} s"
    )
    print()
    ratio = plain["first_audio"] / product["first_audio_warm_median"]
    print(f"first audio, espeak-ng CLI / product (warm): {ratio:.2f}x")
    if "highlight_mean" in pyttsx3:
        print(
            f"highlight error, pyttsx3 / product: {pyttsx3['highlight_mean'] / product['highlight_mean']:.0f}x"
        )
    highlight_p95 = lag["abs_p95"] if lag is not None else product["highlight_p95"]
    ok = product["first_audio_warm_median"] <= 0.150 and highlight_p95 <= 0.050
    print(f"targets (first audio <= 150 ms, highlight p95 <= 50 ms): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Qt and PortAudio threads can crash the interpreter's final garbage collection; the figures
    # are printed by now.
    os._exit(code)
