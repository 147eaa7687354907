"""Install and remove speech models in the user's models folder: the one entry point
(:func:`install_source`) for the command line and the models window.

Sources: a model folder or archive (IT pre-staging), an http(s) URL to an archive (downloaded
into ``cache_dir/downloads/*.part`` with HTTP Range resume and SHA-256 verification), or a catalog
entry (archive or file by file). Downloads honour ``models.allow_download``; nothing touches the
network unless one was asked for.

The work is split by job: :mod:`~assistant.storage.install_base` (options, limits, progress),
:mod:`~assistant.storage.download` (bounded, resumable downloads), :mod:`~assistant.storage.archives`
(bounded, safe unpacking), :mod:`~assistant.storage.staging` (build beside, move in with one
rename) and :mod:`~assistant.storage.starter` (the packaged starter models). Their public names are
importable from here as before.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
import uuid
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from assistant.errors import ModelError, StorageError, UsageError
from assistant.storage.archives import archive_kind, archive_stem, extract_archive, limits_for
from assistant.storage.catalog import NEEDS_CONVERSION, Catalog, CatalogEntry, load_catalog
from assistant.storage.catalog_files import install_files, may_fetch
from assistant.storage.download import (
    check_url,
    download,
    download_refused,
    limit_for_size,
    part_path,
    verify_download,
)
from assistant.storage.install_base import (
    InstallCancelled,
    InstallOptions,
    Progress,
    html_error,
    is_html,
    sha256_file,
)
from assistant.storage.mirror import fetch
from assistant.storage.models import MANIFEST, InstalledModel, discover, model_kind
from assistant.storage.staging import (
    copy_tree,
    ensure_free,
    finish,
    languages_for,
    make_manifest,
    model_root,
    normalise_sha,
    rmtree,
    staging_dir,
    validate_name,
    verify_model_file,
)
from assistant.storage.starter import (
    WHISPER_BASE,
    assemble_whisper_base,
    ensure_local,
    prepare_starter_models,
    stage_starter_models,
)

log = logging.getLogger(__name__)


# -- local folders and zips ------------------------------------------------------------------------


def install_from_path(
    source: Path,
    models_dir: Path,
    *,
    name: str | None = None,
    sha256: str | None = None,
    languages: Iterable[str] | None = None,
    entry: CatalogEntry | None = None,
    options: InstallOptions | None = None,
    origin: str | None = None,
    default_languages: Iterable[str] | None = None,
) -> InstalledModel:
    """Install a model folder or an archive of one (.zip or .tar.*; IT pre-staging, USB stick,
    network share). An archive is unpacked within the limits of :mod:`assistant.storage.archives`
    (the catalog's size of ``entry`` when it has one).

    ``sha256`` checks the archive itself, or for a folder its model.bin (am/final.mdl for Vosk)."""
    options = options or InstallOptions()
    expected = normalise_sha(sha256)
    source = Path(source)
    kind_of_archive = archive_kind(source)
    is_archive = kind_of_archive is not None
    if not source.is_dir() and not is_archive:
        if source.is_file() and is_html(source):
            raise html_error(source.name)
        if source.exists():
            raise ModelError(
                f"{source.name} is neither a model folder nor a .zip or .tar archive",
                "Nothing was installed",
                msgid="model.not-a-model",
            )
        raise UsageError(f"{source} does not exist")
    if entry is not None:
        default_name = entry.name
    elif is_archive:
        default_name = archive_stem(source.name) or source.stem
    else:
        default_name = source.name
    name = validate_name(name or default_name)
    ensure_free(models_dir, name)
    if is_archive and expected and (entry is None or entry.sha256_of != "model.bin"):
        actual_archive = sha256_file(source, options)
        if actual_archive != expected:
            raise ModelError(
                f"{source.name} failed its SHA-256 check (it is {actual_archive[:12]}…, expected {expected[:12]}…); "
                "nothing was installed",
                "The file is damaged or not the published one: get it again from its publisher",
                msgid="model.checksum",
            )
    staging = staging_dir(models_dir, name)
    try:
        if is_archive:
            limits = limits_for(options, entry.size_mb if entry else None, entry.name if entry else "")
            extract_archive(source, staging, options, limits, kind_of_archive)
        else:
            copy_tree(source, staging, options)
        root = model_root(staging)
        kind = model_kind(root)
        assert kind is not None
        if entry is not None and entry.engine != kind:
            raise ModelError(
                f"This is a {kind} model, but the catalog's '{entry.name}' is a {entry.engine} model"
            )
        if is_archive and expected and (entry is None or entry.sha256_of != "model.bin"):
            checked, sha_of, verified = expected, "archive", True
        else:
            want = expected or (entry.sha256 if entry is not None and entry.sha256_of == "model.bin" else "")
            checked = verify_model_file(root, kind, want, options)
            sha_of, verified = ("model.bin" if kind == "whisper" else "am/final.mdl"), bool(want)
            if kind == "transducer":
                from assistant.storage.onnx_folder import main_file

                sha_of = main_file(root).name
        manifest = make_manifest(
            languages=languages_for(root, kind, name, languages, entry, default_languages),
            licence=entry.licence if entry else "",
            publisher=entry.publisher if entry else "",
            source=origin or str(source.resolve()),
            sha256=checked,
            sha256_of=sha_of,
            verified=verified,
        )
        return finish(staging, root, models_dir, name, manifest)
    except BaseException:
        rmtree(staging)
        raise


# -- downloads -------------------------------------------------------------------------------------


def install_from_url(
    url: str,
    models_dir: Path,
    cache_dir: Path,
    *,
    name: str | None = None,
    sha256: str | None = None,
    languages: Iterable[str] | None = None,
    entry: CatalogEntry | None = None,
    options: InstallOptions | None = None,
    default_languages: Iterable[str] | None = None,
) -> InstalledModel:
    """Download an archive (.zip or .tar.*) of a model and install it. ``sha256`` (or the
    catalog's, for a catalog URL) is the SHA-256 of the archive; without one the install goes ahead
    unverified and the manifest records the SHA-256 that was seen. The download may grow to the
    catalog's size of ``entry`` (plus a margin) or else ``options.max_download_bytes``."""
    options = options or InstallOptions()
    check_url(url)
    # A catalog archive comes from IT's mirror when one is set (a share folder needs no download).
    catalog_archive = entry is not None and url in entry.urls and not entry.per_file
    if not (options.allow_download or (catalog_archive and may_fetch(options))):
        raise download_refused(options)
    expected = normalise_sha(sha256) or (entry.sha256 if entry and entry.sha256_of == "archive" else "")
    leaf = PurePosixPath(urllib.parse.urlparse(url).path).name
    default = entry.name if entry else (archive_stem(leaf) or leaf)
    name = validate_name(name or default or "model")
    ensure_free(models_dir, name)
    part = part_path(cache_dir, url)
    limit = limit_for_size(entry.size_mb) if entry else None
    if catalog_archive:
        fetch(url, part, options=options, stage=f"download {leaf or name}", limit=limit, download=download)
    else:
        download(url, part, options=options, stage=f"download {leaf or name}", limit=limit)
    actual = verify_download(part, expected, options, leaf or url)
    kind = archive_kind(part)
    if kind is None:
        html = is_html(part)
        part.unlink(missing_ok=True)
        if html:
            raise html_error(f"The file downloaded from {urllib.parse.urlparse(url).netloc}")
        raise ModelError(
            "The downloaded file is not a .zip or .tar archive of a model",
            "Nothing was installed",
            msgid="model.not-a-model",
        )
    try:
        model = install_from_path(
            part,
            models_dir,
            name=name,
            languages=languages,
            entry=entry,
            options=options,
            origin=url,
            default_languages=default_languages,
        )
    finally:
        part.unlink(missing_ok=True)
    # Record what was downloaded: the archive's SHA-256 and whether it was checked.
    manifest_file = model.path / MANIFEST  # type: ignore[operator]
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest.update(sha256=actual, sha256_of="archive", verified=bool(expected))
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return model


def install_catalog_entry(
    entry: CatalogEntry,
    models_dir: Path,
    cache_dir: Path,
    *,
    name: str | None = None,
    options: InstallOptions | None = None,
) -> InstalledModel:
    """Install a catalog model: its archive, or its files one by one from the base URL."""
    options = options or InstallOptions()
    route = entry.install_route
    if route == "starter":
        raise ModelError(
            f"'{entry.name}' comes with the product (package {entry.package})",
            "Run 'assistant models prepare' to get it ready",
        )
    if route == "convert":
        raise ModelError(
            f"'{entry.name}' is published in {entry.format} format, which must be converted before "
            f"use ({entry.page})",
            f"IT converts it ({NEEDS_CONVERSION[entry.format]}) and installs the result with "
            f"'assistant models install OUT --name {entry.name}'",
        )
    if route == "folder":
        raise ModelError(
            f"'{entry.name}' ({entry.format}) is loadable as published, but has no direct download "
            f"link here ({entry.page})",
            f"Download its folder from that page and install it with 'assistant models install "
            f"FOLDER --name {entry.name}' (or a .zip of it); no conversion is needed",
        )
    if not entry.per_file:
        return install_from_url(entry.urls[0], models_dir, cache_dir, name=name, entry=entry, options=options)
    return install_files(entry, models_dir, cache_dir, name=name, options=options)


# -- removal ---------------------------------------------------------------------------------------


def remove_model(name: str, models_dir: Path, system_dirs: Iterable[Path]) -> Path:
    """Delete the user's model ``name``; IT's and packaged models give a clear error instead."""
    models = discover(models_dir, list(system_dirs))
    matches = [m for m in models if m.name == name or (m.path is not None and m.path.name == name)]
    # A model in the user's own folder can go, even a starter model an older version assembled there.
    user = next(
        (m for m in matches if m.path is not None and m.path.parent.resolve() == models_dir.resolve()), None
    )
    if user is None:
        other = next(iter(matches), None)
        if other is None:
            raise ModelError(
                f"No model named '{name}' is installed", "Run 'assistant models list' to see the names"
            )
        if other.source == "system":
            raise ModelError(
                f"'{name}' was pre-staged by IT in {other.path.parent if other.path else 'the system folder'}; "
                "only IT can remove it",
                "Ask IT, or choose another model in the settings",
            )
        raise ModelError(
            f"'{name}' comes with the product (package {other.package}); it cannot be removed on its own",
            "Choose another model in the settings; uninstalling the package removes it",
        )
    assert user.path is not None
    # Rename first so that discovery never sees a half-deleted model, then delete.
    doomed = user.path.parent / f".removing-{user.path.name}-{uuid.uuid4().hex[:8]}"
    try:
        os.replace(user.path, doomed)
    except OSError as exc:
        raise StorageError(
            f"Cannot remove {user.path} ({type(exc).__name__})",
            "Close programs that use the model and try again",
        ) from None
    rmtree(doomed)
    log.info("removed model %s", name)
    return user.path


# -- one entry point for the CLI and the UI --------------------------------------------------------


def install_source(
    source: str,
    models_dir: Path,
    cache_dir: Path,
    *,
    name: str | None = None,
    sha256: str | None = None,
    languages: Iterable[str] | None = None,
    options: InstallOptions | None = None,
    catalog: Catalog | None = None,
    default_languages: Iterable[str] | None = None,
) -> InstalledModel:
    """Install from ``source``: an http(s) URL, a folder or archive (.zip, .tar.*), or a catalog name.

    A folder or archive named like a catalog model (or installed ``--name`` as one) gets that
    entry's languages, licence and checksum. ``default_languages`` are used for a multilingual
    model nobody said the languages of (the window passes the user's dictation language; the
    command line asks for ``--language`` instead)."""
    options = options or InstallOptions()
    catalog = catalog or load_catalog()
    if source.lower().startswith(("http://", "https://")):
        return install_from_url(
            source,
            models_dir,
            cache_dir,
            name=name,
            sha256=sha256,
            languages=languages,
            entry=catalog.for_url(source),
            options=options,
            default_languages=default_languages,
        )
    path = Path(source).expanduser()
    if path.exists():
        stem = (archive_stem(path.name) if path.is_file() else None) or path.name
        return install_from_path(
            path,
            models_dir,
            name=name,
            sha256=sha256,
            languages=languages,
            entry=catalog.get(name or stem),
            options=options,
            default_languages=default_languages,
        )
    entry = catalog.get(source)
    if entry is not None:
        if sha256:
            raise UsageError("--sha256 is for folders, .zip files and URLs; catalog models carry their own")
        return install_catalog_entry(entry, models_dir, cache_dir, name=name, options=options)
    if "/" in source or os.sep in source or archive_stem(source) is not None:
        raise UsageError(f"{source} does not exist", "Check the path of the model folder or archive")
    raise UsageError(
        f"'{source}' is not a folder, a .zip or .tar file, an http(s) address or a model in the catalog",
        "Run 'assistant models list' to see the catalog",
    )


__all__ = [
    "WHISPER_BASE",
    "InstallCancelled",
    "InstallOptions",
    "Progress",
    "assemble_whisper_base",
    "download",
    "ensure_local",
    "html_error",
    "install_catalog_entry",
    "install_from_path",
    "install_from_url",
    "install_source",
    "is_html",
    "prepare_starter_models",
    "remove_model",
    "sha256_file",
    "stage_starter_models",
    "validate_name",
]
