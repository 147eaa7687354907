"""IT's model mirror (``models.mirror``): every catalog download comes from it instead of the
public host.

The mirror is laid out like the hub: the path of the public URL is kept and only the host part is
replaced. ``https://huggingface.co/RyeAI/ekko-v1-tiny/resolve/REV/onnx-sherpa/tokens.txt`` is
fetched from

- ``https://mirror.example/RyeAI/ekko-v1-tiny/resolve/REV/onnx-sherpa/tokens.txt`` for an
  internal web server (https; plain http only on this computer's loopback address), or
- ``SHARE/RyeAI/ekko-v1-tiny/resolve/REV/onnx-sherpa/tokens.txt`` for a share folder, where
  ``SHARE/RyeAI/ekko-v1-tiny/onnx-sherpa/tokens.txt`` (what ``hf download --local-dir`` writes)
  is accepted too.

Whatever the source, a file is checked against the catalog's published size and SHA-256, so a
mirror can hold only the published files. Copying from a share resumes like a download.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from assistant.errors import ModelError, StorageError
from assistant.storage.install_base import (
    MIB,
    InstallOptions,
    check_cancel,
    report,
    write_failed,
)

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def check_mirror(value: Any) -> str | None:
    """Why ``value`` is not a usable ``models.mirror`` (None: it is; "" turns the mirror off)."""
    if not isinstance(value, str):
        return "is not text"
    if not value.strip():
        return None
    parsed = urllib.parse.urlparse(value)
    if parsed.scheme == "https" and parsed.netloc:
        return None
    if parsed.scheme == "http" and parsed.hostname in _LOOPBACK:
        return None
    if parsed.scheme in ("http", "https", "ftp"):
        return "is not an https address"
    if is_folder(value):
        return None
    return "is neither an https address nor a folder path"


def is_folder(mirror: str) -> bool:
    """True for a share folder (an absolute path, or a UNC path on Windows)."""
    return mirror.startswith(("\\\\", "//")) or os.path.isabs(mirror) or Path(mirror).is_absolute()


def mirrored_url(url: str, mirror: str) -> str:
    """``url`` with its scheme and host replaced by the web mirror ``mirror``."""
    path = urllib.parse.urlparse(url).path
    return mirror.rstrip("/") + path


def share_candidates(url: str, share: str) -> list[Path]:
    """Where a hub-laid-out share folder may hold the file of ``url``, best first."""
    parts = [
        p for p in PurePosixPath(urllib.parse.unquote(urllib.parse.urlparse(url).path)).parts if p != "/"
    ]
    if any(p in ("..", ".") for p in parts):
        return []
    found = [Path(share).joinpath(*parts)]
    # owner/repo/resolve/REV/file -> owner/repo/file (a plain download of the repository)
    if len(parts) > 4 and parts[2] == "resolve":
        found.append(Path(share).joinpath(*parts[:2], *parts[4:]))
    return found


def _copy_resumable(source: Path, part: Path, options: InstallOptions, stage: str, limit: int) -> Path:
    """Copy ``source`` into ``part``, keeping what an earlier, interrupted copy left there."""
    try:
        total = source.stat().st_size
    except OSError as exc:
        raise StorageError(
            f"Cannot read {source.name} on IT's model share ({type(exc).__name__})",
            "Check that the share is reachable, or ask IT",
            msgid="model.mirror-unreadable",
        ) from None
    if total > limit:
        raise ModelError(
            f"{source.name} on IT's model share is larger than the published file; nothing was installed",
            "Ask IT to replace it with the published file",
            msgid="model.download-too-big",
            params={"limit": limit},
        )
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
        have = part.stat().st_size if part.exists() else 0
        if have > total:
            part.unlink()
            have = 0
        with source.open("rb") as reader, part.open("ab") as writer:
            reader.seek(have)
            done = have
            report(options, stage, done, total)
            while chunk := reader.read(MIB):
                check_cancel(options)
                writer.write(chunk)
                done += len(chunk)
                report(options, stage, done, total)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and not source.exists():
            raise _missing(source.name) from None
        raise write_failed(exc, part.parent, "the copy was stopped; what was copied is kept") from None
    return part


def _missing(leaf: str) -> ModelError:
    return ModelError(
        f"IT's model share does not hold {leaf} (models.mirror); nothing was installed",
        "Ask IT to copy the model's published files onto the share",
        msgid="model.mirror-missing",
        params={"file": leaf},
    )


Fetcher = Callable[..., Path]


def fetch(
    url: str,
    part: Path,
    *,
    options: InstallOptions,
    stage: str,
    limit: int | None,
    expected_size: int | None = None,
    download: Fetcher,
) -> Path:
    """Fetch the file of the public ``url`` into ``part``: from IT's mirror when one is set, else
    with ``download`` (the resumable HTTP download) from the public host."""
    mirror = options.mirror.strip()
    if not mirror:
        return download(url, part, options=options, stage=stage, limit=limit, expected_size=expected_size)
    if is_folder(mirror):
        for candidate in share_candidates(url, mirror):
            if candidate.is_file():
                return _copy_resumable(candidate, part, options, stage, limit or options.max_download_bytes)
        raise _missing(PurePosixPath(urllib.parse.urlparse(url).path).name)
    return download(
        mirrored_url(url, mirror),
        part,
        options=options,
        stage=stage,
        limit=limit,
        expected_size=expected_size,
    )


def install_options(config: Any, **kwargs: Any) -> InstallOptions:
    """The install options the settings give (downloads allowed?, locked by IT?, the mirror)."""
    return InstallOptions(
        allow_download=bool(config["models.allow_download"]),
        download_locked=config.is_locked("models.allow_download"),
        mirror=str(config["models.mirror"] or ""),
        **kwargs,
    )
