"""Spelling benchmark: the product against hunspell, aspell and plain symspellpy.

    python bench/bench_spelling.py [--eval ../shared/eval/spelling] [--systems product,hunspell,...]

For every misspelling<TAB>correct list it measures top-1 and top-5 accuracy (case-insensitive),
median and p99 time per word, and per system and language the load time and the memory the
loaded speller holds (resident set growth, measured in a fresh process per system). A word that
a speller accepts as correct counts as its own first suggestion, for every system alike.
Prints a Markdown table.
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

LISTS = {
    "da_grammatiktak": "da",
    "en_norvig_set1": "en",
    "en_norvig_set2": "en",
    "en_aspell": "en",
}
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
    return lambda word: [s.word for s in speller.suggest(word, 5)]


def make_hunspell(language: str):
    import hunspell

    name = HUNSPELL[language]
    checker = hunspell.HunSpell(f"/usr/share/hunspell/{name}.dic", f"/usr/share/hunspell/{name}.aff")

    def suggest(word: str) -> list[str]:
        if checker.spell(word):
            return [word]
        return list(checker.suggest(word))[:5]

    return suggest


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

    def __call__(self, word: str) -> list[str]:
        self.proc.stdin.write("^" + word + "\n")
        self.proc.stdin.flush()
        out: list[str] = []
        while True:
            line = self.proc.stdout.readline()
            if line in ("\n", ""):
                break
            if line.startswith("*"):
                out = [word]
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

    def suggest(word: str) -> list[str]:
        hits = sym.lookup(word.lower(), Verbosity.ALL, max_edit_distance=2)
        return [h.term for h in hits[:5]]

    return suggest


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
        top1 = top5 = 0
        times = []
        for bad, good in pairs:
            t = time.perf_counter()
            found = [s.lower() for s in suggest(bad)]
            times.append(time.perf_counter() - t)
            top1 += found[:1] == [good.lower()]
            top5 += good.lower() in found[:5]
        times.sort()
        results[name] = {
            "n": len(pairs),
            "top1": top1 / len(pairs),
            "top5": top5 / len(pairs),
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
    lists = {name: read_pairs(args.eval / f"{name}.tsv") for name in LISTS}
    systems = [s for s in args.systems.split(",") if s]
    ctx = multiprocessing.get_context("spawn")
    rows = []
    for system in systems:
        for language in ("da", "en"):
            subset = {n: p for n, p in lists.items() if LISTS[n] == language}
            with ctx.Pool(1) as pool:
                result = pool.apply(_worker, ((system, language, subset),))
            for name, r in result["lists"].items():
                rows.append((name, system, r, result["load_s"], result["memory_mb"]))
    rows.sort(key=lambda row: (list(LISTS).index(row[0]), systems.index(row[1])))
    print("| list | system | top-1 | top-5 | median ms | p99 ms | load s | memory MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, system, r, load, memory in rows:
        print(
            f"| {name} ({r['n']}) | {system} | {r['top1']:.1%} | {r['top5']:.1%} | {r['median_ms']:.2f} | "
            f"{r['p99_ms']:.1f} | {load:.2f} | {memory:.0f} |"
        )
    print(f"\ncpu: {os.cpu_count()} cores; times are wall-clock per word in one process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
