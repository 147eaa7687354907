"""``assistant dictate``: speak into the microphone, get text on stdout."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from assistant.cli.transcribe import add_speech_options

if TYPE_CHECKING:
    from assistant.app import App


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dictate",
        help="dictate from the microphone to standard output",
        description="Listen to the microphone and print the text. Stop with Ctrl+C or after --seconds.",
    )
    parser.add_argument("--seconds", type=float, help="stop after this many seconds of audio")
    parser.add_argument("--device", help="microphone name (default: the setting audio.input_device)")
    parser.add_argument("--live", action="store_true", help="show words on standard error while you speak")
    add_speech_options(parser)
    parser.set_defaults(handler=run)


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
            sys.stderr.write("\r\033[K" + event.text.replace("\n", " ")[-120:])
            sys.stderr.flush()
        elif isinstance(event, Failed):
            failed.append(event)

    session = DictationSession(
        capture,
        lambda: choice.engine.recognizer(choice.model_path, choice.language, prompt=vocabulary.prompt()),
        Transcript(choice.language, vocabulary.replacer()),
        on_event,
        max_seconds=args.seconds,
    )
    session.start()
    if sys.stderr.isatty():
        print("Listening … (Ctrl+C stops)", file=sys.stderr)
    try:
        while not session.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    if args.live:
        sys.stderr.write("\n")
    # The words heard are printed even when the microphone failed mid-way.
    if session.text:
        print(session.text)
    if failed:
        raise failed[0].error
    return 0
