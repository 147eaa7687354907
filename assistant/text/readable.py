"""Text as a person would read it aloud: abbreviations, times, dates and numbers spelt out.

``make_readable(text, language)`` returns a :class:`Readable`: the ``spoken`` text for the voice,
and a map back to the ``original``, so a word the voice says (a span of ``spoken``) can be
highlighted in what the user wrote (``original_span``). Danish rules cover what Danish journals
are full of: ``f.eks.``, ``ca.``, ``kl. 14.30``, ``3. kvartal``, ``12.03.2024``, ``2,5 mg``,
``1.500 kr.``. English keeps numbers for the voice (every engine reads them well) and expands
the usual abbreviations. Also here: sentence splitting and a small language guesser.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from assistant.text.limits import MAX_CHUNK_CHARS

# -- Danish numbers --------------------------------------------------------------------------------

_DA_ONES = [
    "nul",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
]
_DA_TENS = {
    2: "tyve",
    3: "tredive",
    4: "fyrre",
    5: "halvtreds",
    6: "tres",
    7: "halvfjerds",
    8: "firs",
    9: "halvfems",
}
_DA_ORDINAL_ONES = [
    "nulte",
    "første",
    "anden",
    "tredje",
    "fjerde",
    "femte",
    "sjette",
    "syvende",
    "ottende",
    "niende",
    "tiende",
    "ellevte",
    "tolvte",
    "trettende",
    "fjortende",
    "femtende",
    "sekstende",
    "syttende",
    "attende",
    "nittende",
]
_DA_ORDINAL_TENS = {
    2: "tyvende",
    3: "tredivte",
    4: "fyrretyvende",
    5: "halvtredsindstyvende",
    6: "tresindstyvende",
    7: "halvfjerdsindstyvende",
    8: "firsindstyvende",
    9: "halvfemsindstyvende",
}
_DA_MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def _below_100(n: int) -> str:
    if n < 20:
        return _DA_ONES[n]
    tens, ones = divmod(n, 10)
    return _DA_TENS[tens] if ones == 0 else f"{_DA_ONES[ones]}og{_DA_TENS[tens]}"


def number_da(n: int) -> str:
    """A whole number in Danish words: 2024 -> "to tusind og fireogtyve"."""
    if n < 0:
        return "minus " + number_da(-n)
    if n < 100:
        return _below_100(n)
    parts: list[str] = []
    for size, one, many in ((10**9, "en milliard", "milliarder"), (10**6, "en million", "millioner")):
        count, n = divmod(n, size)
        if count:
            parts.append(one if count == 1 else f"{number_da(count)} {many}")
    count, n = divmod(n, 1000)
    if count:
        parts.append("et tusind" if count == 1 else f"{number_da(count)} tusind")
    count, n = divmod(n, 100)
    if count:
        parts.append("et hundrede" if count == 1 else f"{_DA_ONES[count]} hundrede")
    if n:
        parts.append(("og " if parts else "") + _below_100(n))
    return " ".join(parts)


def year_da(n: int) -> str:
    """Years are said in hundreds before 2000: 1998 -> "nitten hundrede og otteoghalvfems"."""
    if 1100 <= n < 2000:
        hundreds, rest = divmod(n, 100)
        head = f"{_below_100(hundreds)} hundrede"
        return f"{head} og {_below_100(rest)}" if rest else head
    return number_da(n)


def ordinal_da(n: int) -> str:
    """3 -> "tredje", 21 -> "enogtyvende"; above 99 the cardinal with "." is read as a number."""
    if n < 20:
        return _DA_ORDINAL_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DA_ORDINAL_TENS[tens] if ones == 0 else f"{_DA_ONES[ones]}og{_DA_ORDINAL_TENS[tens]}"
    return number_da(n)


def _digits_da(digits: str) -> str:
    return " ".join(_DA_ONES[int(d)] for d in digits)


def _clock_da(hours: int, minutes: int | None) -> str:
    if minutes is None or minutes == 0:
        return number_da(hours)
    if minutes < 10:
        return f"{number_da(hours)} nul {_DA_ONES[minutes]}"
    return f"{number_da(hours)} {number_da(minutes)}"


# Longer numbers are read digit by digit: no one says them, and int() refuses over 4,300 digits.
_MAX_SPOKEN_DIGITS = 15


def _cardinal_da(digits: str) -> str:
    return number_da(int(digits)) if len(digits) <= _MAX_SPOKEN_DIGITS else _digits_da(digits)


def _decimal_da(whole: str, fraction: str) -> str:
    head = _cardinal_da(whole.replace(".", ""))
    if fraction.startswith("0") or len(fraction) > 2:
        return f"{head} komma {_digits_da(fraction)}"
    return f"{head} komma {number_da(int(fraction))}"


def _integer_da(digits: str) -> str:
    if len(digits) > 1 and digits.startswith("0"):
        return _digits_da(digits)  # phone numbers, codes
    if len(digits) > 12:
        return _digits_da(digits)
    return number_da(int(digits))


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


# -- words -----------------------------------------------------------------------------------------

_RUN = re.compile(r"\S+")


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word of ``text``: a run of non-space characters without the
    punctuation at its edges (quotes »« „“ ”, brackets, commas, a sentence's full stop).

    Emoji (with skin tones and joiners) and combining marks stay inside their word; inner
    punctuation stays too ("f.eks", "14.30", "it's"). A run of punctuation only ("—", "…") is not
    a word. Indices are Python string indices (code points), never UTF-16 units.
    """
    spans: list[tuple[int, int]] = []
    for run in _RUN.finditer(text):
        start, end = run.start(), run.end()
        while start < end and _is_punctuation(text[start]):
            start += 1
        while end > start and _is_punctuation(text[end - 1]):
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


# -- the readable text and its map back to the original -------------------------------------------


@dataclass(frozen=True)
class Readable:
    """``spoken`` is what the voice gets; ``original_span`` maps a span of it back to ``original``.

    ``_spoken_starts[i]``/``_original_starts[i]`` begin piece ``i``; a piece is either copied
    (same length in both) or replaced (a rule's words for an original stretch).
    """

    original: str
    spoken: str
    _spoken_starts: tuple[int, ...]
    _original_starts: tuple[int, ...]
    _copied: tuple[bool, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of ``original`` that ``spoken[start:end]`` was made from."""
        if not self._spoken_starts:
            return (0, 0)
        end = max(end, start + 1)
        first = max(bisect_right(self._spoken_starts, start) - 1, 0)
        last = max(bisect_right(self._spoken_starts, end - 1) - 1, 0)
        o_start = self._map(first, start, at_end=False)
        o_end = self._map(last, end, at_end=True)
        return (min(o_start, len(self.original)), min(max(o_end, o_start), len(self.original)))

    def _map(self, piece: int, position: int, *, at_end: bool) -> int:
        if self._copied[piece]:
            return self._original_starts[piece] + (position - self._spoken_starts[piece])
        if at_end:
            return (
                self._original_starts[piece + 1]
                if piece + 1 < len(self._original_starts)
                else len(self.original)
            )
        return self._original_starts[piece]


def make_readable(text: str, language: str) -> Readable:
    """``text`` rewritten for a ``language`` ("da" or "en") voice, with its map back."""
    rules = _rules(language)
    spoken: list[str] = []
    s_starts: list[int] = []
    o_starts: list[int] = []
    copied: list[bool] = []
    length = 0

    def add(original_start: int, words: str, is_copy: bool) -> None:
        nonlocal length
        if not words:
            return
        s_starts.append(length)
        o_starts.append(original_start)
        copied.append(is_copy)
        spoken.append(words)
        length += len(words)

    position = 0
    # Each rule's next match, searched again only once the text before it has been passed: a
    # fresh search of every rule after every match would scan the rest of the text each time
    # (quadratic in a long text of numbers). A match at or after ``position`` does not depend on
    # where the search began (look-behinds see the whole text), so the result is the same.
    upcoming: list[re.Match[str] | None] = [None] * len(rules)
    exhausted = [False] * len(rules)
    while position < len(text):
        best: tuple[int, int, _Rule, re.Match[str]] | None = None
        for order, rule in enumerate(rules):
            if exhausted[order]:
                continue
            match = upcoming[order]
            if match is None or match.start() < position:
                match = upcoming[order] = rule.pattern.search(text, position)
                exhausted[order] = match is None
            if match and match.end() > match.start() and (best is None or match.start() < best[0]):
                best = (match.start(), order, rule, match)
        if best is None:
            add(position, text[position:], True)
            break
        start, _, rule, match = best
        add(position, text[position:start], True)
        words = rule.speak(match)  # type: ignore[operator]
        # Keep the words apart from their neighbours ("2,5mg" -> "to komma fem milligram").
        if spoken and spoken[-1] and not spoken[-1][-1].isspace() and not words[:1].isspace():
            words = " " + words
        if match.end() < len(text) and text[match.end()].isalnum() and not words[-1:].isspace():
            words += " "
        add(start, words, False)
        position = match.end()
    return Readable(text, "".join(spoken), tuple(s_starts), tuple(o_starts), tuple(copied))


# -- sentences and language ------------------------------------------------------------------------

_NO_BREAK_AFTER = {
    *(k.rstrip(".").lower() for k in _DA_ABBREVIATIONS if k.endswith(".")),
    *(k.rstrip(".").lower() for k in _EN_ABBREVIATIONS if k.endswith(".")),
}
# A run of marks is matched from its first mark only: tried from every mark of a long run that
# no space follows, the pattern would take quadratic time.
_BREAK = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)]*(?=\s)|\n\s*\n|\n(?=\s*[-•*\d])")
_WORD_BEFORE = re.compile(r"[\w.]+$")
_NON_SPACE = re.compile(r"\S")
_ABBREVIATION_MAX = 16  # letters: longer than any abbreviation or ordinal that keeps a sentence going
MAX_CHUNK_WORDS = 30


def _word_before(text: str, start: int, end: int) -> str:
    """The run of letters, digits and dots that ends at ``end`` (not before ``start``), in lower
    case; "" when there is none or it is too long to be an abbreviation or an ordinal."""
    window = max(start, end - _ABBREVIATION_MAX)
    found = _WORD_BEFORE.search(text, window, end)
    if found is None:
        return ""
    if found.start() == window and window > start and _WORD_BEFORE.match(text, window - 1, window):
        return ""  # the run goes on before the window: a long word, no abbreviation
    return found.group().lower()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed. An abbreviation's or an ordinal's dot
    does not end a sentence; a blank line or a list item does. Linear in the length of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            word = _word_before(text, start, match.start())
            next_char = _NON_SPACE.search(text, end)
            following = next_char.group() if next_char else ""
            if word in _NO_BREAK_AFTER or word.rstrip(".") in _NO_BREAK_AFTER:
                continue
            if word.isdigit() and following and not following.isupper():
                continue  # "3. kvartal", "d. 3. marts"
            if following and following.islower():
                continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_long(
    text: str, start: int, end: int, max_words: int = MAX_CHUNK_WORDS, max_chars: int = MAX_CHUNK_CHARS
) -> list[tuple[int, int]]:
    """A sentence longer than ``max_words`` cut at clause marks (, ; :), else between words, so
    that the first sound of a long text comes quickly. A piece is also at most ``max_chars`` long:
    cut between words, or inside a run without spaces (a link, a pasted blob)."""
    return [
        cut for piece in _split_words(text, start, end, max_words) for cut in _cap(text, *piece, max_chars)
    ]


_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


def _glued(char: str) -> bool:
    """A character that belongs to the one before it (combining mark, joiner, skin tone)."""
    return unicodedata.combining(char) > 0 or char in _JOINERS or "\U0001f3fb" <= char <= "\U0001f3ff"


def _cap(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        limit = start + max_chars
        space = max(text.rfind(" ", start + 1, limit + 1), text.rfind("\n", start + 1, limit + 1))
        if space > start:
            cut, resume = space, space
        else:
            cut = limit
            # Not between a letter and its accent, nor inside an emoji sequence.
            while cut > start + 1 and (_glued(text[cut]) or text[cut - 1] == "\u200d"):
                cut -= 1
            resume = cut
        trimmed = cut
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        if trimmed > start:
            pieces.append((start, trimmed))
        while resume < end and text[resume].isspace():
            resume += 1
        start = resume
    if end > start:
        pieces.append((start, end))
    return pieces


def _split_words(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= max_words:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    count = 0
    for index, word in enumerate(words):
        count += 1
        clause_end = word.group().endswith((",", ";", ":"))
        long_enough = (clause_end and count >= max_words // 3) or count >= max_words
        if long_enough and index + 1 < len(words):
            pieces.append((piece_start, start + word.end()))
            piece_start = start + words[index + 1].start()
            count = 0
    pieces.append((piece_start, end))
    return pieces


_DA_WORDS = set(
    [
        "og",
        "i",
        "at",
        "det",
        "er",
        "en",
        "til",
        "på",
        "som",
        "de",
        "med",
        "for",
        "ikke",
        "der",
        "af",
        "var",
        "jeg",
        "han",
        "hun",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "sig",
        "men",
        "kan",
        "skal",
        "vil",
        "eller",
        "hvis",
        "efter",
        "også",
        "når",
        "blev",
        "være",
        "ved",
        "fra",
        "så",
        "meget",
        "nu",
        "hvor",
        "bliver",
        "patienten",
        "borgeren",
        "dag",
        "godt",
        "mødes",
        "vi",
    ]
)
_EN_WORDS = set(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "is",
        "that",
        "it",
        "you",
        "was",
        "for",
        "on",
        "are",
        "with",
        "as",
        "he",
        "she",
        "they",
        "be",
        "at",
        "this",
        "have",
        "from",
        "or",
        "by",
        "not",
        "but",
        "what",
        "all",
        "were",
        "we",
        "when",
        "your",
        "can",
        "there",
        "an",
        "which",
        "their",
        "if",
        "do",
        "will",
        "would",
        "has",
    ]
)


def guess_language(text: str, default: str = "da") -> str:
    """ "da" or "en" from letters and common words; ``default`` when the text does not tell."""
    lowered = text.lower()
    words = re.findall(r"[a-zæøå']+", lowered)
    danish = sum(w in _DA_WORDS for w in words) + 2 * len(re.findall(r"[æøå]", lowered))
    english = sum(w in _EN_WORDS for w in words) + 2 * len(re.findall(r"\b(?:th\w+|\w+ing)\b", lowered))
    if danish == english:
        return default
    return "da" if danish > english else "en"
