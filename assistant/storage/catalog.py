"""The model catalog: what each known speech model is, where it comes from, how good it is.

The catalog is package data (``assistant/storage/catalog.toml``, see models/README.md) so that an
installed product finds it as well as a source checkout. :func:`load_catalog` validates every
entry; :func:`choose_model` picks the model to dictate a language with, and says plainly when
Danish accuracy needs a recommended Danish model.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.errors import ModelError
from assistant.storage.models import InstalledModel

CATALOG_FILE = "catalog.toml"
ENGINES = ("whisper", "vosk", "transducer")
FORMATS = ("ctranslate2", "vosk", "transformers", "sherpa-onnx")
SHA256_OF = ("archive", "model.bin", "")
# Formats faster-whisper cannot load as published: IT converts them first (how, per format).
NEEDS_CONVERSION = {
    "transformers": "ct2-transformers-converter --model FOLDER --output_dir OUT --quantization int8 "
    "--copy_files tokenizer.json preprocessor_config.json",
}
# How 'assistant models install NAME' gets a catalog model (see CatalogEntry.install_route).
INSTALL_ROUTES = ("starter", "download", "folder", "convert")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$")

# Rank of a model the catalog does not know (user- or IT-installed): above the starter models,
# since someone chose it on purpose, below the recommended fine-tunes.
UNKNOWN_MODEL_RANK = 50

_LANGUAGE_NAMES = {"da": "Danish", "en": "English"}


@dataclass(frozen=True)
class WerFigure:
    """A published word error rate, with the dataset and where it was published."""

    dataset: str
    percent: float
    source: str
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "percent": self.percent, "source": self.source, "note": self.note}


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    engine: str
    format: str
    languages: tuple[str, ...]
    licence: str
    publisher: str
    page: str
    description: str
    rank: Mapping[str, int] = field(default_factory=dict)
    size_mb: float | None = None
    sha256: str = ""
    sha256_of: str = ""
    urls: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    starter: bool = False
    package: str | None = None
    recommended: tuple[str, ...] = ()
    wer: tuple[WerFigure, ...] = ()
    unknown: str = ""
    revision: str = ""  # the publisher's revision (commit) the URLs are pinned to
    file_bytes: Mapping[str, int] = field(default_factory=dict)  # per file of ``files``, as published
    file_sha256: Mapping[str, str] = field(default_factory=dict)  # per file of ``files``, as published
    figures_from: str = ""  # where the revision, sizes and checksums were read

    @property
    def downloadable(self) -> bool:
        """True if ``assistant models install NAME`` can fetch it (a direct CTranslate2/Vosk link)."""
        return self.install_route == "download"

    @property
    def install_route(self) -> str:
        """What ``assistant models install NAME`` does: "starter" (comes with the product),
        "download" (fetched from ``urls``), "folder" (loadable as published, but no direct link:
        IT gets the folder from ``page`` and installs it) or "convert" (IT converts it first)."""
        if self.starter:
            return "starter"
        if self.format in NEEDS_CONVERSION:
            return "convert"
        return "download" if self.urls else "folder"

    @property
    def published_bytes(self) -> int | None:
        """The whole download in bytes as published: the sum of the file sizes when every file's
        size is known, else the catalog size; None when unknown."""
        if self.files and all(f in self.file_bytes for f in self.files):
            return sum(self.file_bytes[f] for f in self.files)
        return int(self.size_mb * 1_000_000) if self.size_mb else None

    @property
    def per_file(self) -> bool:
        """Downloaded file by file from a base URL (Hugging Face style), not as one archive."""
        return bool(self.files)

    def rank_for(self, language: str) -> int:
        return int(self.rank.get(language, 0))

    def accuracy_note(self) -> str:
        """The published (Danish) word error rates on one line, e.g. for ``models list``."""
        return "; ".join(
            f"{w.percent:g} % WER on {w.dataset}" + (f" ({w.note})" if w.note else "") for w in self.wer
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "engine": self.engine,
            "format": self.format,
            "languages": list(self.languages),
            "rank": dict(self.rank),
            "size_mb": self.size_mb,
            "licence": self.licence,
            "sha256": self.sha256,
            "sha256_of": self.sha256_of,
            "urls": list(self.urls),
            "files": list(self.files),
            "publisher": self.publisher,
            "page": self.page,
            "description": self.description,
            "starter": self.starter,
            "package": self.package,
            "recommended": list(self.recommended),
            "downloadable": self.downloadable,
            "install_route": self.install_route,
            "wer": [w.to_json() for w in self.wer],
            "unknown": self.unknown,
            "revision": self.revision,
            "file_bytes": dict(self.file_bytes),
            "file_sha256": dict(self.file_sha256),
            "figures_from": self.figures_from,
        }


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]
    notes: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> CatalogEntry | None:
        return next((e for e in self.entries if e.name == name), None)

    def for_url(self, url: str) -> CatalogEntry | None:
        """The entry whose archive is ``url`` (so a pasted link still gets its checksum)."""
        return next((e for e in self.entries if not e.files and url in e.urls), None)

    def for_language(self, language: str) -> list[CatalogEntry]:
        return sorted(
            (e for e in self.entries if language in e.languages),
            key=lambda e: e.rank_for(language),
            reverse=True,
        )

    def recommended(self, language: str) -> list[CatalogEntry]:
        """Recommended models for ``language``: those faster-whisper loads as they are first (no
        conversion needed), then by accuracy."""
        found = [e for e in self.for_language(language) if language in e.recommended]
        return sorted(found, key=lambda e: (e.install_route == "convert", -e.rank_for(language)))

    def rank(self, model: InstalledModel, language: str) -> int:
        entry = self.get(model.name)
        if entry is not None:
            return entry.rank_for(language)
        return UNKNOWN_MODEL_RANK

    @property
    def danish_note(self) -> str:
        return self.notes.get("da", DANISH_ACCURACY_NOTE)


DANISH_ACCURACY_NOTE = (
    "Better Danish accuracy needs a recommended Danish model. The starter models understand Danish "
    "only roughly; run 'assistant models list' for the recommended Danish models"
)


def _fail(where: str, problem: str) -> ModelError:
    return ModelError(
        f"The model catalog is broken: {where} {problem}",
        "Reinstall the product; if you edited catalog.toml, undo the change",
    )


def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _fail(where, f"'{key}' is not text")
    if required and not value.strip():
        raise _fail(where, f"has no '{key}'")
    return value


def _text_list(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(where, f"'{key}' is not a list of text values")
    return tuple(value)


def _entry(raw: Any, index: int) -> CatalogEntry:
    if not isinstance(raw, dict):
        raise _fail(f"model #{index + 1}", "is not a table")
    name = _text(raw, "name", f"model #{index + 1}")
    where = f"model '{name}'"
    if not NAME_PATTERN.match(name):
        raise _fail(where, "has a name that is not a plain folder name")
    engine = _text(raw, "engine", where)
    if engine not in ENGINES:
        raise _fail(where, f"has engine '{engine}', not one of {', '.join(ENGINES)}")
    fmt = _text(raw, "format", where)
    if fmt not in FORMATS:
        raise _fail(where, f"has format '{fmt}', not one of {', '.join(FORMATS)}")
    languages = _text_list(raw, "languages", where)
    if not languages:
        raise _fail(where, "lists no languages")
    rank = raw.get("rank", {})
    if not isinstance(rank, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in rank.values()
    ):
        raise _fail(where, "'rank' is not a table of whole numbers")
    size = raw.get("size_mb")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int | float) or size <= 0):
        raise _fail(where, "'size_mb' is not a positive number")
    sha = _text(raw, "sha256", where, required=False).lower()
    sha_of = _text(raw, "sha256_of", where, required=False)
    if sha_of not in SHA256_OF:
        raise _fail(where, f"'sha256_of' is '{sha_of}', not archive or model.bin")
    if sha and not _HEX64.match(sha):
        raise _fail(where, "'sha256' is not 64 hexadecimal digits")
    if bool(sha) != bool(sha_of):
        raise _fail(where, "must give 'sha256' and 'sha256_of' together (or leave both empty)")
    urls = _text_list(raw, "urls", where)
    for url in urls:
        if not url.startswith("https://"):
            raise _fail(where, f"has a URL that is not https: {url}")
    files = _text_list(raw, "files", where)
    if files and (len(urls) != 1 or not urls[0].endswith("/")):
        raise _fail(where, "lists 'files' but not exactly one base URL ending in '/'")
    if any("/" in f or "\\" in f or f.startswith(".") for f in files):
        raise _fail(where, "lists a file that is not a plain file name")
    if sha_of == "archive" and files:
        raise _fail(where, "checks an archive but is downloaded file by file")
    wer = []
    for figure in raw.get("wer", []):
        if not isinstance(figure, dict):
            raise _fail(where, "has a 'wer' item that is not a table")
        percent = figure.get("percent")
        if isinstance(percent, bool) or not isinstance(percent, int | float):
            raise _fail(where, "has a word error rate that is not a number")
        wer.append(
            WerFigure(
                dataset=_text(figure, "dataset", where),
                percent=float(percent),
                source=_text(figure, "source", where),
                note=_text(figure, "note", where, required=False),
            )
        )
    file_bytes = raw.get("file_bytes", {})
    if not isinstance(file_bytes, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in file_bytes.values()
    ):
        raise _fail(where, "'file_bytes' is not a table of positive whole numbers")
    file_sha = raw.get("file_sha256", {})
    if not isinstance(file_sha, dict) or not all(
        isinstance(v, str) and _HEX64.match(v.lower()) for v in file_sha.values()
    ):
        raise _fail(where, "'file_sha256' is not a table of 64-digit hexadecimal checksums")
    stray = sorted((set(file_bytes) | set(file_sha)) - set(files))
    if stray:
        raise _fail(where, f"gives sizes or checksums for files it does not list: {', '.join(stray)}")
    revision = _text(raw, "revision", where, required=False)
    if revision and not any(revision in url for url in urls):
        raise _fail(where, "names a revision its URLs are not pinned to")
    starter = raw.get("starter", False)
    if not isinstance(starter, bool):
        raise _fail(where, "'starter' is not true or false")
    package = raw.get("package")
    if starter and not package:
        raise _fail(where, "is a starter model without a 'package'")
    return CatalogEntry(
        name=name,
        engine=engine,
        format=fmt,
        languages=languages,
        licence=_text(raw, "licence", where),
        publisher=_text(raw, "publisher", where),
        page=_text(raw, "page", where),
        description=_text(raw, "description", where),
        rank=dict(rank),
        size_mb=float(size) if size is not None else None,
        sha256=sha,
        sha256_of=sha_of,
        urls=urls,
        files=files,
        starter=starter,
        package=str(package) if package else None,
        recommended=_text_list(raw, "recommended", where),
        wer=tuple(wer),
        unknown=_text(raw, "unknown", where, required=False),
        revision=revision,
        file_bytes=dict(file_bytes),
        file_sha256={k: v.lower() for k, v in file_sha.items()},
        figures_from=_text(raw, "figures_from", where, required=False),
    )


def parse_catalog(text: str) -> Catalog:
    """A :class:`Catalog` from TOML text; :class:`ModelError` if anything is invalid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail("catalog.toml", f"is not valid TOML ({exc})") from None
    if data.get("schema") != 1:
        raise _fail("catalog.toml", "has an unknown schema version")
    raw_models = data.get("model", [])
    if not isinstance(raw_models, list) or not raw_models:
        raise _fail("catalog.toml", "lists no models")
    entries = tuple(_entry(raw, i) for i, raw in enumerate(raw_models))
    names = [e.name for e in entries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise _fail("catalog.toml", f"lists {', '.join(duplicates)} twice")
    notes = data.get("notes", {})
    if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
        raise _fail("catalog.toml", "'notes' is not a table of text")
    return Catalog(entries=entries, notes=dict(notes))


@lru_cache(maxsize=1)
def _packaged_catalog() -> Catalog:
    text = resources.files("assistant.storage").joinpath(CATALOG_FILE).read_text(encoding="utf-8")
    return parse_catalog(text)


def load_catalog(path: Path | None = None) -> Catalog:
    """The product's catalog (package data), or the one at ``path``."""
    if path is None:
        return _packaged_catalog()
    try:
        return parse_catalog(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"Cannot read the model catalog {path} ({type(exc).__name__})") from None


# -- choosing a model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """The model to dictate ``language`` with, and what to tell the user about it."""

    language: str
    model: InstalledModel | None
    recommended: tuple[CatalogEntry, ...]  # catalog recommendations for the language, best first
    needs_better_model: bool  # True when only starter-grade models are installed for the language
    message: str  # "" when there is nothing to say

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "model": self.model.name if self.model else None,
            "recommended": [e.name for e in self.recommended],
            "needs_better_model": self.needs_better_model,
            "message": self.message,
        }


def choose_model(
    language: str,
    models: Iterable[InstalledModel],
    *,
    preferred: str = "",
    engines: Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> Choice:
    """Pick the installed model for ``language``: ``preferred`` (stt.model_da/_en) if installed,
    else the highest-ranked one. ``engines`` limits the choice to engines that can run."""
    catalog = catalog or load_catalog()
    allowed = set(engines) if engines is not None else set(ENGINES)
    usable = [m for m in models if language in m.languages and m.engine in allowed]
    recommended = tuple(catalog.recommended(language))
    name = _LANGUAGE_NAMES.get(language, language)
    chosen: InstalledModel | None = None
    if preferred:
        chosen = next((m for m in usable if m.name == preferred), None)
    if chosen is None and usable:
        chosen = max(usable, key=lambda m: catalog.rank(m, language))
    if chosen is None:
        hint = "Install a model with 'assistant models install' or ask IT to pre-stage one"
        if recommended:
            hint += f" (recommended: {', '.join(e.name for e in recommended[:3])})"
        return Choice(language, None, recommended, True, f"No speech model for {name} is installed. {hint}")
    weak = language == "da" and all(
        (catalog.get(m.name) is not None and "da" not in catalog.get(m.name).recommended)  # type: ignore[union-attr]
        for m in usable
    )
    message = ""
    if preferred and chosen.name != preferred:
        message = f"The chosen {name} model '{preferred}' is not installed; using '{chosen.name}'. "
    if weak:
        message += catalog.danish_note
    return Choice(language, chosen, recommended, weak, message.strip())


def missing_model_error(choice: Choice) -> ModelError:
    """The one-line error for a language with no model (the CLI exits 2 with it)."""
    name = _LANGUAGE_NAMES.get(choice.language, choice.language)
    hint = "Install one with 'assistant models install' or ask IT to pre-stage one"
    if choice.recommended:
        hint += f" (recommended: {choice.recommended[0].name})"
    return ModelError(f"No speech model for {name} is installed", hint)
