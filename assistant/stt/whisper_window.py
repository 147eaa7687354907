"""The short encoder window: Whisper encodes an utterance over its own length plus padding.

faster-whisper pads every piece of audio to Whisper's 30-second window; CTranslate2 accepts a
shorter one, so :class:`ShortWindowDecoding` (mixed into
:class:`~assistant.stt.whisper_engine.WhisperRecognizer`) encodes the audio plus a little
padding once and decodes it with timestamps, using faster-whisper's own fallback rules. An
echo into the padding is cut at the end of the audio; an echo inside it is found by
:func:`~assistant.stt.whisper_text.echo_at` and handled by the recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.stt.vad import RATE
from assistant.stt.whisper_text import compression_ratio, plain_words

# The short encoder window: the audio plus padding (in 10 ms mel frames), never more than
# Whisper's 3000. English final text gets 10 s of padding: on the English evaluation recordings
# (and espeak's voice) that gave the full window's words with no echo, where 2-5 s changed a
# word or echoed on one-word utterances. In Danish (the multilingual base model) 10 s still cost
# words (10 against 8 errors in 26 words on the two Danish recordings), so Danish final text keeps
# the full window until a shorter one is shown to cost nothing. A preview is only shown until
# the final text replaces it, so it gets 2 s in every language (the first live word sooner, and
# a preview running at key release ends sooner).
WINDOW_FRAMES = 3000
FINAL_PAD_FRAMES = {"en": 1000}
PREVIEW_PAD_FRAMES = 200
_TIME_PRECISION = 0.02  # seconds per timestamp token
# A segment that begins this close to the end of the audio (or after it) is either Whisper
# repeating itself into the padding, or the last words with a timestamp placed late (a word cut
# off by the key's release is often stamped at or past the end). A repeat of the words before it
# is dropped; anything else is kept and marked ``late`` so the final decode is checked against
# the full window (dropping it lost last words the raw model keeps, issue 20).
_PAST_END_SECONDS = 0.3
# faster-whisper's fallback rules, kept so the product decides like the raw model.
_COMPRESSION_LIMIT = 2.4
_LOGPROB_LIMIT = -1.0
_NO_SPEECH_LIMIT = 0.6
_BEST_OF = 5
# Runners-up of the beam kept as alternatives for unsure words.
_ALTERNATIVES = 3
# Greedy decoding of speech cut off mid-word was seen to loop on a phrase; forbidding a repeated
# 4-token run in the final decode stops that at the source (no change in word error rate on the
# evaluation recordings).
NO_REPEAT = 4


@dataclass
class WindowSegment:
    """One segment of a short-window decode, with the attributes of faster-whisper's Segment the
    recogniser reads; times in seconds from the start of the decoded audio."""

    text: str
    start: float
    end: float
    tokens: list[int]
    compression_ratio: float
    no_speech_prob: float
    avg_logprob: float
    #: Begins within ``_PAST_END_SECONDS`` of the end of the audio (or after it), with new words.
    late: bool = False


class ShortWindowDecoding:
    """The recogniser's short-window decode; reads its ``model`` and ``language``."""

    model: object
    language: str
    _whisper_tokenizer: object | None
    _suppress: list[int] | None
    #: (samples decoded, the texts of the beam's runners-up) of the last window decode.
    _last_hypotheses: tuple[int, list[str]] | None = None

    # -- the short encoder window -----------------------------------------------------------------
    def _final_pad(self) -> int:
        return FINAL_PAD_FRAMES.get(self.language, WINDOW_FRAMES)

    def _windowed(self, audio: np.ndarray) -> bool:
        """The audio fits one short window and the model exposes CTranslate2 (a real WhisperModel)."""
        return (
            len(audio) // 160 <= WINDOW_FRAMES - PREVIEW_PAD_FRAMES
            and hasattr(self.model, "feature_extractor")
            and hasattr(self.model, "model")
        )

    def _tokenizer(self) -> object:
        if self._whisper_tokenizer is None:
            from faster_whisper.tokenizer import Tokenizer

            model = self.model
            self._whisper_tokenizer = Tokenizer(
                model.hf_tokenizer,  # type: ignore[attr-defined]
                model.model.is_multilingual,  # type: ignore[attr-defined]
                task="transcribe",
                language=self.language if model.model.is_multilingual else "en",  # type: ignore[attr-defined]
            )
        return self._whisper_tokenizer

    def _window_decode(
        self,
        audio: np.ndarray,
        beam_size: int,
        temperatures: tuple[float, ...],
        prompt: list[int],
        limit: int,
        *,
        pad: int = WINDOW_FRAMES,
    ) -> list[WindowSegment]:
        """Decode ``audio`` (float32, <= 28 s) over a window of its own length plus ``pad`` frames.

        The encoder runs once; a temperature fallback reuses its output. Greedy/beam first, then
        sampling at each higher temperature while the text is degenerate (compression ratio above
        2.4) or improbable (mean log-probability below -1), as faster-whisper decides; a window
        judged silent (no-speech probability above 0.6 and improbable text) gives no segments.
        """
        import ctranslate2
        from faster_whisper.transcribe import get_suppressed_tokens

        model = self.model
        tokenizer = self._tokenizer()
        features = model.feature_extractor(audio)  # type: ignore[attr-defined]
        content = features.shape[-1] - 1  # faster-whisper's own count of audio frames
        width = min(WINDOW_FRAMES, content + pad)
        width += width % 2  # the encoder halves the frame count
        window = np.zeros((1, features.shape[0], width), dtype=np.float32)
        window[0, :, :content] = features[:, :content]
        whisper = model.model  # type: ignore[attr-defined]
        encoded = whisper.encode(ctranslate2.StorageView.from_array(window))
        self._last_encoded = (len(audio), width, encoded)  # reused by the word-confidence pass
        tokens_in = model.get_prompt(tokenizer, list(prompt), without_timestamps=False)  # type: ignore[attr-defined]
        if self._suppress is None:
            self._suppress = list(get_suppressed_tokens(tokenizer, [-1]))  # type: ignore[arg-type]
        options = {
            "max_length": len(tokens_in) + limit,
            "return_scores": True,
            "return_no_speech_prob": True,
            "suppress_blank": True,
            "suppress_tokens": self._suppress,
            "max_initial_timestamp_index": 50,  # the first words start within 1 s, as in faster-whisper
            "no_repeat_ngram_size": NO_REPEAT if beam_size > 1 else 0,
        }
        tried: list[tuple[object, float, float]] = []  # result, mean log-probability, compression
        for temperature in temperatures:
            if temperature > 0:
                search = {"beam_size": 1, "num_hypotheses": _BEST_OF, "sampling_topk": 0}
                search["sampling_temperature"] = temperature  # type: ignore[assignment]
            else:
                # The beam's runners-up come back too (no extra search): the words where they
                # differ are the alternatives offered for an unsure word.
                search = {"beam_size": beam_size, "num_hypotheses": min(beam_size, _ALTERNATIVES + 1)}
            result = whisper.generate(encoded, [tokens_in], **options, **search)[0]
            ids = result.sequences_ids[0]
            logprob = result.scores[0] * len(ids) / (len(ids) + 1)
            ratio = compression_ratio(tokenizer.decode(ids).strip())  # type: ignore[attr-defined]
            tried.append((result, logprob, ratio))
            silent = result.no_speech_prob > _NO_SPEECH_LIMIT and logprob < _LOGPROB_LIMIT
            if silent or (ratio <= _COMPRESSION_LIMIT and logprob >= _LOGPROB_LIMIT):
                break
        else:
            fluent = [t for t in tried if t[2] <= _COMPRESSION_LIMIT] or tried
            tried.append(max(fluent, key=lambda t: t[1]))
        result, logprob, ratio = tried[-1]
        if result.no_speech_prob > _NO_SPEECH_LIMIT and logprob < _LOGPROB_LIMIT:  # type: ignore[attr-defined]
            return []
        eot = tokenizer.eot  # type: ignore[attr-defined]
        self._last_hypotheses = (
            len(audio),
            [tokenizer.decode([t for t in ids if t < eot]) for ids in result.sequences_ids[1:]],  # type: ignore[attr-defined]
        )
        return self._split_timestamps(
            result.sequences_ids[0],  # type: ignore[attr-defined]
            len(audio) / RATE,
            result.no_speech_prob,  # type: ignore[attr-defined]
            logprob,
        )

    def _split_timestamps(
        self, ids: list[int], seconds: float, no_speech: float, logprob: float
    ) -> list[WindowSegment]:
        """Whisper's <|t0|> words <|t1|> pairs as segments.

        A segment that begins at the end of the audio (or past it) and only repeats words
        before it is dropped (an echo into the padding); one with new words is kept, ``late``.
        """
        tokenizer = self._tokenizer()
        first = tokenizer.timestamp_begin  # type: ignore[attr-defined]
        pieces: list[tuple[float, float, list[int]]] = []
        start: float | None = None
        words: list[int] = []
        for token in ids:
            if token < first:
                words.append(token)
                continue
            at = (token - first) * _TIME_PRECISION
            if start is None:
                start = at
            else:
                pieces.append((start, at, words))
                start, words = None, []
        if words:
            pieces.append((start if start is not None else 0.0, seconds, words))
        segments: list[WindowSegment] = []
        for begin, end, words in pieces:
            text = tokenizer.decode(words)  # type: ignore[attr-defined]
            if not text.strip():
                continue
            late = begin >= seconds - _PAST_END_SECONDS
            if late and repeats(text, " ".join(s.text for s in segments)):
                continue
            begin = min(begin, seconds)
            end = min(max(end, begin + 0.01), seconds)
            segments.append(
                WindowSegment(
                    text, begin, end, words, compression_ratio(text.strip()), no_speech, logprob, late
                )
            )
        return segments


def repeats(text: str, before: str) -> bool:
    """``text`` says nothing new: its words occur, in order and together, in ``before``."""
    words, earlier = plain_words(text), plain_words(before)
    if not words:
        return True
    n = len(words)
    return any(earlier[i : i + n] == words for i in range(len(earlier) - n + 1))


class Shifted:
    """A segment of the second half of a split decode, with times from the start of the whole."""

    def __init__(self, segment: object, shift: float) -> None:
        self.text = getattr(segment, "text", "")
        self.start = getattr(segment, "start", 0.0) + shift
        self.end = getattr(segment, "end", 0.0) + shift
        self.no_speech_prob = getattr(segment, "no_speech_prob", 0.0)


def quietest_sample(audio: np.ndarray) -> int:
    """Sample index of the quietest 150 ms in the middle half of ``audio``."""
    frame = 480
    n = len(audio) // frame
    power = np.square(audio[: n * frame].reshape(n, frame)).mean(axis=1)
    smooth = np.convolve(power, np.ones(5) / 5, mode="same")
    lo, hi = n // 4, max(n // 4 + 1, 3 * n // 4)
    return (lo + int(np.argmin(smooth[lo:hi]))) * frame
