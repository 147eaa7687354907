"""One report of everything the product depends on, each part with OK or a reason and a next step.

The report is plain data (no Qt), shared by ``assistant doctor`` and the tray's diagnostics. Its
JSON form (schema ``assistant.doctor``, version in ``schema_version``) is documented in
docs/doctor.md and kept stable: fields are only ever added.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant import __version__
from assistant.app import App
from assistant.desktop import detect_session
from assistant.errors import AssistantError

Status = Literal["ok", "warning", "error"]
_RANK = {"ok": 0, "warning": 1, "error": 2}


@dataclass
class Section:
    """One part of the report: a status, one line for people, a next step, and details."""

    title: str
    status: Status
    summary: str
    hint: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "status": self.status,
            "summary": self.summary,
            "hint": self.hint,
            **self.details,
        }


def _probes_json(probes: list[Any]) -> list[dict[str, Any]]:
    return [{"name": p.name, "available": p.ok, "reason": p.reason} for p in probes]


def check_settings(app: App) -> Section:
    config = app.config
    machine, extra = app.paths.machine_policy_file, app.paths.extra_policy_file
    files = [{"role": "policy", "path": str(machine), "exists": machine.exists()}]
    if extra is not None:  # ASSISTANT_POLICY: only adds locks to IT's
        files.append({"role": "additional-policy", "path": str(extra), "exists": extra.exists()})
    files.append(
        {"role": "user", "path": str(app.paths.config_file), "exists": app.paths.config_file.exists()}
    )
    details = {
        "files": files,
        "locked_keys": config.locked_keys,
        "problems": [str(p) for p in config.problems],
        "paths": {
            "config": str(app.paths.config_dir),
            "data": str(app.paths.data_dir),
            "logs": str(app.paths.log_dir),
            "models": str(app.paths.models_dir),
        },
    }
    failure = getattr(config, "policy_failure", None)
    details["policy_failure"] = failure.to_json() if failure is not None else None
    locked = f"; {len(config.locked_keys)} locked by policy" if config.locked_keys else ""
    if failure is not None:
        # IT reads this; the user sees it too: Danish first, like the tray's notice.
        return Section("Settings", "error", failure.message_da, failure.hint_da, details)
    if config.problems:
        return Section(
            "Settings",
            "warning",
            f"{len(config.problems)} problem(s) in the settings files{locked}",
            "Fix or remove the values named in 'problems'; the values shown were used instead",
            details,
        )
    in_force = [f["path"] for f in files if f["exists"]]
    summary = ("files in force: " + ", ".join(in_force)) if in_force else "built-in defaults (no files yet)"
    return Section("Settings", "ok", summary + locked, None, details)


def check_audio(app: App) -> Section:
    from assistant.audio.devices import list_input_devices

    try:
        devices = list_input_devices()
    except AssistantError as exc:
        return Section("Microphone", "error", exc.message, exc.hint, {"input_devices": []})
    details: dict[str, Any] = {"input_devices": [d.to_json() for d in devices]}
    if not devices:
        return Section(
            "Microphone",
            "error",
            "no microphone was found",
            "Plug in a microphone or headset; on Linux check that PulseAudio/PipeWire is running",
            details,
        )
    wanted = app.config["audio.input_device"]
    if wanted and not any(d.name == wanted or wanted.lower() in d.name.lower() for d in devices):
        return Section(
            "Microphone",
            "warning",
            f"the chosen microphone '{wanted}' is not connected; the default will be used",
            "Choose another microphone in the settings",
            details,
        )
    default = next((d for d in devices if d.is_default), devices[0])
    return Section(
        "Microphone",
        "ok",
        f"{len(devices)} input device(s); default: {default.name}",
        None,
        details,
    )


def check_speech(app: App) -> Section:
    from assistant.storage.catalog import choose_model
    from assistant.storage.models import discover, model_dirs
    from assistant.stt import build_registry

    probes = build_registry().probe_all()
    user_dir, system_dirs = model_dirs(app.paths, app.config)
    models = discover(user_dir, system_dirs)
    usable = [p.name for p in probes if p.ok]
    details: dict[str, Any] = {
        "engines": _probes_json(probes),
        "models": [m.to_json() for m in models],
        "model_dirs": [str(user_dir), *map(str, system_dirs)],
    }
    if not usable:
        return Section(
            "Speech engines",
            "error",
            "no speech engine can run",
            "Reinstall the product (pip install vosk faster-whisper)",
            details,
        )
    choices = {
        lang: choose_model(lang, models, preferred=app.config[f"stt.model_{lang}"], engines=usable)
        for lang in ("da", "en")
    }
    details["languages"] = {
        lang: [m.name for m in models if m.engine in usable and lang in m.languages] for lang in choices
    }
    details["chosen"] = {lang: choice.to_json() for lang, choice in choices.items()}
    from assistant.storage.recommend import recommend  # the fastest accurate model for this machine
    from assistant.storage.speed import measured

    speeds = measured(app.paths.data_dir)  # real runs here; otherwise labelled estimates
    here = {lang: recommend(lang, measured=speeds) for lang in choices}
    details["measured_here"] = {
        n: {"real_time_factor": round(r, 3), "runs": k} for n, (r, k) in speeds.items()
    }
    details["recommended_here"] = {lang: r.to_json() if r else None for lang, r in here.items()}
    language = app.config["general.language"]
    if choices[language].model is None:
        return Section("Speech engines", "error", choices[language].message, None, details)
    summary = f"engines: {', '.join(usable)}; " + "; ".join(
        f"{lang}: {choice.model.name}" for lang, choice in choices.items() if choice.model is not None
    )
    notes = [c.message for c in choices.values() if c.message]
    if notes and here.get("da") is not None and choices["da"].needs_better_model:
        notes.append(f"Recommended for Danish on this machine: {here['da'].entry.name}, {here['da'].reason}.")
    if notes:
        return Section("Speech engines", "warning", summary, " ".join(notes), details)
    return Section("Speech engines", "ok", summary, None, details)


def check_voices(app: App) -> Section:
    from assistant.tts import build_registry

    registry = build_registry()
    engines = []
    voices: list[dict[str, Any]] = []
    for name in registry.names:
        probe = registry.probe(name)
        engines.append({"name": name, "available": probe.ok, "reason": probe.reason})
        if probe.ok:
            for voice in registry.create(name).voices():
                voices.append(
                    {
                        "engine": voice.engine,
                        "id": voice.id,
                        "name": voice.name,
                        "languages": list(voice.languages),
                        "danish": voice.speaks("da"),
                        "english": voice.speaks("en"),
                    }
                )
    danish = [v for v in voices if v["danish"]]
    english = [v for v in voices if v["english"]]
    details = {
        "engines": engines,
        "voices": voices,
        "danish_voice": bool(danish),
        "danish_voices": [f"{v['engine']}:{v['id']}" for v in danish],
        "english_voice": bool(english),
    }
    available = [e["name"] for e in engines if e["available"]]
    if not available:
        return Section(
            "Read aloud",
            "error",
            "no speech synthesis engine can run",
            "Install espeak-ng: apt-get install espeak-ng libespeak-ng1",
            details,
        )
    summary = f"engines: {', '.join(available)}; {len(voices)} voices"
    if not danish:
        return Section(
            "Read aloud",
            "warning",
            summary + "; no Danish voice",
            "Install a Danish voice (espeak-ng-data on Linux; the Danish speech pack on Windows)",
            details,
        )
    return Section("Read aloud", "ok", summary + f"; Danish voice: {danish[0]['name']}", None, details)


def check_injection(app: App) -> Section:
    from assistant.inject import build_registry, default_order

    session = detect_session(app.environ)
    registry = build_registry(app.config, app.environ)
    probes = registry.probe_all()
    order = app.config["inject.backends"] or default_order(session)
    usable = [name for name in order if any(p.name == name and p.ok for p in probes)]
    details = {"session": session, "order": order, "backends": _probes_json(probes), "chosen": None}
    if not usable:
        return Section(
            "Text insertion",
            "error",
            f"no way to insert text in this {session} session",
            "Start the program inside your desktop session; dictated text can still be copied",
            details,
        )
    details["chosen"] = usable[0]
    read_back = _read_back(app, session)
    details["read_back"] = read_back
    summary = f"{session} session; will use {usable[0]}"
    if read_back["available"]:
        return Section(
            "Text insertion", "ok", summary + "; inserted text is read back (AT-SPI)", None, details
        )
    if read_back["via"] is None:
        return Section("Text insertion", "ok", summary, None, details)
    # Typing still works; only the check after it is missing, so the section stays OK.
    return Section(
        "Text insertion",
        "ok",
        f"{summary}; inserted text cannot be read back: {read_back['reason']}",
        read_back["hint"],
        details,
    )


def _read_back(app: App, session: str) -> dict[str, Any]:
    """Whether the Linux accessibility bus (AT-SPI) answers: with it, inserted text is read back
    and checked ("Indsat og kontrolleret") and one-line fields are told apart; without it the
    product says "Sendt, ikke kontrolleret" and a line break is typed as Return."""
    if session in ("windows", "macos"):
        return {"via": None, "available": False, "reason": f"AT-SPI is not used on {session}", "hint": None}
    from assistant.inject import atspi

    reason = atspi.available(app.environ)
    if reason is None:
        return {"via": "at-spi", "available": True, "reason": None, "hint": None}
    if "jeepney" in reason:
        hint = "Reinstall the product (pip install jeepney)"
    elif "DBUS_SESSION_BUS_ADDRESS" in reason:
        hint = "Start the program from your desktop session: it reaches AT-SPI through the session's D-Bus"
    else:
        hint = (
            "Install at-spi2-core and switch accessibility on (GNOME: gsettings set "
            "org.gnome.desktop.interface toolkit-accessibility true), then log in again"
        )
    hint = "Text is still inserted, reported as 'Sendt, ikke kontrolleret'. " + hint
    return {"via": "at-spi", "available": False, "reason": reason, "hint": hint}


def check_hotkeys(app: App) -> Section:
    from assistant.hotkeys import build_registry

    registry = build_registry(app.environ)
    probes = registry.probe_all()
    keys = {
        key.split(".", 1)[1]: app.config[key]
        for key in (
            "hotkeys.dictate",
            "hotkeys.push_to_talk",
            "hotkeys.read_selection",
            "hotkeys.stop_reading",
        )
    }
    details = {"backends": _probes_json(probes), "keys": keys}
    usable = [p.name for p in probes if p.ok]
    if usable:
        return Section("Global hotkeys", "ok", f"backend: {usable[0]}", None, details)
    session = detect_session(app.environ)
    relevant = [p for p in probes if p.reason and not p.reason.startswith("not ")]
    if relevant:
        reason = relevant[0].reason or ""
    elif session == "none":
        reason = "no display: global hotkeys need a desktop session"
    else:
        reason = f"no hotkey backend for this {session} session"
    return Section("Global hotkeys", "warning", reason, "Use the tray menu or the panel buttons", details)


def check_tray(app: App) -> Section:
    from assistant.tray_probe import tray_problem

    problem = tray_problem(app.environ)
    if problem is None:
        return Section("System tray", "ok", "a system tray is available", None, {"available": True})
    return Section(
        "System tray",
        "warning",
        problem,
        "Start a tray host (a panel with a notification area), or use the command-line tools",
        {"available": False},
    )


CHECKS: dict[str, Callable[[App], Section]] = {
    "settings": check_settings,
    "audio": check_audio,
    "speech": check_speech,
    "voices": check_voices,
    "injection": check_injection,
    "hotkeys": check_hotkeys,
    "tray": check_tray,
}


def run_checks(app: App) -> dict[str, Section]:
    """Run every check; a check that crashes becomes an error section, never a crash of the report."""
    sections: dict[str, Section] = {}
    for key, check in CHECKS.items():
        started = time.perf_counter()
        try:
            section = check(app)
        except AssistantError as exc:
            section = Section(key, "error", exc.message, exc.hint)
        except Exception as exc:
            section = Section(
                key, "error", f"the check failed: {type(exc).__name__}: {exc}", "Please report this"
            )
        section.details["seconds"] = round(time.perf_counter() - started, 3)
        sections[key] = section
    return sections


def overall(sections: dict[str, Section]) -> Status:
    worst = max((s.status for s in sections.values()), key=_RANK.__getitem__, default="ok")
    return worst


def report_json(app: App, sections: dict[str, Section]) -> dict[str, Any]:
    return {
        "assistant_version": __version__,
        "status": overall(sections),
        "platform": {
            "system": platform.system(),
            "release": platform.release(),
            "python": sys.version.split()[0],
            "session": detect_session(app.environ),
        },
        "sections": {key: section.to_json() for key, section in sections.items()},
    }
