"""The per-language tables and rules of the readable text: abbreviations, units, times, dates and
numbers, each a pattern and what to say for it. The engine that applies them and maps every spoken
piece back to its exact source span is ``assistant.text.readable``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.spoken_da import (
    _DA_MONTHS,
    _cardinal_da,
    _clock_da,
    _decimal_da,
    _integer_da,
    number_da,
    ordinal_da,
    year_da,
)

# -- Danish rules ----------------------------------------------------------------------------------

_DA_ABBREVIATIONS = {
    "f.eks.": "for eksempel",
    "fx.": "for eksempel",
    "fx": "for eksempel",
    "ca.": "cirka",
    "bl.a.": "blandt andet",
    "dvs.": "det vil sige",
    "d.v.s.": "det vil sige",
    "mht.": "med hensyn til",
    "m.h.t.": "med hensyn til",
    "osv.": "og så videre",
    "o.s.v.": "og så videre",
    "pga.": "på grund af",
    "p.g.a.": "på grund af",
    "jf.": "jævnfør",
    "jvf.": "jævnfør",
    "evt.": "eventuelt",
    "inkl.": "inklusive",
    "ekskl.": "eksklusive",
    "ift.": "i forhold til",
    "i.f.t.": "i forhold til",
    "mv.": "med videre",
    "m.v.": "med videre",
    "m.m.": "med mere",
    "mm.": "med mere",
    "o.l.": "og lignende",
    "hhv.": "henholdsvis",
    "vedr.": "vedrørende",
    "ang.": "angående",
    "iflg.": "ifølge",
    "vha.": "ved hjælp af",
    "tlf.": "telefon",
    "nr.": "nummer",
    "stk.": "stykke",
    "pkt.": "punkt",
    "kvt.": "kvartal",
    "afd.": "afdeling",
    "kr.": "kroner",
    "mio.": "millioner",
    "mia.": "milliarder",
    "ekst.": "ekstern",
    "tidl.": "tidligere",
    "kl.": "klokken",
    "d.": "den",
    "s.": "side",
    "dr.": "doktor",
}
_DA_UNITS = {
    "mg": "milligram",
    "ml": "milliliter",
    "kg": "kilo",
    "g": "gram",
    "km": "kilometer",
    "cm": "centimeter",
    "mm": "millimeter",
    "m": "meter",
    "l": "liter",
    "t": "timer",
    "min": "minutter",
    "sek": "sekunder",
    "%": "procent",
    "‰": "promille",
    "°C": "grader",
    "°": "grader",
    "kr": "kroner",
    "kr.": "kroner",
}
_EN_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "approx.": "approximately",
    "vs.": "versus",
    "dr.": "doctor",
    "mr.": "mister",
    "mrs.": "missus",
    "st.": "street",
}

_MONTH_PATTERN = "|".join(_DA_MONTHS)


def _abbreviation_pattern(table: dict[str, str]) -> str:
    # Longest first, so "m.m." wins over "m.", and only as whole words.
    keys = sorted(table, key=len, reverse=True)
    return r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    speak: object  # Callable[[re.Match[str]], str]


def _da_rules() -> list[_Rule]:
    def time(m: re.Match[str]) -> str:
        hours = int(m["h"])
        minutes = int(m["m"]) if m["m"] else None
        word = "Klokken" if m[0][0].isupper() else "klokken"
        if hours > 24 or (minutes is not None and minutes > 59):
            return f"{word} {number_da(hours)} {number_da(minutes or 0)}"
        return f"{word} {_clock_da(hours, minutes)}"

    def bare_time(m: re.Match[str]) -> str:
        return _clock_da(int(m["h"]), int(m["m"]))

    def date(m: re.Match[str]) -> str:
        day, month = int(m["d"]), int(m["mo"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return " ".join(_integer_da(p) for p in re.findall(r"\d+", m[0]))
        out = f"{ordinal_da(day)} {_DA_MONTHS[month - 1]}"
        if m["y"]:
            year = int(m["y"])
            if len(m["y"]) == 2:
                year += 2000 if year <= 40 else 1900
            out += f" {year_da(year)}"
        return out

    def iso_date(m: re.Match[str]) -> str:
        day, month, year = int(m["d"]), int(m["mo"]), int(m["y"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return " ".join(_integer_da(p) for p in (m["y"], m["mo"], m["d"]))
        return f"{ordinal_da(day)} {_DA_MONTHS[month - 1]} {year_da(year)}"

    def ordinal(m: re.Match[str]) -> str:
        return ordinal_da(int(m["n"]))

    def decimal(m: re.Match[str]) -> str:
        return _decimal_da(m["w"], m["f"])

    def grouped(m: re.Match[str]) -> str:
        return _cardinal_da(m[0].replace(".", ""))

    def integer(m: re.Match[str]) -> str:
        digits = m[0]
        if len(digits) == 4 and 1100 <= int(digits) < 2000:
            return year_da(int(digits))
        return _integer_da(digits)

    def unit(m: re.Match[str]) -> str:
        return _DA_UNITS[m[0].strip()]

    def abbreviation(m: re.Match[str]) -> str:
        word = _DA_ABBREVIATIONS[m[0].lower()]
        return word[0].upper() + word[1:] if m[0][0].isupper() else word

    range_dash = r"\s*[-–]\s*"
    units = "|".join(re.escape(u) for u in sorted(_DA_UNITS, key=len, reverse=True))
    return [
        _Rule(re.compile(r"(?<!\w)[Kk]l\.\s*(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?(?![\d,])"), time),
        _Rule(re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])"), bare_time),
        _Rule(
            re.compile(r"(?<![\d.])(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?![\d])"),
            iso_date,
        ),
        _Rule(
            re.compile(
                r"(?<![\d.,/])(?P<d>\d{1,2})(?P<sep>[./-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                r"(?!\d|[.,]\d)"
            ),
            date,
        ),
        _Rule(
            re.compile(r"(?<![\d.,/])(?P<d>\d{1,2})/(?P<mo>\d{1,2})(?:-(?P<y>\d{4}|\d{2}))?(?![\d/])"),
            date,
        ),
        _Rule(re.compile(r"(?<![\d.,])(?P<h>[01]?\d|2[0-4])\.(?P<m>[0-5]\d)(?!\d|[.,]\d)"), bare_time),
        _Rule(re.compile(r"(?<![\d.,])(?P<n>\d{1,3})\.(?=\s+(?:[a-zæøå]|" + _MONTH_PATTERN + r"))"), ordinal),
        _Rule(re.compile(r"(?<![\d.,])(?P<w>\d{1,3}(?:\.\d{3})*|\d+),(?P<f>\d+)(?![\d,])"), decimal),
        _Rule(re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)"), grouped),
        _Rule(re.compile(r"\d+"), integer),
        _Rule(re.compile(r"(?<=\d)" + range_dash + r"(?=\d)"), lambda m: " til "),
        _Rule(re.compile(r"(?<=\d)\s?(?:" + units + r")(?![\wæøå])"), unit),
        _Rule(re.compile(_abbreviation_pattern(_DA_ABBREVIATIONS), re.IGNORECASE), abbreviation),
    ]


def _en_rules() -> list[_Rule]:
    def abbreviation(m: re.Match[str]) -> str:
        word = _EN_ABBREVIATIONS[m[0].lower()]
        return word[0].upper() + word[1:] if m[0][0].isupper() else word

    return [
        _Rule(re.compile(_abbreviation_pattern(_EN_ABBREVIATIONS), re.IGNORECASE), abbreviation),
        _Rule(re.compile(r"(?<=\d)\s?%"), lambda m: " percent"),
        _Rule(re.compile(r"(?<!\w)[Nn]o\.\s*(?=\d)"), lambda m: "number "),
    ]


_RULES: dict[str, list[_Rule]] = {}


def _rules(language: str) -> list[_Rule]:
    if language not in _RULES:
        _RULES[language] = _da_rules() if language == "da" else _en_rules()
    return _RULES[language]
