"""Installing the recommended Danish model by name: the catalog's pinned files, fetched from a
local HTTP server laid out like the hub (or IT's mirror: a server or a share folder), resumed after
a dropped connection, and held to the published sizes and SHA-256.

The served model is a random-weight NeMo transducer in the exact published format (sherpa-onnx
int8 file names, metadata and tensor layouts); it decodes a real recording after the install. Its
bytes are not the published ones, so the tests give the catalog entry the sizes and checksums of
the built files; a last test keeps the real pins and shows they refuse anything else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import pytest

from assistant.errors import ModelError, StorageError
from assistant.storage.catalog import load_catalog
from assistant.storage.install_base import InstallOptions
from assistant.storage.mirror import check_mirror, share_candidates
from assistant.storage.model_install import install_catalog_entry
from assistant.storage.models import MANIFEST, model_kind
from tests.support.cli import run_cli
from tests.unit.test_model_install import ModelServer, leftovers


@pytest.fixture
def hub():
    srv = ModelServer(files={}).start()
    try:
        yield srv
    finally:
        srv.stop()


ENTRY = load_catalog().get("ekko-v1-tiny")
HUB = "https://huggingface.co"


def _hub_path(filename: str) -> str:
    """The path of a file on the hub (and on a mirror laid out like it)."""
    assert ENTRY is not None
    return ENTRY.urls[0].removeprefix(HUB) + filename


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight model laid out as ekko-v1-tiny's onnx-sherpa int8 folder."""
    from tests.support.make_transducer import TINY, build_transducer

    folder = tmp_path_factory.mktemp("published") / "onnx-sherpa"
    build_transducer(folder, dataclasses.replace(TINY, int8=True), wired=True)
    for stem in ("encoder", "decoder", "joiner"):
        (folder / f"{stem}.onnx").rename(folder / f"{stem}.int8.onnx")
    assert ENTRY is not None and sorted(p.name for p in folder.iterdir()) == sorted(ENTRY.files)
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pinned_to(folder: Path):
    """The catalog entry, pinned to the built files' sizes and SHA-256 instead of the published."""
    assert ENTRY is not None
    return dataclasses.replace(
        ENTRY,
        file_bytes={f: (folder / f).stat().st_size for f in ENTRY.files},
        file_sha256={f: _sha(folder / f) for f in ENTRY.files},
    )


def _serve(hub: ModelServer, folder: Path) -> None:
    for leaf in ENTRY.files:  # type: ignore[union-attr]
        hub.files[_hub_path(leaf)] = folder / leaf


def _decodes(model_path: Path) -> None:
    from assistant.audio.files import read_audio
    from assistant.stt.transducer_engine import TransducerEngine
    from tests.support import load_speech_manifest
    from tests.support.make_transducer import SCRIPT

    bank = next(s for s in load_speech_manifest() if "u0042008" in s.path.stem)
    recognizer = TransducerEngine().recognizer(model_path, "da", live=False)
    for offset in range(0, len(samples := read_audio(bank.path)), 1600):
        recognizer.accept(samples[offset : offset + 1600])
    assert [s.text for s in recognizer.flush()] == [" ".join(SCRIPT)]


def test_catalog_pins_a_revision_with_every_file_size_and_checksum() -> None:
    assert ENTRY is not None and ENTRY.install_route == "download"
    assert ENTRY.revision and all(ENTRY.revision in url for url in ENTRY.urls)
    assert set(ENTRY.file_bytes) == set(ENTRY.files) == set(ENTRY.file_sha256)
    assert ENTRY.published_bytes == 135_307_058 and ENTRY.figures_from
    parakeet = load_catalog().get("parakeet-tdt-0.6b-v3")
    assert parakeet is not None and parakeet.install_route == "download"
    assert set(parakeet.file_bytes) == set(parakeet.files) and "encoder.int8.onnx" in parakeet.file_sha256


def test_install_by_name_from_a_hub_laid_out_server_then_it_decodes(tmp_path, hub, published) -> None:
    _serve(hub, published)
    entry = _pinned_to(published)
    # The catalog takes only https; the same entry pointed at the loopback hub.
    local = dataclasses.replace(entry, urls=(hub.base + entry.urls[0].removeprefix(HUB),))
    seen: list[str] = []
    options = InstallOptions(progress=lambda stage, done, total: seen.append(stage))
    model = install_catalog_entry(local, tmp_path / "models", tmp_path / "cache", options=options)
    assert model.name == "ekko-v1-tiny" and model_kind(model.path) == "transducer"
    manifest = json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["verified"] is True and manifest["revision"] == ENTRY.revision
    assert manifest["files_checked"] == sorted(ENTRY.files)
    assert {f"download {f}" for f in ENTRY.files} <= set(seen)
    assert [p for p, _, _ in hub.requests] == [_hub_path(f) for f in ENTRY.files]
    assert list((tmp_path / "cache" / "downloads").iterdir()) == []
    _decodes(model.path)


def test_mirror_server_is_used_and_a_dropped_download_resumes(tmp_path, hub, published) -> None:
    _serve(hub, published)
    entry = _pinned_to(published)  # still the public https URLs: the mirror replaces the host
    size = (published / "encoder.int8.onnx").stat().st_size
    hub.drop_after[_hub_path("encoder.int8.onnx")] = size // 2
    options = InstallOptions(mirror=hub.base, retries=0)
    with pytest.raises(StorageError, match="interrupted"):
        install_catalog_entry(entry, tmp_path / "models", tmp_path / "cache", options=options)
    assert leftovers(tmp_path / "models") == []
    model = install_catalog_entry(entry, tmp_path / "models", tmp_path / "cache", options=options)
    ranges = [r for p, r, status in hub.requests if p == _hub_path("encoder.int8.onnx") and status == 206]
    assert ranges == [f"bytes={size // 2}-"]
    assert json.loads((model.path / MANIFEST).read_text(encoding="utf-8"))["mirror"] is True
    _decodes(model.path)


def test_a_file_that_is_not_the_published_one_is_refused_and_nothing_kept(tmp_path, hub, published) -> None:
    _serve(hub, published)
    entry = _pinned_to(published)
    tampered = bytearray((published / "decoder.int8.onnx").read_bytes())
    tampered[-1] ^= 0xFF
    hub.files[_hub_path("decoder.int8.onnx")] = bytes(tampered)
    with pytest.raises(ModelError, match="SHA-256"):
        install_catalog_entry(entry, tmp_path / "m", tmp_path / "c", options=InstallOptions(mirror=hub.base))
    longer = bytes(tampered) + b"\0"
    hub.files[_hub_path("decoder.int8.onnx")] = longer
    with pytest.raises(ModelError, match="more than"):
        install_catalog_entry(entry, tmp_path / "m", tmp_path / "c", options=InstallOptions(mirror=hub.base))
    assert leftovers(tmp_path / "m") == []
    assert list((tmp_path / "c" / "downloads").glob("*.part")) == []


@pytest.mark.parametrize("layout", ["resolve", "local-dir"])
def test_share_folder_mirror_installs_even_with_downloads_off(tmp_path, published, layout) -> None:
    share = tmp_path / "share"
    entry = _pinned_to(published)
    for leaf in entry.files:
        where = share_candidates(entry.urls[0] + leaf, str(share))[0 if layout == "resolve" else 1]
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_bytes((published / leaf).read_bytes())
    if layout == "local-dir":  # what 'hf download REPO --local-dir SHARE/owner/repo' writes
        assert (share / "RyeAI" / "ekko-v1-tiny" / "onnx-sherpa" / "tokens.txt").is_file()
    options = InstallOptions(allow_download=False, mirror=str(share))
    model = install_catalog_entry(entry, tmp_path / "models", tmp_path / "cache", options=options)
    assert model_kind(model.path) == "transducer"
    _decodes(model.path)
    # Without the mirror, downloads stay off.
    with pytest.raises(ModelError, match="turned off"):
        install_catalog_entry(
            entry, tmp_path / "m2", tmp_path / "c2", options=InstallOptions(allow_download=False)
        )


def test_share_folder_without_the_files_says_so(tmp_path, published) -> None:
    (tmp_path / "share").mkdir()
    with pytest.raises(ModelError, match=r"does not hold encoder\.int8\.onnx"):
        install_catalog_entry(
            _pinned_to(published),
            tmp_path / "m",
            tmp_path / "c",
            options=InstallOptions(mirror=str(tmp_path / "share")),
        )


def test_mirror_setting_accepts_https_and_folders_only(tmp_path) -> None:
    assert check_mirror("") is None
    assert check_mirror("https://models.example.org/hub") is None
    assert check_mirror(str(tmp_path)) is None
    assert check_mirror("http://127.0.0.1:8080") is None  # this computer only
    assert check_mirror("http://models.example.org/hub") == "is not an https address"
    assert check_mirror("hub") is not None and check_mirror(3) is not None


def test_cli_installs_by_name_through_the_policy_mirror_and_keeps_the_published_pins(
    tmp_path, hub, published, assistant_home
) -> None:
    """'assistant models install ekko-v1-tiny' with IT's mirror (set in the policy): it fetches the
    pinned files from the mirror, and the real published checksums refuse random weights."""
    _serve(hub, published)
    assistant_home.write_policy(f'[locked.models]\nmirror = "{hub.base}"\n')
    env = {**os.environ}
    done = run_cli("models", "install", "ekko-v1-tiny", env=env)
    assert done.returncode != 0
    error = done.stderr.splitlines()[-1]  # after the progress lines
    assert (
        error.startswith("assistant: ") and "not the published" in error and "nothing was installed" in error
    )
    assert hub.requests and all(p.startswith("/RyeAI/ekko-v1-tiny/resolve/") for p, _, _ in hub.requests)
    listed = json.loads(run_cli("models", "list", "--json", env=env).stdout)
    row = next(e for e in listed["catalog"] if e["name"] == "ekko-v1-tiny")
    assert row["install_route"] == "download" and row["revision"] == ENTRY.revision


def test_a_catalog_archive_also_comes_from_the_mirror(tmp_path, hub) -> None:
    """Archive entries (the Vosk zips) take the mirror too: from a web mirror and from a share."""
    from tests.unit.test_model_install import make_vosk_folder, zip_folder

    entry = load_catalog().get("vosk-model-small-en-us-0.15")
    assert entry is not None and not entry.per_file
    archive = zip_folder(make_vosk_folder(tmp_path / "src", entry.name), tmp_path / "model.zip")
    path = "/vosk/models/vosk-model-small-en-us-0.15.zip"  # the public URL's path
    assert entry.urls[0].endswith(path)
    hub.files[path] = archive
    model = install_catalog_entry(
        entry, tmp_path / "m1", tmp_path / "c1", options=InstallOptions(mirror=hub.base)
    )
    assert model_kind(model.path) == "vosk" and [p for p, _, _ in hub.requests] == [path]
    share = tmp_path / "share"
    (share / "vosk" / "models").mkdir(parents=True)
    (
        share / "vosk" / "models" / archive.name.replace("model.zip", "vosk-model-small-en-us-0.15.zip")
    ).write_bytes(archive.read_bytes())
    options = InstallOptions(allow_download=False, mirror=str(share))
    assert (
        model_kind(install_catalog_entry(entry, tmp_path / "m2", tmp_path / "c2", options=options).path)
        == "vosk"
    )
