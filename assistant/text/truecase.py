"""Punctuation and capitals for speech models that write bare lowercase words.

Capitals at the start of the text and after a sentence end are added for every engine by
:class:`assistant.text.transcript.Transcript`, and spoken commands ("punktum", "komma", "ny
linje") give punctuation. A model that writes no punctuation at all (ekko-v1-tiny) can be
paired with a punctuation-and-capitalisation model (its authors publish one, Ekko PnC): this
module is the hook for that. A punctuation model is found in a ``punctuation/`` folder inside
the speech model's folder, or in the folder a ``"punctuation"`` entry of its ``model.json``
names; each :class:`Punctuator` implementation says whether it can run the files it finds.

No punctuation model runtime is shipped yet: :data:`PUNCTUATORS` is empty, so nothing changes
the text unless an implementation is registered (see docs/manual.md, "Transducer models").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

_SENTENCE_END = ".?!"


class Punctuator(Protocol):
    """Adds punctuation and capitals to one utterance of lowercase words."""

    def __call__(self, text: str) -> str: ...


#: name -> factory(folder, language) returning a Punctuator, or None if the folder is not its kind.
PUNCTUATORS: dict[str, Callable[[Path, str], Punctuator | None]] = {}


def punctuation_folder(model_path: Path) -> Path | None:
    """The punctuation model folder that goes with a speech model, if one is installed."""
    inside = model_path / "punctuation"
    if inside.is_dir():
        return inside
    manifest = model_path / "model.json"
    if manifest.is_file():
        try:
            named = json.loads(manifest.read_text(encoding="utf-8")).get("punctuation")
        except (OSError, ValueError, AttributeError):
            return None
        if isinstance(named, str) and named:
            folder = (model_path.parent / named).resolve()
            return folder if folder.is_dir() else None
    return None


def punctuator_for(model_path: Path, language: str) -> Punctuator | None:
    """The first registered punctuation model that can run the folder beside ``model_path``."""
    folder = punctuation_folder(model_path)
    if folder is None:
        return None
    for name, factory in PUNCTUATORS.items():
        try:
            punctuator = factory(folder, language)
        except Exception as exc:  # a broken punctuation model must not stop dictation
            log.warning("punctuation model %s in %s unusable (%s)", name, folder.name, type(exc).__name__)
            continue
        if punctuator is not None:
            log.info("punctuation model %s from %s", name, folder.name)
            return punctuator
    log.info("a punctuation folder %s is installed, but no punctuation runtime knows it", folder.name)
    return None


def sentence_case(text: str) -> str:
    """Capital letter at the start and after ". ", "? ", "! " (for text outside a Transcript)."""
    out: list[str] = []
    upper = True
    for ch in text:
        if upper and ch.isalpha():
            title = ch.title()  # one letter stays one letter ("ß" is left as it is)
            out.append(title if len(title) == 1 else ch)
            upper = False
            continue
        out.append(ch)
        if ch in _SENTENCE_END:
            upper = True
        elif not ch.isspace() and ch not in "\"'«(„“":
            upper = upper and not ch.isalnum()
    return "".join(out)
