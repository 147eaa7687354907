"""``assistant speak [--language da|en] [--voice NAME] [--rate WPM] [--out FILE.wav]
[--marks FILE.json] TEXT``: read text aloud (or write it to a WAV file) with word timing."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "speak",
        help="read text aloud, or write it to a WAV file with word timing",
        description="Read TEXT aloud with the chosen voice. Danish text gets a Danish voice and "
        "English an English one (guessed per sentence unless --language is given); numbers, "
        "dates and abbreviations are read as a person would say them.",
    )
    parser.add_argument("text", metavar="TEXT", help="the text to read; '-' reads standard input")
    parser.add_argument("--language", choices=("da", "en"), help="language of the text (default: guessed)")
    parser.add_argument("--voice", metavar="NAME", help="voice id or name (see 'assistant doctor')")
    parser.add_argument("--rate", type=int, metavar="WPM", help="words per minute (80-450)")
    parser.add_argument("--engine", choices=("auto", "espeak", "pyttsx3", "piper"), help="read-aloud engine")
    parser.add_argument(
        "--out", metavar="FILE.wav", help="write the speech to this WAV file instead of playing it"
    )
    parser.add_argument(
        "--marks", metavar="FILE.json", help="write the word timing (character span and time) as JSON"
    )
    parser.add_argument("--raw", action="store_true", help="read the text exactly as written")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, app) -> int:
    import json
    from pathlib import Path

    from assistant.errors import UsageError
    from assistant.tts import choose_synthesizer, reader_settings
    from assistant.tts.reader import Reader, ReadingFailed, render

    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise UsageError("There is no text to read", "Give the text as an argument or on standard input")
    settings = reader_settings(app.config)
    if args.rate is not None:
        settings["rate"] = args.rate
    if args.voice:
        for language in ("da", "en"):
            if args.language in (None, language):
                settings["voices"][language] = args.voice
    synthesizer = choose_synthesizer(args.engine or app.config["tts.engine"])
    if args.out or args.marks:
        rendering = {k: v for k, v in settings.items() if k != "device"}  # no playback here
        speech = render(synthesizer, text, language=args.language, normalise=not args.raw, **rendering)
        if args.out:
            speech.write_wav(Path(args.out))
        if args.marks:
            document = {
                "schema": "assistant.speech_marks",
                "schema_version": 1,
                "engine": speech.engine,
                "voice": speech.voice,
                "sample_rate": speech.sample_rate,
                "duration": round(speech.duration, 4),
                "estimated": speech.marks_estimated,
                "marks": speech.marks_json(text),
            }
            Path(args.marks).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        if args.out:
            return 0
    failures: list[ReadingFailed] = []

    def on_event(event: object) -> None:
        if isinstance(event, ReadingFailed):
            failures.append(event)

    with Reader(synthesizer, on_event, normalise=not args.raw, **settings) as reader:
        reader.read(text, args.language)
        try:
            reader.wait_idle()
        except KeyboardInterrupt:
            reader.stop()
            raise
    if failures:
        from assistant.errors import AudioError

        raise AudioError(failures[0].message, failures[0].hint)
    return 0
