"""Model installs stay bounded whatever a server or an archive does: archive bombs, archives that
lie about their sizes, endless and trickling downloads, full disks, and IT's policy.

Real archives (a real 3.2 GB zip bomb, built in milliseconds from repeated deflate blocks), a real
HTTP server on 127.0.0.1 that misbehaves on purpose, real full filesystems (tmpfs, tests/support/disk.py).
"""

from __future__ import annotations

import contextlib
import io
import os
import ssl
import struct
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.errors import ModelError, StorageError
from assistant.paths import resolve
from assistant.storage.archives import Limits, extract_archive
from assistant.storage.catalog import parse_catalog
from assistant.storage.download import download
from assistant.storage.model_install import (
    InstallOptions,
    install_catalog_entry,
    install_from_path,
    install_from_url,
    install_source,
)
from assistant.storage.models import model_kind
from tests.support.disk import fill, free, small_filesystem
from tests.support.procs import require_executable
from tests.unit.test_model_install import leftovers, make_whisper_folder, zip_folder

MIB = 1024 * 1024
BOMB_SIZE = 3052 * MIB  # 3.2 GB of zeros


# -- archives built by hand ------------------------------------------------------------------------


def _deflate_zeros(size_mib: int, prefix: bytes = b"", wbits: int = -15) -> bytes:
    """A deflate (or gzip, wbits=31) stream of ``prefix`` and ``size_mib`` MiB of zeros, built from
    one compressed MiB repeated: after a full flush each MiB of zeros compresses to the same bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(bytes(MIB)) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(bytes(MIB)) + comp.flush(zlib.Z_FULL_FLUSH) == block
    return head + block * size_mib + comp.flush()


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated data, claimed size, claimed CRC) members, headers written by hand
    so that they can claim anything."""
    out = io.BytesIO()
    central = []
    for name, data, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        )
        out.write(encoded + data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0o100644 << 16,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0)
    )
    return out.getvalue()


def zip_bomb(path: Path) -> Path:
    """About 3.1 MB that unpacks to 3.2 GB, with an honest central directory."""
    data = _deflate_zeros(BOMB_SIZE // MIB)
    path.write_bytes(_raw_zip([("bomb/model.bin", data, BOMB_SIZE, 0)]))
    return path


def tar_bomb(path: Path) -> Path:
    """A .tar.gz of one 3.2 GB file of zeros (its header says so), about 3.1 MB."""
    header = tarfile.TarInfo("bomb/model.bin")
    header.size = BOMB_SIZE
    path.write_bytes(_deflate_zeros(BOMB_SIZE // MIB, header.tobuf(tarfile.GNU_FORMAT), wbits=31))
    return path


def tar_folder(folder: Path, archive: Path, mode: str) -> Path:
    with tarfile.open(archive, mode) as out:
        out.add(folder, arcname=folder.name)
    return archive


@pytest.fixture
def dirs() -> tuple[Path, Path]:
    paths = resolve()
    return paths.models_dir, paths.cache_dir


# -- archives --------------------------------------------------------------------------------------


def test_zip_bomb_is_refused_from_its_central_directory(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    bomb = zip_bomb(tmp_path / "model.zip")
    assert bomb.stat().st_size < 3_900_000
    started = time.monotonic()
    with pytest.raises(
        ModelError, match=r"more than 100 times its size \(3\.2 MB would give 3\.2 GB\): .*archive bomb"
    ) as raised:
        install_from_path(bomb, models_dir, languages=["da"])
    assert raised.value.msgid == "model.archive-bomb"
    assert time.monotonic() - started < 5, "refused before unpacking anything"
    assert leftovers(models_dir) == []


def test_zip_whose_header_lies_gets_no_more_than_it_claims(tmp_path: Path) -> None:
    """The central directory says 1,000 bytes; the data holds 3.2 GB: what is written stops at the
    claim (the per-member byte count), and the ratio check never sees the lie."""
    claimed = 1000
    data = _deflate_zeros(BOMB_SIZE // MIB)
    archive = tmp_path / "liar.zip"
    archive.write_bytes(_raw_zip([("liar/model.bin", data, claimed, zlib.crc32(bytes(claimed)))]))
    dest = tmp_path / "dest"
    dest.mkdir()
    extract_archive(archive, dest, InstallOptions(), Limits(16 * MIB, 10, 100))
    assert (dest / "liar" / "model.bin").stat().st_size == claimed


def test_tar_gz_bomb_stops_after_a_few_megabytes(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    bomb = tar_bomb(tmp_path / "model.tar.gz")
    started = time.monotonic()
    with pytest.raises(ModelError, match="archive bomb"):
        install_from_path(bomb, models_dir, languages=["da"])
    assert time.monotonic() - started < 5
    assert leftovers(models_dir) == []


def test_tar_archives_of_a_model_install(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    folder = make_whisper_folder(tmp_path / "src", "tarred", size=300_000)
    for mode, suffix in (("w:gz", ".tar.gz"), ("w:bz2", ".tar.bz2"), ("w:xz", ".tar.xz"), ("w", ".tar")):
        archive = tar_folder(folder, tmp_path / f"tarred{suffix}", mode)
        model = install_from_path(
            archive, models_dir, name=f"tarred{suffix.replace('.', '-')}", languages=["da"]
        )
        assert model_kind(model.path) == "whisper"
        assert (model.path / "model.bin").read_bytes() == (folder / "model.bin").read_bytes()
    # The name comes from the archive without its double suffix.
    model = install_source(str(tmp_path / "tarred.tar.gz"), models_dir, dirs[1], languages=["da"])
    assert model.name == "tarred"
    # 'tar -C folder -czf dotted.tgz .': members "./", "./model.bin", ...
    with tarfile.open(tmp_path / "dotted.tgz", "w:gz") as out:
        out.add(folder, arcname=".")
    assert model_kind(
        install_source(str(tmp_path / "dotted.tgz"), models_dir, dirs[1], languages=["da"]).path
    )


def _tar_with(path: Path, member: tarfile.TarInfo, data: bytes = b"") -> Path:
    folder = make_whisper_folder(path.parent / f"src-{path.stem}", "m", size=1000)
    with tarfile.open(path, "w:gz") as out:
        out.add(folder, arcname="m")
        out.addfile(member, io.BytesIO(data) if data else None)
    return path


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("symlink", "is a link"),
        ("hardlink", "is a link"),
        ("fifo", "device or FIFO"),
        ("chardev", "device or FIFO"),
        ("traversal", "points outside"),
        ("absolute", "points outside"),
    ],
)
def test_tar_with_unsafe_members_is_refused(kind: str, why: str, tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    member = tarfile.TarInfo("m/extra")
    if kind == "symlink":
        member.type, member.linkname = tarfile.SYMTYPE, "/etc/passwd"
    elif kind == "hardlink":
        member.type, member.linkname = tarfile.LNKTYPE, "m/model.bin"
    elif kind == "fifo":
        member.type = tarfile.FIFOTYPE
    elif kind == "chardev":
        member.type, member.devmajor, member.devminor = tarfile.CHRTYPE, 1, 3
    elif kind == "traversal":
        member.name, member.size = "m/../../escaped.txt", 3
    else:
        member.name, member.size = "/tmp/escaped.txt", 3
    archive = _tar_with(tmp_path / "m.tar.gz", member, b"bad" if member.size else b"")
    with pytest.raises(ModelError, match=f"unsafe entry .*{why}"):
        install_from_path(archive, models_dir, languages=["da"])
    assert leftovers(models_dir) == [] and not list(tmp_path.rglob("escaped.txt"))


def test_zip_with_a_symlink_or_a_device_is_refused(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    for mode, why in ((0o120777, "is a link"), (0o020644, "device")):
        archive = zip_folder(make_whisper_folder(tmp_path / f"src{mode}", "m"), tmp_path / f"m{mode}.zip")
        with zipfile.ZipFile(archive, "a") as out:
            info = zipfile.ZipInfo("m/extra")
            info.external_attr = mode << 16
            out.writestr(info, "/etc/passwd")
        with pytest.raises(ModelError, match=f"unsafe entry .*{why}"):
            install_from_path(archive, models_dir, languages=["da"])
    assert leftovers(models_dir) == []


def test_zip_limits_on_size_member_count_method_and_the_catalog(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "m", size=2 * MIB), tmp_path / "m.zip")
    with pytest.raises(ModelError, match=r"would unpack to more than 1\.0 MB .*limit for a model") as raised:
        install_from_path(
            archive, models_dir, languages=["da"], options=InstallOptions(max_unpacked_bytes=MIB)
        )
    assert raised.value.msgid == "model.archive-too-big"
    with pytest.raises(ModelError, match="holds 3 or more files, more than the 2") as raised:
        install_from_path(archive, models_dir, languages=["da"], options=InstallOptions(max_members=2))
    assert raised.value.msgid == "model.archive-too-many"
    # The catalog's published size bounds what its archive may unpack to (5 times, plus 64 MiB).
    entry = parse_catalog(
        'schema = 1\n[[model]]\nname = "m"\nengine = "whisper"\nformat = "ctranslate2"\nlanguages = ["da"]\n'
        'licence = "MIT"\npublisher = "t"\npage = "https://example.invalid/"\ndescription = "d"\nsize_mb = 0.001\n'
    ).entries[0]
    big = zip_folder(make_whisper_folder(tmp_path / "src2", "m", size=70 * MIB), tmp_path / "m2.zip")
    with pytest.raises(ModelError, match="what the catalog's m can unpack to"):
        install_from_path(big, models_dir, entry=entry)
    bzipped = tmp_path / "m3.zip"
    with zipfile.ZipFile(bzipped, "w", zipfile.ZIP_BZIP2) as out:
        out.writestr("m/model.bin", bytes(1000))
    with pytest.raises(ModelError, match="compression method") as raised:
        install_from_path(bzipped, models_dir, languages=["da"])
    assert raised.value.msgid == "model.archive-method"
    assert leftovers(models_dir) == []


# -- a server that misbehaves ----------------------------------------------------------------------


class BadServer:
    """127.0.0.1 server; each path misbehaves in its own way (see ``_serve``)."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.requests: list[str] = []
        self.sent: dict[str, int] = {}
        self.files: dict[str, bytes] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    owner._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def _count(self, path: str, n: int) -> None:
        self.sent[path] = self.sent.get(path, 0) + n

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        out = handler.wfile
        if path in self.files:
            data = self.files[path]
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            out.write(data)
            return
        if path.startswith("/trickle-headers"):
            out.write(b"HTTP/1.1 200 OK\r\n")
            out.flush()
            while not self.stop.wait(0.2):
                out.write(b"X")  # one byte of an endless header line every 0.2 s
                out.flush()
                self._count(path, 1)
            return
        if path.startswith("/silent"):
            self.stop.wait(30)
            return
        handler.send_response(200)
        if path.startswith("/announce"):
            handler.send_header("Content-Length", str(10 * 1024**3))
        handler.send_header("Connection", "close")
        handler.end_headers()
        if path.startswith("/trickle"):
            while not self.stop.wait(0.2):
                out.write(b"\0")  # one byte every 0.2 s: "progress", but never enough
                out.flush()
                self._count(path, 1)
            return
        # /endless, /announce...: zeros without end, until the client hangs up (64 MiB at most).
        block = bytes(64 * 1024)
        for _ in range(1024):
            if self.stop.is_set():
                return
            out.write(block)
            self._count(path, len(block))

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bad_server() -> Iterator[BadServer]:
    server = BadServer()
    try:
        yield server
    finally:
        server.close()


def _parts(cache_dir: Path) -> list[Path]:
    return list((cache_dir / "downloads").glob("*.part")) if (cache_dir / "downloads").exists() else []


# -- downloads -------------------------------------------------------------------------------------


def test_endless_download_is_stopped_at_the_cap_and_deleted(dirs, bad_server: BadServer) -> None:
    models_dir, cache_dir = dirs
    options = InstallOptions(max_download_bytes=2 * MIB)
    with pytest.raises(ModelError, match=r"sent more than the 2\.1 MB .*stopped and deleted") as raised:
        install_from_url(bad_server.url("/endless/model.zip"), models_dir, cache_dir, options=options)
    assert raised.value.msgid == "model.download-too-big"
    assert _parts(cache_dir) == [] and leftovers(models_dir) == []


def test_announced_size_above_the_cap_is_refused_before_the_first_byte(dirs, bad_server: BadServer) -> None:
    models_dir, cache_dir = dirs
    with pytest.raises(ModelError, match=r"announced more than the 8\.6 GB"):
        install_from_url(bad_server.url("/announce/model.zip"), models_dir, cache_dir)
    assert _parts(cache_dir) == [] and leftovers(models_dir) == []


def test_catalog_size_caps_each_file_of_a_per_file_download(dirs, bad_server: BadServer) -> None:
    models_dir, cache_dir = dirs
    entry = parse_catalog(
        'schema = 1\n[[model]]\nname = "endless"\nengine = "whisper"\nformat = "ctranslate2"\n'
        'languages = ["da"]\nlicence = "MIT"\npublisher = "t"\npage = "https://example.invalid/"\n'
        'description = "d"\nsize_mb = 1\nurls = ["https://example.invalid/repo/"]\nfiles = ["model.bin"]\n'
    ).entries[0]
    local = type(entry)(**{**entry.__dict__, "urls": (bad_server.url("/endless/"),)})
    with pytest.raises(ModelError, match=r"more than the 17\.9 MB this model can be"):
        install_catalog_entry(local, models_dir, cache_dir)
    assert bad_server.sent["/endless/model.bin"] < 64 * MIB
    assert _parts(cache_dir) == [] and leftovers(models_dir) == []


@pytest.mark.parametrize("path", ["/trickle/model.zip", "/trickle-headers/model.zip", "/silent/model.zip"])
def test_a_trickling_or_silent_server_stalls_and_times_out(path: str, dirs, bad_server: BadServer) -> None:
    models_dir, cache_dir = dirs
    options = InstallOptions(stall_timeout=1.0, stall_bytes=1024, retries=1)
    started = time.monotonic()
    with pytest.raises(
        StorageError, match=r"The download stalled: less than 1 KiB arrived .* in 1 s"
    ) as raised:
        install_from_url(bad_server.url(path), models_dir, cache_dir, options=options)
    took = time.monotonic() - started
    assert raised.value.msgid == "model.download-stalled"
    assert 2.0 <= took < 10.0, f"two attempts of about 1 s each, took {took:.1f} s"
    assert bad_server.requests.count(path) == 2 and leftovers(models_dir) == []


def test_full_disk_stops_the_download_deletes_it_and_keeps_installed_models(
    tmp_path: Path, dirs, bad_server: BadServer
) -> None:
    models_dir, _ = dirs
    installed = install_from_path(make_whisper_folder(tmp_path / "src", "kept"), models_dir, languages=["da"])
    before = (installed.path / "model.bin").read_bytes()
    cache = tmp_path / "cache"
    with small_filesystem(cache, size_kib=512):
        # No Content-Length: the disk fills while writing (ENOSPC), not at the free-space check.
        with pytest.raises(
            StorageError, match="The disk is full: the download was stopped and deleted"
        ) as raised:
            install_from_url(bad_server.url("/endless/model.zip"), models_dir, cache)
        assert raised.value.msgid == "model.disk-full"
        assert _parts(cache) == []
        # With a Content-Length that does not fit, nothing is written at all.
        bad_server.files["/sized/model.zip"] = bytes(2 * MIB)
        fill(cache)
        with pytest.raises(
            StorageError, match=r"Not enough disk space for downloading model\.zip: it needs 2\.1 MB"
        ):
            install_from_url(bad_server.url("/sized/model.zip"), models_dir, cache)
        assert _parts(cache) == []
    assert leftovers(models_dir) == ["kept"]
    assert (installed.path / "model.bin").read_bytes() == before and model_kind(installed.path) == "whisper"


def test_full_models_disk_refuses_or_stops_the_install_and_keeps_installed_models(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    folder = make_whisper_folder(tmp_path / "src", "big", size=600_000)
    archives = (zip_folder(folder, tmp_path / "big.zip"), tar_folder(folder, tmp_path / "big.tar.gz", "w:gz"))
    with small_filesystem(models_dir, size_kib=2048):
        first = install_from_path(
            make_whisper_folder(tmp_path / "src1", "first", 300_000), models_dir, languages=["da"]
        )
        before = (first.path / "model.bin").read_bytes()
        fill(models_dir)
        for source in archives:  # refused from the archive's own account, before writing
            with pytest.raises(StorageError, match=r"Not enough disk space for unpacking big\.") as raised:
                install_from_path(source, models_dir, languages=["da"])
            assert raised.value.msgid == "model.no-room"
        # A folder has no such account: the copy hits the full disk (ENOSPC) and stops.
        with pytest.raises(StorageError, match="The disk is full: copying the model stopped") as raised:
            install_from_path(folder, models_dir, languages=["da"])
        assert raised.value.msgid == "model.disk-full"
        free(models_dir)

        def fill_once(stage: str, done: int, total: int | None) -> None:
            if stage == "extract" and not (models_dir / ".filler").exists():
                fill(models_dir)  # another program fills the disk while the archive unpacks

        for source in archives:
            with pytest.raises(StorageError, match="The disk is full: unpacking the model stopped"):
                install_from_path(
                    source, models_dir, languages=["da"], options=InstallOptions(progress=fill_once)
                )
            free(models_dir)
        assert sorted(p.name for p in models_dir.iterdir()) == ["first"]
        assert (first.path / "model.bin").read_bytes() == before and model_kind(first.path) == "whisper"


def test_https_download_completes_and_a_trickle_stalls(tmp_path: Path, monkeypatch, bad_server) -> None:
    """The watchdog also holds TLS connections: a real TLS server with a self-signed certificate
    that this process trusts (SSL_CERT_FILE)."""
    openssl = require_executable("openssl", "openssl")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    bad_server.server.socket = context.wrap_socket(bad_server.server.socket, server_side=True)
    bad_server.files["/tls/model.bin"] = data = os.urandom(3 * MIB)
    base = bad_server.url("").replace("http://", "https://")
    part = tmp_path / "model.bin.part"
    download(base + "/tls/model.bin", part, options=InstallOptions())
    assert part.read_bytes() == data
    started = time.monotonic()
    with pytest.raises(StorageError, match="The download stalled"):
        download(
            base + "/trickle/x", tmp_path / "x.part", options=InstallOptions(stall_timeout=1.0, retries=0)
        )
    assert time.monotonic() - started < 6


# -- IT's policy -----------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "models", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
        timeout=120,
    )


def test_policy_that_cannot_be_read_forbids_downloads(assistant_home, bad_server: BadServer) -> None:
    """A policy file that cannot be parsed fails closed: downloads are off (as if IT locked them
    off), no connection is made, and the CLI says so on one line."""
    assistant_home.write_policy("[locked.models\nallow_download = true\n")  # broken TOML
    bad_server.files["/m.zip"] = b"never fetched"
    result = _cli("install", bad_server.url("/m.zip"))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == (
        "assistant: error: Downloading models is turned off by IT's policy (models.allow_download = false). "
        "Install from a folder or .zip that IT provides, or ask IT to pre-stage the model."
    )
    assert bad_server.requests == []


def test_the_stall_watchdog_ends_with_its_download(dirs, bad_server: BadServer) -> None:
    """The watchdog thread of a download ends with it, also when the download failed."""
    models_dir, cache_dir = dirs
    before = {t.name for t in threading.enumerate()}
    with pytest.raises(StorageError, match="stalled"):
        install_from_url(
            bad_server.url("/silent/x.zip"),
            models_dir,
            cache_dir,
            options=InstallOptions(stall_timeout=0.5, retries=0),
        )
    assert "download-watchdog" not in {t.name for t in threading.enumerate()} - before
