"""Where the product keeps its files on Windows, IT's policy there, and file locking between
processes (msvcrt), on real Windows paths."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant import paths
from assistant.fsutil import lock_file, locked


def test_user_files_live_in_the_windows_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ASSISTANT_HOME")
    monkeypatch.delenv("ASSISTANT_POLICY")
    # A user can point %PROGRAMDATA% at her own folder; IT's policy must not move with it.
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "evil"))
    resolved = paths.resolve()
    local = Path(os.environ["LOCALAPPDATA"])
    for folder in (resolved.config_dir, resolved.data_dir, resolved.log_dir, resolved.cache_dir):
        assert local in folder.parents, folder
    programdata = paths.windows_program_data()  # the system's known folder
    assert tmp_path not in programdata.parents
    assert resolved.machine_policy_file == programdata / "assistant" / "policy.toml"
    assert resolved.system_models_dir == programdata / "assistant" / "models"
    assert str(resolved.machine_policy_file)[1:].startswith(":\\")  # a drive path, not a POSIX one


def test_policy_in_programdata_is_enforced(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """IT's policy in the machine's ProgramData is obeyed, and neither %PROGRAMDATA% nor
    ASSISTANT_POLICY in the user's environment takes it away (issue #22)."""
    machine = paths.windows_program_data() / "assistant" / "policy.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    assert not machine.exists(), "a policy from an earlier run was left in the wine prefix"
    machine.write_text(
        '[locked.general]\nlanguage = "en"\n[locked.privacy]\nhistory = false\n', encoding="utf-8"
    )
    try:
        own = tmp_path / "ProgramData" / "assistant"
        own.mkdir(parents=True)
        monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "ProgramData"))
        monkeypatch.setenv("ASSISTANT_POLICY", str(tmp_path / "none.toml"))
        done = run_cli("config", "show")
        assert 'general.language = "en"  (locked)' in done.stdout, done.stdout
        refused = run_cli("config", "set", "general.language", "da")
        assert refused.returncode != 0
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    finally:
        machine.unlink()


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.fsutil import locked
    with locked(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_a_lock_held_by_another_process_is_waited_for(tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert lock_file(data).name == ".words.txt.lock"
        with pytest.raises(TimeoutError), locked(data, timeout=0.5):
            pass
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(30) == 0
        with locked(data, timeout=10):
            data.write_text("mine", encoding="utf-8")
    finally:
        holder.kill()
    assert data.read_text(encoding="utf-8") == "mine"
