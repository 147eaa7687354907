"""Read a hunspell dictionary (.aff + .dic) and expand it into its word forms.

Only what a word list needs: prefixes and suffixes with strip/add/condition, cross products,
twofold suffixes (continuation classes), NEEDAFFIX, ONLYINCOMPOUND, FORBIDDENWORD, NOSUGGEST,
the compound flags (so a form knows whether it may begin, sit inside or end a compound), REP and
KEY. Compounds themselves are not multiplied out (their number is unbounded); the lexicon checks
them at run time from the per-form compound roles that this module records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Compound roles of a form, as bits.
BEGIN, MIDDLE, END, ONLY_IN_COMPOUND, NO_SUGGEST = 1, 2, 4, 8, 16


@dataclass(frozen=True)
class Affix:
    kind: str  # "PFX" or "SFX"
    flag: str
    cross: bool
    strip: str
    add: str
    cont: frozenset[str]
    cond: re.Pattern[str] | None


@dataclass
class AffixFile:
    flag_mode: str = "char"
    affixes: dict[str, list[Affix]] = field(default_factory=dict)
    rep: list[tuple[str, str]] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    special: dict[str, str] = field(default_factory=dict)  # option name -> flag

    def parse_flags(self, text: str) -> frozenset[str]:
        if not text:
            return frozenset()
        if self.flag_mode == "num":
            return frozenset(f for f in text.split(",") if f)
        if self.flag_mode == "long":
            return frozenset(text[i : i + 2] for i in range(0, len(text), 2))
        return frozenset(text)

    def has(self, flags: frozenset[str], option: str) -> bool:
        flag = self.special.get(option)
        return flag is not None and flag in flags


_SPECIAL = (
    "NEEDAFFIX",
    "ONLYINCOMPOUND",
    "FORBIDDENWORD",
    "NOSUGGEST",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDEND",
    "COMPOUNDFLAG",
    "COMPOUNDPERMITFLAG",
)


def _condition(kind: str, cond: str) -> re.Pattern[str] | None:
    if cond in (".", ""):
        return None
    return re.compile(("^" + cond) if kind == "PFX" else (cond + "$"))


def read_aff(path: Path) -> AffixFile:
    aff = AffixFile()
    pending: dict[tuple[str, str], bool] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            parts = raw.split("#", 1)[0].split() if not raw.startswith("#") else []
            if not parts:
                continue
            head = parts[0]
            if head == "FLAG" and len(parts) > 1:
                aff.flag_mode = parts[1].lower()
            elif head in _SPECIAL and len(parts) > 1:
                aff.special[head] = parts[1]
            elif head == "REP" and len(parts) == 3:
                aff.rep.append((parts[1].replace("_", " "), parts[2].replace("_", " ")))
            elif head == "KEY" and len(parts) > 1:
                aff.key = parts[1].split("|")
            elif head in ("PFX", "SFX") and len(parts) >= 4:
                flag = parts[1]
                if (head, flag) not in pending:  # header line: PFX flag Y|N count
                    pending[(head, flag)] = parts[2] == "Y"
                    continue
                strip = "" if parts[2] == "0" else parts[2]
                add, _, cont = parts[3].partition("/")
                add = "" if add == "0" else add
                cond = parts[4] if len(parts) > 4 else "."
                aff.affixes.setdefault(flag, []).append(
                    Affix(
                        head,
                        flag,
                        pending[(head, flag)],
                        strip,
                        add,
                        aff.parse_flags(cont),
                        _condition(head, cond),
                    )
                )
    return aff


def read_dic(path: Path, aff: AffixFile) -> Iterator[tuple[str, frozenset[str]]]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        next(handle, None)  # the count
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            entry = line.split("\t", 1)[0].split(" ", 1)[0]
            word, _, flags = entry.replace("\\/", "\x00").partition("/")
            yield word.replace("\x00", "/"), aff.parse_flags(flags)


def _apply(affix: Affix, word: str) -> str | None:
    if affix.kind == "SFX":
        if affix.strip and not word.endswith(affix.strip):
            return None
        if affix.cond is not None and not affix.cond.search(word):
            return None
        base = word[: len(word) - len(affix.strip)] if affix.strip else word
        return base + affix.add
    if affix.strip and not word.startswith(affix.strip):
        return None
    if affix.cond is not None and not affix.cond.search(word):
        return None
    return affix.add + word[len(affix.strip) :]


def _roles(aff: AffixFile, flags: frozenset[str]) -> int:
    roles = 0
    if aff.has(flags, "COMPOUNDFLAG"):
        roles |= BEGIN | MIDDLE | END
    if aff.has(flags, "COMPOUNDBEGIN"):
        roles |= BEGIN
    if aff.has(flags, "COMPOUNDMIDDLE"):
        roles |= MIDDLE
    if aff.has(flags, "COMPOUNDEND"):
        roles |= END
    if aff.has(flags, "ONLYINCOMPOUND"):
        roles |= ONLY_IN_COMPOUND
    if aff.has(flags, "NOSUGGEST"):
        roles |= NO_SUGGEST
    return roles


def merge(forms: dict[str, int], form: str, roles: int) -> None:
    """Add one derivation of ``form``: compound roles add up; a form is compound-only if every
    derivation of it is."""
    old = forms.get(form)
    if old is None:
        forms[form] = roles
    else:
        only = old & roles & ONLY_IN_COMPOUND
        nosug = old & roles & NO_SUGGEST
        forms[form] = ((old | roles) & (BEGIN | MIDDLE | END)) | only | nosug


def expand(aff: AffixFile, stem: str, flags: frozenset[str]) -> Iterator[tuple[str, int]]:
    """Every form of one dictionary entry, with its compound roles. Forbidden forms are skipped."""
    if aff.has(flags, "FORBIDDENWORD"):
        return
    stem_roles = _roles(aff, flags)
    if not aff.has(flags, "NEEDAFFIX"):
        yield stem, stem_roles
    suffixed: list[tuple[str, frozenset[str], bool]] = []
    for flag in flags:
        for affix in aff.affixes.get(flag, ()):
            if affix.kind != "SFX":
                continue
            form = _apply(affix, stem)
            if form is None:
                continue
            if not aff.has(affix.cont, "NEEDAFFIX"):
                yield form, _roles(aff, affix.cont) | (stem_roles & ~(BEGIN | MIDDLE))
            suffixed.append((form, affix.cont, affix.cross))
            # Twofold suffixes: the continuation classes of a suffix add a second suffix.
            for flag2 in affix.cont:
                for affix2 in aff.affixes.get(flag2, ()):
                    if affix2.kind != "SFX":
                        continue
                    form2 = _apply(affix2, form)
                    if form2 is not None and not aff.has(affix2.cont, "NEEDAFFIX"):
                        yield form2, _roles(aff, affix2.cont) | (stem_roles & ~(BEGIN | MIDDLE))
    for flag in flags:
        for affix in aff.affixes.get(flag, ()):
            if affix.kind != "PFX":
                continue
            form = _apply(affix, stem)
            if form is None:
                continue
            yield form, _roles(aff, affix.cont) | stem_roles
            if affix.cross:
                for sform, scont, scross in suffixed:
                    if scross:
                        both = _apply(affix, sform)
                        if both is not None:
                            yield both, _roles(aff, scont)
