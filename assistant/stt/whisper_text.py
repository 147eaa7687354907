"""What Whisper writes that was not said: stock phrases from silence, loops and echoes.

Pure text checks, no model: the recogniser (:mod:`assistant.stt.whisper_engine`) and the
short-window decode (:mod:`assistant.stt.whisper_window`) use them to judge a decode.
"""

from __future__ import annotations

import re
import zlib

# Phrases Whisper is known to produce from silence or noise (subtitle credits in its training data).
STOCK_PHRASES = [
    r"tak fordi du så med",
    r"tak for at se med",
    r"undertekster? (af|fra|lavet af).*",
    r"tekstning(er)? (af|fra).*",
    r"danske undertekster.*",
    r"thank you( for watching| so much)?",
    r"thanks for watching",
    r"please subscribe.*",
    r"subtitles? by.*",
    r"you",
    r"bye",
]
STOCK = re.compile(r"^\s*(" + "|".join(STOCK_PHRASES) + r")[\s.!]*$", re.IGNORECASE)

_LOOP = re.compile(r"(\b.{2,40}?\b)(?:[\s,]*\1){3,}", re.IGNORECASE)
_LOOP2 = re.compile(r"(\b.{3,40}?\b)(?:[\s,]*\1){2,}", re.IGNORECASE)  # said three times running


def looped(segment: object, limit: int) -> bool:
    """A segment that hit the token limit, repeats a phrase, or compresses like a loop."""
    tokens = getattr(segment, "tokens", None) or []
    text = getattr(segment, "text", "")
    return (
        len(tokens) >= limit - 2
        or bool(_LOOP2.search(text))
        or getattr(segment, "compression_ratio", 0) > 2.4
    )


def echo_at(words: list[str]) -> int | None:
    """Where a short-window decode starts echoing itself, as a word index, or None.

    Over a short window Whisper sometimes repeats what it just wrote ("2 2", "1 1 1 1", "and so
    and so", "ten of clubs ten of clubs"): a run of 1-8 words twice in a row. Returns the index
    after the first occurrence. Real speech does this rarely ("very good, very good"); then the
    full window is asked for nothing, which costs time but no words.
    """
    plain = [_WORD.sub("", w.casefold()) for w in words]
    for i in range(len(plain)):
        for n in range(1, 9):
            if i + 2 * n <= len(plain) and plain[i : i + n] == plain[i + n : i + 2 * n]:
                return i + n
    return None


_WORD = re.compile(r"[^\w']+")


def plain_words(text: str) -> list[str]:
    """Words without case and punctuation, for comparing decodes ("Clubs." == "clubs")."""
    return [w for w in (_WORD.sub("", w.casefold()) for w in text.split()) if w]


def collapse_loops(text: str) -> str:
    """ "hjælp af hjælp af hjælp af hjælp af" -> "hjælp af": a phrase said 4+ times in a row is a loop."""
    return _LOOP.sub(lambda m: m.group(1), text)


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0
