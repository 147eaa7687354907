"""Installing, downloading, removing and discovering models: real files, a real HTTP server on
127.0.0.1 (with Range support and a switch that drops the connection midway), no mocks."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.errors import ModelError, StorageError, UsageError
from assistant.paths import resolve
from assistant.storage.catalog import load_catalog, parse_catalog
from assistant.storage.model_install import (
    InstallCancelled,
    InstallOptions,
    install_catalog_entry,
    install_from_path,
    install_from_url,
    install_source,
    remove_model,
)
from assistant.storage.models import MANIFEST, discover, model_dirs, model_kind

# -- a real HTTP server with Range support ---------------------------------------------------------


@dataclass
class ModelServer:
    """Serves ``files`` (url path -> bytes or file) on 127.0.0.1; records every request."""

    files: dict[str, bytes | Path]
    requests: list[tuple[str, str | None, int]] = field(default_factory=list)
    drop_after: dict[str, int] = field(default_factory=dict)  # path -> bytes, then hang up (once)
    ignore_range: bool = False
    content_types: dict[str, str] = field(default_factory=dict)  # path -> Content-Type
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> ModelServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                body = owner.files.get(self.path)
                wanted = self.headers.get("Range")
                if body is None:
                    owner.requests.append((self.path, wanted, 404))
                    self.send_error(404)
                    return
                data = body.read_bytes() if isinstance(body, Path) else body
                start = 0
                if wanted and not owner.ignore_range:
                    start = int(wanted.removeprefix("bytes=").split("-")[0])
                    if start >= len(data):
                        owner.requests.append((self.path, wanted, 416))
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{len(data)}")
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                    owner.requests.append((self.path, wanted, 206))
                else:
                    self.send_response(200)
                    owner.requests.append((self.path, wanted, 200))
                self.send_header("Content-Length", str(len(data) - start))
                self.send_header(
                    "Content-Type", owner.content_types.get(self.path, "application/octet-stream")
                )
                self.end_headers()
                cut = owner.drop_after.pop(self.path, None)
                if cut is not None:
                    self.wfile.write(data[start : start + cut])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # hang up midway
                    self.close_connection = True
                    return
                self.wfile.write(data[start:])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def server() -> Iterator[ModelServer]:
    srv = ModelServer(files={}).start()
    try:
        yield srv
    finally:
        srv.stop()


# -- small real models -----------------------------------------------------------------------------


def make_whisper_folder(root: Path, name: str = "tiny-synthetic", size: int = 1_200_000) -> Path:
    """A folder model_kind() takes for a Whisper model (not loadable; for install mechanics)."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(os.urandom(size))
    (folder / "config.json").write_text('{"alignment_heads": []}', encoding="utf-8")
    (folder / "vocabulary.txt").write_text("a\nb\nc\n", encoding="utf-8")
    return folder


def make_vosk_folder(root: Path, name: str = "vosk-model-small-en-us-test") -> Path:
    folder = root / name
    (folder / "am").mkdir(parents=True)
    (folder / "conf").mkdir()
    (folder / "am" / "final.mdl").write_bytes(os.urandom(50_000))
    (folder / "conf" / "mfcc.conf").write_text("--use-energy=false\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path, archive: Path, *, wrap: bool = True) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder.parent if wrap else folder)
            out.write(path, rel.as_posix())
    return archive


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(models_dir: Path) -> list[str]:
    return sorted(p.name for p in models_dir.iterdir()) if models_dir.exists() else []


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    paths = resolve()  # ASSISTANT_HOME is this test's own folder (tests/support/fixtures.py)
    return paths.models_dir, paths.cache_dir


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, int, int | None]] = []

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.events.append((stage, done, total))


# -- folders and zips ------------------------------------------------------------------------------


def test_install_from_folder_writes_manifest_and_is_discovered(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    source = make_whisper_folder(tmp_path / "it-share")
    model = install_from_path(source, models_dir, languages=["da"])
    assert model.path == models_dir / "tiny-synthetic" and model.source == "user"
    assert (source / "model.bin").is_file(), "the source folder must be left alone"
    manifest = json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "tiny-synthetic" and manifest["engine"] == "whisper"
    assert manifest["languages"] == ["da"]
    assert manifest["sha256"] == sha256(source / "model.bin") and manifest["sha256_of"] == "model.bin"
    assert manifest["verified"] is False and manifest["installed_at"]
    assert manifest["source"] == str(source.resolve())
    found = [m for m in discover(models_dir, []) if m.name == "tiny-synthetic"]
    assert found and found[0].languages == ["da"] and found[0].source == "user"
    assert leftovers(models_dir) == ["tiny-synthetic"]
    with pytest.raises(ModelError, match="already installed"):
        install_from_path(source, models_dir)


def test_install_folder_with_wrong_sha256_keeps_nothing(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    source = make_whisper_folder(tmp_path / "share")
    with pytest.raises(ModelError, match="SHA-256"):
        install_from_path(source, models_dir, sha256="0" * 64)
    assert leftovers(models_dir) == []
    good = install_from_path(source, models_dir, sha256=sha256(source / "model.bin"))
    assert json.loads((good.path / MANIFEST).read_text(encoding="utf-8"))["verified"] is True


def test_install_from_zip_with_wrapper_folder_and_vosk_language(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    archive = zip_folder(make_vosk_folder(tmp_path / "src"), tmp_path / "vosk-model-small-en-us-test.zip")
    model = install_from_path(archive, models_dir, sha256=sha256(archive))
    assert model.engine == "vosk" and model.languages == ["en"]
    assert model_kind(models_dir / "vosk-model-small-en-us-test") == "vosk"
    manifest = json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["sha256_of"] == "archive" and manifest["verified"] is True
    assert leftovers(models_dir) == ["vosk-model-small-en-us-test"]


def test_zip_with_path_traversal_is_rejected_and_nothing_written(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    folder = make_whisper_folder(tmp_path / "src", "evil")
    archive = zip_folder(folder, tmp_path / "evil.zip")
    with zipfile.ZipFile(archive, "a") as out:
        out.writestr("../../escaped.txt", "outside")
    with pytest.raises(ModelError, match="unsafe entry"):
        install_from_path(archive, models_dir)
    assert leftovers(models_dir) == []
    assert not list(tmp_path.rglob("escaped.txt")) and not (models_dir.parent / "escaped.txt").exists()


def test_zip_without_a_model_is_rejected(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    archive = tmp_path / "notes.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("notes/readme.txt", "not a model")
    with pytest.raises(ModelError, match="not a speech model"):
        install_from_path(archive, models_dir)
    assert leftovers(models_dir) == []
    with pytest.raises(UsageError, match="cannot be a model name"):
        install_from_path(make_whisper_folder(tmp_path / "x"), models_dir, name="../outside")


# -- downloads -------------------------------------------------------------------------------------


def test_install_from_url_reports_progress_and_cleans_the_cache(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "web-model"), tmp_path / "web-model.zip")
    server.files["/models/web-model.zip"] = archive
    progress = Recorder()
    model = install_from_url(
        server.url("/models/web-model.zip"),
        models_dir,
        cache_dir,
        sha256=sha256(archive),
        options=InstallOptions(progress=progress),
    )
    assert model.name == "web-model" and model_kind(model.path) == "whisper"
    downloads = [(done, total) for stage, done, total in progress.events if stage.startswith("download")]
    assert len(downloads) >= 3
    assert [d for d, _ in downloads] == sorted(d for d, _ in downloads)
    assert downloads[-1] == (archive.stat().st_size, archive.stat().st_size)
    assert {stage for stage, _, _ in progress.events} >= {"download web-model.zip", "verify", "extract"}
    manifest = json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["source"] == server.url("/models/web-model.zip")
    assert manifest["sha256"] == sha256(archive) and manifest["verified"] is True
    assert list((cache_dir / "downloads").iterdir()) == []
    assert server.requests == [("/models/web-model.zip", None, 200)]


def test_download_resumes_after_the_server_drops_the_connection(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(
        make_whisper_folder(tmp_path / "src", "resumable", 2_000_000), tmp_path / "resumable.zip"
    )
    size = archive.stat().st_size
    server.files["/resumable.zip"] = archive
    server.drop_after["/resumable.zip"] = 700_000
    url = server.url("/resumable.zip")

    with pytest.raises(StorageError, match="interrupted"):
        install_from_url(
            url, models_dir, cache_dir, sha256=sha256(archive), options=InstallOptions(retries=0)
        )
    parts = list((cache_dir / "downloads").glob("*.part"))
    assert len(parts) == 1 and 0 < parts[0].stat().st_size < size
    kept = parts[0].stat().st_size
    assert leftovers(models_dir) == []

    progress = Recorder()
    model = install_from_url(
        url, models_dir, cache_dir, sha256=sha256(archive), options=InstallOptions(progress=progress)
    )
    assert model_kind(model.path) == "whisper"
    assert server.requests[-1] == ("/resumable.zip", f"bytes={kept}-", 206)
    first = next(done for stage, done, _ in progress.events if stage.startswith("download"))
    assert first > kept, "progress continues from the bytes already on disk"
    assert list((cache_dir / "downloads").iterdir()) == []


def test_download_retries_by_itself_and_restarts_when_range_is_ignored(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "retry-model"), tmp_path / "retry-model.zip")
    server.files["/retry-model.zip"] = archive
    server.drop_after["/retry-model.zip"] = 300_000
    server.ignore_range = True  # an old server: answers 200 with the whole file to a Range request
    model = install_from_url(server.url("/retry-model.zip"), models_dir, cache_dir, sha256=sha256(archive))
    assert model_kind(model.path) == "whisper"
    assert [status for _, _, status in server.requests] == [200, 200]
    assert server.requests[1][1] == "bytes=300000-"


def test_sha256_mismatch_rejects_the_download_and_keeps_nothing(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "tampered"), tmp_path / "tampered.zip")
    server.files["/tampered.zip"] = archive
    with pytest.raises(ModelError, match="failed its SHA-256 check"):
        install_from_url(server.url("/tampered.zip"), models_dir, cache_dir, sha256="ab" * 32)
    assert leftovers(models_dir) == []
    assert list((cache_dir / "downloads").iterdir()) == []


def test_allow_download_false_refuses_before_any_request(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    server.files["/m.zip"] = zip_folder(make_whisper_folder(tmp_path / "src", "m"), tmp_path / "m.zip")
    with pytest.raises(ModelError, match="turned off by IT's policy"):
        install_source(
            server.url("/m.zip"),
            models_dir,
            cache_dir,
            options=InstallOptions(allow_download=False, download_locked=True),
        )
    entry = load_catalog().get("faster-whisper-tiny")
    assert entry is not None
    with pytest.raises(ModelError, match="turned off in your settings"):
        install_catalog_entry(entry, models_dir, cache_dir, options=InstallOptions(allow_download=False))
    assert server.requests == [] and leftovers(models_dir) == []


def test_cancel_stops_the_download_and_keeps_the_part_for_resuming(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "big", 3_000_000), tmp_path / "big.zip")
    server.files["/big.zip"] = archive
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage.startswith("download") and done >= 500_000:
            cancel.set()

    with pytest.raises(InstallCancelled):
        install_from_url(
            server.url("/big.zip"),
            models_dir,
            cache_dir,
            options=InstallOptions(progress=progress, cancel=cancel),
        )
    parts = list((cache_dir / "downloads").glob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size < archive.stat().st_size
    assert leftovers(models_dir) == []


def test_catalog_model_downloads_file_by_file_with_checksum(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    folder = make_whisper_folder(tmp_path / "src", "per-file")
    for leaf in ("config.json", "model.bin", "vocabulary.txt"):
        server.files[f"/repo/{leaf}"] = folder / leaf
    text = f"""
schema = 1
[[model]]
name = "per-file"
engine = "whisper"
format = "ctranslate2"
languages = ["da"]
licence = "MIT"
sha256 = "{sha256(folder / "model.bin")}"
sha256_of = "model.bin"
urls = ["https://example.invalid/repo/"]
files = ["config.json", "model.bin", "vocabulary.txt"]
publisher = "test"
page = "https://example.invalid/"
description = "served from loopback"
"""
    entry = parse_catalog(text).entries[0]
    # The catalog only accepts https; point the same entry at the loopback server for the test.
    local = type(entry)(**{**entry.__dict__, "urls": (server.url("/repo/"),)})
    model = install_catalog_entry(local, models_dir, cache_dir)
    assert model.languages == ["da"] and model_kind(model.path) == "whisper"
    assert json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))["verified"] is True
    bad = type(entry)(**{**local.__dict__, "name": "per-file-bad", "sha256": "cd" * 32})
    with pytest.raises(ModelError, match="SHA-256"):
        install_catalog_entry(bad, models_dir, cache_dir)
    assert leftovers(models_dir) == ["per-file"]
    assert list((cache_dir / "downloads").iterdir()) == []


# -- removal and discovery -------------------------------------------------------------------------


def test_removal_rules(tmp_path: Path, dirs) -> None:
    models_dir, _ = dirs
    system_dir = tmp_path / "it-prestaged"
    make_whisper_folder(system_dir, "it-model")
    install_from_path(make_whisper_folder(tmp_path / "src", "mine"), models_dir)
    removed = remove_model("mine", models_dir, [system_dir])
    assert removed == models_dir / "mine" and leftovers(models_dir) == []
    with pytest.raises(ModelError, match=r"pre-staged by IT .* only IT can remove it"):
        remove_model("it-model", models_dir, [system_dir])
    assert (system_dir / "it-model" / "model.bin").is_file()
    with pytest.raises(ModelError, match="comes with the product"):
        remove_model("whisper-tiny.en", models_dir, [system_dir])
    with pytest.raises(ModelError, match="No model named 'nope'"):
        remove_model("nope", models_dir, [system_dir])


def test_prestaged_system_dir_is_discovered_from_setting_and_environment(tmp_path: Path, monkeypatch) -> None:
    from assistant.app import App

    platform_dir = tmp_path / "usr-share-assistant-models"
    setting_dir = tmp_path / "share" / "models"
    make_whisper_folder(platform_dir, "it-danish")
    (platform_dir / "it-danish" / MANIFEST).write_text(
        json.dumps({"name": "it-danish", "languages": ["da"], "licence": "openrail"}), encoding="utf-8"
    )
    make_vosk_folder(setting_dir, "vosk-model-small-en-us-0.15")
    (setting_dir / ".staging-half-done").mkdir()  # an interrupted install is never a model
    monkeypatch.setenv("ASSISTANT_SYSTEM_MODELS", str(platform_dir))
    app = App.create()
    app.config.set("models.system_dir", str(setting_dir))
    user_dir, system_dirs = model_dirs(app.paths, app.config)
    assert system_dirs == [platform_dir, setting_dir]
    found = {m.name: m for m in discover(user_dir, system_dirs)}
    assert found["it-danish"].source == "system" and found["it-danish"].languages == ["da"]
    assert found["it-danish"].licence == "openrail"
    assert found["vosk-model-small-en-us-0.15"].languages == ["en"]
    assert not any(name.startswith(".") for name in found)


# -- IT's problems: languages, proxies, web pages saved as models, the catalog's promises ----------


def make_multilingual_folder(root: Path, name: str) -> Path:
    folder = make_whisper_folder(root, name, size=100_000)
    # A multilingual Whisper vocabulary is larger than the English-only one (51864 tokens).
    (folder / "vocabulary.txt").write_text("t\n" * 51_866, encoding="utf-8")
    return folder


def test_a_model_serves_only_the_languages_it_was_installed_for(tmp_path: Path, dirs) -> None:
    from assistant.storage.catalog import choose_model

    models_dir, _ = dirs
    danish = make_multilingual_folder(tmp_path / "share", "dansk-journal")
    with pytest.raises(UsageError, match="not clear which language"):
        install_source(str(danish), models_dir, dirs[1])  # a multilingual model nobody said the use of
    assert leftovers(models_dir) == []
    model = install_source(str(danish), models_dir, dirs[1], languages=["da"])
    assert model.languages == ["da"]
    installed = discover(models_dir, [])
    assert choose_model("da", installed).model.name == "dansk-journal"
    assert choose_model("en", installed).model.name != "dansk-journal", (
        "a Danish model is not the English one"
    )
    # The window installs for the user's dictation language; a folder named like a catalog model
    # gets the catalog's languages (hviske-tiske: Danish only).
    other = install_source(
        str(make_multilingual_folder(tmp_path / "s2", "other")), models_dir, dirs[1], default_languages=["en"]
    )
    assert other.languages == ["en"]
    hviske = install_source(
        str(make_multilingual_folder(tmp_path / "s3", "hviske-tiske")), models_dir, dirs[1]
    )
    assert hviske.languages == ["da"]
    assert json.loads((hviske.path / MANIFEST).read_text(encoding="utf-8"))["licence"].startswith("openrail")


def test_download_goes_through_the_system_proxy(tmp_path: Path, dirs, server, monkeypatch) -> None:
    models_dir, cache_dir = dirs
    archive = zip_folder(make_whisper_folder(tmp_path / "src", "proxied"), tmp_path / "proxied.zip")
    # The proxy (this loopback server) receives the absolute address of a host that does not exist.
    url = "http://models.example.invalid/proxied.zip"
    server.files[url] = archive
    for name in ("no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", server.base)
    model = install_source(url, models_dir, cache_dir, sha256=sha256(archive))
    assert model.name == "proxied" and [r[0] for r in server.requests] == [url]


def test_web_page_saved_as_a_model_is_rejected_clearly(tmp_path: Path, dirs, server) -> None:
    models_dir, cache_dir = dirs
    page = b"<!DOCTYPE html>\n<html><head><title>Log in to the proxy</title></head><body>...</body></html>\n"
    server.files["/portal.zip"] = page  # a captive portal that answers 200 with its login page
    server.content_types["/portal.zip"] = "text/html; charset=utf-8"
    server.files["/plain.zip"] = page  # the same page without an honest Content-Type
    for path in ("/portal.zip", "/plain.zip"):
        with pytest.raises(ModelError, match=r"is a web page \(HTML\), not a model"):
            install_source(server.url(path), models_dir, cache_dir)
    assert leftovers(models_dir) == [] and not list((cache_dir / "downloads").glob("*.part"))
    saved = tmp_path / "faster-whisper-small.zip"
    saved.write_bytes(page)  # a browser's "Save link as" of the model page
    with pytest.raises(ModelError, match="web page"):
        install_source(str(saved), models_dir, cache_dir)
    folder = make_whisper_folder(tmp_path / "browser", "saved-folder")
    (folder / "model.bin").write_bytes(page)  # right-click, save, on the model.bin link of a page
    with pytest.raises(ModelError, match=r"model\.bin is a web page"):
        install_source(str(folder), models_dir, cache_dir)
    assert leftovers(models_dir) == []


def test_transformers_folder_is_told_to_be_converted(tmp_path: Path, dirs) -> None:
    folder = tmp_path / "hviske-v2"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"\0" * 1000)
    with pytest.raises(ModelError, match=r"transformers format"):
        install_source(str(folder), dirs[0], dirs[1])
    assert leftovers(dirs[0]) == []


# What a folder of each catalog format looks like, for the agreement test below. A format added to
# the catalog needs a folder here (or the test says so).
def _folder_of_format(fmt: str, root: Path, name: str) -> Path:
    if fmt == "ctranslate2":
        return make_multilingual_folder(root, name)
    if fmt == "vosk":
        return make_vosk_folder(root, name)
    if fmt == "transformers":
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "config.json").write_text("{}", encoding="utf-8")
        (folder / "model.safetensors").write_bytes(b"\0" * 1000)
        return folder
    if fmt == "sherpa-onnx":  # a NeMo transducer in sherpa-onnx layout, tiny, random weights
        from tests.support.make_transducer import build_test_model

        folder = root / name
        folder.mkdir(parents=True)
        build_test_model(folder)
        return folder
    raise AssertionError(f"no test folder for catalog format {fmt!r}: add one to _folder_of_format")


@pytest.mark.parametrize("entry", load_catalog().entries, ids=lambda e: e.name)
def test_catalog_and_install_agree_for_every_entry(entry, tmp_path: Path, dirs) -> None:
    """What the catalog says of a model (its format, 'loadable as is', 'convert') is what
    'assistant models install NAME' does with it, entry by entry."""
    from assistant.storage.catalog import INSTALL_ROUTES, NEEDS_CONVERSION

    models_dir, cache_dir = dirs
    route = entry.install_route
    assert route in INSTALL_ROUTES
    says_convert = "convert" in entry.description.lower()
    assert says_convert == (route == "convert"), f"description vs route {route}: {entry.description}"
    assert entry.downloadable == (route == "download")
    if "as is" in entry.description:
        assert entry.format not in NEEDS_CONVERSION
    refuse = InstallOptions(allow_download=False)
    if route == "starter":
        with pytest.raises(ModelError, match="comes with the product"):
            install_catalog_entry(entry, models_dir, cache_dir, options=refuse)
        return
    if route == "download":
        # Goes for the network (refused here by the setting before any request is made).
        with pytest.raises(ModelError, match="Downloading models is turned off"):
            install_catalog_entry(entry, models_dir, cache_dir, options=refuse)
    elif route == "convert":
        with pytest.raises(ModelError, match="must be converted") as raised:
            install_catalog_entry(entry, models_dir, cache_dir)
        assert NEEDS_CONVERSION[entry.format].split()[0] in raised.value.hint
    else:
        with pytest.raises(ModelError, match="loadable as published"):
            install_catalog_entry(entry, models_dir, cache_dir)
    # IT's manual route: the published folder, named as the catalog names it.
    folder = _folder_of_format(entry.format, tmp_path / "share", entry.name)
    if route == "convert":
        with pytest.raises(ModelError, match="transformers format"):
            install_source(str(folder), models_dir, cache_dir)
        return
    model = install_source(str(folder), models_dir, cache_dir, sha256=sha256(_main_file(entry, folder)))
    assert model.name == entry.name and model.languages == list(entry.languages)
    assert model.engine == entry.engine


def _main_file(entry, folder: Path) -> Path:
    if entry.format == "sherpa-onnx":
        from assistant.storage.onnx_folder import main_file

        return main_file(folder)
    return folder / ("am/final.mdl" if entry.format == "vosk" else "model.bin")


def test_test_only_models_are_never_listed_to_users(monkeypatch) -> None:
    from assistant.storage.models import TEST_MODELS_ENV, packaged_models

    monkeypatch.delenv(TEST_MODELS_ENV, raising=False)
    assert "vosk-model-small-ko" not in {m.name for m in packaged_models()}
    monkeypatch.setenv(TEST_MODELS_ENV, "1")  # how the test suite asks for it
    assert "vosk-model-small-ko" in {m.name for m in packaged_models()}


def test_starter_model_is_read_in_place_and_nothing_is_copied_to_the_profile(
    tmp_path: Path, monkeypatch
) -> None:
    from assistant.storage.model_install import ensure_local, stage_starter_models
    from assistant.storage.models import PRODUCT_MODELS_ENV, packaged_models

    product = tmp_path / "opt-assistant-models"
    stage_starter_models(product)
    monkeypatch.setenv(PRODUCT_MODELS_ENV, str(product))
    profile_models = tmp_path / "profile" / "models"  # never created
    for model in packaged_models():
        if model.name in ("whisper-base", "whisper-tiny.en"):
            assert model.source == "package" and model.path == product / model.name
            assert ensure_local(model, profile_models) == product / model.name
    assert not profile_models.exists()
