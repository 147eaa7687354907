"""Spoken numbers to digits, where a person would write digits.

"tand seksogtredive" -> "tand 36", "et hundrede og tolv" -> "112", "thirty-six" -> "36". Small
numbers stay words ("to tænder", "one tooth") as Danish and English house styles write them,
unless a counting word comes first ("tand fire" -> "tand 4", "room two" -> "room 2"). The Danish
articles "en"/"et" are never turned into 1 on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DA_UNITS = {
    "nul": 0, "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
    "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}  # fmt: skip
_DA_TENS = {
    "tyve": 20, "tredive": 30, "tredje": -1, "fyrre": 40, "fyrretyve": 40, "halvtreds": 50,
    "halvtredsindstyve": 50, "tres": 60, "tresindstyve": 60, "halvfjerds": 70, "halvfjerdsindstyve": 70,
    "firs": 80, "firsindstyve": 80, "halvfems": 90, "halvfemsindstyve": 90,
}  # fmt: skip
_DA_TENS = {k: v for k, v in _DA_TENS.items() if v > 0}
_DA_COMPOUND = re.compile(r"^(en|et|to|tre|fire|fem|seks|syv|otte|ni)og(" + "|".join(_DA_TENS) + r")$")

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


@dataclass(frozen=True)
class _Lang:
    units: dict[str, int]
    tens: dict[str, int]
    hundred: frozenset[str]
    thousand: frozenset[str]
    million: frozenset[str]
    conj: str
    article_ones: frozenset[str]  # words for 1 that are usually an article
    triggers: frozenset[str]  # counting words after which even small numbers become digits


_LANGS = {
    "da": _Lang(
        _DA_UNITS,
        _DA_TENS,
        frozenset({"hundrede", "hundred"}),
        frozenset({"tusind", "tusinde"}),
        frozenset({"million", "millioner"}),
        "og",
        frozenset({"en", "et", "én", "ét"}),
        frozenset(
            {
                "tand",
                "tænder",
                "nr",
                "nr.",
                "nummer",
                "side",
                "punkt",
                "kapitel",
                "værelse",
                "stue",
                "kl",
                "kl.",
                "klokken",
                "uge",
                "trin",
                "linje",
                "afsnit",
                "bilag",
                "rum",
                "lokale",
                "plads",
            }
        ),
    ),
    "en": _Lang(
        _EN_UNITS,
        _EN_TENS,
        frozenset({"hundred"}),
        frozenset({"thousand"}),
        frozenset({"million", "millions"}),
        "and",
        frozenset({"one"}),
        frozenset(
            {
                "tooth",
                "teeth",
                "number",
                "no.",
                "page",
                "room",
                "chapter",
                "step",
                "item",
                "line",
                "point",
                "section",
                "appendix",
                "level",
                "floor",
                "bed",
                "ward",
            }
        ),
    ),
}

_WORD = re.compile(r"^([\"'(«»„“]*)([\w.-]+?)([.,:;!?\"')»“”]*)$")


def _split(token: str) -> tuple[str, str, str]:
    match = _WORD.match(token)
    if not match:
        return "", token, ""
    return match.group(1), match.group(2), match.group(3)


class _Parser:
    def __init__(self, words: list[str], lang: _Lang) -> None:
        self.w = words
        self.lang = lang

    def _word(self, i: int) -> str | None:
        return self.w[i] if i < len(self.w) else None

    def _small(self, i: int) -> tuple[int, int] | None:
        """A number below 100 starting at ``i``: (value, tokens used)."""
        lang, word = self.lang, self._word(i)
        if word is None:
            return None
        if lang is _LANGS["da"]:
            compound = _DA_COMPOUND.match(word)
            if compound:
                return lang.units[compound.group(1)] + lang.tens[compound.group(2)], 1
        if "-" in word and lang is _LANGS["en"]:
            tens, _, unit = word.partition("-")
            if tens in lang.tens and unit in lang.units and 0 < lang.units[unit] < 10:
                return lang.tens[tens] + lang.units[unit], 1
        if word in lang.units:
            value = lang.units[word]
            # Danish "seks og tredive": unit + og + tens.
            if 0 < value < 10 and self._word(i + 1) == lang.conj and self._word(i + 2) in lang.tens:
                return value + lang.tens[self.w[i + 2]], 3
            return value, 1
        if word in lang.tens:
            value = lang.tens[word]
            nxt = self._word(i + 1)
            # English "thirty six"
            if lang is _LANGS["en"] and nxt in lang.units and 0 < lang.units[nxt] < 10:
                return value + lang.units[nxt], 2
            return value, 1
        return None

    def _below_1000(self, i: int) -> tuple[int, int] | None:
        lang = self.lang
        first = self._small(i)
        j = i
        if first is not None and self._word(i + first[1]) in lang.hundred:
            value, j = first[0] * 100, i + first[1] + 1
        elif self._word(i) in lang.hundred or (self._word(i) == "a" and self._word(i + 1) in lang.hundred):
            j = i + (2 if self._word(i) == "a" else 1)
            value = 100
        else:
            return first
        rest = self._after_conj(j, self._small)
        if rest is not None:
            value += rest[0]
            j += rest[1]
        return value, j - i

    def _after_conj(self, j: int, part) -> tuple[int, int] | None:
        """An optional "og"/"and" followed by a number part; only consumed together."""
        if self._word(j) == self.lang.conj:
            found = part(j + 1)
            if found is not None:
                return found[0], found[1] + 1
            return None
        return part(j)

    def number(self, i: int) -> tuple[int, int] | None:
        lang = self.lang
        head = self._below_1000(i)
        j = i
        value = 0
        if head is not None:
            value, j = head[0], i + head[1]
        for scale_words, scale in ((lang.million, 1_000_000), (lang.thousand, 1000)):
            if self._word(j) in scale_words:
                value = (value or 1) * scale
                j += 1
                rest = self._after_conj(j, self._below_1000)
                if rest is not None and rest[0] < scale:
                    value += rest[0]
                    j += rest[1]
                break
        if j == i:
            return None
        return value, j - i


def spoken_numbers_to_digits(text: str, language: str, *, always: bool = False) -> str:
    """Replace spoken numbers in ``text`` by digits where a writer would use digits.

    ``always`` turns every number word into digits (articles included): for comparing texts.
    """
    lang = _LANGS.get(language)
    if lang is None or not text:
        return text
    tokens = text.split(" ")
    parts = [_split(t) for t in tokens]
    words = [core.lower() for _, core, _ in parts]
    parser = _Parser(words, lang)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = parser.number(i)
        if found is not None:
            # A number may not span punctuation: only the last token of a span may carry it.
            value, length = found
            while length > 1 and any(parts[k][2] for k in range(i, i + length - 1)):
                length -= 1
                found = _Parser(words[i : i + length], lang).number(0)
                if found is None or found[1] != length:
                    found = None
                    break
                value = found[0]
            if found is not None:
                previous = words[i - 1] if i > 0 else ""
                lone_article = length == 1 and words[i] in lang.article_ones
                wanted = always or (
                    (length > 1 or value >= 10 or previous in lang.triggers)
                    and not (lone_article and previous not in lang.triggers)
                )
                if wanted:
                    out.append(f"{parts[i][0]}{value}{parts[i + length - 1][2]}")
                    i += length
                    continue
        out.append(tokens[i])
        i += 1
    return " ".join(out)
