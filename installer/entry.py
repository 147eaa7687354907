"""The app bundle's entry point (PyInstaller runs this file as ``__main__``).

The product starts helpers as ``sys.executable -c CODE`` (the pyttsx3 child) and
``sys.executable -m MODULE`` (the clipboard keeper). In the bundle ``sys.executable`` is the app
itself, so those two forms are answered here the way the Python interpreter would.
"""

from __future__ import annotations

import runpy
import sys


def _python_like() -> bool:
    if not getattr(sys, "frozen", False) or len(sys.argv) < 3 or sys.argv[1] not in ("-c", "-m"):
        return False
    flag, target, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    else:
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    return True


def _windowed_streams() -> None:
    """The windowed Windows program (assistant.exe) has no console: sys.stdout and sys.stderr are
    None there, and a print would raise. Its output goes nowhere; assistant-cli.exe has a console."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _windowed_streams()
    if _python_like():
        sys.exit(0)
    from assistant.__main__ import main

    main()
