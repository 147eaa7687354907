"""The protocol every global-hotkey backend implements."""

from __future__ import annotations

from typing import Protocol


class HotkeyBackend(Protocol):
    name: str

    def available(self) -> str | None:
        """``None`` if hotkeys can be grabbed in this session, else why not."""
        ...
