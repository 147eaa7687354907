"""Building a model beside its destination and moving it in with one rename.

A model is built in a dot-folder beside its destination (``models_dir/.staging-*``, which
discovery ignores), checked with :func:`model_kind`, given a ``model.json`` manifest and moved into
``models_dir/<name>/`` by :func:`finish`. Whoever builds it removes the staging folder on any
failure (:func:`rmtree`), so a failed or cancelled install leaves no model folder behind.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import logging
import os
import shutil
import stat
import uuid
from collections.abc import Iterable
from pathlib import Path

from assistant.errors import ModelError, StorageError, UsageError
from assistant.storage.catalog import NAME_PATTERN, NEEDS_CONVERSION, CatalogEntry
from assistant.storage.install_base import (
    InstallOptions,
    check_cancel,
    html_error,
    is_html,
    report,
    sha256_file,
    write_failed,
)
from assistant.storage.models import MANIFEST, InstalledModel, guess_languages, model_kind, read_model

log = logging.getLogger(__name__)


def now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def normalise_sha(value: str | None) -> str:
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


def staging_dir(models_dir: Path, name: str) -> Path:
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        path = models_dir / f".staging-{name}-{uuid.uuid4().hex[:8]}"
        path.mkdir()
    except OSError as exc:
        raise write_failed(exc, models_dir, "nothing was installed") from None
    return path


def rmtree(path: Path) -> None:
    def _writable(func, target, _exc_info):  # read-only files (copied from IT shares, Windows)
        with contextlib.suppress(OSError):
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
            func(target)

    if path.exists():
        shutil.rmtree(path, onerror=_writable)


def ensure_free(models_dir: Path, name: str) -> Path:
    target = models_dir / name
    if target.exists():
        raise ModelError(
            f"A model named '{name}' is already installed in {models_dir}",
            f"Remove it first with 'assistant models remove {name}', or choose another name with --name",
            msgid="model.exists",
        )
    return target


def _transformers_folder(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(
        (folder / n).is_file()
        for n in ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")
    )


def model_root(folder: Path) -> Path:
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
                msgid="model.needs-conversion",
            )
    html = next((c for c in folder.rglob("*") if c.is_file() and is_html(c)), None)
    if html is not None:
        raise html_error(html.name)
    raise ModelError(
        "This is not a speech model: no Vosk model (am/final.mdl and conf/), no Whisper model "
        "(model.bin and config.json) and no ONNX transducer (encoder/decoder/joiner .onnx and tokens.txt) "
        "was found in it",
        "Point at the model folder itself, or a .zip of it",
        msgid="model.not-a-model",
    )


def verify_model_file(root: Path, kind: str, expected: str, options: InstallOptions) -> str:
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
            msgid="model.checksum",
        )
    return actual


def finish(
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
    manifest = {"name": name, "engine": kind, **manifest, "installed_at": now_iso()}
    if not manifest.get("languages"):
        manifest["languages"] = guess_languages(root, kind)
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    take_folder_modes(root, models_dir)
    target = ensure_free(models_dir, name)
    try:
        os.replace(root, target)
    except OSError as exc:
        raise StorageError(
            f"Cannot move the model into {target} ({type(exc).__name__})",
            "Check the disk space and that the models folder is yours",
        ) from None
    if staging.exists():
        rmtree(staging)  # what the archive had around the model folder, if anything
    model = read_model(target, source)
    assert model is not None
    log.info("installed model %s (%s) into %s", name, kind, target)
    return model


def make_manifest(
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


def languages_for(
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


def _refused(path: Path, source: Path, why: str) -> ModelError:
    shown = path.relative_to(source).as_posix()
    return ModelError(
        f"{shown} in the model folder {why}; nothing was installed",
        "Copy the model's own files into a folder (for example cp -rL) and install that folder",
        msgid="model.folder-link",
        params={"file": shown},
    )


def folder_files(source: Path) -> tuple[list[Path], list[Path]]:
    """(folders, files) of a model folder, links refused: a symbolic link could point at any file
    the installer may read (root's, for --system), and a hard link is the same trap one level
    down. Devices, FIFOs and sockets are refused too. Nothing is followed."""
    folders: list[Path] = []
    files: list[Path] = []
    for root, dir_names, file_names in os.walk(source, followlinks=False):
        for name in sorted(dir_names) + sorted(file_names):
            path = Path(root) / name
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                raise _refused(path, source, "is a link")
            if stat.S_ISDIR(st.st_mode):
                folders.append(path)
            elif not stat.S_ISREG(st.st_mode):
                raise _refused(path, source, "is a device, FIFO or socket")
            elif st.st_nlink > 1:
                raise _refused(path, source, "is a hard link")
            else:
                files.append(path)
    return folders, files


def _copy_file(path: Path, target: Path, source: Path) -> None:
    """Copy one regular file without following a link swapped in since it was listed."""
    # O_NONBLOCK: a FIFO swapped in since the listing must not hang the install.
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refused(path, source, "is a link") from None
        raise
    with os.fdopen(fd, "rb") as src:
        st = os.fstat(src.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
            raise _refused(path, source, "is a hard link" if st.st_nlink > 1 else "is not a regular file")
        out_flags = (
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        )
        with os.fdopen(os.open(target, out_flags, 0o600), "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)


def copy_tree(source: Path, dest: Path, options: InstallOptions) -> None:
    folders, files = folder_files(source)
    for folder in folders:  # empty ones too (a Vosk conf/)
        (dest / folder.relative_to(source)).mkdir(parents=True, exist_ok=True)
    total = sum(p.stat().st_size for p in files)
    done = 0
    for path in files:
        check_cancel(options)
        target = dest / path.relative_to(source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_file(path, target, source)
        except OSError as exc:
            raise write_failed(exc, dest.parent, "copying the model stopped; nothing was installed") from None
        done += path.stat().st_size
        report(options, "copy", done, total)


def take_folder_modes(root: Path, models_dir: Path) -> None:
    """Give a staged model the models folder's modes (folders as it, files without execute), not
    the modes its source or archive had: IT's machine-wide folder (0755) serves every user, a
    private one stays private."""
    if os.name == "nt":  # pragma: no cover - ACLs are inherited from the models folder
        return
    dir_mode = stat.S_IMODE(models_dir.stat().st_mode) & 0o777
    file_mode = dir_mode & 0o666
    for folder, dir_names, file_names in os.walk(root, followlinks=False):
        for name in file_names:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, file_mode)
        for name in dir_names:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, dir_mode)
    os.chmod(root, dir_mode)
