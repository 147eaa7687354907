"""Deeply nested or oversized settings (issue #22 item 3): the tray starts, keeps running and says
so in Danish; the user's file is kept as a copy. (The CLI's one line: tests/unit/test_config.py.)"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.app import App
from assistant.ui.notices import unreadable_settings_notice
from tests.support.cli import wait_tray_started
from tests.support.targets.fixtures import x_env

NESTED = "a = " + "[" * 600 + "]" * 600 + "\n"


def test_an_unreadable_settings_file_gets_a_danish_notice_and_a_readable_one_none(assistant_home) -> None:
    config_file = assistant_home.home / "config" / "config.toml"
    config_file.parent.mkdir(parents=True)
    config_file.write_text(NESTED, encoding="utf-8")
    text = unreadable_settings_notice(App.create().config)
    assert text == (
        "Dine indstillinger kunne ikke læses, så standardindstillingerne bruges. En kopi af filen er "
        "gemt, så intet er tabt."
    )
    assert list(config_file.parent.glob("config.toml.broken-*")), "the user's file is kept"
    config_file.write_text("[ui]\nfont_size = 99\n", encoding="utf-8")  # one bad value: no notice
    assert unreadable_settings_notice(App.create().config) is None


@pytest.mark.display
@pytest.mark.parametrize("where", ["config", "policy"])
def test_the_tray_runs_with_nested_settings_or_policy(xvfb, tray_host, assistant_home, where: str) -> None:
    home = assistant_home.home
    (home / "config").mkdir(parents=True, exist_ok=True)
    if where == "config":
        (home / "config" / "config.toml").write_text(NESTED, encoding="utf-8")
    else:
        (home / "config" / "config.toml").write_text("[ui]\nfirst_run_guide = false\n", encoding="utf-8")
        assistant_home.write_policy(NESTED)
    env = x_env(xvfb.display)
    log_file = home / "logs" / "assistant.log"
    tray = subprocess.Popen(
        [sys.executable, "-m", "assistant", "tray"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_tray_started(tray, log_file)
        text = log_file.read_text(encoding="utf-8")
        if where == "config":
            assert "settings file could not be read; notice shown" in text
        else:
            assert "policy fails closed" in text
        tray.send_signal(signal.SIGTERM)
        assert tray.wait(timeout=30) == 0
        assert "internal error" not in tray.stderr.read()
    finally:
        if tray.poll() is None:
            tray.kill()
    assert Path(log_file).exists()
