"""``assistant dictate``: speak into the microphone, get text on stdout."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.cli._input import seconds_value
from assistant.cli.transcribe import add_speech_options

if TYPE_CHECKING:
    from assistant.app import App


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dictate",
        help="dictate from the microphone to standard output",
        description=(
            "Listen to the microphone and print the text. Stop with Ctrl+C, SIGTERM or SIGHUP "
            "(the words heard so far are printed) or after --seconds."
        ),
    )
    parser.add_argument("--seconds", type=seconds_value, help="stop after this many seconds of audio")
    parser.add_argument("--device", help="microphone name (default: the setting audio.input_device)")
    parser.add_argument("--live", action="store_true", help="show words on standard error while you speak")
    add_speech_options(parser)
    parser.set_defaults(handler=run)


@contextlib.contextmanager
def _stop_signals(stop: threading.Event) -> Iterator[list[signal.Signals]]:
    """SIGTERM and SIGHUP (a closed terminal, a service manager) end the dictation like Ctrl+C.

    The handler only sets ``stop``: an exception raised inside ``Thread.join`` marks the thread
    as finished in Python 3.11 (the last words would then be printed before they are decoded).
    The signals are blocked here and stay blocked in every thread started inside (audio, model),
    so the kernel delivers them to the main thread only, once it unblocks them (see
    :func:`_deliver_signals`): a signal landing in the sound library's thread aborted it.
    """
    signals = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    previous = {sig: signal.signal(sig, lambda signum, frame: stop.set()) for sig in signals}
    masked = [*signals, signal.SIGINT]
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, masked)
    try:
        yield masked
    finally:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, masked)
        for sig, old in previous.items():
            signal.signal(sig, old)


def _deliver_signals(masked: list[signal.Signals]) -> None:
    """Let the main thread (only) receive the stop signals."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, masked)


def run(args: argparse.Namespace, app: App) -> int:
    from assistant.audio.capture import Capture
    from assistant.errors import UsageError
    from assistant.stt.select import choose_speech
    from assistant.stt.session import DictationSession, Event, Failed, TextChanged
    from assistant.text.transcript import Transcript
    from assistant.text.vocabulary import load_vocabulary

    if args.seconds is not None and args.seconds <= 0:
        raise UsageError("--seconds must be more than 0")
    choice = choose_speech(app, args.language, args.engine, args.model)
    if choice.note:
        print(f"assistant: note: {choice.note}", file=sys.stderr)
    vocabulary = load_vocabulary(app.paths.data_dir, choice.language)
    capture = Capture(args.device if args.device is not None else app.config["audio.input_device"] or None)
    failed: list[Failed] = []

    def on_event(event: Event) -> None:
        if isinstance(event, TextChanged) and args.live:
            sys.stderr.write(
                "\r\033[K" + _live_line(event.text, len(event.text) if event.final else event.stable_chars)
            )
            sys.stderr.flush()
        elif isinstance(event, Failed):
            failed.append(event)

    session = DictationSession(
        capture,
        lambda: choice.engine.recognizer(choice.model_path, choice.language, prompt=vocabulary.prompt()),
        Transcript(choice.language, vocabulary.replacer()),
        on_event,
        max_seconds=args.seconds,
        tail_seconds=0.2,
    )
    stop = threading.Event()
    with _stop_signals(stop) as masked:
        session.start()
        if sys.stderr.isatty():
            print("Listening … (Ctrl+C stops)", file=sys.stderr)
        try:
            _deliver_signals(masked)
            while session.running and not stop.is_set():
                time.sleep(0.1)  # not join(): see _stop_signals
        except KeyboardInterrupt:
            pass
        finally:
            # The last words are being decoded: a second Ctrl+C must not lose them.
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                session.stop()
            finally:
                signal.signal(signal.SIGINT, previous)
    if args.live:
        sys.stderr.write("\n")
    # The words heard are printed even when the microphone failed mid-way.
    if session.text:
        print(session.text)
    if failed:
        raise failed[0].error
    return 0


def _live_line(text: str, stable: int, width: int = 120) -> str:
    """The end of the text on one line; the words that may still change are dimmed."""
    flat = text.replace("\n", " ")
    cut = max(0, len(flat) - width)
    done, tail = flat[cut:][: max(0, stable - cut)], flat[max(cut, stable) :]
    return done + (f"\033[2m{tail}\033[0m" if tail and sys.stderr.isatty() else tail)
