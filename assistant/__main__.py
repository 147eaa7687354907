"""Entry point: argv -> a CLI command or the tray app. The only place that exits."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys

from assistant.errors import AssistantError, SkipTeardown

log = logging.getLogger("assistant")

# OS errors that are the machine's state, not a bug: one line and exit 2 if no module converted them.
_USER_FIXABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENAMETOOLONG, errno.EACCES, errno.EPERM}


def _reconfigure_streams() -> None:
    # Danish letters must survive a C locale or a Windows console code page.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]


def check_arguments_are_text(argv: list[str]) -> None:
    """Bytes that are not UTF-8 reach ``sys.argv`` as lone surrogates, which no file, clipboard or
    engine can take: refuse them here, once for every command, unless the argument names an
    existing file (a file name in an old encoding is still a valid path)."""
    from assistant.cli import CommandLineError

    for number, arg in enumerate(argv, start=1):
        if "\0" in arg:  # cannot come through exec(), only through run(argv): no file name holds one
            raise CommandLineError(f"argument {number} holds a NUL character; nothing was done")
        bad = next((i for i, ch in enumerate(arg) if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None and not os.path.lexists(arg):
            raise CommandLineError(
                f"argument {number} is not valid UTF-8 (character {bad} cannot be decoded); nothing was "
                "done (check that the terminal uses UTF-8)",
                msgid="input.argument-not-utf8",
                params={"what": number, "offset": bad},
            )


def run(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code (0 ok, 1 problem found/internal, 2 user error)."""
    from assistant.cli import CommandLineError, build_parser

    if sys.stderr is None:  # started with fd 2 closed: errors have nowhere to go, but must not crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    _reconfigure_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        check_arguments_are_text(sys.argv[1:] if argv is None else argv)
    except CommandLineError as exc:
        # Before logging is set up: one line that says where to look, as for any user error.
        print(f"assistant: error: {exc.message}", file=sys.stderr)
        return exc.exit_code

    if sys.stdout is None and args.command not in (None, "tray"):
        # Started with fd 1 closed: whatever the command prints (dictated words too) would be lost.
        print("assistant: error: Standard output is closed, so nothing was done.", file=sys.stderr)
        return 2

    log_file = None
    try:
        from assistant.app import App
        from assistant.log import setup_logging

        app = App.create()
        level = args.log_level or app.config["logging.level"]
        log_file = setup_logging(app.paths.log_dir, level)
        log.info("start: command=%s", args.command or "tray")
        for problem in app.config.problems:
            log.warning("settings: %s", problem)
            print(f"assistant: settings: {problem}", file=sys.stderr)
        if app.config.policy_failure is not None:
            log.error("policy fails closed: %s", app.config.policy_failure.message)
        handler = getattr(args, "handler", None)
        if handler is None:
            from assistant.cli.tray import start_tray

            return start_tray(app)
        return int(handler(args, app) or 0)
    except AssistantError as exc:
        if exc.__cause__ is not None and _is_out_of_memory(exc.__cause__):
            # An engine wrapped a failed allocation as "the model could not be loaded": say what
            # really happened (the model is fine).
            return _out_of_memory()
        log.warning("user error: %s: %s", type(exc).__name__, exc.message)
        print(f"assistant: error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno not in _USER_FIXABLE:
            return _internal_error(log_file)
        # A full or read-only disk, a path too long: the user (or IT) can fix these, so they get
        # one line like any user error; the details still go to the log for a bug report.
        from assistant.log import log_failure

        log_failure(log, "file system error")
        where = f": {exc.filename}" if isinstance(exc.filename, str) and len(exc.filename) <= 200 else ""
        print(
            f"assistant: error: {exc.strerror}{where}. Check the path, the free disk space and the "
            "folder's permissions.",
            file=sys.stderr,
        )
        return 2
    except MemoryError:
        return _out_of_memory()
    except Exception as exc:
        if _is_out_of_memory(exc):
            return _out_of_memory()
        return _internal_error(log_file)


def _is_out_of_memory(exc: BaseException) -> bool:
    """Native engines report a failed allocation as a RuntimeError (CTranslate2: "mkl_malloc:
    failed to allocate memory", C++: "std::bad_alloc")."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and any(
        sign in text for sign in ("bad_alloc", "cannot allocate memory", "failed to allocate memory")
    )


def _out_of_memory() -> int:
    """A model load (or anything) that ran out of memory: the machine's state, not a bug."""
    from assistant.log import log_failure

    log_failure(log, "out of memory")
    limit = ""
    with contextlib.suppress(ImportError, OSError, ValueError):
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY:
            limit = f" (this process may use at most {soft // (1024 * 1024)} MB: ulimit -v)"
    print(
        f"assistant: error: There is not enough memory for this{limit}. Close other programs, raise the "
        "limit, or choose a smaller model.",
        file=sys.stderr,
    )
    return 2


def _internal_error(log_file: object) -> int:
    from assistant.log import log_failure

    log_failure(log, "internal error")
    where = f" Details are in {log_file}." if log_file else ""
    print(f"assistant: internal error; please report it.{where}", file=sys.stderr)
    return 1


def bound_malloc_arenas() -> None:
    """glibc gives each thread that allocates its own memory arena (up to 8 per core) and keeps the
    freed memory of each: with audio, decoder and Qt threads the tray's memory crept up by tens of
    MB per dictation before levelling off; with two arenas it stays flat (bench/soak.py). Done
    before any thread starts, as arenas already made are kept."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX (malloc.h); a no-op on a libc without it (musl has no mallopt)


def main(argv: list[str] | None = None) -> None:
    bound_malloc_arenas()
    try:
        code = run(argv)
    except SkipTeardown as request:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(request.exit_code)
    sys.exit(code)


if __name__ == "__main__":
    main()
