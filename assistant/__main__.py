"""Entry point: argv -> a CLI command or the tray app. The only place that exits."""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from assistant.errors import AssistantError, SkipTeardown

log = logging.getLogger("assistant")


def _reconfigure_streams() -> None:
    # Danish letters must survive a C locale or a Windows console code page.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]


def run(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code (0 ok, 1 problem found/internal, 2 user error)."""
    from assistant.cli import build_parser

    _reconfigure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)

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
        log.warning("user error: %s: %s", type(exc).__name__, exc.message)
        print(f"assistant: error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        from assistant.log import log_failure

        log_failure(log, "internal error")
        where = f" Details are in {log_file}." if log_file else ""
        print(f"assistant: internal error; please report it.{where}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> None:
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
