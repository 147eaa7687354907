"""What every part of a model install shares: its options and limits, cancelling, progress, the
SHA-256 of a file, web pages saved in place of a model, and the disk-full error.

The limits keep an install bounded whatever a server or an archive does: a download stops at the
size the catalog (or the server) announced plus a margin, or at a hard cap; an archive is refused
if it would unpack to more than the catalog's size allows, a hard cap or the free disk space, or
packs more than :data:`MAX_RATIO` times its size; a download that stalls stops after
``stall_timeout`` seconds.
"""

from __future__ import annotations

import errno
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelError, StorageError

# progress(stage, done, total): stage is e.g. "download model.bin", "verify", "extract", "assemble";
# total is None when the server does not say how big the file is.
Progress = Callable[[str, int, int | None], None]

CHUNK = 256 * 1024
USER_AGENT = "assistant-model-manager/1"
MIB = 1024 * 1024
GIB = 1024 * MIB

# Hard caps, for sources the catalog does not know. The largest catalog model (Whisper large-v3)
# is 3.1 GB; these leave room for larger ones without letting a hostile source fill a disk.
MAX_DOWNLOAD_BYTES = 8 * GIB
MAX_UNPACKED_BYTES = 16 * GIB
MAX_MEMBERS = 10_000  # a Vosk model has about 30 files, a Whisper or ONNX model under 10
# Model weights hardly compress (ratio about 1.1, Vosk graphs about 3); zip bombs do 1,000.
MAX_RATIO = 100
RATIO_SLACK = MIB  # tiny files of zeros (an empty lexicon, padding) may compress better than that


@dataclass(frozen=True)
class InstallOptions:
    """What an install may do. ``allow_download`` mirrors the ``models.allow_download`` setting;
    ``download_locked`` says whether IT's policy set it (for the error message).

    ``timeout`` bounds connecting and each wait for the server; a download stalls (and stops)
    when fewer than ``stall_bytes`` arrive in ``stall_timeout`` seconds, headers included, so a
    server that trickles a byte now and then cannot hold it open."""

    allow_download: bool = True
    download_locked: bool = False
    progress: Progress | None = None
    cancel: threading.Event | None = None
    timeout: float = 30.0
    retries: int = 2  # automatic resumes after a dropped or stalled connection, per file
    stall_timeout: float = 30.0
    stall_bytes: int = 16 * 1024
    max_download_bytes: int = MAX_DOWNLOAD_BYTES
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    max_members: int = MAX_MEMBERS
    max_ratio: float = MAX_RATIO
    mirror: str = ""  # models.mirror: IT's https mirror or share folder for catalog downloads


class InstallCancelled(ModelError):
    """The user cancelled; a partly downloaded file is kept so the next attempt resumes."""


def report(options: InstallOptions, stage: str, done: int, total: int | None) -> None:
    if options.progress is not None:
        options.progress(stage, done, total)


def check_cancel(options: InstallOptions) -> None:
    if options.cancel is not None and options.cancel.is_set():
        raise InstallCancelled(
            "The model installation was cancelled",
            "Run the same command again to resume",
            msgid="model.cancelled",
        )


def sha256_file(path: Path, options: InstallOptions | None = None, stage: str = "verify") -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(MIB):
            digest.update(chunk)
            done += len(chunk)
            if options is not None:
                check_cancel(options)
                report(options, stage, done, total)
    return digest.hexdigest()


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
        msgid="model.web-page",
    )


def megabytes(size: int) -> str:
    """A size for a message: "640 KB", "2.1 MB", "3.2 GB" (decimal units, as file managers show)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB" if size < 1_000_000_000 else f"{size / 1e9:,.1f} GB"


DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in DISK_FULL


def write_failed(exc: OSError, folder: Path, what: str, *, needed: int | None = None) -> StorageError:
    """A write into ``folder`` failed: the disk is full (ENOSPC, EDQUOT) or it cannot be written.
    ``what`` says what was dropped ("the download was stopped and deleted")."""
    if is_disk_full(exc):
        need = f"; it needs about {megabytes(needed)}" if needed else ""
        return StorageError(
            f"The disk is full: {what}{need}; models already installed are unchanged",
            f"Make room on the disk that holds {folder} and try again",
            msgid="model.disk-full",
            params={"folder": str(folder)},
        )
    return StorageError(
        f"Cannot write in {folder} ({errno.errorcode.get(exc.errno or 0, type(exc).__name__)}): {what}",
        "Check that the folder is yours and the disk is not read-only",
        msgid="model.write-failed",
        params={"folder": str(folder)},
    )


def free_space(folder: Path) -> int | None:
    """Free bytes for this user in ``folder`` (or its nearest existing parent); None if unknown."""
    import shutil

    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def no_room(folder: Path, needed: int, free: int, what: str) -> StorageError:
    return StorageError(
        f"Not enough disk space for {what}: it needs {megabytes(needed)}, {megabytes(free)} are free "
        f"in {folder}; nothing was written and models already installed are unchanged",
        "Make room on the disk and try again, or ask IT to pre-stage the model",
        msgid="model.no-room",
        params={"folder": str(folder), "needed": needed, "free": free},
    )
