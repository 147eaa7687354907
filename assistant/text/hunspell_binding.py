"""Which Python binding asks libhunspell, behind one small interface.

The product depends on ``chunspell`` (libhunspell linked into wheels for Linux, Windows and
macOS). Its import name is ``hunspell``, the same as the older PyPI ``hunspell`` binding, which
builds against Debian's libhunspell-dev and has no Windows wheel; an environment that still has
only that one keeps working. Both answer ``spell(word)`` and ``suggest(word)`` from the same
libhunspell with the same .aff/.dic files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class HunspellHandle(Protocol):
    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


def open_hunspell(aff: Path, dic: Path) -> HunspellHandle:
    """A libhunspell handle on ``aff``/``dic``. Raises ImportError when no binding is installed,
    FileNotFoundError when the files are missing, the binding's own error when they are bad."""
    import hunspell

    if not (aff.is_file() and dic.is_file()):
        raise FileNotFoundError(f"hunspell dictionary {dic.stem} not found at {dic.parent}")
    if hasattr(hunspell, "Hunspell"):  # chunspell: the dictionary by name in a folder
        if aff.parent != dic.parent or aff.stem != dic.stem:
            raise FileNotFoundError(f"{aff.name} and {dic.name} must be one dictionary in one folder")
        return hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
    return hunspell.HunSpell(str(dic), str(aff))  # the libhunspell-dev binding


def binding_name() -> str | None:
    """``chunspell``, ``hunspell`` (the libhunspell-dev binding) or None when neither imports."""
    try:
        import hunspell
    except ImportError:
        return None
    return "chunspell" if hasattr(hunspell, "Hunspell") else "hunspell"
