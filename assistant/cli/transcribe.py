"""``assistant transcribe FILE``: an audio file to text, offline."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.app import App


def add_speech_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", "-l", help="language spoken: da or en (default: the setting general.language)"
    )
    parser.add_argument(
        "--engine",
        choices=("vosk", "whisper", "transducer"),
        help="speech engine (default: the best for the language)",
    )
    parser.add_argument("--model", help="model name as listed by 'assistant models list'")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("transcribe", help="turn an audio file into text")
    parser.add_argument("file", type=Path, help="WAV, MP3, FLAC or OGG file")
    add_speech_options(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print text, segments, words (with probability and unsure), engine, model and timings as JSON",
    )
    parser.set_defaults(handler=run)


def build_recognizer(app: App, args: argparse.Namespace):
    """(choice, recognizer, transcript, load seconds) for the options in ``args``."""
    from assistant.stt.select import choose_speech
    from assistant.text.transcript import Transcript
    from assistant.text.vocabulary import load_vocabulary

    choice = choose_speech(app, args.language, args.engine, args.model)
    vocabulary = load_vocabulary(app.paths.data_dir, choice.language)
    started = time.perf_counter()
    recognizer = choice.engine.recognizer(
        choice.model_path, choice.language, prompt=vocabulary.prompt(), live=False
    )
    load_seconds = time.perf_counter() - started
    return choice, recognizer, Transcript(choice.language, vocabulary.replacer()), load_seconds


def run(args: argparse.Namespace, app: App) -> int:
    from assistant.audio.files import read_audio
    from assistant.errors import AssistantError
    from assistant.stt.base import Segment

    samples = read_audio(args.file)  # unreadable audio fails before a model is loaded
    choice, recognizer, transcript, load_seconds = build_recognizer(app, args)
    started = time.perf_counter()
    segments: list[Segment] = []
    step = 8000  # half a second, as a live stream would arrive
    try:
        for offset in range(0, len(samples), step):
            segments.extend(
                r for r in recognizer.accept(samples[offset : offset + step]) if isinstance(r, Segment)
            )
        segments.extend(recognizer.flush())
    except AssistantError:
        # What was recognised before the failure is printed, then the error (exit 2).
        for segment in segments:
            transcript.add_utterance(segment.text)
        if transcript.text:
            print(transcript.text)
        raise
    for segment in segments:
        transcript.add_utterance(segment.text)
    seconds = time.perf_counter() - started
    audio_seconds = len(samples) / 16000
    from assistant.storage.speed import record

    record(app.paths.data_dir, choice.model_name, audio_seconds, seconds)  # timings only, no text
    if choice.note:
        print(f"assistant: note: {choice.note}", file=sys.stderr)
    if args.json:
        from assistant.cli._output import print_json

        print_json(
            "transcribe",
            {
                "file": str(args.file),
                "text": transcript.text,
                "language": choice.language,
                "engine": choice.engine.name,
                "model": choice.model_name,
                "segments": [
                    {"text": s.text, "start": round(s.start, 3), "end": round(s.end, 3)} for s in segments
                ],
                # The recogniser's words with its confidence; "unsure" marks the ones to check.
                "words": [w.to_json() for s in segments for w in s.words],
                "unsure": [w.text for s in segments for w in s.words if w.unsure],
                "timings": {
                    "audio_seconds": round(audio_seconds, 3),
                    "load_seconds": round(load_seconds, 3),
                    "transcribe_seconds": round(seconds, 3),
                    "real_time_factor": round(seconds / audio_seconds, 4) if audio_seconds else None,
                },
                "note": choice.note or None,
            },
        )
    else:
        print(transcript.text)
    return 0
