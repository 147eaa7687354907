"""Grow the Danish domain term lists from real sources: ``python scripts/grow_terms.py dental|municipal``.

Prints, one a line, the word stems of hunspell-da (Stavekontrolden.dk; MPL-1.1 or GPL-3+ or
LGPL-3+, so the list may be kept under the project's GPL-3+) that belong to a domain by their
first or last part (the seeds below, written for the project); with ``--seen`` only those that
real text has seen: onboard's Danish word counts (onboard-data ``da_DK.lm``, GPL-3+) or
wordfreq's Danish list (only asked whether it has the word; nothing of it is copied). Both know
few dental words, so the dental list is grown without ``--seen``, the municipal list with it. A seed matches a whole word or one part of a compound whose other
part is a stem too (so "tand" finds "kindtand", not "afstand"). The output is reviewed by hand and appended to
``resources/lexicon/terms/da_<domain>.txt``; every term there is accepted and ranked at least as
a rare everyday word (see assistant/text/build.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.text import corpus
from assistant.text.build import hunspell_files

SEEDS = {
    "dental": {
        "start": (
            "tand tænder kæbe tandkød rodbehandling rodspids rodkanal mundhule bidskinne "
            "visdomstand fortand kindtand hjørnetand mælketand tandregulering tandsten tandbørste "
            "tandtråd caries karies paradentose protese bedøvelse fyldning emalje "
            "tandpleje tandlæge tandskade tandsæt tandbro implantat"
        ),
        "end": "tand tænder tandlæge protese fyldning kæbe",
    },
    "municipal": {
        "start": (
            "kommune kommunal borgerservice visitation hjemmehjælp hjemmepleje plejecenter "
            "plejehjem sagsbehandler sagsbehandling bevilling kontanthjælp boligstøtte "
            "førtidspension sygedagpenge jobcenter aktindsigt klagevejledning afgørelse "
            "partshøring forvaltning dagtilbud skolefritidsordning sundhedspleje ankestyrelse "
            "folkeregister byggetilladelse lokalplan renovation genbrugsplads dagpleje handleplan "
            "hjælpemiddel tilskud ydelse skole daginstitution ældrepleje"
        ),
        "end": "kommune hjælp ydelse tilskud bevilling afgørelse pleje tilbud",
    },
}


def stems(dic: Path) -> list[str]:
    with open(dic, encoding="utf-8") as handle:
        lines = handle.read().splitlines()[1:]  # the first line is the entry count
    return sorted({line.split("/", 1)[0] for line in lines if line and not line.startswith("#")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("domain", choices=sorted(SEEDS))
    parser.add_argument("--seen", action="store_true", help="only words that onboard or wordfreq has seen")
    args = parser.parse_args(argv)
    import wordfreq

    unigrams, _pairs = corpus.read_onboard("da")
    if not unigrams:
        raise SystemExit("grow_terms: onboard-data is not installed (apt-get install onboard-data)")
    seen: dict[str, int] = {}
    for word, n in unigrams.items():
        seen[word.lower()] = seen.get(word.lower(), 0) + n
    starts = SEEDS[args.domain]["start"].split()
    ends = SEEDS[args.domain]["end"].split()
    _aff, dic = hunspell_files("da")
    known = set(stems(dic))

    def word(part: str, linking: bool = True) -> bool:
        # A whole stem of 3+ letters, with or without the linking s or e of a compound.
        if len(part) >= 3 and part in known:
            return True
        return linking and len(part) >= 4 and part[-1:] in "se" and part[:-1] in known

    for key in sorted(known):
        if not key.isalpha() or not key.islower():
            continue
        if args.seen and not (seen.get(key) or wordfreq.zipf_frequency(key, "da")):
            continue
        if any(key == seed or (key.startswith(seed) and word(key[len(seed) :])) for seed in starts) or any(
            # No linking letter before a last part: "hus|stand" is not "hus-s-tand".
            key.endswith(end) and word(key[: -len(end)], linking=False)
            for end in ends
        ):
            print(key)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
