"""Pick the speech engine and model for a dictation, with a reason for every refusal."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.app import App
from assistant.errors import EngineUnavailable, ModelError, UsageError
from assistant.stt import build_registry
from assistant.stt.base import SpeechEngine

log = logging.getLogger(__name__)

PRODUCT_LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class SpeechChoice:
    engine: SpeechEngine
    model_name: str
    model_path: Path
    language: str
    note: str  # e.g. that better Danish accuracy needs a recommended Danish model


def choose_speech(
    app: App, language: str | None = None, engine: str | None = None, model: str | None = None
) -> SpeechChoice:
    """Engine + model for ``language`` from the arguments, then settings, then what is installed."""
    from assistant.storage.catalog import choose_model, missing_model_error
    from assistant.storage.model_install import ensure_local
    from assistant.storage.models import discover, model_dirs

    user_dir, system_dirs = model_dirs(app.paths, app.config)
    installed = discover(user_dir, system_dirs)
    language = (language or app.config["general.language"]).lower()
    known = sorted(set(PRODUCT_LANGUAGES) | {lang for m in installed for lang in m.languages})
    if language not in known:
        raise UsageError(f"Unknown language '{language}'", f"Choose one of: {', '.join(known)}")

    registry = build_registry(app.config)
    wanted_engine = engine or app.config["stt.engine"]
    if wanted_engine != "auto":
        probe = registry.probe(wanted_engine)
        if not probe.ok:
            raise EngineUnavailable(f"The {wanted_engine} speech engine cannot run: {probe.reason}")
        engines = [wanted_engine]
    else:
        engines = [p.name for p in registry.probe_all() if p.ok]
        if not engines:
            registry.choose()  # raises with every reason

    if model:
        found = next((m for m in installed if m.name == model), None)
        if found is None:
            names = ", ".join(m.name for m in installed) or "none"
            raise ModelError(f"No model named '{model}' is installed", f"Installed: {names}")
        if found.engine not in engines:
            raise UsageError(
                f"The model '{model}' is for the {found.engine} engine, not {', '.join(engines)}"
            )
        if found.languages and language not in found.languages:
            raise ModelError(
                f"The model '{model}' does not speak '{language}'",
                f"It speaks: {', '.join(found.languages)}",
            )
        chosen, note = found, ""
    else:
        # Vosk first where it has a model for the language: it streams partial words. Among the
        # others (Whisper, transducer) the catalog's rank for the language decides.
        preferred = app.config[f"stt.model_{language}"] if language in PRODUCT_LANGUAGES else ""
        choice = None
        groups = [[e for e in engines if e == "vosk"], [e for e in engines if e != "vosk"]]
        for group in (g for g in groups if g):
            choice = choose_model(language, installed, preferred=preferred, engines=group)
            if choice.model is not None:
                break
        if choice is None or choice.model is None:
            raise missing_model_error(
                choice or choose_model(language, installed, preferred=preferred, engines=engines)
            )
        chosen, note = choice.model, choice.message
    path = ensure_local(chosen, app.paths.models_dir)
    log.info("speech: engine %s, model %s, language %s", chosen.engine, chosen.name, language)
    return SpeechChoice(registry.create(chosen.engine), chosen.name, path, language, note)
