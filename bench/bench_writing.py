"""Writing help benchmark: keystrokes saved and key-press-to-list latency on unseen Danish prose.

    python bench/bench_writing.py [--sentences N] [--live N] [--kind gtk]

The text is the unseen tenth of Dasher's Danish prose (``corpus.unseen_part``, the part
``bench_context.py --part unseen`` uses): none of it is in the counts the product is built from,
and none of it was looked at while tuning.

1. Keystrokes saved (all unseen sentences, or the first N): each word is typed letter by letter
   and picked as soon as it is among the words shown (5, and 3); a pick costs one keystroke and
   types the space after the word. Saved per character = (letters and spaces not typed) /
   (letters and spaces). The product's words are what the window would show (the word tracker
   fed letter by letter, :class:`Suggester`, the previous word inside the sentence); the peer is
   onboard's da_DK model (its word and word-pair counts, as in bench_context.py), under the same
   rule: after a space inside a sentence the likely next words (before any letter), then a list
   after each letter; the first word of a sentence waits for its first letter; the exact typed
   word never counts as shown.
2. ``--live N``: the first N unseen sentences typed for real, one key at a time with xdotool, into
   a GTK field on a private Xvfb with the writing-help window running (real X RECORD, AT-SPI,
   Ctrl+Alt+digit picks through the inserter). Reports the keystrokes saved there, the field read
   back against the expected text, and key press (as X RECORD saw it) to list shown, p50/p95.

Lower-case comparison in part 1 (as bench_context.py); the live run needs the exact word.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from assistant.text import corpus
from assistant.text.writing import Suggester, TypingState


def saved_ratio(offered, sentences: list[str], shown: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    saved = chars = 0
    for sentence in sentences:
        previous = None
        for word in corpus.sentence_words(sentence):
            target = word.lower()
            chars += len(word) + 1
            # A list before the first letter only after a space inside a sentence (the window
            # shows the likely next words there); a sentence's first word waits for a letter.
            for typed in range(0 if previous else 1, len(word)):
                words = [w.lower() for w in offered(previous, word[:typed], shown)]
                if target in words:
                    saved += len(word) - typed
                    break
            previous = word
    return saved / max(chars, 1), chars


def product(suggester: Suggester):  # type: ignore[no-untyped-def]
    def offered(previous: str | None, prefix: str, n: int) -> list[str]:
        suggester.shown = n
        if not prefix:
            return list(suggester.following(TypingState("", previous, previous or "", " ")).words)
        return list(suggester.complete(TypingState(prefix, previous)).words)

    return offered


def peer():  # type: ignore[no-untyped-def]
    from bench_context import OnboardPeer

    onboard = OnboardPeer()

    def offered(previous: str | None, prefix: str, n: int) -> list[str]:
        return onboard(previous, prefix.lower(), n)

    return offered


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


KEY_SAMPLES = 60


def key_to_field(target, env: dict[str, str], count: int, pump=None) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds from starting ``xdotool type`` of one letter to the field holding it."""
    out = []
    text = "hus og tandlæge "
    for i in range(count):
        before = len(target.read())
        started = time.perf_counter()
        subprocess.run(
            ["xdotool", "type", "--delay", "0", text[i % len(text)]], env=env, check=True, timeout=30
        )
        while len(target.read()) == before and time.perf_counter() - started < 5:
            if pump is not None:
                pump()  # the GUI thread keeps showing the list, as in the tray
            time.sleep(0.001)
        out.append((time.perf_counter() - started) * 1000)
    return out


def live(sentences: list[str], kind: str) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.support.a11y import start_a11y_bus
    from tests.support.targets import set_keyboard_layout, start_target, start_xvfb

    work = Path(tempfile.mkdtemp(prefix="bench-writing-"))
    server = start_xvfb()
    bus = None
    target = None
    try:
        set_keyboard_layout(server.display, "dk")
        bus = start_a11y_bus(work, server.display)
        env = dict(server.env(), **bus.env(), ASSISTANT_HOME=str(work / "home"), LC_ALL="C.UTF-8")
        os.environ.update(env)
        qt = QApplication.instance() or QApplication(["bench", "-platform", "xcb"])
        from assistant.app import App
        from assistant.ui.writing_assist import WritingAssist

        target = start_target(kind, server.display, work, env, title="bench-writing")
        assist = WritingAssist(App.create(env))
        off = key_to_field(target, env, KEY_SAMPLES)
        if not assist.set_enabled(True):
            raise SystemExit("writing help could not start on the private display")
        time.sleep(4)  # the lexicon loads on the worker before the first key is answered
        on = key_to_field(target, env, KEY_SAMPLES, pump=qt.processEvents)
        subprocess.run(["xdotool", "key", "ctrl+a", "BackSpace"], env=env, check=True, timeout=30)
        deadline = time.monotonic() + 5
        while target.read() and time.monotonic() < deadline:
            time.sleep(0.02)
        print(
            f"\nkey press to character in the {kind} field (xdotool to the field's text, {KEY_SAMPLES} keys): "
            f"writing help off p50 {percentile(off, 0.5):.1f} ms p95 {percentile(off, 0.95):.1f} ms; "
            f"on p50 {percentile(on, 0.5):.1f} ms p95 {percentile(on, 0.95):.1f} ms; "
            f"difference of medians {percentile(on, 0.5) - percentile(off, 0.5):+.1f} ms"
        )
        result: dict[str, object] = {}
        failed: list[str] = []

        def key(*args: str) -> None:
            subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)

        def answered(serial_before: int) -> bool:
            with assist._lock:
                return assist._tracker.state.serial > serial_before and not assist._keys

        def settle(serial_before: int) -> None:
            deadline = time.monotonic() + 3
            while not answered(serial_before) and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.02)  # the GUI thread has moved the window too

        def typist() -> None:
            keys = chars = 0
            expected = ""
            try:
                for sentence in sentences:
                    for word in corpus.sentence_words(sentence):
                        chars += len(word) + 1
                        picked = False
                        for i, letter in enumerate(word):
                            serial = assist._tracker.state.serial
                            key("type", "--delay", "0", letter)
                            keys += 1
                            settle(serial)
                            offer = assist.window.offer
                            if i + 1 < len(word) and assist.window.isVisible() and word in offer.words:
                                done = threading.Event()
                                assist.inserted.connect(lambda _w, d=done: d.set())
                                key("key", f"ctrl+alt+{offer.words.index(word) + 1}")
                                keys += 1
                                picked = done.wait(5)
                                assist.inserted.disconnect()
                                if picked:
                                    break
                                failed.append(word)  # not put in: the rest is typed by hand
                                for rest in word[i + 1 :]:
                                    key("type", "--delay", "0", rest)
                                    keys += 1
                                break
                        if not picked:
                            serial = assist._tracker.state.serial
                            key("key", "space")
                            keys += 1
                            settle(serial)
                        expected += word + " "
                    serial = assist._tracker.state.serial
                    key("key", "Return")  # a new sentence: the field keeps each on its own line
                    settle(serial)
                    expected += "\n"  # after the space the pick (or the user) typed
                    time.sleep(0.3)
            finally:
                result.update(keys=keys, chars=chars, expected=expected)
                qt.quit()

        thread = threading.Thread(target=typist, daemon=True)
        thread.start()
        qt.exec()
        thread.join()
        assist.stop()
        time.sleep(1)
        got = target.read()
        keys, chars = int(result["keys"]), int(result["chars"])
        expected = str(result["expected"])
        lat = [s * 1000 for s in assist.latencies]
        print(f"\nlive, {kind} field, {len(sentences)} sentences, {chars} letters and spaces:")
        print(f"  keystrokes saved per character: {1 - keys / max(chars, 1):.1%} ({keys} keys for {chars})")
        print(f"  field read back equals the text typed: {got == expected}; picks not put in: {len(failed)}")
        if got != expected:
            import difflib

            diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), lineterm="", n=0)
            print("  " + "\n  ".join(list(diff)[:12]))
        print(
            f"  key press to list shown: p50 {percentile(lat, 0.5):.1f} ms, p95 {percentile(lat, 0.95):.1f} ms, "
            f"max {max(lat, default=float('nan')):.1f} ms ({len(lat)} keys)"
        )
    finally:
        if target is not None:
            target.stop()
        if bus is not None:
            bus.stop()
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=0, help="use only the first N unseen sentences")
    parser.add_argument(
        "--live", type=int, default=0, help="also type the first N sentences into a real field"
    )
    parser.add_argument("--kind", default="gtk", choices=("gtk", "qt", "chromium"), help="the live field")
    parser.add_argument("--no-simulation", action="store_true", help="only the live run")
    args = parser.parse_args()
    held = corpus.unseen_part("da")
    if not held:
        print("dasher-data is not installed (apt-get install dasher-data)", file=sys.stderr)
        return 2
    sentences = corpus.sentences(held)
    if args.sentences:
        sentences = sentences[: args.sentences]
    if not args.no_simulation:
        from bench_context import timed

        from assistant.text.service import open_spelling

        words = sum(len(corpus.sentence_words(s)) for s in sentences)
        print(f"unseen tenth of the Danish prose: {len(sentences)} sentences, {words} words\n")
        print("| predictor | shown | keystrokes saved per character | ms per list |")
        print("|---|---|---|---|")
        for name, offered in (
            ("product (writing help)", product(Suggester(open_spelling("da")))),
            ("onboard da_DK.lm", peer()),
        ):
            for shown in (5, 3):
                ratio, ms = timed(saved_ratio, offered, sentences, shown)
                print(f"| {name} | {shown} | {ratio:.1%} | {ms:.2f} |")
    if args.live:
        live(sentences[: args.live], args.kind)
    print(f"\ncpu: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
