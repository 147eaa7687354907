"""A read-only user profile (roaming profiles, locked-down PCs): Danish dictation still works,
because the starter and pre-staged models are read where they are, never copied into the profile.

The profile is made read-only for real: a read-only bind mount in a private mount namespace
(tests run as root, and root writes to any folder whatever its mode bits)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from tests.support import require_executable


def _run_read_only(profile: Path, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    require_executable("unshare", "util-linux")
    inner = (
        f"mount --bind {shlex.quote(str(profile))} {shlex.quote(str(profile))} && "
        f"mount -o remount,bind,ro {shlex.quote(str(profile))} && "
        f"touch {shlex.quote(str(profile / 'probe'))} 2>/dev/null && exit 99; "
        f"exec {shlex.join(argv)}"
    )
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", inner],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


def test_danish_dictation_works_with_a_read_only_profile(
    tmp_path: Path, speech_samples, assistant_home
) -> None:
    profile = tmp_path / "profile"
    (profile / "home").mkdir(parents=True)
    sample = min((s for s in speech_samples if s.language == "da"), key=lambda s: s.duration_s)
    env = {
        **os.environ,
        "ASSISTANT_HOME": str(profile / "assistant"),
        "HOME": str(profile / "home"),
        "XDG_CACHE_HOME": str(profile / "home" / ".cache"),
        "HF_HUB_OFFLINE": "1",
    }
    argv = [sys.executable, "-m", "assistant", "transcribe", str(sample.path), "--language", "da", "--json"]
    result = _run_read_only(profile, argv, env)
    assert result.returncode != 99, "the profile was not read-only"
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["language"] == "da" and out["model"] == "whisper-base" and out["text"].strip()
    assert not any(profile.rglob("*.bin")), "no model was copied into the profile"
    assert list(profile.iterdir()) == [profile / "home"]
