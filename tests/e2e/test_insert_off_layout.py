"""Issue 20, case 4: a line of names with many characters missing from the layout lands exactly
(or stops cleanly, saying how much landed where), on dk and us, in Qt and xterm, idle and with
the CPU saturated. No internal error, no wrong letter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.display import XvfbServer
from tests.support.load import CpuLoad
from tests.support.targets.fixtures import Targets, x_env

pytestmark = [pytest.mark.display, pytest.mark.slow]
pytest_plugins = ["tests.support.targets.fixtures"]

NAMES = (
    "Łukasz Wiśniewski, Ţăran Ōkubo, Đorđe Šćepanović, Žofie Dvořáková, Ærøskøbing Åse, "
    "Gülşen Çağlar, Ætheling Þórður Ævarsson, Nguyễn Thị Ánh, Ñuño Peña, Øystein Bråten, "
    "Miłosz Żółć, Ştefan Ţiriac, Kārlis Ēriks Ūdris, Ģirts Ķēniņš, Ľubomír Ťažký, Őrsi Űrhajós, "
    "Ĳsbrand Œuvre, Ğökay Işık, Ħasan Ŧarik, Ŋora Ŀlorenç."
)


def test_the_names_have_about_60_distinct_characters_off_a_us_layout() -> None:
    assert len({c for c in NAMES if ord(c) > 0x7E}) >= 55


@pytest.mark.parametrize("keyboard_layout", ["dk", "us"], indirect=True)
@pytest.mark.parametrize("kind", ["qt", "xterm"])
def test_names_with_off_layout_characters_land_exactly(
    kind: str, keyboard_layout: str, xvfb: XvfbServer, targets: Targets, machine_load: CpuLoad | None
) -> None:
    env = x_env(xvfb.display)
    target = targets.start(kind, title="journal")
    target.focus()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "type", "--no-check", NAMES],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    got, _ = target.wait_for(NAMES, timeout=30)
    assert got == NAMES, _difference(NAMES, got)
    if machine_load is not None:
        assert machine_load.running()


def _difference(expected: str, got: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    return (
        f"{len(got)} of {len(expected)} chars; first difference at {at}: {got[max(0, at - 10) : at + 10]!r}"
    )


def test_with_no_spare_key_left_typing_stops_cleanly_and_says_how_much_landed_where(
    danish_layout: str, xvfb: XvfbServer, targets: Targets
) -> None:
    """Every empty keycode taken (another program's remapping): the CLI sends nothing it cannot
    type exactly, exits 3 with one line "N of M characters landed in <window>"."""
    from Xlib import XK

    env = x_env(xvfb.display)
    term = targets.start("xterm", title="journal")
    term.focus()
    disp = xvfb.connect()
    first = disp.display.info.min_keycode
    rows = [list(r) for r in disp.get_keyboard_mapping(first, disp.display.info.max_keycode - first + 1)]
    modifiers = {kc for row in disp.get_modifier_mapping() for kc in row if kc}
    empty = [first + i for i, row in enumerate(rows) if not any(row) and first + i not in modifiers]
    filler = XK.string_to_keysym("F35")
    try:
        for kc in empty:
            disp.change_keyboard_mapping(kc, [[filler] + [0] * (len(rows[0]) - 1)])
        disp.sync()
        note = "Hej Łukasz."
        proc = subprocess.run(
            [sys.executable, "-m", "assistant", "type", "--no-check", note],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        for kc in empty:
            disp.change_keyboard_mapping(kc, [rows[kc - first]])
        disp.sync()
        disp.close()
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"0 of {len(note)} characters landed in XTerm" in lines[0], proc.stderr
    assert "internal error" not in proc.stderr and "Łukasz" not in proc.stderr
    assert term.wait_for("", timeout=1)[0] == ""
