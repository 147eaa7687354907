"""The platform's own voices through pyttsx3: SAPI5 (Windows), NSSpeechSynthesizer (macOS), espeak.

pyttsx3's engine is not re-entrant and must stay on one thread, so each synthesizer owns one
worker thread that creates, uses and finally stops the engine. Audio comes from
``save_to_file``; pyttsx3 gives no word timing in the audio (its word callbacks fire during
synthesis), so word marks are spread over the voiced audio by word length (``marks_estimated``).
On Linux pyttsx3 drives the same libespeak-ng as the espeak engine and re-initialises its
global state (seen to hang later espeak calls in the same process), so there the engine runs in
a child process instead of a thread.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import queue
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import EngineUnavailable, ModelError
from assistant.tts.base import DEFAULT_RATE, Speech, Voice, check_rate, estimate_marks

_PROBE_SECONDS = 15.0
_SYNTH_SECONDS = 120.0


def _voice_list(engine: Any) -> list[Voice]:
    voices = []
    for v in engine.getProperty("voices") or []:
        langs = tuple(
            lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
            for lang in (getattr(v, "languages", None) or [])
        )
        voices.append(Voice(id=str(v.id), name=str(v.name), languages=langs, engine="pyttsx3"))
    return voices


_CHILD_SCRIPT = r"""
import json, sys
import pyttsx3
request = json.loads(sys.stdin.read())
engine = pyttsx3.init()
if request["op"] == "voices":
    out = []
    for v in engine.getProperty("voices") or []:
        langs = [l.decode("utf-8", "replace") if isinstance(l, bytes) else str(l) for l in (getattr(v, "languages", None) or [])]
        out.append({"id": str(v.id), "name": str(v.name), "languages": langs})
    sys.stdout.write("\n" + json.dumps(out) + "\n")
else:
    if request["voice"]:
        engine.setProperty("voice", request["voice"])
    engine.setProperty("rate", request["rate"])
    engine.save_to_file(request["text"], request["path"])
    engine.runAndWait()
"""


class _ChildWorker:
    """Runs each pyttsx3 request in a child process (Linux: keeps libespeak-ng state apart)."""

    def voices(self, timeout: float) -> list[Voice]:
        result = self._run({"op": "voices"}, timeout)
        lines = [line for line in result.stdout.splitlines() if line.startswith("[")]
        if result.returncode != 0 or not lines:
            raise EngineUnavailable(f"the speech driver failed to start (exit {result.returncode})")
        return [
            Voice(id=v["id"], name=v["name"], languages=tuple(v["languages"]), engine="pyttsx3")
            for v in json.loads(lines[-1])
        ]

    def save(self, text: str, voice: str | None, rate: int, path: Path, timeout: float) -> None:
        request = {"op": "save", "text": text, "voice": voice, "rate": rate, "path": str(path)}
        result = self._run(request, timeout)
        if result.returncode != 0:
            raise ModelError(f"The platform voice failed (exit {result.returncode})")

    def _run(self, request: dict[str, object], timeout: float) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                [sys.executable, "-c", _CHILD_SCRIPT],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise EngineUnavailable(f"the speech driver did not answer within {timeout:.0f} s") from exc

    def close(self) -> None:
        pass


def _in_process() -> bool:
    return sys.platform in ("win32", "darwin")


class _Worker:
    """One thread that owns a pyttsx3 engine; ``call(fn)`` runs ``fn(engine)`` there."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], dict[str, Any], threading.Event] | None] = (
            queue.Queue()
        )
        self._thread = threading.Thread(target=self._run, name="pyttsx3-worker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        engine = None
        error: str | None = None
        try:
            import pyttsx3

            engine = pyttsx3.init()
        except Exception as exc:  # driver errors vary by platform
            error = f"{type(exc).__name__}: {exc}"
        while True:
            job = self._jobs.get()
            if job is None:
                break
            fn, result, done = job
            try:
                if engine is None:
                    raise EngineUnavailable(f"The speech driver failed to start ({error})")
                result["value"] = fn(engine)
            except BaseException as exc:
                result["error"] = exc
            finally:
                done.set()
        if engine is not None:
            with contextlib.suppress(Exception):
                engine.stop()

    def call(self, fn: Callable[[Any], Any], timeout: float) -> Any:
        result: dict[str, Any] = {}
        done = threading.Event()
        self._jobs.put((fn, result, done))
        if not done.wait(timeout):
            raise EngineUnavailable(f"the speech driver did not answer within {timeout:.0f} s")
        if "error" in result:
            raise result["error"]
        return result.get("value")

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()


class Pyttsx3Synthesizer:
    name = "pyttsx3"

    def __init__(self) -> None:
        self._worker: _Worker | None = None
        self._voices: list[Voice] | None = None
        self._reason: str | None = None
        self._probed = False
        self._lock = threading.Lock()

    def _get_worker(self) -> _Worker:
        with self._lock:
            if self._worker is None:
                self._worker = _Worker()
            return self._worker

    def _ensure(self) -> None:
        if self._probed:
            return
        try:
            if _in_process():
                self._voices = self._get_worker().call(_voice_list, _PROBE_SECONDS)
            else:
                self._voices = _ChildWorker().voices(_PROBE_SECONDS)
            self._reason = None
        except EngineUnavailable as exc:
            self._reason = exc.message
        except Exception as exc:
            self._reason = f"the speech driver failed to start ({type(exc).__name__}: {exc})"
        self._probed = True

    def available(self) -> str | None:
        if importlib.util.find_spec("pyttsx3") is None:
            return "the pyttsx3 package is not installed (pip install pyttsx3)"
        self._ensure()
        return self._reason

    def voices(self) -> list[Voice]:
        self._ensure()
        return list(self._voices or [])

    def synthesize(self, text: str, *, voice: str | None = None, rate: int = DEFAULT_RATE) -> Speech:
        check_rate(rate)
        reason = self.available()
        if reason is not None:
            raise EngineUnavailable(f"pyttsx3 cannot speak here: {reason}")
        with tempfile.TemporaryDirectory(prefix="assistant-tts-") as folder:
            path = Path(folder) / "speech.wav"

            def work(engine: Any) -> None:
                if voice:
                    engine.setProperty("voice", voice)
                engine.setProperty("rate", int(rate))
                engine.save_to_file(text, str(path))
                engine.runAndWait()

            if _in_process():
                self._get_worker().call(work, _SYNTH_SECONDS)
            else:
                _ChildWorker().save(text, voice, rate, path, _SYNTH_SECONDS)
            if not path.is_file():
                raise ModelError("The platform voice produced no audio", "Try another voice or engine")
            with wave.open(str(path), "rb") as wav:
                sample_rate, width, channels = wav.getframerate(), wav.getsampwidth(), wav.getnchannels()
                data = wav.readframes(wav.getnframes())
        if width != 2:
            raise ModelError(f"The platform voice wrote {8 * width}-bit audio; 16-bit was expected")
        samples = np.frombuffer(data, dtype="<i2").reshape(-1, channels)[:, 0].copy()
        return Speech(
            samples,
            sample_rate,
            estimate_marks(text, samples, sample_rate),
            voice=voice or "",
            engine=self.name,
            marks_estimated=True,
        )

    def close(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.close()
