"""Every window and the panel fit the screen they are on (issue 23, item 1).

Laptop screens of 1280x800 and 1366x768, at 100 % and 150 % (QT_SCALE_FACTOR), with a real window
manager (openbox) and a dock taking a strip of the screen (trayer), text at 14, 18 and 24 pt, in
Danish. One process per screen and scale (tests/ui/fit_probe.py) builds each window per text size
and reports: no label or button whose text does not fit it (Qt's font metrics), no window outside
the available geometry, the panel clear of the first lines of the big editor it dictates into and
never over another of our windows, suggestions wrapped rather than squeezed. The screenshots are
kept in the test's tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.display import start_tray_host, start_xvfb
from tests.support.procs import ManagedProcess, require_executable, wait_until

REPO = Path(__file__).resolve().parents[2]


def _wm_running(display: str) -> bool:
    done = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "window id" in done.stdout


@pytest.mark.parametrize("scale", ["1", "1.5"])
@pytest.mark.parametrize("screen", ["1366x768", "1280x800"])
def test_every_window_fits_the_screen_and_no_text_is_clipped(screen: str, scale: str, tmp_path: Path) -> None:
    openbox = require_executable("openbox", "openbox")
    require_executable("xprop", "x11-utils")
    server = start_xvfb(tmp_path, screen=f"{screen}x24")
    processes: list[ManagedProcess] = []
    env = dict(os.environ, DISPLAY=server.display)
    try:
        wm = ManagedProcess([openbox, "--sm-disable"], log_path=tmp_path / "openbox.log", env=env)
        processes.append(wm)
        wait_until(
            lambda: _wm_running(server.display), timeout=20, message=lambda: f"openbox: {wm.describe()}"
        )
        dock = start_tray_host(server.display, tmp_path)
        processes.append(dock.process)
        width, height = (int(n) for n in screen.split("x"))
        # A big editor the user dictates into, as on a laptop: most of the screen.
        editor = ManagedProcess(
            ["xterm", "-title", "journal", "-geometry", f"{width // 7}x{height // 16}+0+30"],
            log_path=tmp_path / "xterm.log",
            env=env,
        )
        processes.append(editor)
        window = wait_until(
            lambda: subprocess.run(
                ["xdotool", "search", "--name", "journal"], env=env, capture_output=True, text=True
            ).stdout.split(),
            timeout=20,
            message="the editor window",
        )[0]
        wait_until(
            lambda: (
                subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=10).returncode
                == 0
            ),
            timeout=20,
            message="focus on the editor",
        )
        shots = tmp_path / "screenshots"
        probe_env = dict(
            env,
            QT_SCALE_FACTOR=scale,
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        )
        probe_env.pop("PULSE_SERVER", None)
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.fit_probe", str(shots), window],
            env=probe_env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout.strip().splitlines()[-1])
        (tmp_path / "report.json").write_text(
            json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        assert report["target"], report
        assert len(list(shots.glob("*.png"))) >= 3 * 12, sorted(p.name for p in shots.glob("*.png"))
        assert not report["problems"], json.dumps(report["problems"], indent=1, ensure_ascii=False)
    finally:
        for process in reversed(processes):
            process.stop()
        server.stop()
