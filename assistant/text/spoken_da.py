"""Danish numbers as a person reads them aloud: cardinals, years, ordinals, clock times, decimals
and digit strings ("1.500" -> "et tusind fem hundrede", "14.30" -> "halv tre", "3." -> "tredje")."""

from __future__ import annotations

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
