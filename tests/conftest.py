"""Shared fixtures for every test directory: they live in tests/support (see tests/README.md)."""

import pytest

pytest.register_assert_rewrite("tests.support")

pytest_plugins = ["tests.support.fixtures"]
