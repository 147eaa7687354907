"""Build the spelling lexicons from real sources: ``python -m assistant.text.build [--out DIR]``.

Sources (all installed by apt or pip, nothing downloaded here):
- word forms: the hunspell dictionaries (hunspell-da, hunspell-en-us), affixes expanded by
  :mod:`assistant.text.affix`; compound roles kept so the lexicon accepts valid compounds;
- frequencies: wordfreq (Danish "small" list, English "large" list); Danish forms missing from
  wordfreq get an estimate below its floor from their stem's frequency;
- word pairs for context and prediction: the Debian Edu manual (debian-edu-doc-da/-en), the
  training part of Dasher's Danish prose (dasher-data; see :mod:`assistant.text.corpus` for the
  held-out part) and onboard's word-pair counts (onboard-data), where installed;
- hand-written domain term lists in ``resources/lexicon/terms/<lang>_*.txt``.
The output directory gets ``<lang>/`` with ``words.txt``, ``arrays.npz``, ``pairs.npz`` (word-pair
counts) and ``meta.json``. Only counts go to the log.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import logging
import math
import os
import re
import shutil
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from assistant.text import affix, deletes
from assistant.text.phonetic import sound_key

log = logging.getLogger(__name__)

FORMAT = 7
LANGUAGES = ("da", "en")
RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "lexicon"
DEFAULT_OUT = RESOURCES / "build"

# The app bundle's own copy first (resources/hunspell: the Windows build ships the dictionaries,
# as Windows has no system ones), then the distribution's.
HUNSPELL_DIRS = (
    RESOURCES.parent / "hunspell",
    Path("/usr/share/hunspell"),
    Path("/usr/share/myspell/dicts"),
)
HUNSPELL_NAMES = {"da": "da_DK", "en": "en_US"}
WORDFREQ_LIST = {"da": "best", "en": "large"}
CORPORA = {
    "da": [Path("/usr/share/doc/debian-edu-doc-da")],
    "en": [Path("/usr/share/doc/debian-edu-doc-en")],
}
TERM_FLOOR = 1e-6  # domain terms are at least as likely as a rare everyday word
UNSEEN = 1e-9  # a valid form that no frequency list has seen
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def hunspell_files(language: str) -> tuple[Path, Path]:
    name = HUNSPELL_NAMES[language]
    for folder in HUNSPELL_DIRS:
        aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
        if aff.exists() and dic.exists():
            return aff, dic
    raise FileNotFoundError(f"hunspell dictionary {name} not found (install hunspell-{language})")


def term_files(language: str) -> list[Path]:
    return sorted((RESOURCES / "terms").glob(f"{language}_*.txt"))


def read_terms(path: Path) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word = line.split("#", 1)[0].strip()
            if word:
                out.append(word)
    return out


def corpus_text(language: str) -> list[str]:
    """Paragraph-ish chunks of real running text (HTML manuals stripped to text)."""
    chunks: list[str] = []
    for folder in CORPORA[language]:
        for path in sorted(folder.glob("*.html")):
            with open(path, encoding="utf-8", errors="replace") as handle:
                raw = handle.read()
            raw = re.sub(r"<(script|style|pre|code)[^>]*>.*?</\1>", " ", raw, flags=re.S | re.I)
            raw = re.sub(r"<(p|li|h\d|td|div|br|dt|dd)[^>]*>", "\n", raw, flags=re.I)
            text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
            chunks.extend(t for t in re.split(r"\n\s*\n|(?<=[.!?])\s+", text) if t.strip())
    return chunks


def bigram_counts(language: str, known: set[str]) -> Counter[tuple[str, str]]:
    """Word pairs inside sentences. The manuals repeat themselves, so a pair seen there once is
    dropped; pairs from the prose (training part only) and onboard's pair counts are kept."""
    from assistant.text import corpus

    manual: Counter[tuple[str, str]] = Counter()
    for chunk in corpus_text(language):
        for sentence in corpus.sentences([chunk]):
            words = [w.lower() for w in corpus.sentence_words(sentence)]
            for a, b in itertools.pairwise(words):
                if a in known and b in known:
                    manual[(a, b)] += 1
    counts: Counter[tuple[str, str]] = Counter({pair: n for pair, n in manual.items() if n >= 2})
    train, _held_out = corpus.split(language)
    for sentence in corpus.sentences(train):
        words = [w.lower() for w in corpus.sentence_words(sentence)]
        for a, b in itertools.pairwise(words):
            if a in known and b in known:
                counts[(a, b)] += 1
    _unigrams, pairs = corpus.read_onboard(language)
    for (a, b), n in pairs.items():
        a, b = a.lower(), b.lower()
        if a in known and b in known:
            counts[(a, b)] += n
    return counts


def expand_forms(language: str) -> tuple[dict[str, int], dict[str, str], affix.AffixFile]:
    """``forms``: word form -> roles; ``stem_of``: form -> one stem it came from."""
    aff_path, dic_path = hunspell_files(language)
    aff = affix.read_aff(aff_path)
    forms: dict[str, int] = {}
    stem_of: dict[str, str] = {}
    for stem, flags in affix.read_dic(dic_path, aff):
        for form, roles in affix.expand(aff, stem, flags):
            if not form or " " in form or any(ch.isdigit() for ch in form):
                continue
            affix.merge(forms, form, roles)
            stem_of.setdefault(form, stem)
    return forms, stem_of, aff


def build_language(language: str, out_dir: Path) -> dict[str, object]:
    import wordfreq

    from assistant.text import corpus

    started = time.monotonic()
    forms, stem_of, aff = expand_forms(language)
    freq_list = wordfreq.get_frequency_dict(language, WORDFREQ_LIST[language])
    floor = min(freq_list.values())
    terms: list[str] = []
    for path in term_files(language):
        terms.extend(read_terms(path))
    for term in terms:
        affix.merge(forms, term, 0)

    # One entry per lower-case key; remember the spelling when the key is not plain lower case.
    roles: dict[str, int] = {}
    display: dict[str, str] = {}
    freq: dict[str, float] = {}
    for form, role in forms.items():
        key = form.lower()
        if key in roles:
            old = roles[key]
            roles[key] = ((old | role) & 7) | (old & role & 24)
        else:
            roles[key] = role
        if form == key or key not in display:
            display[key] = form
        f = freq_list.get(key, 0.0)
        if f == 0.0:
            stem = stem_of.get(form, form).lower()
            f = min(floor * 0.5, freq_list.get(stem, 0.0) * 0.05) or UNSEEN
        freq[key] = max(freq.get(key, 0.0), f)
    for term in terms:
        key = term.lower()
        freq[key] = max(freq[key], TERM_FLOOR)

    keys = sorted(roles)
    index = deletes.build(keys)
    logfreq = np.asarray([math.log10(freq[k]) for k in keys], dtype=np.float32)
    role_arr = np.asarray([roles[k] for k in keys], dtype=np.uint8)
    lengths = np.asarray([len(k) for k in keys], dtype=np.int16)
    sounds = [sound_key(k, language) for k in keys]
    sound = np.asarray([zlib.crc32(s.encode("utf-8")) for s in sounds], dtype=np.uint32)
    order = np.argsort(sound, kind="stable").astype(np.int32)
    # A second delete index over the sound keys, for forms that sound nearly alike.
    by_sound = sorted(range(len(keys)), key=sounds.__getitem__)
    sound_index = deletes.build([sounds[i] for i in by_sound], "k_")
    del sounds

    # Written next to the final folder, then swapped in, so a reader never sees half a build.
    final = out_dir / language
    target = out_dir / f".{language}.building-{os.getpid()}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with open(target / "words.txt", "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(keys))
    # How a form is written: 0 lower case, 1 capitalised (names), 2 other (listed in display.tsv).
    case = np.zeros(len(keys), dtype=np.uint8)
    with open(target / "display.tsv", "w", encoding="utf-8", newline="\n") as handle:
        for i, key in enumerate(keys):
            form = display[key]
            if form == key:
                continue
            if form == key[:1].upper() + key[1:]:
                case[i] = 1
            else:
                case[i] = 2
                handle.write(f"{key}\t{form}\n")
    np.savez(
        target / "arrays.npz",
        logfreq=logfreq,
        roles=role_arr,
        lengths=lengths,
        case=case,
        sound_hash=sound[order],
        sound_word=order,
        k_order=np.asarray(by_sound, dtype=np.int32),
        **index,
        **sound_index,
    )
    known = set(keys)
    pairs = bigram_counts(language, known)
    position = {k: i for i, k in enumerate(keys)}
    ordered = sorted((position[a], position[b], n) for (a, b), n in pairs.items())
    np.savez(
        target / "pairs.npz",
        bigram_first=np.asarray([p[0] for p in ordered], dtype=np.int32),
        bigram_second=np.asarray([p[1] for p in ordered], dtype=np.int32),
        bigram_count=np.asarray([p[2] for p in ordered], dtype=np.int32),
    )
    del position, ordered
    meta = {
        "format": FORMAT,
        "language": language,
        "words": len(keys),
        "terms": len(terms),
        "bigrams": len(pairs),
        "rep": aff.rep,
        "keyboard": aff.key,
        "sources": {
            "hunspell": str(hunspell_files(language)[0].parent),
            "wordfreq": f"{wordfreq.__name__} {WORDFREQ_LIST[language]}",
            "corpora": [str(p) for p in CORPORA[language] if p.exists()]
            + [
                str(p)
                for p in (corpus.DASHER_FILES.get(language), corpus.ONBOARD_MODELS.get(language))
                if p and p.exists()
            ],
            "terms": [p.name for p in term_files(language)],
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    with open(target / "meta.json", "w", encoding="utf-8") as handle:
        json.dump(meta, handle, ensure_ascii=False, indent=1)
    old = out_dir / f".{language}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    target.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return meta


def _up_to_date(folder: Path) -> bool:
    """Built in the current format, and newer than the code and hand-written lists it came from."""
    from assistant.text.lexicon import _usable

    if not _usable(folder):
        return False
    built = (folder / "meta.json").stat().st_mtime
    from assistant.text import corpus

    language = folder.name
    sources = [
        Path(__file__),
        Path(corpus.__file__),
        *(Path(__file__).resolve().parents[2] / "resources" / "lexicon").glob("**/*.t*"),
        *(p for p in (corpus.DASHER_FILES.get(language), corpus.ONBOARD_MODELS.get(language)) if p),
    ]
    return all(src.stat().st_mtime <= built for src in sources if src.is_file() and "build" not in src.parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.text.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})"
    )
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="only this language")
    parser.add_argument(
        "--if-needed", action="store_true", help="skip a language whose lexicon is newer than its sources"
    )
    args = parser.parse_args(argv)
    for language in args.language or LANGUAGES:
        if args.if_needed and _up_to_date(args.out / language):
            print(f"{language}: up to date")
            continue
        meta = build_language(language, args.out)
        print(f"{language}: {meta['words']} words, {meta['bigrams']} word pairs, {meta['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
