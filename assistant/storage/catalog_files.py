"""Install a catalog model published file by file (Hugging Face style): each file of the entry is
fetched (from IT's mirror when ``models.mirror`` is set), held to its published size and checked
against its published SHA-256, then the folder is moved in with one rename.

A file's ``.part`` stays in the download cache until the whole model is in, so an interrupted or
cancelled install resumes where it stopped; a file that fails its check is deleted with the
others (nothing unverified is kept or installed).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from assistant.errors import ModelError
from assistant.storage import mirror as mirrors
from assistant.storage.catalog import CatalogEntry
from assistant.storage.download import (
    SMALL_FILE_LIMIT,
    download,
    download_refused,
    limit_for_size,
    part_path,
    verify_download,
)
from assistant.storage.install_base import InstallCancelled, InstallOptions, html_error, is_html, write_failed
from assistant.storage.models import InstalledModel
from assistant.storage.staging import (
    ensure_free,
    finish,
    make_manifest,
    model_root,
    rmtree,
    staging_dir,
    validate_name,
)

log = logging.getLogger(__name__)


def may_fetch(options: InstallOptions) -> bool:
    """Downloads are allowed, or IT's mirror is a share folder (a local copy, not a download)."""
    mirror = options.mirror.strip()
    return options.allow_download or bool(mirror and mirrors.is_folder(mirror))


def _limit(entry: CatalogEntry, filename: str, options: InstallOptions) -> int:
    if filename in entry.file_bytes:
        return entry.file_bytes[filename]  # exactly as published: one byte more is not that file
    if filename == "model.bin" or len(entry.files) == 1:
        return limit_for_size(entry.size_mb) or options.max_download_bytes
    return SMALL_FILE_LIMIT


def _expected_sha(entry: CatalogEntry, filename: str) -> str:
    if filename in entry.file_sha256:
        return entry.file_sha256[filename]
    if filename == "model.bin" and entry.sha256_of == "model.bin":
        return entry.sha256
    return ""


def install_files(
    entry: CatalogEntry,
    models_dir: Path,
    cache_dir: Path,
    *,
    name: str | None = None,
    options: InstallOptions,
) -> InstalledModel:
    if not may_fetch(options):
        raise download_refused(options)
    name = validate_name(name or entry.name)
    ensure_free(models_dir, name)
    parts: list[tuple[str, Path]] = []

    def drop_all() -> None:
        for _, other in parts:
            other.unlink(missing_ok=True)

    for filename in entry.files:
        url = entry.urls[0] + filename
        part = part_path(cache_dir, url)
        size = entry.file_bytes.get(filename)
        try:
            mirrors.fetch(
                url,
                part,
                options=options,
                stage=f"download {filename}",
                limit=_limit(entry, filename, options),
                expected_size=size,
                download=download,
            )
        except InstallCancelled:
            raise  # what arrived is kept for resuming
        except ModelError:
            drop_all()  # a file that is not the published one: keep nothing of this model
            raise
        parts.append((filename, part))
    checked: dict[str, str] = {}
    for filename, part in parts:
        if is_html(part):
            drop_all()
            raise html_error(f"The {filename} downloaded for {entry.name}")
        size = entry.file_bytes.get(filename)
        if size is not None and part.stat().st_size != size:
            got = part.stat().st_size
            drop_all()
            raise ModelError(
                f"The download of {entry.name}/{filename} is {got:,} bytes, not the published {size:,}; "
                "it was deleted and nothing was installed",
                "The file on the server is not the published one: try again later or ask IT",
                msgid="model.checksum",
            )
        try:
            sha = verify_download(part, _expected_sha(entry, filename), options, f"{entry.name}/{filename}")
        except ModelError:
            drop_all()  # keep nothing of a download that failed its check
            raise
        checked[filename] = sha
    staging = staging_dir(models_dir, name)
    try:
        for filename, part in parts:
            try:
                shutil.move(part, staging / filename)
            except OSError as exc:
                raise write_failed(exc, models_dir, "nothing was installed") from None
        root = model_root(staging)
        main = _main_name(entry, root)
        manifest = make_manifest(
            languages=entry.languages,
            licence=entry.licence,
            publisher=entry.publisher,
            source=entry.urls[0],
            sha256=checked.get(main, ""),
            sha256_of=main,
            verified=bool(_expected_sha(entry, main)),
        )
        manifest["files_sha256"] = checked
        manifest["files_checked"] = sorted(f for f in entry.files if _expected_sha(entry, f))
        if entry.revision:
            manifest["revision"] = entry.revision
        if options.mirror.strip():
            manifest["mirror"] = True  # where from is IT's business; that it was a mirror is ours
        return finish(staging, root, models_dir, name, manifest)
    except BaseException:
        rmtree(staging)
        raise


def _main_name(entry: CatalogEntry, root: Path) -> str:
    """The file holding most of the weights (the manifest's checksum is of it)."""
    if entry.engine == "transducer":
        from assistant.storage.onnx_folder import main_file

        return main_file(root).name
    return "model.bin" if "model.bin" in entry.files else entry.files[0]
