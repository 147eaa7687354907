"""Spoken punctuation and layout commands, Danish and English.

The recogniser hands us words; some of them are instructions ("punktum", "ny linje", "slet
det"). :func:`parse_utterance` turns one recognised utterance into a list of operations that
:class:`assistant.text.transcript.Transcript` applies. Whisper often adds its own punctuation
around a spoken command ("Hej punktum."): punctuation glued to a command word is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

OpKind = Literal["words", "punct", "newline", "paragraph", "undo", "delete_sentence"]


@dataclass(frozen=True)
class Op:
    kind: OpKind
    text: str = ""


# Longest phrases first is ensured at match time; each phrase is a tuple of lower-case words.
_COMMANDS: dict[str, dict[tuple[str, ...], Op]] = {
    "da": {
        ("punktum",): Op("punct", "."),
        ("komma",): Op("punct", ","),
        ("spørgsmålstegn",): Op("punct", "?"),
        ("udråbstegn",): Op("punct", "!"),
        ("kolon",): Op("punct", ":"),
        ("semikolon",): Op("punct", ";"),
        ("ny", "linje"): Op("newline"),
        ("ny", "linie"): Op("newline"),
        ("nyt", "afsnit"): Op("paragraph"),
        ("slet", "det"): Op("undo"),
        ("slet", "sidste", "sætning"): Op("delete_sentence"),
    },
    "en": {
        ("period",): Op("punct", "."),
        ("full", "stop"): Op("punct", "."),
        ("comma",): Op("punct", ","),
        ("question", "mark"): Op("punct", "?"),
        ("exclamation", "mark"): Op("punct", "!"),
        ("exclamation", "point"): Op("punct", "!"),
        ("colon",): Op("punct", ":"),
        ("semicolon",): Op("punct", ";"),
        ("new", "line"): Op("newline"),
        ("new", "paragraph"): Op("paragraph"),
        ("scratch", "that"): Op("undo"),
        ("delete", "that"): Op("undo"),
        ("delete", "last", "sentence"): Op("delete_sentence"),
    },
}

_STRIP = ".,:;!?\"'«»“”„"
_TOKEN = re.compile(r"\S+")


def command_phrases(language: str) -> list[str]:
    """The spoken forms, for help texts and the recogniser's vocabulary prompt."""
    return [" ".join(words) for words in _COMMANDS.get(language, {})]


def parse_utterance(text: str, language: str) -> list[Op]:
    """Split a recognised utterance into words and commands, in spoken order."""
    table = _COMMANDS.get(language, {})
    longest = max((len(k) for k in table), default=0)
    tokens = _TOKEN.findall(text)
    keys = [t.strip(_STRIP).lower() for t in tokens]
    ops: list[Op] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            ops.append(Op("words", " ".join(pending)))
            pending.clear()

    i = 0
    while i < len(tokens):
        matched = None
        for size in range(min(longest, len(tokens) - i), 0, -1):
            op = table.get(tuple(keys[i : i + size]))
            if op is not None:
                matched = (op, size)
                break
        if matched is None:
            pending.append(tokens[i])
            i += 1
            continue
        op, size = matched
        if pending and op.kind == "punct":
            # Whisper's own punctuation just before a spoken mark is replaced by the mark.
            pending[-1] = pending[-1].rstrip(_STRIP) or pending[-1]
        flush()
        ops.append(op)
        i += size
    flush()
    return ops
