"""The app bundle and the Debian package built once per test session, shared by the packaging
tests (tests/e2e/test_packaging.py, tests/e2e/test_deb_clean_root.py).

``ASSISTANT_TEST_BUNDLE=/path/to/dist/assistant`` reuses a bundle built earlier by
``python installer/build.py`` (for working on these tests; CI always builds).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import require_executable

ROOT = Path(__file__).resolve().parents[2]
VERSION = re.search(r'__version__ = "([^"]+)"', (ROOT / "assistant" / "__init__.py").read_text()).group(1)
# Variables of the test process that must not leak into the product under test.
PRIVATE_ENV = (
    "ASSISTANT_TEST_MODELS",
    "ASSISTANT_HOME",
    "ASSISTANT_POLICY",
    "ASSISTANT_PRODUCT_MODELS",
    "ASSISTANT_SYSTEM_MODELS",
)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE_ENV and not k.startswith("PYTHON")}
    # No Python on PATH that the bundle could lean on.
    env["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin"
    env.update(extra)
    return env


def run(argv: list[str], env: dict[str, str], timeout: float = 300, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout, **kw
    )


@dataclass(frozen=True)
class Bundle:
    folder: Path
    build_seconds: float | None

    @property
    def exe(self) -> Path:
        return self.folder / "assistant"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    prebuilt = os.environ.get("ASSISTANT_TEST_BUNDLE")
    if prebuilt:
        return Bundle(Path(prebuilt), None)
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE_ENV}
    result = run([sys.executable, str(ROOT / "installer" / "build.py"), "--out", str(out)], env, timeout=1800)
    if result.returncode != 0:
        pytest.fail(f"installer/build.py failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    seconds = time.monotonic() - started
    print(f"\nbundle built in {seconds:.0f} s: {result.stderr.strip().splitlines()[-1]}")
    return Bundle(out / "dist" / "assistant", seconds)


@pytest.fixture(scope="session")
def deb_file(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The .deb built from the bundle with ``--fast`` (gzip -1), and how long that took."""
    require_executable("dpkg-deb", "dpkg")
    out = tmp_path_factory.mktemp("deb")
    started = time.monotonic()
    result = run(
        [
            sys.executable,
            str(ROOT / "installer" / "linux" / "build_deb.py"),
            str(bundle.folder),
            "--out",
            str(out),
            "--fast",
        ],
        {**os.environ},
        timeout=900,
    )
    if result.returncode != 0:
        pytest.fail(f"build_deb.py failed:\n{result.stderr[-5000:]}")
    return next(out.glob("assistant_*.deb")), time.monotonic() - started
