"""IT's policy holds for every user of a shared PC (issue #22, items 1-3).

The policy is installed by root at the machine's fixed location (/etc/assistant/policy.toml, in a
private overlay of /etc: see tests/support/users.py) and read by a real second user, whose process
runs under its own uid. Nothing in that user's environment may replace or weaken it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.support.users import MachineRoot, OtherUser, user_home

POLICY = """\
[defaults.general]
ui_language = "da"

[locked.general]
language = "en"

[locked.privacy]
history = false

[locked.models]
allow_download = false

[locked.ui]
font_size = 20
"""


def _root_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ASSISTANT_POLICY"}
    return env


def _install(machine_root: MachineRoot, public_tmp: Path, text: str = POLICY) -> Path:
    source = public_tmp / "it-policy.toml"
    source.write_text(text, encoding="utf-8")
    result = machine_root.assistant("config", "policy-install", str(source), env=_root_env())
    assert result.returncode == 0, result.stderr
    assert "readable by every user" in result.stdout
    return machine_root.etc / "assistant" / "policy.toml"


def _settings(result) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    return {row["key"]: row for row in shown["settings"]} | {"_failure": shown["policy_failure"]}


def test_policy_installed_by_root_is_read_and_obeyed_by_another_user(
    machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path
) -> None:
    # Issue #22.1: policy-install wrote 0600 root, so every ordinary user failed closed and IT's
    # locked language and font size were ignored, while root's policy-check said "usable".
    installed = _install(machine_root, public_tmp)
    st = installed.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid) == (0o644, 0)
    assert stat.S_IMODE(installed.parent.stat().st_mode) == 0o755

    home = user_home(other_user, public_tmp)
    env = other_user.env(home)
    rows = _settings(machine_root.assistant("config", "show", "--json", user=other_user, env=env))
    assert rows["_failure"] is None
    assert (rows["privacy.history"]["value"], rows["privacy.history"]["source"]) == (False, "locked")
    assert (rows["general.language"]["value"], rows["general.language"]["source"]) == ("en", "locked")
    assert (rows["ui.font_size"]["value"], rows["ui.font_size"]["source"]) == (20, "locked")
    assert rows["general.ui_language"]["source"] == "policy-default"
    check = machine_root.assistant("config", "policy-check", user=other_user, env=env)
    assert check.returncode == 0 and "usable" in check.stdout, check.stdout + check.stderr
    whoami = machine_root.run(["id", "-u"], user=other_user, env=env)
    assert whoami.stdout.strip() == str(other_user.uid), "the reader really ran as the other user"


def test_policy_install_repairs_a_machine_folder_an_older_version_left_private(
    machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path
) -> None:
    (machine_root.etc / "assistant").mkdir(mode=0o700)  # as the 0600/0700 install left it
    (machine_root.etc / "assistant" / "policy.toml").write_text(POLICY, encoding="utf-8")
    (machine_root.etc / "assistant" / "policy.toml").chmod(0o600)
    installed = _install(machine_root, public_tmp)
    assert stat.S_IMODE(installed.parent.stat().st_mode) == 0o755
    assert stat.S_IMODE(installed.stat().st_mode) == 0o644
    home = user_home(other_user, public_tmp)
    rows = _settings(
        machine_root.assistant("config", "show", "--json", user=other_user, env=other_user.env(home))
    )
    assert rows["_failure"] is None and rows["privacy.history"]["source"] == "locked"


def test_policy_install_refuses_to_leave_a_policy_ordinary_users_cannot_read(
    machine_root: MachineRoot, public_tmp: Path, tmp_path: Path
) -> None:
    # A target under a 0700 folder: written, but said (one line, exit 2) to be unreadable.
    hidden = tmp_path / "private" / "assistant" / "policy.toml"
    hidden.parent.parent.mkdir(mode=0o700)
    source = public_tmp / "p.toml"
    source.write_text(POLICY, encoding="utf-8")
    result = machine_root.assistant("config", "policy-install", str(source), "--target", str(hidden))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ordinary users cannot read it" in lines[0], result.stderr


def test_the_users_environment_cannot_replace_or_weaken_the_machine_policy(
    machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path
) -> None:
    # Issue #22.2: ASSISTANT_POLICY=/nonexistent switched IT's policy off for the user, and
    # downloads IT forbade were attempted.
    _install(machine_root, public_tmp)
    home = user_home(other_user, public_tmp)
    mine = home / "mine.toml"
    mine.write_text("[locked.privacy]\nhistory = true\n[locked.models]\nallow_download = true\n")
    os.chown(mine, other_user.uid, other_user.gid)
    for override in ("/nonexistent/policy.toml", str(mine)):
        env = other_user.env(home, ASSISTANT_POLICY=override, PROGRAMDATA=str(home))
        result = machine_root.assistant("config", "set", "privacy.history", "true", user=other_user, env=env)
        assert result.returncode == 2 and "locked by your organisation" in result.stderr, result.stderr
        rows = _settings(machine_root.assistant("config", "show", "--json", user=other_user, env=env))
        assert (rows["privacy.history"]["value"], rows["models.allow_download"]["value"]) == (False, False)
        download = machine_root.assistant(
            "models", "install", "http://127.0.0.1:9/model.zip", user=other_user, env=env
        )
        assert download.returncode == 2 and "allow_download = false" in download.stderr, download.stderr


def test_an_additional_policy_adds_locks_for_a_portable_install(
    machine_root: MachineRoot, other_user: OtherUser, public_tmp: Path
) -> None:
    _install(machine_root, public_tmp)
    home = user_home(other_user, public_tmp)
    stricter = home / "stricter.toml"
    stricter.write_text('[locked.tts]\nrate = 120\n[locked.general]\nlanguage = "da"\n')
    os.chown(stricter, other_user.uid, other_user.gid)
    env = other_user.env(home, ASSISTANT_POLICY=str(stricter))
    rows = _settings(machine_root.assistant("config", "show", "--json", user=other_user, env=env))
    assert (rows["tts.rate"]["value"], rows["tts.rate"]["source"]) == (120, "locked")
    assert rows["general.language"]["value"] == "en", "IT's lock wins over the additional policy"
    assert rows["privacy.history"]["value"] is False
