"""faster-whisper (CTranslate2): carries Danish, which Vosk has no model for.

Audio is cut into utterances by loudness (:mod:`assistant.stt.vad`) and each utterance is
decoded as soon as it ends, with the language pinned (never detected, never translated) and
temperature 0. Whisper invents text for silence and noise ("Tak fordi du så med", "Thank
you."), so an utterance is decoded only if Silero VAD finds speech in it, Whisper's own
no-speech test drops empty segments, and known stock phrases are dropped when the speech
behind them is too short to have said them.

Nothing said is lost: long speech without a pause is split at its quietest point by the
segmenter, the prompt is sized so prompt + text fit Whisper's 448 tokens, and a decode that
fails is retried without the prompt, then in halves. Live words come from repeated greedy
decodes of the utterance in progress, stabilised by :mod:`assistant.stt.agreement`.

Speed: faster-whisper pads every piece of audio to Whisper's 30-second window, so a 2-second
utterance paid for 30 seconds of encoder work (about 0.45 s for tiny.en on an idle core pair,
several seconds under load), for every live preview and for the final text. CTranslate2 accepts
a shorter window, so an utterance is encoded over its own length plus padding (10 s for English
final text, 2 s for a preview; Danish final text keeps the full window) and decoded with timestamps
(:mod:`assistant.stt.whisper_window`). Over a short window Whisper tends to echo itself
("ten of clubs ten of clubs", "2 2"): with timestamps it mostly places the echo after the end of
the audio, where it is cut off; an echo inside the audio
(:func:`~assistant.stt.whisper_text.echo_at`) sends the final decode back to the full 30 s
window, and cuts a preview short; new words stamped at the very end are not taken for an echo
(they are often the last word, cut by the key's release) but checked over the full window. An
utterance with too little speech to decode alone ("And", then a pause) is decoded with the next
one, or alone when it is the last: only one with no speech at all is dropped. On the evaluation recordings this
gives the full window's words (bench/bench_dictation.py compares with raw faster-whisper in
every run). Audio too long for one window still goes through faster-whisper's own 30 s loop.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.log import describe
from assistant.stt.agreement import LocalAgreement
from assistant.stt.base import Partial, Result, Segment, runtime_problem
from assistant.stt.confidence import attach_whisper, with_alternatives
from assistant.stt.vad import RATE, Segmenter, Utterance, speech_seconds
from assistant.stt.whisper_model import _models, load_model  # noqa: F401 (re-exported)
from assistant.stt.whisper_text import STOCK, collapse_loops, echo_at, looped
from assistant.stt.whisper_window import (
    NO_REPEAT,
    PREVIEW_PAD_FRAMES,
    WINDOW_FRAMES,
    Shifted,
    ShortWindowDecoding,
    quietest_sample,
)

log = logging.getLogger(__name__)

# Greedy (temperature 0) first; a higher temperature is tried only when the output is degenerate
# (a phrase looping: compression ratio above 2.4, or very low confidence), as Whisper itself does.
# Two steps at most, so a bad utterance cannot make dictation slower than real time.
_TEMPERATURES = (0.0, 0.2, 0.4)

# Whisper's decoder reads at most 448 tokens: the prompt, the start sequence and the new text.
MAX_TOKENS = 448
_START_TOKENS = 5  # <|startofprev|>, <|startoftranscript|>, language, task, <|notimestamps|>
# Room kept for the text itself: nobody says more than ~12 tokens a second, plus a margin.
_TOKENS_PER_SECOND = 12
_PROMPT_MAX = MAX_TOKENS // 2 - 1  # faster-whisper keeps at most this many prompt tokens


class WhisperRecognizer(ShortWindowDecoding):
    """Utterances by loudness, each decoded when it ends; live words while it grows.

    Live words (``partial_interval > 0``): the utterance in progress is decoded greedily every
    ``partial_interval`` seconds of new audio, or less often when a decode takes longer (never
    more than half the time goes to previews), and never while the session reports a backlog.
    :class:`~assistant.stt.agreement.LocalAgreement` marks the words two decodes agree on as
    stable. The segmenter caps an utterance (split at its quietest point), so each preview
    decodes a bounded window and the work per second of speech does not grow with its length.
    """

    def __init__(
        self,
        model: object,
        language: str,
        *,
        prompt: str = "",
        beam_size: int = 5,
        partial_interval: float = 0.0,
        segmenter: Segmenter | None = None,
        min_speech_seconds: float = 0.25,
        speculate_ms: int = 90,
        backlog_limit: float = 0.5,
    ) -> None:
        self.model = model
        self.language = language
        self.prompt = prompt.strip()
        self.beam_size = beam_size
        self.partial_interval = partial_interval
        self.segmenter = segmenter or Segmenter()
        self.min_speech_seconds = min_speech_seconds
        self.backlog_limit = backlog_limit
        self._backlog = 0.0
        self._last_partial_at = 0.0  # utterance length (s) at the last live decode
        self._live_cost = 0.0  # seconds the last live decode took
        self._words_shown = False  # a preview of the utterance in progress has shown words
        self.agreement = LocalAgreement()
        self.dropped_utterances = 0
        self.failed_decodes = 0
        self.live_decodes = 0
        self.longest_preview = 0.0  # seconds of audio in the longest live decode
        self._context = ""  # the previous utterance's text: keeps casing and style consistent
        self._prompt_tokens: list[int] | None = None
        # Decoding starts after ``speculate_ms`` of quiet instead of waiting for the endpoint;
        # if the speaker stays quiet the result is used as is, so text lands sooner.
        self.speculate_ms = speculate_ms
        self._spec: tuple[float, int, int, list[Segment]] | None = None  # start, samples, quiet ms, result
        self.speculations_used = 0
        self.full_window_decodes = 0  # final decodes that needed Whisper's full 30 s window
        self._whisper_tokenizer: object | None = None
        self._suppress: list[int] | None = None
        # An utterance with too little speech to decode alone ("And", then a pause): its audio
        # goes in front of the next one, or is decoded alone at the end, never dropped.
        self._held: Utterance | None = None

    # -- the Recognizer protocol ------------------------------------------------------------------
    def set_backlog(self, seconds: float) -> None:
        self._backlog = seconds

    @property
    def quiet_ms(self) -> int:
        """How long the audio fed so far has been quiet at its end."""
        return self.segmenter.since_loud_ms

    def accept(self, samples: np.ndarray) -> list[Result]:
        results: list[Result] = []
        for utterance in self.segmenter.feed(samples):
            results.extend(self._decode(utterance))
        if self._backlog > self.backlog_limit:
            return results  # behind the microphone: catch up first, previews later
        self._speculate()
        if self.partial_interval > 0:
            partial = self._live()
            if partial is not None:
                results.append(partial)
        return results

    def flush(self) -> list[Segment]:
        segments: list[Segment] = []
        for utterance in self.segmenter.flush():
            segments.extend(self._decode(utterance, at_end=True))
        if self._held is not None:  # a short last word with nothing after it
            segments.extend(self._decode(Utterance(np.zeros(0, dtype=np.int16), 0.0), at_end=True))
        return segments

    # -- live words ---------------------------------------------------------------------------
    def _live(self) -> Partial | None:
        current = self.segmenter.current()
        if current is None:
            return None
        if self.speculate_ms > 0 and self.segmenter.quiet_ms >= self.speculate_ms:
            return None  # the pause's own decode is coming
        length = len(current.samples) / RATE
        # The first preview comes early and, until words show, more follow every 0.4 s (the first
        # word within about a second of being said); later ones at the interval. Either way
        # stretched so previews take at most half the time.
        if self._last_partial_at == 0.0:
            wait = min(0.5, self.partial_interval)
        elif not self._words_shown:
            wait = max(min(0.4, self.partial_interval), 2 * self._live_cost)
        else:
            wait = max(self.partial_interval, 2 * self._live_cost)
        if length < self._last_partial_at + wait:
            return None
        self._last_partial_at = length
        started = time.perf_counter()
        text = self._transcribe(current.samples, beam_size=1)
        self._live_cost = time.perf_counter() - started
        self.live_decodes += 1
        self.longest_preview = max(self.longest_preview, length)
        if not text or (STOCK.match(text) and length < 1.5):
            return None
        live = self.agreement.update(text.split())
        self._words_shown = True
        return Partial(live.text, live.stable_chars)

    def _transcribe(self, samples: np.ndarray, beam_size: int) -> str:
        audio = samples.astype(np.float32) / 32768.0
        try:
            prompt = self._prompt_ids(len(audio))
            limit = self._token_limit(len(audio), len(prompt))
            if self._windowed(audio):
                # Partials are previews: greedy, and never pay for a fallback.
                segments: list = self._window_decode(
                    audio, beam_size, (0.0,), prompt, limit, pad=PREVIEW_PAD_FRAMES
                )
                segments = [s for s in segments if not s.late]  # a preview shows no doubtful words
                words = " ".join(s.text.strip() for s in segments).split()
                cut = echo_at(words)
                if cut is not None:
                    # A preview is only shown: keep the words before the echo, no second decode.
                    return collapse_loops(" ".join(words[:cut]))
            else:
                segments, _ = self.model.transcribe(  # type: ignore[attr-defined]
                    audio,
                    language=self.language,
                    task="transcribe",
                    beam_size=beam_size,
                    temperature=0.0,
                    condition_on_previous_text=False,
                    initial_prompt=prompt or None,
                    max_new_tokens=limit,
                    vad_filter=False,
                    without_timestamps=True,
                )
            return collapse_loops(" ".join(s.text.strip() for s in segments).strip())
        except Exception as exc:  # a preview may fail; the final decode still runs
            log.info("live decode failed (%s)", type(exc).__name__)
            return ""

    # -- the prompt within Whisper's token limit ---------------------------------------------
    def _encode(self, text: str) -> list[int]:
        tokenizer = getattr(self.model, "hf_tokenizer", None)
        if tokenizer is None or not text:
            return []
        return list(tokenizer.encode(" " + text.strip(), add_special_tokens=False).ids)

    def _prompt_ids(self, samples: int) -> list[int]:
        """The vocabulary, then as much of the previous utterance as fits, as token ids.

        Sized so prompt + start tokens + room for this utterance's text stay within 448.
        """
        if self._prompt_tokens is None:
            self._prompt_tokens = self._encode(self.prompt)
        room = MAX_TOKENS - _START_TOKENS - self._text_room(samples)
        budget = max(0, min(_PROMPT_MAX, room))
        vocabulary = self._prompt_tokens[:budget]  # a long term list loses its last terms
        context = (
            self._encode(self._context)[-(budget - len(vocabulary)) :] if budget > len(vocabulary) else []
        )
        return vocabulary + context

    @staticmethod
    def _text_room(samples: int) -> int:
        return int(_TOKENS_PER_SECOND * samples / RATE) + 30

    def _token_limit(self, samples: int, prompt_tokens: int | None = None) -> int:
        """Nobody says 20 tokens a second: a longer decode is looping, so it is cut there."""
        used = len(self._prompt_ids(samples)) if prompt_tokens is None else prompt_tokens
        wanted = int(20 * samples / RATE) + 30
        return max(8, min(wanted, MAX_TOKENS - _START_TOKENS - used))

    # -- decoding an utterance --------------------------------------------------------------------
    def _speculate(self) -> None:
        quiet = self.segmenter.quiet_ms
        if self.speculate_ms <= 0 or quiet < self.speculate_ms:
            return
        current = self.segmenter.current()
        if current is None:
            return
        spec = self._spec
        # Already decoded this pause? Only a loud frame since then (quiet restarting) invalidates it.
        if spec is not None and spec[0] == current.start and self._only_quiet_since(spec, current):
            return
        self._spec = (
            current.start,
            len(current.samples),
            quiet,
            self._recognise(current, hold=False, last=False, edge=True),
        )

    def _only_quiet_since(self, spec: tuple[float, int, int, list[Segment]], utterance: Utterance) -> bool:
        """Every 30 ms frame after the speculative decode was quiet (a partial frame may follow)."""
        added = len(utterance.samples) - spec[1]
        quiet_frames_since = (self.segmenter.quiet_ms - spec[2]) // 30
        return added >= 0 and quiet_frames_since >= 0 and abs(added - quiet_frames_since * 480) < 480

    def _decode(self, utterance: Utterance, *, at_end: bool = False) -> list[Segment]:
        spec, self._spec = self._spec, None
        held, self._held = self._held, None
        if held is not None:
            # Whisper hears the short word before this utterance as the raw model would (a
            # breath of silence between them; the real pause is not kept).
            gap = np.zeros(RATE * 3 // 10 if len(utterance.samples) else 0, dtype=np.int16)
            utterance = Utterance(np.concatenate([held.samples, gap, utterance.samples]), held.start)
            spec = None  # the speculative decode did not hear the held word
        if spec is not None and not utterance.forced and spec[0] == utterance.start:
            added = len(utterance.samples) - spec[1]
            if at_end:
                quiet_frames = (self.segmenter.last_quiet_ms - spec[2]) // 30
                usable = added >= 0 and quiet_frames >= 0 and abs(added - quiet_frames * 480) < 960
            else:
                usable = added == (self.segmenter.end_frames * 30 - spec[2]) * RATE // 1000
        else:
            usable = False
        if usable and spec is not None and spec[3]:  # an empty guess is decided again
            # Only quiet frames came after the speculative decode: its text is the final text.
            self.speculations_used += 1
            found = spec[3]
        else:
            found = self._recognise(utterance, hold=not at_end, last=at_end, edge=at_end or utterance.forced)
        if found:
            self._context = " ".join(f.text for f in found)[-200:]
        self._last_partial_at = 0.0
        self._words_shown = False
        self.agreement.reset()
        return found

    def _segments(
        self,
        audio: np.ndarray,
        temperature: float | tuple[float, ...],
        prompt: list[int] | None,
        *,
        full: bool = False,
    ) -> tuple[list, int]:
        limit = self._token_limit(len(audio), len(prompt or []))
        if self._windowed(audio):
            # The full window too: the same input and rules as faster-whisper's transcribe (zeros
            # after the audio's frames up to 3000), but its encoder output stays at hand for the
            # word-confidence pass, which otherwise encodes the utterance a second time.
            temperatures = temperature if isinstance(temperature, tuple) else (temperature,)
            segments = self._window_decode(
                audio,
                self.beam_size,
                temperatures,
                prompt or [],
                limit,
                pad=WINDOW_FRAMES if full else self._final_pad(),
            )
            return segments, limit
        segments, _ = self.model.transcribe(  # type: ignore[attr-defined]
            audio,
            language=self.language,
            task="transcribe",
            beam_size=self.beam_size,
            temperature=temperature,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            vad_filter=False,
            max_new_tokens=limit,
            no_repeat_ngram_size=NO_REPEAT,
        )
        return list(segments), limit

    def _decode_audio(self, audio: np.ndarray, *, full: bool = False) -> list:
        """Whisper's segments for ``audio``; a failed decode is retried, never given up silently.

        ``full``: over Whisper's full 30 s window from the start. Audio cut where the speaker may
        not have finished (the key released at the last word) is where the short window was seen
        to change a word the full window gets right ("10 of close" for "10 of clubs", tiny.en,
        with 0.1 s more of the recording's tail); there the raw model's window is used.

        First with the prompt, then without it (a prompt is the usual culprit), then in two
        halves split at the quietest point. Raises only if a short piece cannot be decoded.
        """
        prompt = self._prompt_ids(len(audio))
        for attempt_prompt in [prompt, None] if prompt else [None]:
            try:
                segments, limit = self._segments(audio, 0.0, attempt_prompt, full=full)
                short = (
                    not full
                    and self._windowed(audio)
                    and len(audio) // 160 + self._final_pad() < WINDOW_FRAMES
                )
                echoed = echo_at(" ".join(s.text for s in segments).split()) is not None
                if short and (echoed or any(getattr(s, "late", False) for s in segments)):
                    # The short window echoed itself, or stamped new words at the very end of the
                    # audio (a last word, or text invented into the padding): decode over
                    # Whisper's full 30 s window, as the raw model does, and keep its words.
                    log.debug("short-window decode echoed or ran late; decoding over the full window")
                    self.full_window_decodes += 1
                    full = True
                    segments, limit = self._segments(audio, 0.0, attempt_prompt, full=True)
                if any(looped(s, limit) for s in segments):
                    # Greedy decoding looped: try again the way Whisper's own fallback does.
                    log.debug("greedy decode looped; retrying with temperature")
                    segments, limit = self._segments(audio, _TEMPERATURES[1:], attempt_prompt, full=full)
                return segments
            except Exception as exc:
                self.failed_decodes += 1
                log.warning("decode of %.1f s failed (%s); retrying", len(audio) / RATE, type(exc).__name__)
        if len(audio) < 2 * RATE:
            raise ModelError(
                "Whisper could not decode a piece of speech",
                "The words before it are kept; try another model in 'assistant models'",
            )
        half = quietest_sample(audio)
        first = self._decode_audio(audio[:half], full=full)
        second = self._decode_audio(audio[half:], full=full)
        shift = half / RATE
        return first + [Shifted(s, shift) for s in second]

    def _recognise(
        self, utterance: Utterance, *, hold: bool = False, last: bool = True, edge: bool = False
    ) -> list[Segment]:
        """The utterance's segments. Too little speech to decode alone: with ``hold`` (more audio
        follows) it waits for the next utterance; if it is the ``last``, it is decoded anyway;
        otherwise (a speculative guess) nothing. ``edge``: the audio ends where the speaker may
        not have finished (the key's release, a forced split, a short pause): full window."""
        speech = speech_seconds(utterance.samples)
        if speech < self.min_speech_seconds:
            if speech > 0 and hold:
                # Too short to trust alone (Whisper invents text for a click), too real to drop:
                # decoded with the next utterance.
                self._held = utterance
                return []
            if speech == 0:  # no voice at all: a click, hiss, silence
                self.dropped_utterances += 1
                log.debug("utterance at %.2f s dropped: no speech", utterance.start)
            if speech == 0 or not last:  # a speculative guess waits for the real decode
                return []
            # The last word, cut short by the key's release, still counts: Whisper's own
            # no-speech test and the stock-phrase rule below judge it.
        started = time.perf_counter()
        audio = utterance.samples.astype(np.float32) / 32768.0
        segments = self._decode_audio(audio, full=edge)
        found: list[Segment] = []
        decoded: list[list[int] | None] = []  # the decode's own text tokens, where the text is its
        for s in segments:
            text = collapse_loops(s.text.strip())
            if not text:
                continue
            if STOCK.match(text) and (speech < 1.0 or s.no_speech_prob > 0.3):
                log.debug("stock phrase dropped (speech %.2f s, no_speech %.2f)", speech, s.no_speech_prob)
                continue
            seconds = len(utterance.samples) / RATE
            begin = utterance.start + min(s.start, seconds)
            found.append(Segment(text, begin, max(begin + 0.01, utterance.start + min(s.end, seconds))))
            tokens = getattr(s, "tokens", None)
            decoded.append(list(tokens) if tokens is not None and text == s.text.strip() else None)
        found = attach_whisper(self, utterance.start, audio, found, decoded)  # per-word confidence
        runners_up, self._last_hypotheses = self._last_hypotheses, None
        if runners_up is not None and runners_up[0] == len(audio):
            found = with_alternatives(found, runners_up[1])
        log.debug(
            "utterance %.2f s decoded in %.3f s -> %s",
            len(utterance.samples) / RATE,
            time.perf_counter() - started,
            describe(" ".join(f.text for f in found)),
        )
        return found


class WhisperEngine:
    name = "whisper"
    model_kind = "whisper"

    def __init__(self, beam_size: int = 5, partial_interval: float = 1.0, pause_ms: int = 500) -> None:
        self.beam_size = beam_size
        self.partial_interval = partial_interval
        self.pause_ms = pause_ms

    def available(self) -> str | None:
        return runtime_problem("faster_whisper", "faster-whisper", "ctranslate2", "the CTranslate2 runtime")

    def recognizer(
        self, model_path: Path, language: str, prompt: str = "", *, live: bool = True
    ) -> WhisperRecognizer:
        model = load_model(model_path)
        if live:
            # Live utterances are capped at 15 s (split at the quietest point of the last 6 s):
            # each preview then decodes at most 15 s, whatever the speaker's stamina.
            return WhisperRecognizer(
                model,
                language,
                prompt=prompt,
                beam_size=self.beam_size,
                partial_interval=self.partial_interval,
                segmenter=Segmenter(end_silence_ms=self.pause_ms, max_seconds=15.0, split_window=6.0),
            )
        # A file has no one waiting per word: cut only at long pauses (or at the quietest point
        # before 20 s), so Whisper's 30-second window is filled once instead of once per phrase.
        return WhisperRecognizer(
            model,
            language,
            prompt=prompt,
            beam_size=self.beam_size,
            segmenter=Segmenter(end_silence_ms=1500, max_seconds=20.0, split_window=8.0),
            speculate_ms=0,
        )
