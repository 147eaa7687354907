"""espeak-ng through libespeak-ng (ctypes): voices for Danish and English, word positions in audio."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import threading
from pathlib import Path

import numpy as np

from assistant.errors import EngineUnavailable, ModelError
from assistant.log import describe
from assistant.tts.base import DEFAULT_RATE, Speech, Voice, check_rate, choose_voice, marks_from_events

log = logging.getLogger(__name__)

_AUDIO_OUTPUT_SYNCHRONOUS = 2
# libespeak-ng keeps global state and is not thread-safe: every call into it holds this lock.
_lock = threading.RLock()
_lib: ctypes.CDLL | None = None
_sample_rate = 0


class _EspeakVoice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),  # priority byte + name, repeated, 0-terminated
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _EspeakEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),  # characters from the start of the text, from 1
        ("length", ctypes.c_int),  # characters in the word
        ("audio_position", ctypes.c_int),  # milliseconds into the audio
        ("sample", ctypes.c_int),  # samples into the audio
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_RATE_PARAMETER = 1

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_EspeakEvent)
)


class _Collector:
    """Gathers the PCM and word events of the synthesis in progress (called under ``_lock``)."""

    def __init__(self) -> None:
        self.active = False
        self.chunks: list[np.ndarray] = []
        self.words: list[tuple[int, int, int]] = []  # (text position from 1, length, sample)

    def __call__(self, wav, count, events) -> int:  # type: ignore[no-untyped-def]
        if not self.active:  # another user of the library (pyttsx3) left our callback in place
            return 0
        if count > 0 and wav:
            self.chunks.append(np.ctypeslib.as_array(wav, (count,)).copy())
        index = 0
        while events and events[index].type != _EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _EVENT_WORD:
                self.words.append((event.text_position, event.length, event.sample))
            index += 1
        return 0


_collector = _Collector()
_callback = _SynthCallback(_collector)  # kept alive for as long as the library is loaded


def _bundled() -> tuple[str, str] | None:
    """libespeak-ng and its voice data from the ``espeakng-loader`` wheel: the Windows build's
    own copy (espeak-ng is GPL-3.0-or-later, like the product), the fallback voice when SAPI
    cannot be reached. None where it is not installed."""
    try:
        import espeakng_loader
    except ImportError:
        return None
    library, data = Path(espeakng_loader.get_library_path()), Path(espeakng_loader.get_data_path())
    return (str(library), str(data.parent)) if library.is_file() and data.is_dir() else None


def _find_library() -> str | None:
    if sys.platform == "win32" and _bundled() is not None:
        return None  # the bundled copy (load_library) before any espeak-ng.dll on PATH
    for name in ("espeak-ng", "espeak"):
        path = ctypes.util.find_library(name)
        if path:
            return path
    for candidate in ("libespeak-ng.so.1", "libespeak-ng.dylib", "espeak-ng.dll"):
        try:
            ctypes.CDLL(candidate)
            return candidate
        except OSError:
            continue
    return None


def load_library() -> tuple[ctypes.CDLL, int]:
    """Load and initialise libespeak-ng once per process; returns the library and its sample rate."""
    global _lib, _sample_rate
    with _lock:
        if _lib is not None:
            return _lib, _sample_rate
        path, data_dir = _find_library(), None
        if path is None and (bundled := _bundled()) is not None:
            path, data_dir = bundled
        if path is None:
            raise EngineUnavailable(
                "libespeak-ng was not found", "Install it: apt-get install libespeak-ng1 espeak-ng-data"
            )
        lib = ctypes.CDLL(path)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_EspeakVoice))
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        # The folder that holds espeak-ng-data; None is the library's own built-in location.
        home = data_dir.encode("mbcs" if sys.platform == "win32" else "utf-8") if data_dir else None
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, home, 0)
        if rate <= 0:
            raise EngineUnavailable(
                "libespeak-ng could not start (its voice data is missing)",
                "Install it: apt-get install espeak-ng-data",
            )
        _lib, _sample_rate = lib, rate
        return lib, rate


def _languages(address: int | None) -> tuple[str, ...]:
    if not address:
        return ()
    found = []
    offset = 0
    while True:
        priority = ctypes.c_ubyte.from_address(address + offset).value
        if priority == 0:
            break
        text = ctypes.string_at(address + offset + 1)
        found.append(text.decode("utf-8", "replace"))
        offset += 1 + len(text) + 1
    return tuple(found)


class EspeakSynthesizer:
    """espeak-ng voices; word marks are the engine's own word events (sample-exact)."""

    name = "espeak"

    def __init__(self) -> None:
        self._voice_list: list[Voice] | None = None

    def available(self) -> str | None:
        try:
            load_library()
        except EngineUnavailable as exc:
            return exc.one_line()
        return None

    def voices(self) -> list[Voice]:
        lib, _ = load_library()
        with _lock:
            array = lib.espeak_ListVoices(None)
            voices = []
            index = 0
            while array[index]:
                v = array[index].contents
                voices.append(
                    Voice(
                        id=(v.identifier or b"").decode("utf-8", "replace"),
                        name=(v.name or b"").decode("utf-8", "replace"),
                        languages=_languages(v.languages),
                        engine=self.name,
                    )
                )
                index += 1
        return voices

    def _voices_cached(self) -> list[Voice]:
        if self._voice_list is None:
            self._voice_list = self.voices()
        return self._voice_list

    def default_voice(self, language: str) -> Voice | None:
        return choose_voice(self._voices_cached(), language)

    def synthesize(self, text: str, *, voice: str | None = None, rate: int = DEFAULT_RATE) -> Speech:
        check_rate(rate)
        lib, sample_rate = load_library()
        voice_id = voice or "en"
        data = text.encode("utf-8") + b"\0"
        with _lock:
            # Set everything on every call: another user of the library may have changed it.
            lib.espeak_SetSynthCallback(_callback)
            if lib.espeak_SetVoiceByName(voice_id.encode("utf-8")) != 0:
                raise ModelError(
                    f"The espeak-ng voice '{voice_id}' is not installed",
                    "Run 'assistant doctor' to list the voices, or install espeak-ng-data",
                )
            lib.espeak_SetParameter(_RATE_PARAMETER, int(rate), 0)
            _collector.active, _collector.chunks, _collector.words = True, [], []
            try:
                status = lib.espeak_Synth(
                    data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
                )
            finally:
                _collector.active = False
            chunks, words = _collector.chunks, _collector.words
            _collector.chunks, _collector.words = [], []
        if status != 0:
            raise ModelError(f"espeak-ng could not synthesise the text (error {status})")
        samples = np.concatenate(chunks).astype(np.int16) if chunks else np.zeros(0, np.int16)
        # espeak-ng's text positions count code points from 1; only the time of each event is
        # trusted, the word it belongs to is found in our own word list.
        marks = marks_from_events(
            text, [(position - 1, sample) for position, _, sample in words], samples, sample_rate
        )
        log.debug("espeak synthesised %s: %d samples, %d marks", describe(text), len(samples), len(marks))
        return Speech(samples, sample_rate, marks, voice=voice_id, engine=self.name)
