"""Folder installs never follow links and land with the models folder's modes (issue #22 item 4).

`models install FOLDER --system` followed symlinks inside the folder: a root-only 0600 file linked
as a model file was copied 0644 into the machine-wide models folder, readable by every user.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import ModelError
from assistant.storage.model_install import install_source
from tests.unit.test_model_install import leftovers, make_whisper_folder

SECRET = b"root's secret, not a model\n"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "root-only" / "secret.txt"
    secret.parent.mkdir(mode=0o700)
    secret.write_bytes(SECRET)
    secret.chmod(0o600)
    return secret


@pytest.mark.parametrize("how", ["symlink", "hardlink", "linked-folder"])
def test_a_link_inside_a_model_folder_is_refused_with_the_file_named(tmp_path: Path, how: str) -> None:
    folder = make_whisper_folder(tmp_path / "share")
    secret = _secret(tmp_path)
    if how == "symlink":
        (folder / "vocabulary.txt").unlink()
        (folder / "vocabulary.txt").symlink_to(secret)
        shown, why = "vocabulary.txt", "is a link"
    elif how == "hardlink":
        os.link(secret, folder / "tokenizer.json")
        shown, why = "tokenizer.json", "is a hard link"
    else:
        (folder / "extra").symlink_to(secret.parent, target_is_directory=True)
        shown, why = "extra", "is a link"
    models = tmp_path / "system-models"
    models.mkdir(mode=0o755)
    with pytest.raises(ModelError) as info:
        install_source(str(folder), models, tmp_path / "cache")
    assert f"{shown} in the model folder {why}; nothing was installed" in info.value.message
    assert leftovers(models) == [], "no model and no staging folder left"
    assert not any(SECRET in p.read_bytes() for p in models.rglob("*") if p.is_file())


def test_the_cli_refuses_a_link_in_one_line_and_a_linked_model_in_a_share(tmp_path: Path) -> None:
    share = tmp_path / "share"
    folder = make_whisper_folder(share)
    (folder / "vocabulary.txt").unlink()
    (folder / "vocabulary.txt").symlink_to(_secret(tmp_path))
    system = tmp_path / "system"
    run = [sys.executable, "-m", "assistant", "models", "install"]
    result = subprocess.run(
        [*run, str(share), "--system", "--system-dir", str(system), "--language", "en"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "vocabulary.txt in the model folder is a link" in lines[0], result.stderr
    assert "internal error" not in result.stderr
    # A model folder in IT's share that is itself a link (to a folder root may read) is refused.
    other = make_whisper_folder(tmp_path / "elsewhere", "linked-model")
    (folder / "vocabulary.txt").unlink()
    (folder / "vocabulary.txt").write_text("a\n", encoding="utf-8")
    (share / "linked-model").symlink_to(other, target_is_directory=True)
    result = subprocess.run(
        [*run, str(share), "--system", "--system-dir", str(system), "--language", "en"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "linked-model in" in result.stderr and "is a link" in result.stderr


@pytest.mark.parametrize("folder_mode", [0o755, 0o700])
def test_installed_files_take_the_models_folders_modes_not_the_sources(
    tmp_path: Path, folder_mode: int
) -> None:
    folder = make_whisper_folder(tmp_path / "share")
    (folder / "model.bin").chmod(0o600)
    (folder / "config.json").chmod(0o755)
    (folder / "sub").mkdir(mode=0o700)
    (folder / "sub" / "note.txt").write_text("x", encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    models.chmod(folder_mode)
    old = os.umask(0o077)  # an administrator's strict umask must not narrow what users may read
    try:
        model = install_source(str(folder), models, tmp_path / "cache", languages=["en"])
    finally:
        os.umask(old)
    modes = {
        p.relative_to(model.path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in model.path.rglob("*")
    }
    file_mode = folder_mode & 0o666
    assert stat.S_IMODE(model.path.stat().st_mode) == folder_mode
    assert modes["model.bin"] == modes["config.json"] == modes["sub/note.txt"] == file_mode, modes
    assert modes["sub"] == folder_mode
