"""How sure the recogniser was of each word, and which words to mark as unsure.

Every engine gives a per-word probability in [0, 1]:

- Whisper: the mean probability of the word's tokens, teacher-forced over the utterance's audio
  (CTranslate2's alignment pass, as faster-whisper computes word probabilities).
- Transducers (sherpa-onnx): the geometric mean of the word's token probabilities
  (``ys_log_probs`` of the greedy search).
- Vosk: Kaldi's word posterior (``conf``).

A word is *unsure* below the engine's threshold. The thresholds were fixed before measuring
(bench/bench_confidence.py reports recall and precision of "unsure" against the words that were
actually wrong, per language, on held-out recordings); they are not tuned on those recordings.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Below this probability a word is marked unsure, per engine (chosen a priori: "less likely than
# not" for Whisper and the transducers; Kaldi's posteriors run high, so Vosk's bar is higher).
UNSURE_BELOW = {"whisper": 0.5, "transducer": 0.5, "vosk": 0.7}
DEFAULT_UNSURE_BELOW = 0.5


@dataclass(frozen=True)
class WordConfidence:
    """A recognised word, its times (seconds from the start of the stream) and how sure the
    engine was of it; ``alternatives`` are other words the engine considered there, if any."""

    text: str
    start: float
    end: float
    probability: float
    unsure: bool = False
    alternatives: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "probability": round(self.probability, 4),
            "unsure": self.unsure,
        }
        if self.alternatives:
            data["alternatives"] = list(self.alternatives)
        return data


def mark(
    engine: str, text: str, start: float, end: float, probability: float, **extra: Any
) -> WordConfidence:
    """A :class:`WordConfidence` with ``unsure`` set by the engine's threshold."""
    p = float(min(1.0, max(0.0, probability)))
    below = UNSURE_BELOW.get(engine, DEFAULT_UNSURE_BELOW)
    return WordConfidence(text, start, end, p, p < below, **extra)


# -- transducers -----------------------------------------------------------------------------------


def transducer_word_probabilities(tokens: Sequence[str], log_probs: Sequence[float]) -> list[float]:
    """Per word, grouped exactly as ``transducer_engine._words`` groups pieces (a piece starting
    with "▁" starts a word; groups with no text are dropped): the geometric mean of its pieces'
    probabilities. Empty when the runtime gave no scores."""
    if not log_probs or len(log_probs) != len(tokens):
        return []
    groups: list[tuple[str, list[float]]] = []
    for piece, lp in zip(tokens, log_probs, strict=True):
        text = piece.replace("\u2581", " ")
        if not groups or text.startswith(" "):
            groups.append((text.strip(), [float(lp)]))
        else:
            word, scores = groups[-1]
            groups[-1] = (word + text, [*scores, float(lp)])
    return [math.exp(sum(lps) / len(lps)) for text, lps in groups if text]


# -- Whisper ---------------------------------------------------------------------------------------


def whisper_words(
    model: Any,
    tokenizer: Any,
    audio: np.ndarray,
    segments: Sequence[Any],
    offset: float,
    encoded: Any = None,
    decoded: Sequence[Sequence[int] | None] | None = None,
) -> list[list[WordConfidence]]:
    """Per segment (with ``.text``, ``.start``, ``.end`` relative to ``audio``), its words with
    probabilities. ``audio`` is float32 16 kHz; ``offset`` shifts the times onto the stream.

    One encoder pass over the audio (a window of its own length plus one second, as the short
    window decode uses; or ``encoded``, the decode's own encoder output of this audio), then one
    teacher-forced pass over the tokens of every segment in order, as faster-whisper aligns its
    word timestamps. A pass per segment would make the decoder read each later segment as if it
    began the audio: its first word then scored near 0 (correct words marked unsure).

    ``decoded``: per segment, the token ids the decode produced (None: encode its text). They are
    scored as decoded: the multilingual tokenizer does not give the same ids back for the text
    (" than" came back as " " + "than", which the decoder never writes, scored 0.00)."""
    import ctranslate2

    if not segments:
        return []
    content = len(audio) // 160  # mel frames of the audio, as faster-whisper counts them
    if encoded is None:
        features = model.feature_extractor(audio)
        content = features.shape[-1] - 1
        width = min(3000, content + 100)
        width += width % 2
        window = np.zeros((1, features.shape[0], width), dtype=np.float32)
        window[0, :, : min(content, width)] = features[:, : min(content, width)]
        encoded = model.model.encode(ctranslate2.StorageView.from_array(window))
    else:
        width = encoded.shape[1] * 2  # the encoder halves the frame count
    eot = tokenizer.eot
    per_segment = [
        [t for t in ids if t < eot]  # text tokens only: no timestamps
        if ids is not None
        else tokenizer.encode(" " + segment.text.strip())
        for segment, ids in zip(segments, decoded or [None] * len(segments), strict=True)
    ]
    ends = list(accumulate(len(tokens) for tokens in per_segment))
    found: list[list[WordConfidence]] = [[] for _ in segments]
    if not ends or ends[-1] == 0:
        return found
    flat = [token for tokens in per_segment for token in tokens]
    aligned = model.find_alignment(tokenizer, [flat], encoded, min(content, width))
    used = 0  # tokens of the words before this one
    for w in aligned[0] if aligned else []:
        index = min(bisect_right(ends, used), len(segments) - 1)  # the segment of its first token
        used += len(w["tokens"])
        text = str(w["word"]).strip()
        if not any(ch.isalnum() for ch in text):
            continue  # punctuation: not a word the user would check
        found[index].append(
            mark(
                "whisper", text, offset + float(w["start"]), offset + float(w["end"]), float(w["probability"])
            )
        )
    return found


def attach_whisper(
    recognizer: Any,
    utterance_start: float,
    audio: np.ndarray,
    segments: list[Any],
    decoded: Sequence[Sequence[int] | None] | None = None,
) -> list[Any]:
    """``segments`` (assistant Segments) with their words and probabilities; on any failure the
    segments as they were (a missing confidence never costs a word)."""
    from dataclasses import replace

    if not segments:
        return segments
    try:
        relative = [_Rel(s.text, s.start - utterance_start, s.end - utterance_start) for s in segments]
        # The short-window decode of this same audio already ran the encoder: reuse its output.
        stash = getattr(recognizer, "_last_encoded", None)
        encoded = stash[2] if stash is not None and stash[0] == len(audio) else None
        recognizer._last_encoded = None  # used once: the next utterance brings its own
        scored = whisper_words(
            recognizer.model, recognizer._tokenizer(), audio, relative, utterance_start, encoded, decoded
        )
    except Exception as exc:
        log.warning("word confidence failed (%s); words shown without it", type(exc).__name__)
        return segments
    return [replace(s, words=tuple(w)) for s, w in zip(segments, scored, strict=True)]


def with_alternatives(segments: list[Any], hypotheses: Sequence[str], limit: int = 3) -> list[Any]:
    """``segments`` with each unsure word given the words the decoder's other hypotheses (the
    beam's runners-up) have in its place: a one-for-one word, or up to three words for one
    ("bankte" / "bank der"). Sure words and words every hypothesis agrees on get none."""
    from dataclasses import replace
    from difflib import SequenceMatcher

    words = [w for s in segments for w in s.words]
    if not hypotheses or not any(w.unsure for w in words):
        return segments
    plain = [_plain(w.text) for w in words]
    found: list[list[str]] = [[] for _ in words]
    for hypothesis in hypotheses:
        shown = [w.strip(_EDGE) for w in hypothesis.split() if w.strip(_EDGE)]
        other = [_plain(w) for w in shown]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, plain, other, autojunk=False).get_opcodes():
            if tag != "replace":
                continue
            if i2 - i1 == j2 - j1:
                pairs = [(i1 + k, shown[j1 + k]) for k in range(i2 - i1)]
            elif i2 - i1 == 1 and j2 - j1 <= 3:
                pairs = [(i1, " ".join(shown[j1:j2]))]
            else:
                continue
            for index, text in pairs:
                if words[index].unsure and _plain(text) != plain[index] and text not in found[index]:
                    found[index].append(text)
    if not any(found):
        return segments
    out, index = [], 0
    for segment in segments:
        scored = []
        for w in segment.words:
            extra = tuple(found[index][:limit])
            scored.append(replace(w, alternatives=extra) if extra else w)
            index += 1
        out.append(replace(segment, words=tuple(scored)))
    return out


_EDGE = ".,;:!?\"'()[]«»“”‘’-–—…"


def _plain(word: str) -> str:
    return word.strip(_EDGE).lower()


@dataclass(frozen=True)
class _Rel:
    text: str
    start: float
    end: float


def unsure_words(words: Sequence[WordConfidence]) -> list[WordConfidence]:
    return [w for w in words if w.unsure]
