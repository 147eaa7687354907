"""Print the pip requirements of the Windows test prefix: the product's own dependencies (read
from pyproject.toml, markers left for the Windows pip to judge), the starter models the tests
transcribe with, the test runner, PyInstaller (the bundle is built in the prefix) and the pins that only wine needs."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# Wine 8.0 lacks Windows' ICU (icuuc.dll), which PySide6 6.10+ loads; 6.9.3 is the newest that
# starts under wine. Real Windows uses pyproject's own range.
WINE_PINS = {"pyside6-essentials": "pyside6-essentials==6.9.3"}
TEST_TOOLS = ["pytest>=8", "pytest-timeout>=2.3"]


def requirements(root: Path) -> list[str]:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines: list[str] = []
    for spec in [*project["dependencies"], *project["optional-dependencies"]["starter-models"]]:
        name = re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0].lower()
        line = WINE_PINS.get(name, spec)
        if line not in lines:
            lines.append(line)
    # The Windows bundle is frozen in this prefix (scripts/test-windows builds it, then the MSI).
    build_tools = project["optional-dependencies"]["package"]
    return lines + TEST_TOOLS + build_tools


if __name__ == "__main__":
    print("\n".join(requirements(Path(sys.argv[1]))))
