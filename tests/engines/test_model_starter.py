"""Real models through the model manager: the packaged whisper-base assembled and transcribing
Danish, and the packaged tiny.en zipped, served on loopback, resumed, installed and loaded."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from assistant.paths import resolve
from assistant.storage.catalog import load_catalog
from assistant.storage.model_install import InstallOptions, ensure_local, install_from_url
from assistant.storage.models import discover, packaged_models
from tests.unit.test_model_install import ModelServer


def _transcribe(model_dir: Path, wav: Path, language: str) -> str:
    from faster_whisper import WhisperModel

    model = WhisperModel(
        str(model_dir), device="cpu", compute_type="int8", cpu_threads=2, local_files_only=True
    )
    segments, _ = model.transcribe(str(wav), language=language, beam_size=1, temperature=0.0)
    return " ".join(s.text.strip() for s in segments).strip()


@pytest.mark.slow
def test_whisper_base_is_assembled_verified_and_transcribes_danish(
    speech_samples, tmp_path: Path, monkeypatch
) -> None:
    from assistant.storage.model_install import prepare_starter_models
    from assistant.storage.models import PRODUCT_MODELS_ENV

    product = tmp_path / "product-models"  # the product's folder, filled once by the installer
    monkeypatch.setenv(PRODUCT_MODELS_ENV, str(product))
    models_dir = resolve().models_dir
    packaged = next(m for m in packaged_models() if m.name == "whisper-base")
    assert packaged.path is None, "the packaged whisper-base needs assembling"
    folder = ensure_local(packaged, models_dir)
    assert folder == product / "whisper-base"
    assert not models_dir.exists(), "nothing is copied into the user's profile"
    digest = hashlib.sha256((folder / "model.bin").read_bytes()).hexdigest()
    assert digest == load_catalog().get("whisper-base").sha256
    assert [p.name for p in product.iterdir()] == ["whisper-base"], "no staging folder left behind"
    stamp = (folder / "model.bin").stat().st_mtime_ns
    found = next(m for m in discover(models_dir, []) if m.name == "whisper-base")
    assert found.source == "package" and ensure_local(found, models_dir) == folder
    assert ensure_local("whisper-base", models_dir) == folder
    prepare_starter_models()
    assert (folder / "model.bin").stat().st_mtime_ns == stamp, "assembled only once"

    sample = next(s for s in speech_samples if s.language == "da")
    text = _transcribe(folder, sample.path, "da")
    assert text, "whisper-base must produce Danish text"


@pytest.mark.slow
def test_packaged_tiny_en_served_over_http_resumes_installs_and_transcribes(
    tmp_path: Path, speech_samples
) -> None:
    paths = resolve()
    tiny = next(m for m in packaged_models() if m.name == "whisper-tiny.en")
    assert tiny.path is not None
    archive = tmp_path / "whisper-tiny.en.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(tiny.path.iterdir()):
            out.write(path, f"whisper-tiny.en/{path.name}")
    expected = hashlib.sha256(archive.read_bytes()).hexdigest()
    server = ModelServer(
        files={"/whisper-tiny.en.zip": archive}, drop_after={"/whisper-tiny.en.zip": 20_000_000}
    )
    server.start()
    try:
        events: list[tuple[str, int, int | None]] = []
        model = install_from_url(
            server.url("/whisper-tiny.en.zip"),
            paths.models_dir,
            paths.cache_dir,
            name="tiny-from-it",
            sha256=expected,
            options=InstallOptions(progress=lambda *e: events.append(e)),
        )
    finally:
        server.stop()
    assert [status for _, _, status in server.requests] == [200, 206]
    assert server.requests[1][1] == "bytes=20000000-"
    size = archive.stat().st_size
    downloaded = [(done, total) for stage, done, total in events if stage.startswith("download")]
    assert downloaded[-1] == (size, size)
    assert any(stage == "extract" for stage, _, _ in events)
    assert model.name == "tiny-from-it" and model.languages == ["en"]
    jfk = next(s for s in speech_samples if s.path.name == "whispercpp_jfk.wav")
    text = _transcribe(model.path, jfk.path, "en").lower()
    assert "country" in text
