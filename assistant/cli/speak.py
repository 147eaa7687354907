"""``assistant speak [--language da|en] [--voice NAME] [--rate WPM] [--out FILE.wav]
[--marks FILE.json] TEXT``: read text aloud (or write it to a WAV file) with word timing."""

from __future__ import annotations

import argparse
import errno
from collections.abc import Callable
from pathlib import Path


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

    from assistant.cli._input import check_argument_text, read_stdin_text
    from assistant.errors import UsageError
    from assistant.tts import choose_synthesizer, reader_settings
    from assistant.tts.reader import Reader, ReadingFailed, render

    if args.text == "-":
        text = read_stdin_text(nothing_done="nothing was read aloud")
    else:
        text = check_argument_text(args.text)
    out = check_output_path(Path(args.out), "--out") if args.out else None
    marks = check_output_path(Path(args.marks), "--marks") if args.marks else None
    if not has_visible_text(text):  # only spaces, control or format characters: nothing to say
        raise UsageError(
            "There is no text to read",
            "Give the text as an argument or on standard input",
            msgid="reader.no-text",
        )
    settings = reader_settings(app.config)
    if args.rate is not None:
        settings["rate"] = args.rate
    if args.voice:
        for language in ("da", "en"):
            if args.language in (None, language):
                settings["voices"][language] = args.voice
    synthesizer = choose_synthesizer(args.engine or app.config["tts.engine"])
    if out or marks:
        rendering = {k: v for k, v in settings.items() if k != "device"}  # no playback here
        speech = render(synthesizer, text, language=args.language, normalise=not args.raw, **rendering)
        if out:
            write_file_atomically(out, speech.write_wav)
        if marks:
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
            data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
            write_file_atomically(marks, lambda tmp: tmp.write_bytes(data))
        if out:
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


def has_visible_text(text: str) -> bool:
    """Whether ``text`` has a character that is drawn (not a space, control or format character)."""
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def check_output_path(path: Path, flag: str) -> Path:
    """Refuse an output path that cannot be written before any speech is made."""
    import os
    import stat

    from assistant.errors import UsageError

    if path.is_symlink():
        path = path.resolve()  # the file is replaced where the link points, the link is kept
    if path.is_dir():
        raise UsageError(
            f"{flag} {path} is a folder",
            "Give a file name, e.g. speech.wav",
            msgid="output.is-folder",
            params={"path": str(path)},
        )
    if path.exists() and not stat.S_ISREG(os.stat(path).st_mode):
        # Renaming over a device (/dev/full) or a pipe would replace it, not write into it.
        raise UsageError(
            f"{flag} {path} is not a regular file",
            "Give the name of a new or ordinary file",
            msgid="output.not-regular",
            params={"path": str(path)},
        )
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(
            f"The folder {parent} for {flag} does not exist",
            "Create it first, or choose another folder",
            msgid="file.missing",
            params={"path": str(parent)},
        )
    return path


def write_file_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it over ``path``: a full disk
    or a crash leaves the old file or none, never a half-written one."""
    import contextlib
    import os
    import tempfile

    from assistant.errors import StorageError

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        write(Path(tmp))
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StorageError(
            f"{path} cannot be written ({reason}); nothing was changed",
            "Free some disk space or choose another folder"
            if exc.errno == errno.ENOSPC
            else "Check the folder's permissions or choose another folder",
            msgid={
                errno.ENOSPC: "storage.full",
                errno.EDQUOT: "storage.full",
                errno.EROFS: "storage.read-only",
            }.get(exc.errno or 0, "storage.failed"),
            params={"path": str(path), "reason": reason},
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
