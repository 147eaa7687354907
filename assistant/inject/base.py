"""The Injector protocol: put text into the focused field of another application.

A backend receives text that :func:`assistant.inject.text.prepare` has already normalised
(NFC, line breaks as ``\\n``); it sends ``\\n`` and ``\\t`` as the keys the target expects
(Return, Tab) and reports how sure it is that the text landed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from assistant.errors import InjectionError


@dataclass(frozen=True)
class Delivery:
    """What a backend knows about where the text went (never the text itself).

    ``verified`` is True only when the platform confirmed the target took the text (for example
    the target window requested the pasted data); ``detail`` says what was checked.
    """

    verified: bool
    detail: str


class FocusLost(InjectionError):
    """A backend's own focus guard stopped typing: ``typed`` characters of this call landed."""

    def __init__(self, typed: int) -> None:
        super().__init__("The focused window changed while typing", None)
        self.typed = typed


class Injector(Protocol):
    name: str

    def available(self) -> str | None:
        """``None`` if this backend can insert text in this session, else why not."""
        ...

    def type_text(self, text: str) -> Delivery:
        """Insert ``text`` into the window that has keyboard focus now."""
        ...

    def delete_backward(self, count: int) -> None:
        """Remove ``count`` characters before the cursor (for streaming corrections)."""
        ...

    def close(self) -> None:
        """Release display connections and restore anything borrowed (keymap, clipboard)."""
        ...


@dataclass(frozen=True)
class WindowRef:
    """The identity of a top-level window, enough to tell whether focus moved.

    ``app`` is the window class (WM_CLASS, executable name); titles are not kept because they
    can contain user text such as document names.
    """

    id: str
    app: str = ""


class FocusTracker(Protocol):
    """Which top-level window has keyboard focus now (``None`` if none or unknown)."""

    def available(self) -> str | None: ...

    def current(self) -> WindowRef | None: ...
