"""Network guard for tests: on PYTHONPATH, Python imports this before any other module.

Every socket that is not AF_UNIX (and every name lookup) is recorded with its stack in the
file ``$ASSISTANT_NONET_REPORT`` and, in the default ``deny`` mode, refused with an OSError.
The file is the proof: code that catches the error (urllib3's import-time IPv6 probe did) is
still named there. ``ASSISTANT_NONET_MODE=record`` lets the socket be made (to show which code
path opens one, e.g. an explicit model download from a local server).
"""

from __future__ import annotations

import os
import socket
import sys
import traceback

_REPORT = os.environ.get("ASSISTANT_NONET_REPORT", "")
_DENY = os.environ.get("ASSISTANT_NONET_MODE", "deny") != "record"
_Socket = socket.socket


def _note(what: str) -> None:
    frames = [f for f in traceback.format_stack(limit=60)[:-2] if "<frozen importlib" not in f]
    stack = "".join(frames)
    entry = f"=== pid {os.getpid()} {' '.join(sys.argv)[:200]}\n{what}\n{stack}"
    if _REPORT:
        with open(_REPORT, "a", encoding="utf-8") as out:
            out.write(entry)
    else:
        sys.stderr.write(entry)
    if _DENY:
        raise PermissionError(f"network guard: {what} refused (tests/support/nonet)")


class GuardedSocket(_Socket):
    def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None) -> None:
        if fileno is None:
            real_family = socket.AF_INET if family == -1 else family
            if real_family != socket.AF_UNIX:
                _note(f"socket(family={real_family!r}, type={type!r})")
        super().__init__(family, type, proto, fileno)
        if fileno is not None and self.family != socket.AF_UNIX:
            family_found = self.family
            self.close()
            _note(f"socket from fd {fileno} (family={family_found!r})")


def _guard(name: str) -> None:
    original = getattr(socket, name)

    def guarded(*args: object, **kwargs: object) -> object:
        _note(f"socket.{name}{args!r}"[:300])
        return original(*args, **kwargs)

    setattr(socket, name, guarded)


socket.socket = GuardedSocket  # type: ignore[misc]
for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    _guard(_name)
