"""Key combinations as the settings write them: ``<ctrl>+<alt>+d``, ``<super>+<f9>``, ``<shift>+æ``."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import UsageError

MODIFIERS = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "alt": "alt",
    "shift": "shift",
    "super": "super",
    "cmd": "super",
    "win": "super",
    "meta": "super",
}

# Names for keys that are not a printable character, as X11 keysym names.
_NAMED = {
    "space": "space",
    "enter": "Return",
    "return": "Return",
    "tab": "Tab",
    "esc": "Escape",
    "escape": "Escape",
    "backspace": "BackSpace",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "page_up": "Prior",
    "page_down": "Next",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pause": "Pause",
    "print_screen": "Print",
    "scroll_lock": "Scroll_Lock",
    "menu": "Menu",
    **{f"f{n}": f"F{n}" for n in range(1, 25)},
}


@dataclass(frozen=True)
class Combo:
    modifiers: frozenset[str]
    key: str  # a single character ("d", "æ", "1") or an X11 keysym name ("F9", "space")

    def __str__(self) -> str:
        mods = [f"<{m}>" for m in ("ctrl", "alt", "shift", "super") if m in self.modifiers]
        key = self.key if len(self.key) == 1 else f"<{self.key.lower()}>"
        return "+".join([*mods, key])


def parse_combo(text: str) -> Combo:
    """``"<ctrl>+<alt>+d"`` -> Combo({"ctrl", "alt"}, "d"). Raises UsageError if it is not one."""
    parts = [p.strip() for p in text.split("+")]
    if not text.strip() or any(not p for p in parts):
        raise UsageError(f"'{text}' is not a key combination", "Write it like <ctrl>+<alt>+d")
    modifiers: set[str] = set()
    key: str | None = None
    for part in parts:
        name = part[1:-1].lower() if part.startswith("<") and part.endswith(">") else part
        if name.lower() in MODIFIERS and (part.startswith("<") or len(name) > 1):
            modifiers.add(MODIFIERS[name.lower()])
            continue
        if key is not None:
            raise UsageError(
                f"'{text}' has more than one key besides the modifiers", "Write it like <ctrl>+<alt>+d"
            )
        if len(name) == 1:
            key = name.lower()
        elif name.lower() in _NAMED:
            key = _NAMED[name.lower()]
        else:
            raise UsageError(f"'{part}' in '{text}' is not a key name", "Use a letter, a digit or <f1>-<f24>")
    if key is None:
        raise UsageError(f"'{text}' has no key besides the modifiers", "Write it like <ctrl>+<alt>+d")
    return Combo(frozenset(modifiers), key)
