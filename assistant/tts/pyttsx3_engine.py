"""The platform's own voices through pyttsx3: SAPI5 (Windows), NSSpeechSynthesizer (macOS), espeak."""

from __future__ import annotations

import importlib.util
import threading

from assistant.tts.base import Voice

# pyttsx3's engine is not re-entrant and must stay on one thread; probing it on a short-lived
# worker keeps a hung driver from freezing the caller.
_PROBE_SECONDS = 15.0


def _probe() -> tuple[list[Voice] | None, str | None]:
    result: dict[str, object] = {}

    def work() -> None:
        try:
            import pyttsx3

            engine = pyttsx3.init()
            voices = []
            for v in engine.getProperty("voices") or []:
                langs = tuple(
                    lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
                    for lang in (getattr(v, "languages", None) or [])
                )
                voices.append(Voice(id=str(v.id), name=str(v.name), languages=langs, engine="pyttsx3"))
            result["voices"] = voices
            engine.stop()
        except Exception as exc:  # driver errors vary by platform
            result["error"] = f"{type(exc).__name__}: {exc}"

    worker = threading.Thread(target=work, name="pyttsx3-probe", daemon=True)
    worker.start()
    worker.join(_PROBE_SECONDS)
    if worker.is_alive():
        return None, f"the speech driver did not answer within {_PROBE_SECONDS:.0f} s"
    if "error" in result:
        return None, f"the speech driver failed to start ({result['error']})"
    return result.get("voices", []), None  # type: ignore[return-value]


class Pyttsx3Synthesizer:
    name = "pyttsx3"

    def __init__(self) -> None:
        self._voices: list[Voice] | None = None
        self._reason: str | None = None
        self._probed = False

    def _ensure(self) -> None:
        if not self._probed:
            self._voices, self._reason = _probe()
            self._probed = True

    def available(self) -> str | None:
        if importlib.util.find_spec("pyttsx3") is None:
            return "the pyttsx3 package is not installed (pip install pyttsx3)"
        self._ensure()
        return self._reason

    def voices(self) -> list[Voice]:
        self._ensure()
        return list(self._voices or [])
