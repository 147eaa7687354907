"""Benchmark text insertion: characters per second and exactness per backend and target,
next to ``xdotool type`` at its default delay, all in the same run on a private Xvfb.

    python bench/bench_inject.py [--layout dk] [--chars 2000] [--targets qt,xterm,gtk,chromium]
                                 [--text danish|offlayout]

``--text offlayout``: 200 distinct Latin Extended-A, Greek and Cyrillic characters (none on a
dk or us key, more than the spare keycodes, so XTest must remap in batches) plus a Danish note
with foreign names.

"chars/s" is end to end: from the start of the call until the target holds the whole text
(read back from the program itself, polled while the call runs). "send" is how long the call
took: for xtest it includes giving the borrowed keymap back after the target handled the keys.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.targets import KINDS, danish_text, set_keyboard_layout, start_target, start_xvfb


def _assistant(backend: str, env: dict[str, str]):
    from assistant.inject.inserter import Inserter

    inserter = Inserter(None, env, backend=backend)

    def run(text: str) -> None:
        inserter.begin()  # as the product does: remember the window that has focus now
        inserter.insert(text)

    # Closing restores a borrowed keymap after a grace period; done after the text landed.
    return run, inserter.close


def _xdotool(env: dict[str, str]):
    def run(text: str) -> None:
        subprocess.run(["xdotool", "type", "--file", "-"], input=text.encode("utf-8"), env=env, check=True)

    return run, lambda: None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--layout", default="dk")
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--targets", default=",".join(KINDS))
    parser.add_argument("--backends", default="xtest,clipboard,xdotool")
    parser.add_argument("--text", choices=("danish", "offlayout"), default="danish")
    args = parser.parse_args()
    if args.text == "offlayout":
        from tests.e2e.test_inject_safety import NOTE, OFF_LAYOUT

        text = OFF_LAYOUT + "\n" + NOTE
    else:
        text = danish_text(args.chars)
    server = start_xvfb()
    env = server.env()
    work = Path(tempfile.mkdtemp(prefix="bench-inject-"))
    rows = []
    try:
        set_keyboard_layout(server.display, args.layout)
        for backend in args.backends.split(","):
            for kind in args.targets.split(","):
                target = start_target(kind, server.display, work, env, title=f"{backend}-{kind}")
                try:
                    run, close = _xdotool(env) if backend == "xdotool" else _assistant(backend, env)
                    finished: list[float] = []

                    def call(run=run, finished=finished, name=f"{backend} {kind}") -> None:
                        try:
                            run(text)
                        except Exception as exc:  # report and go on with the next pair
                            print(f"{name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                        finished.append(time.monotonic())

                    # The call returns only after the borrowed keymap is given back (a grace
                    # period); "landed" is when the target program holds the whole text.
                    start = time.monotonic()
                    worker = threading.Thread(target=call)
                    worker.start()
                    got, waited = target.wait_for(text, timeout=60, settle=0.3)
                    worker.join()
                    sent = finished[0] - start
                    close()
                    landed = waited if got == text else float("nan")
                    ratio = difflib.SequenceMatcher(None, text, got, autojunk=False).ratio()
                    rows.append((backend, kind, sent, landed, got == text, ratio, len(got)))
                    print(f"{backend:9} {kind:8} done", file=sys.stderr, flush=True)
                finally:
                    target.stop()
    finally:
        server.stop()
    what = "æøåÆØÅé, digits, punctuation, line breaks" if args.text == "danish" else "200 off-layout + note"
    print(f"layout={args.layout} chars={len(text)} ({what})")
    print(
        f"{'backend':10}{'target':10}{'send s':>8}{'landed s':>10}{'chars/s':>9}  {'exact':6}{'similar':>8}"
    )
    for backend, kind, sent, landed, exact, ratio, got_len in rows:
        rate = len(text) / landed if exact else len(text) / sent
        mark = "" if exact else f"  ({got_len} chars back)"
        print(
            f"{backend:10}{kind:10}{sent:8.2f}{landed:10.2f}{rate:9.0f}  {'yes' if exact else 'NO':6}"
            f"{ratio:8.3f}{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
