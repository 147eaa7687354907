"""Unpack a model archive (.zip, .tar, .tar.gz/.tgz, .tar.bz2, .tar.xz) safely and within bounds.

Before anything is written the archive's own account is checked: for a zip its central
directory (member count, each member's and the total unpacked size, the compression ratio, unsafe
entries); for a tar each header before its member (a tar is one compressed stream, so it is read
once, member by member). While unpacking, the bytes actually written are counted against the same
limits, since headers can lie, and the running ratio of unpacked to compressed bytes stops a
compressed stream of zeros early. Only plain files and folders inside the destination are ever
created: no links, devices, FIFOs, absolute paths or '..'.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import lzma
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from assistant.errors import ModelError, StorageError
from assistant.storage.install_base import (
    CHUNK,
    MIB,
    RATIO_SLACK,
    InstallOptions,
    check_cancel,
    free_space,
    is_disk_full,
    megabytes,
    no_room,
    report,
    write_failed,
)

# Longest first, so that "x.tar.gz" is a tar.gz and not a ".gz".
ARCHIVE_SUFFIXES = (".tar.bz2", ".tar.gz", ".tar.xz", ".tbz2", ".tgz", ".txz", ".tar", ".zip")
# A catalog archive unpacks to at most this many times its published size (Vosk zips: about 1.7).
CATALOG_UNPACK_FACTOR = 5
CATALOG_UNPACK_MARGIN = 64 * MIB


@dataclass(frozen=True)
class Limits:
    max_total: int  # unpacked bytes, all members together
    max_members: int
    max_ratio: float
    why: str = ""  # what set max_total, for the message ("the catalog says 40 MB")


def limits_for(options: InstallOptions, size_mb: float | None = None, name: str = "") -> Limits:
    """The limits for an archive: the hard caps in ``options``, tightened by the catalog's
    published size of the archive (``size_mb``) when it is known."""
    total, why = options.max_unpacked_bytes, "the limit for a model"
    if size_mb:
        expected = int(size_mb * MIB * CATALOG_UNPACK_FACTOR) + CATALOG_UNPACK_MARGIN
        if expected < total:
            total, why = expected, f"what the catalog's {name} can unpack to ({size_mb:g} MB packed)"
    return Limits(total, options.max_members, options.max_ratio, why)


def archive_stem(name: str) -> str | None:
    """``name`` without its archive suffix, or None if it does not look like an archive."""
    lower = name.lower()
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def archive_kind(path: Path) -> str | None:
    """ "zip" or "tar" (compressed or not) for an archive file, else None."""
    try:
        if not path.is_file():
            return None
        if zipfile.is_zipfile(path):
            return "zip"
        return "tar" if tarfile.is_tarfile(path) else None
    except (OSError, tarfile.TarError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return None


def _unsafe(name: str, why: str = "points outside the model folder") -> ModelError:
    return ModelError(
        f"The archive contains an unsafe entry ('{name}' {why})",
        "Nothing was installed; get the model from its publisher",
        msgid="model.archive-unsafe",
    )


def _damaged(archive: Path) -> ModelError:
    return ModelError(
        f"{archive.name} is damaged or not a readable archive; nothing was installed",
        "Get the model again from its publisher",
        msgid="model.archive-damaged",
    )


def _bomb(archive: Path, unpacked: int, packed: int, limits: Limits, *, so_far: bool = False) -> ModelError:
    account = (
        f"the first {megabytes(packed)} gave {megabytes(unpacked)}"
        if so_far
        else (f"{megabytes(packed)} would give {megabytes(unpacked)}")
    )
    return ModelError(
        f"{archive.name} unpacks to more than {limits.max_ratio:g} times its size ({account}): that "
        "is an archive bomb, not a model; nothing was installed",
        "Get the model from its publisher",
        msgid="model.archive-bomb",
        params={"unpacked": unpacked, "packed": packed},
    )


def _too_big(archive: Path, unpacked: int, limits: Limits) -> ModelError:
    return ModelError(
        f"{archive.name} would unpack to more than {megabytes(limits.max_total)} ({limits.why}): "
        f"{megabytes(unpacked)} or more; nothing was installed",
        "Check that it is the model you meant; IT can unpack it and install the folder",
        msgid="model.archive-too-big",
        params={"unpacked": unpacked, "limit": limits.max_total},
    )


def _too_many(archive: Path, count: int, limits: Limits) -> ModelError:
    return ModelError(
        f"{archive.name} holds {count:,} or more files, more than the {limits.max_members:,} a model "
        "can have; nothing was installed",
        "Check that it is the model you meant",
        msgid="model.archive-too-many",
        params={"count": count, "limit": limits.max_members},
    )


def _escapes(name: str) -> bool:
    """A member name that is absolute, has a drive or climbs out with "..": refused by name alone."""
    name = name.replace("\\", "/")
    return name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in PurePosixPath(name).parts


def _member_path(dest: Path, name: str, shown: str) -> Path:
    """Where member ``name`` goes inside ``dest`` ("." is ``dest`` itself, as in a tar made with
    ``tar -C folder -czf model.tgz .``); refuses anything that would land outside."""
    if _escapes(name):
        raise _unsafe(shown)
    target = dest.joinpath(*PurePosixPath(name.replace("\\", "/")).parts)
    if not target.resolve().is_relative_to(dest.resolve()):
        raise _unsafe(shown)
    return target


def _member_target(dest: Path, options: InstallOptions, name: str, is_dir: bool) -> Path | None:
    """The steps every member takes, zip or tar: cancel point, the place it goes, a folder made
    at once (None: nothing more to unpack for it)."""
    check_cancel(options)
    target = _member_path(dest, name, name)
    if target == dest and not is_dir:
        raise _unsafe(name, "has no name")
    if is_dir:
        target.mkdir(parents=True, exist_ok=True)
        return None
    return target


def _os_error(exc: OSError, archive: Path, dest: Path) -> StorageError | ModelError:
    """A full disk says so; any other failure to create what the archive lists (a file where it
    also lists a folder, a name the filesystem refuses) means the archive is not a usable model."""
    if is_disk_full(exc):
        return write_failed(exc, dest, "unpacking the model stopped; nothing was installed")
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return write_failed(exc, dest, "nothing was installed")
    return _damaged(archive)


class _Budget:
    """Counts what is really written, against the limits and the compressed bytes read so far."""

    def __init__(self, archive: Path, dest: Path, limits: Limits, options: InstallOptions) -> None:
        self.archive, self.dest, self.limits, self.options = archive, dest, limits, options
        self.written = 0
        self.progress: Callable[[], None] = lambda: None

    def copy(self, source: BinaryIO, target: Path, declared: int, packed: Callable[[], int]) -> None:
        mine = 0
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                while True:
                    check_cancel(self.options)
                    chunk = source.read(CHUNK)
                    if not chunk:
                        break
                    mine += len(chunk)
                    self.written += len(chunk)
                    if mine > declared:  # the header lied: stop at what it promised
                        raise _damaged(self.archive)
                    if self.written > self.limits.max_total:
                        raise _too_big(self.archive, self.written, self.limits)
                    read = packed()
                    if self.written > self.limits.max_ratio * read + RATIO_SLACK:
                        raise _bomb(self.archive, self.written, read, self.limits, so_far=True)
                    out.write(chunk)
                    self.progress()
        except OSError as exc:
            raise _os_error(exc, self.archive, self.dest) from None


def _method_refused(archive: Path, method: int) -> ModelError:
    return ModelError(
        f"{archive.name} is packed with a compression method (zip method {method}) that models are not "
        "packed with and that cannot be unpacked within bounds; nothing was installed",
        "Pack the model folder as an ordinary .zip (deflate) or a .tar.gz",
        msgid="model.archive-method",
    )


# zipfile unpacks bzip2 and LZMA members without a bound on the output of each read (a few KB of
# bzip2 can hold gigabytes of zeros); deflate and stored members are read in bounded steps.
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _safe_zip_members(archive: zipfile.ZipFile, archive_path: Path) -> list[zipfile.ZipInfo]:
    members = []
    for info in archive.infolist():
        if info.compress_type not in _ZIP_METHODS and not info.is_dir():
            raise _method_refused(archive_path, info.compress_type)
        mode = (info.external_attr >> 16) & 0o170000
        if mode not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise _unsafe(
                info.filename, "is a link" if mode == stat.S_IFLNK else "is a device, FIFO or socket"
            )
        if _escapes(info.filename):
            raise _unsafe(info.filename)
        members.append(info)
    return members


def _check_zip(
    archive: zipfile.ZipFile, archive_path: Path, dest: Path, limits: Limits
) -> list[zipfile.ZipInfo]:
    """Refuse a zip from its central directory alone: before a byte of it is unpacked."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise _too_many(archive_path, len(infos), limits)
    members = _safe_zip_members(archive, archive_path)
    packed = archive_path.stat().st_size
    total = sum(m.file_size for m in members)
    for info in members:
        if info.file_size > RATIO_SLACK and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _bomb(archive_path, total, packed, limits)
    if total > limits.max_ratio * packed + RATIO_SLACK:
        raise _bomb(archive_path, total, packed, limits)
    if total > limits.max_total:
        raise _too_big(archive_path, total, limits)
    free = free_space(dest)
    if free is not None and total > free:
        raise no_room(dest, total, free, f"unpacking {archive_path.name}")
    return members


def extract_zip(archive_path: Path, dest: Path, options: InstallOptions, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = _check_zip(archive, archive_path, dest, limits)
            total = sum(m.file_size for m in members)
            budget = _Budget(archive_path, dest, limits, options)
            budget.progress = lambda: report(options, "extract", budget.written, total)
            packed_before = 0
            for info in members:
                target = _member_target(dest, options, info.filename, info.is_dir())
                if target is None:
                    continue
                # A member's compressed size is in the central directory; zipfile never reads
                # past it, so the compressed bytes read are at most those of the members so far.
                packed_before += info.compress_size
                with archive.open(info) as src:
                    budget.copy(src, target, info.file_size, lambda p=packed_before: p)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, ValueError):
        raise _damaged(archive_path) from None
    except OSError as exc:
        raise _os_error(exc, archive_path, dest) from None


class _Counting:
    """A file wrapper that counts the (compressed) bytes tarfile reads through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.count += len(data)
        return data


def _decompressed(raw: _Counting, head: bytes) -> BinaryIO:
    """The tar stream inside ``raw``. gzip, bz2 and lzma's own readers ask their decompressor for
    at most the bytes wanted at each read; tarfile's stream mode would not (a few KB of bzip2 can
    hold gigabytes of zeros, all decompressed at once)."""
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[arg-type]
    if head.startswith(b"BZh"):
        return bz2.BZ2File(raw)  # type: ignore[arg-type]
    if head.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw)  # type: ignore[arg-type]
    return raw  # type: ignore[return-value]


def extract_tar(archive_path: Path, dest: Path, options: InstallOptions, limits: Limits) -> None:
    packed_total = archive_path.stat().st_size
    try:
        with archive_path.open("rb") as handle:
            head = handle.read(6)
            handle.seek(0)
            counting = _Counting(handle)
            budget = _Budget(archive_path, dest, limits, options)
            budget.progress = lambda: report(options, "extract", counting.count, packed_total)
            count = 0
            # Stream mode: one pass, member by member, nothing seeks back or lists the archive first.
            stream = _decompressed(counting, head)
            with tarfile.open(fileobj=stream, mode="r|") as archive:  # type: ignore[call-overload]
                for member in archive:
                    count += 1
                    if count > limits.max_members:
                        raise _too_many(archive_path, count, limits)
                    target = _member_target(dest, options, member.name, member.isdir())
                    if target is None:
                        continue
                    if not member.isreg():
                        why = "is a link" if member.issym() or member.islnk() else "is a device or FIFO"
                        raise _unsafe(member.name, why)
                    if budget.written + member.size > limits.max_total:
                        raise _too_big(archive_path, budget.written + member.size, limits)
                    free = free_space(dest)
                    if free is not None and member.size > free:
                        raise no_room(dest, member.size, free, f"unpacking {archive_path.name}")
                    source = archive.extractfile(member)
                    if source is None:
                        raise _damaged(archive_path)
                    budget.copy(source, target, member.size, lambda: counting.count)
    except (ModelError, StorageError):
        raise
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, ValueError):
        raise _damaged(archive_path) from None
    except OSError as exc:  # gzip's BadGzipFile is an OSError too
        raise _os_error(exc, archive_path, dest) from None


def extract_archive(
    archive_path: Path, dest: Path, options: InstallOptions, limits: Limits, kind: str | None = None
) -> None:
    """Unpack ``archive_path`` into ``dest`` (an empty staging folder) within ``limits``."""
    kind = kind or archive_kind(archive_path)
    if kind == "zip":
        extract_zip(archive_path, dest, options, limits)
    elif kind == "tar":
        extract_tar(archive_path, dest, options, limits)
    else:
        raise _damaged(archive_path)
