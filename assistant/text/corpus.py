"""Real running text and word counts that Debian ships, for context and next-word prediction.

- ``dasher-data``: ``training_danish_DK.txt``, about 106,000 words of Danish prose (GPL-2+).
  Its paragraphs are split once, deterministically: every fifth paragraph is held out of every
  count the product builds, so benchmarks and tests can measure prediction, confusions and split
  compounds on text the model has never seen. That held-out part has been looked at while rules
  and thresholds were chosen, so one paragraph in ten more (:func:`unseen_part`) is kept out of the
  counts and out of every choice: false flags are measured on it, not tuned on it.
- ``onboard-data``: ``da_DK.lm``, onboard's Danish word and word-pair counts (ARPA-like text,
  GPL-3+).
Nothing here goes to a log but counts.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

DASHER_FILES = {
    "da": Path("/usr/share/dasher/training_danish_DK.txt"),
    "en": Path("/usr/share/dasher/training_english_GB.txt"),
}
ONBOARD_MODELS = {
    "da": Path("/usr/share/onboard/models/da_DK.lm"),
    "en": Path("/usr/share/onboard/models/en_US.lm"),
}
HELD_OUT_EVERY = 5  # paragraph i is held out when i % 5 == 4
TEST_EVERY, TEST_AT = 10, 2  # paragraph i is test text when i % 10 == 2

# Inner full stops keep abbreviations whole ("f.eks"), as the tokenizer does.
WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
# A sentence ends at . ! ? or a line end; words are paired only inside one sentence.
_SENTENCE = re.compile(r"(?<=[.!?»:;])\s+|\n")


def paragraphs(language: str) -> list[str]:
    path = DASHER_FILES.get(language)
    if path is None or not path.is_file():
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def split(language: str) -> tuple[list[str], list[str]]:
    """(training paragraphs, held-out paragraphs) of the Dasher prose; the test part is in neither."""
    train: list[str] = []
    held: list[str] = []
    for i, para in enumerate(paragraphs(language)):
        if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1:
            held.append(para)
        elif i % TEST_EVERY != TEST_AT:
            train.append(para)
    return train, held


def unseen_part(language: str) -> list[str]:
    """Paragraphs of the Dasher prose that are neither counted nor held out for tuning."""
    return [p for i, p in enumerate(paragraphs(language)) if i % TEST_EVERY == TEST_AT]


def sentences(chunks: list[str]) -> list[str]:
    out: list[str] = []
    for chunk in chunks:
        out.extend(s.strip() for s in _SENTENCE.split(chunk) if s.strip())
    return out


def sentence_words(sentence: str) -> list[str]:
    return WORD.findall(sentence)


def read_onboard(language: str) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """onboard's unigram and bigram counts (case as written), or empty counters."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    path = ONBOARD_MODELS.get(language)
    if path is None or not path.is_file():
        return unigrams, bigrams
    section = 0
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("\\"):
                section = 1 if line.startswith("\\1-grams") else 2 if line.startswith("\\2-grams") else 0
                continue
            if not section or not line:
                continue
            parts = line.split(" ")
            if not parts[0].isdigit():
                continue
            count = int(parts[0])
            if section == 1 and len(parts) == 2 and not parts[1].startswith("<"):
                unigrams[parts[1]] += count
            elif section == 2 and len(parts) == 3:
                bigrams[(parts[1], parts[2])] += count
    return unigrams, bigrams
