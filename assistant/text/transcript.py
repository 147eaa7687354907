"""The dictated document: utterances in, clean text out.

Applies spoken commands, spacing around punctuation, capitals after a sentence end, spoken
numbers as digits and the user's vocabulary replacements. Keeps utterance boundaries so that
"slet det" / "scratch that" removes exactly what was said last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.text.commands import Op, parse_utterance
from assistant.text.numbers import spoken_numbers_to_digits

_SENTENCE_END = ".?!"
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "da": {"f.eks.", "bl.a.", "ca.", "kl.", "nr.", "evt.", "mht.", "osv.", "jf.", "dvs.", "pga.", "mv.", "hhv.", "inkl.", "ekskl.", "tlf.", "pt."},
    "en": {"e.g.", "i.e.", "etc.", "mr.", "mrs.", "ms.", "dr.", "no.", "approx.", "vs."},
}  # fmt: skip


def capital(ch: str) -> str:
    """``ch`` as the first letter of a sentence: title case ("ǆ" -> "ǅ"), and unchanged where that
    would be more than one letter ("ß" -> "Ss"): the text keeps its length and its spans."""
    title = ch.title()
    return title if len(title) == 1 else ch


def _capitalise_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + capital(ch) + text[i + 1 :]
        if not ch.isspace() and ch not in "\"'«(„“":
            return text
    return text


@dataclass
class Transcript:
    language: str
    replace: Callable[[str], str] = field(default=lambda text: text)
    text: str = ""
    _marks: list[int] = field(default_factory=list)  # len(text) before each utterance

    # -- reading -----------------------------------------------------------------------
    def preview(self, partial: str) -> str:
        """The text as it would read if ``partial`` were final (for live display)."""
        copy = Transcript(self.language, self.replace, self.text, list(self._marks))
        copy.add_utterance(partial)
        return copy.text

    # -- writing -----------------------------------------------------------------------
    def add_utterance(self, raw: str) -> None:
        ops = parse_utterance(raw, self.language)
        if not ops:
            return
        self._marks.append(len(self.text))
        start = len(self.text)
        for op in ops:
            self._apply(op, start)
        if self._marks and len(self.text) == self._marks[-1] and not any(o.kind == "undo" for o in ops):
            self._marks.pop()

    def _apply(self, op: Op, utterance_start: int) -> None:
        if op.kind == "words":
            self._add_words(op.text)
        elif op.kind == "punct":
            self._add_punct(op.text)
        elif op.kind == "newline":
            self.text = self.text.rstrip(" ") + "\n"
        elif op.kind == "paragraph":
            self.text = self.text.rstrip(" \n") + "\n\n" if self.text else ""
        elif op.kind == "undo":
            self._undo(utterance_start)
        elif op.kind == "delete_sentence":
            self._delete_sentence()

    def _at_sentence_start(self) -> bool:
        stripped = self.text.rstrip(" ")
        if not stripped or stripped.endswith("\n"):
            return True
        if stripped[-1] not in _SENTENCE_END:
            return False
        last_word = stripped.rsplit(None, 1)[-1].lower()  # from the end: not the whole document
        return last_word not in _ABBREVIATIONS.get(self.language, set())

    def _add_words(self, words: str) -> None:
        words = spoken_numbers_to_digits(words.strip(), self.language)
        words = self.replace(words)
        if not words:
            return
        if self._at_sentence_start():
            words = _capitalise_first(words)
        if self.text and not self.text.endswith((" ", "\n")):
            self.text += " "
        self.text += words

    def _add_punct(self, mark: str) -> None:
        body = self.text.rstrip(" ")
        if not body or body.endswith("\n"):
            return  # a mark with nothing before it would only confuse the target field
        if mark in _SENTENCE_END and body[-1] in _SENTENCE_END + ",;:":
            body = body[:-1]  # "Hej." + "spørgsmålstegn" -> "Hej?"
        elif mark in ",;:" and body[-1] in ",;:":
            body = body[:-1]
        self.text = body + mark

    def _undo(self, utterance_start: int) -> None:
        if len(self.text) > utterance_start:
            self.text = self.text[:utterance_start]  # words said earlier in this utterance
            return
        self._marks.pop()  # the mark of the utterance holding this command
        if self._marks:
            self.text = self.text[: self._marks.pop()]
        self._marks.append(len(self.text))

    def _delete_sentence(self) -> None:
        body = self.text.rstrip(" \n")
        if body and body[-1] in _SENTENCE_END:
            body = body[:-1]
        abbreviations = _ABBREVIATIONS.get(self.language, set())
        cut = len(body) - 1
        while cut >= 0:
            ch = body[cut]
            if ch == "\n" or ch in "?!":
                break
            if ch == ".":
                start = max(body.rfind(" ", 0, cut), body.rfind("\n", 0, cut)) + 1
                end = len(body) if (space := body.find(" ", cut)) < 0 else space
                if body[start:end].lower() not in abbreviations:
                    break
            cut -= 1
        self.text = body[: cut + 1] if cut >= 0 else ""
        self._marks = [m for m in self._marks if m <= len(self.text)]


def whole_word_replacer(replacements: dict[str, str]) -> Callable[[str], str]:
    """Case-insensitive whole-phrase replacement ("para dontitis" -> "parodontitis")."""
    if not replacements:
        return lambda text: text
    ordered = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)", re.IGNORECASE)
    lookup = {k.lower(): v for k, v in replacements.items()}
    return lambda text: pattern.sub(lambda m: lookup[m.group(0).lower()], text)
