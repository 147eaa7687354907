"""Typed errors that carry a message for the user and a hint for what to do next.

Every boundary (engine, device, file, settings) converts what it catches into one of these,
so that ``__main__`` can print one readable line and exit, and the UI can show a dialog.
Messages must never contain user text (dictated, typed or read-aloud words).
"""

from __future__ import annotations


class AssistantError(Exception):
    """An error the user can act on. ``exit_code`` is what the CLI exits with.

    ``message``/``hint`` are the English one-liner the CLI prints. ``kind`` names the class of
    problem ("usage", "audio", "model", ...) and ``msgid`` (optional) the exact message, with
    ``params`` to fill it in: the UI translates by ``msgid`` when it knows it, else by ``kind``,
    so no sentence reaches the Danish UI in English. ``params`` never hold user text.
    """

    exit_code = 2
    kind = "general"

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        msgid: str | None = None,
        params: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.msgid = msgid
        self.params = dict(params or {})

    def one_line(self) -> str:
        """The message and hint on a single line, for stderr."""
        text = self.message.rstrip(".")
        if self.hint:
            return f"{text}. {self.hint.rstrip('.')}."
        return f"{text}."


class UsageError(AssistantError):
    """Bad command-line arguments or an unknown choice (language, engine, backend)."""

    kind = "usage"


class ConfigError(AssistantError):
    """A settings file or value that cannot be used."""

    kind = "config"


class AudioError(AssistantError):
    """A microphone or speaker that cannot be opened or went away."""

    kind = "audio"


class ModelError(AssistantError):
    """A speech or voice model that is missing, broken or of the wrong kind."""

    kind = "model"


class EngineUnavailable(AssistantError):
    """A technology (engine, backend) that cannot run on this machine."""

    kind = "engine"


class InjectionError(AssistantError):
    """Text that could not be inserted into the target window (the text itself is kept)."""

    kind = "injection"


class StorageError(AssistantError):
    """History, dictionary or model storage that cannot be read or written."""

    kind = "storage"


class SkipTeardown(BaseException):
    """Raised by the tray after it has saved and closed everything while a worker thread is still
    inside native code (a model load): ``__main__`` then ends the process without the interpreter's
    teardown, which such a thread can abort."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code
