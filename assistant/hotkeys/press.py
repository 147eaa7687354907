"""One dictation key for two habits: hold it to talk, or tap it to start and tap again to stop.

The meaning of a press is decided when the key is released, from how long it was held, so
dictation starts at once on the press either way (no word is lost waiting to decide).
"""

from __future__ import annotations

# Held at least this long: push-to-talk (stop at release). Shorter: a tap (keep listening).
# A deliberate tap lasts 80-250 ms; anyone talking holds the key far longer than 0.4 s.
HOLD_SECONDS = 0.4


def tap_or_hold(held_seconds: float, hold_seconds: float = HOLD_SECONDS) -> str:
    """``"hold"`` or ``"tap"`` for a press of the dictation key that lasted ``held_seconds``."""
    return "hold" if held_seconds >= hold_seconds else "tap"
