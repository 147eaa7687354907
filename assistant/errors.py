"""Typed errors that carry a message for the user and a hint for what to do next.

Every boundary (engine, device, file, settings) converts what it catches into one of these,
so that ``__main__`` can print one readable line and exit, and the UI can show a dialog.
Messages must never contain user text (dictated, typed or read-aloud words).
"""

from __future__ import annotations


class AssistantError(Exception):
    """An error the user can act on. ``exit_code`` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message and hint on a single line, for stderr."""
        text = self.message.rstrip(".")
        if self.hint:
            return f"{text}. {self.hint.rstrip('.')}."
        return f"{text}."


class UsageError(AssistantError):
    """Bad command-line arguments or an unknown choice (language, engine, backend)."""


class ConfigError(AssistantError):
    """A settings file or value that cannot be used."""


class AudioError(AssistantError):
    """A microphone or speaker that cannot be opened or went away."""


class ModelError(AssistantError):
    """A speech or voice model that is missing, broken or of the wrong kind."""


class EngineUnavailable(AssistantError):
    """A technology (engine, backend) that cannot run on this machine."""


class InjectionError(AssistantError):
    """Text that could not be inserted into the target window (the text itself is kept)."""


class StorageError(AssistantError):
    """History, dictionary or model storage that cannot be read or written."""
