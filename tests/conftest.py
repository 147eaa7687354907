"""Shared fixtures for every test directory: they live in tests/support (see tests/README.md)."""

import os

import pytest

pytest.register_assert_rewrite("tests.support")

# The test suite's own models (the Korean Vosk model) are listed only when this is set; users never
# see them (assistant.storage.models.testing_models).
os.environ.setdefault("ASSISTANT_TEST_MODELS", "1")

pytest_plugins = ["tests.support.fixtures"]

# tests/windows runs inside the Windows CPython (scripts/test-windows, under wine here), with its
# own pytest.ini; the Linux run does not collect it.
collect_ignore = ["windows"]
