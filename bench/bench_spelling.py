"""Spelling benchmark: the product against hunspell, aspell and plain symspellpy.

    python bench/bench_spelling.py [--eval ../shared/eval/spelling] [--systems product,hunspell,...]

Every ``<lang>_*.tsv`` misspelling<TAB>correct list in the folder is used. One scoring rule for
every system: a misspelling that the system accepts as a correct word is not flagged, so the
user sees no suggestion: it is a miss for top-1 and top-5 and is counted in "accepted as
correct" (each by the tool's own verdict: aspell's "*", "+" and "-" replies all accept the word).
Otherwise the system's first five suggestions are compared (case-insensitive). Time
per word is check + suggest together, median and p99. Per system and language: load time and
the memory the loaded speller holds (resident-set growth in a fresh process per system; aspell
runs as its own process and is measured as that process). Prints a Markdown table and, per
list, the product's margin over the better of hunspell and aspell in the same run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SYSTEMS = ("product", "hunspell", "aspell", "symspellpy")
HUNSPELL = {"da": "da_DK", "en": "en_US"}
DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "spelling"


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def read_pairs(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle][1:]
    return [(r[0], r[1]) for r in rows if len(r) >= 2]


def make_product(language: str):
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    from assistant.text import lexicon
    from assistant.text.spelling import Speller

    speller = Speller(lexicon.load(language))
    reason = speller.acceptance.available()
    if reason:
        raise SystemExit(f"product: {reason}")

    def check(word: str) -> list[str] | None:
        if speller.is_correct(word):
            return None
        return [s.word for s in speller.suggest(word, 5)]

    return check


def make_hunspell(language: str):
    from assistant.text.hunspell_binding import open_hunspell

    name = HUNSPELL[language]
    folder = Path("/usr/share/hunspell")
    checker = open_hunspell(folder / f"{name}.aff", folder / f"{name}.dic")

    def check(word: str) -> list[str] | None:
        if checker.spell(word):
            return None
        return list(checker.suggest(word))[:5]

    return check


class _Aspell:
    def __init__(self, language: str) -> None:
        self.proc = subprocess.Popen(
            ["aspell", "-a", f"--lang={language}", "--encoding=utf-8", "--sug-mode=normal"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.proc.stdout.readline()  # banner

    def __call__(self, word: str) -> list[str] | None:
        self.proc.stdin.write("^" + word + "\n")
        self.proc.stdin.flush()
        out: list[str] | None = []
        while True:
            line = self.proc.stdout.readline()
            if line in ("\n", ""):
                break
            if line[:1] in ("*", "+", "-"):
                # ispell -a verdicts: "*" a word, "+" a word by its affixes, "-" a run-together
                # compound that aspell accepts. All three are aspell saying "correct".
                out = None
            elif line.startswith("&"):
                out = [s.strip() for s in line.split(":", 1)[1].split(",")][:5]
        return out


def make_aspell(language: str):
    return _Aspell(language)


def make_symspellpy(language: str):
    import wordfreq
    from symspellpy import SymSpell, Verbosity

    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word, freq in wordfreq.get_frequency_dict(language, "best" if language == "da" else "large").items():
        sym.create_dictionary_entry(word, max(1, int(freq * 1e9)))

    def check(word: str) -> list[str] | None:
        hits = sym.lookup(word.lower(), Verbosity.ALL, max_edit_distance=2)
        if hits and hits[0].distance == 0:
            return None  # in its dictionary: accepted as correct
        return [h.term for h in hits[:5]]

    return check


FACTORIES = {
    "product": make_product,
    "hunspell": make_hunspell,
    "aspell": make_aspell,
    "symspellpy": make_symspellpy,
}


def run_system(system: str, language: str, lists: dict[str, list[tuple[str, str]]]) -> dict:
    before = rss_mb()
    started = time.perf_counter()
    suggest = FACTORIES[system](language)
    load = time.perf_counter() - started
    memory = rss_mb() - before
    if isinstance(suggest, _Aspell):
        suggest("warm")
        memory = rss_mb(suggest.proc.pid)  # aspell runs as its own process
    results = {}
    for name, pairs in lists.items():
        top1 = top5 = accepted = 0
        times = []
        for bad, good in pairs:
            t = time.perf_counter()
            answer = suggest(bad)
            times.append(time.perf_counter() - t)
            if answer is None:
                accepted += 1  # not flagged: the user sees nothing, a miss
                continue
            found = [s.lower() for s in answer]
            top1 += found[:1] == [good.lower()]
            top5 += good.lower() in found[:5]
        times.sort()
        results[name] = {
            "n": len(pairs),
            "top1": top1 / len(pairs),
            "top5": top5 / len(pairs),
            "accepted": accepted,
            "median_ms": statistics.median(times) * 1000,
            "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        }
    return {"load_s": load, "memory_mb": memory, "lists": results}


def _worker(args: tuple[str, str, dict]) -> dict:
    return run_system(*args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    args = parser.parse_args()
    paths = sorted(args.eval.glob("*.tsv"), key=lambda p: (p.stem[:2] != "da", p.stem))
    if not paths:
        raise SystemExit(f"bench_spelling: no <lang>_*.tsv lists in {args.eval} (pass --eval DIR)")
    lists = {p.stem: read_pairs(p) for p in paths}
    language_of = {p.stem: p.stem.split("_", 1)[0] for p in paths}
    systems = [s for s in args.systems.split(",") if s]
    ctx = multiprocessing.get_context("spawn")
    rows = []
    for system in systems:
        for language in ("da", "en"):
            subset = {n: p for n, p in lists.items() if language_of[n] == language}
            if not subset:
                continue
            with ctx.Pool(1) as pool:
                try:
                    result = pool.apply(_worker, ((system, language, subset),))
                except ImportError as exc:
                    # A peer that is not installed (symspellpy is no dependency): say so, go on.
                    print(f"bench_spelling: {system} skipped: {exc}", file=sys.stderr)
                    break
            for name, r in result["lists"].items():
                rows.append((name, system, r, result["load_s"], result["memory_mb"]))
    rows.sort(key=lambda row: (list(lists).index(row[0]), systems.index(row[1])))
    print("| list | system | top-1 | top-5 | accepted as correct | median ms | p99 ms | load s | memory MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, system, r, load, memory in rows:
        print(
            f"| {name} ({r['n']}) | {system} | {r['top1']:.1%} | {r['top5']:.1%} | "
            f"{r['accepted']} ({r['accepted'] / r['n']:.1%}) | {r['median_ms']:.2f} | "
            f"{r['p99_ms']:.1f} | {load:.2f} | {memory:.0f} |"
        )
    by = {(name, system): r for name, system, r, _, _ in rows}
    print()
    for name in lists:
        if (name, "product") not in by:
            continue
        ours = by[(name, "product")]
        peers = [by[(name, s)] for s in ("hunspell", "aspell") if (name, s) in by]
        if not peers:
            continue
        best1 = max(p["top1"] for p in peers)
        best5 = max(p["top5"] for p in peers)
        hun = by.get((name, "hunspell"))
        line = (
            f"{name}: top-1 {100 * (ours['top1'] - best1):+.1f} points vs the better of hunspell/aspell, "
            f"top-5 {100 * (ours['top5'] - best5):+.1f} points"
        )
        if hun is not None:
            line += f", accepted as correct {ours['accepted']} vs hunspell's {hun['accepted']}"
        print(line)
    print(f"\ncpu: {os.cpu_count()} cores; times are wall-clock per word in one process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
