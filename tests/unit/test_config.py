"""Settings layering, policy locks, and forgiving loads of broken files (real files on disk)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from assistant import paths as paths_module
from assistant.config import load_config
from assistant.errors import ConfigError


@pytest.fixture
def paths(tmp_path: Path) -> paths_module.Paths:
    return paths_module.resolve(
        {"ASSISTANT_HOME": str(tmp_path / "home"), "ASSISTANT_POLICY": str(tmp_path / "etc" / "policy.toml")}
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_assistant_home_relocates_every_user_file(tmp_path: Path) -> None:
    p = paths_module.resolve({"ASSISTANT_HOME": str(tmp_path)})
    for location in (p.config_file, p.data_dir, p.log_dir, p.models_dir, p.history_db, p.cache_dir):
        assert Path(location).is_relative_to(tmp_path), location


def test_defaults_apply_without_files(paths: paths_module.Paths) -> None:
    config = load_config(paths)
    assert config["general.language"] == "da"
    assert config.source("general.language") == "default"
    assert config.problems == []


def test_layers_defaults_policy_user_locked(paths: paths_module.Paths) -> None:
    write(
        paths.policy_file,
        """
[defaults.general]
language = "en"
[defaults.tts]
rate = 200
[locked.privacy]
history = false
[locked.tts]
rate = 150
""",
    )
    write(
        paths.config_file,
        """
[general]
language = "da"
[privacy]
history = true
[ui]
font_size = 18
""",
    )
    config = load_config(paths)
    assert config.problems == []
    # user beats policy default
    assert (config["general.language"], config.source("general.language")) == ("da", "user")
    # locked beats user
    assert (config["privacy.history"], config.source("privacy.history")) == (False, "locked")
    # locked beats policy default
    assert (config["tts.rate"], config.source("tts.rate")) == (150, "locked")
    assert config.source("ui.font_size") == "user"
    assert config.source("inject.delay_ms") == "default"
    assert config.locked_keys == ["privacy.history", "tts.rate"]


def test_policy_default_beats_builtin(paths: paths_module.Paths) -> None:
    write(paths.policy_file, '[defaults.stt]\nengine = "whisper"\n')
    config = load_config(paths)
    assert (config["stt.engine"], config.source("stt.engine")) == ("whisper", "policy-default")


def test_setting_a_locked_key_is_refused_with_reason(paths: paths_module.Paths) -> None:
    write(paths.policy_file, "[locked.privacy]\nhistory = false\n")
    config = load_config(paths)
    with pytest.raises(ConfigError) as info:
        config.set("privacy.history", True)
    assert "locked" in info.value.message
    assert str(paths.policy_file) in info.value.message
    assert not paths.config_file.exists()


def test_set_validates_and_saves_atomically(paths: paths_module.Paths) -> None:
    config = load_config(paths)
    config.set("tts.rate", 220)
    config.set("inject.backends", ["clipboard", "xtest"])
    with pytest.raises(ConfigError):
        config.set("tts.rate", 5000)
    with pytest.raises(ConfigError):
        config.set("inject.backends", ["telepathy"])
    reread = load_config(paths)
    assert reread["tts.rate"] == 220
    assert reread["inject.backends"] == ["clipboard", "xtest"]
    leftovers = [p.name for p in paths.config_dir.iterdir() if p.name != "config.toml"]
    assert leftovers == []  # no temporary files left behind


def test_save_failure_keeps_the_old_file(paths: paths_module.Paths) -> None:
    config = load_config(paths)
    config.set("ui.font_size", 20)
    before = paths.config_file.read_bytes()
    os.chmod(paths.config_dir, stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(paths.config_dir, os.W_OK):
            # root ignores permissions: make the directory unusable another way
            os.chmod(paths.config_dir, 0o700)
            paths.config_file.unlink()
            paths.config_file.mkdir()
            with pytest.raises(ConfigError) as info:
                config.set("ui.font_size", 22)
            assert "Cannot save settings" in info.value.message
            paths.config_file.rmdir()
            paths.config_file.write_bytes(before)
        else:
            with pytest.raises(ConfigError):
                config.set("ui.font_size", 22)
    finally:
        os.chmod(paths.config_dir, 0o700)
    assert paths.config_file.read_bytes() == before


def test_bad_value_names_file_key_and_value_used_and_other_keys_apply(paths: paths_module.Paths) -> None:
    write(paths.policy_file, "[defaults.tts]\nrate = 190\n")
    write(
        paths.config_file,
        """
[general]
language = "fr"
[tts]
rate = "fast"
[ui]
font_size = 20
""",
    )
    config = load_config(paths)
    messages = [str(p) for p in config.problems]
    assert len(messages) == 2, messages
    lang = next(m for m in messages if "general.language" in m)
    assert str(paths.config_file) in lang and "'fr'" in lang and "using 'da' instead" in lang
    rate = next(m for m in messages if "tts.rate" in m)
    assert "'fast'" in rate and "using 190 instead" in rate  # the policy default, not the built-in
    assert config["general.language"] == "da"
    assert config["tts.rate"] == 190
    assert config["ui.font_size"] == 20  # the good key still applies


def test_unknown_key_and_section_are_reported_not_fatal(paths: paths_module.Paths) -> None:
    write(paths.config_file, '[general]\nlanguage = "en"\ncolour = "blue"\n[nonsense]\nx = 1\ntoplevel = 3\n')
    config = load_config(paths)
    text = " | ".join(str(p) for p in config.problems)
    assert "general.colour" in text and "nonsense.x" in text and "toplevel" in text
    assert config["general.language"] == "en"


def test_bool_is_not_accepted_as_number_and_vice_versa(paths: paths_module.Paths) -> None:
    write(paths.config_file, "[tts]\nrate = true\n[privacy]\nhistory = 1\n")
    config = load_config(paths)
    assert config["tts.rate"] == 160 and config["privacy.history"] is True
    assert len(config.problems) == 2


def test_corrupt_user_file_is_backed_up_and_never_lost(paths: paths_module.Paths) -> None:
    broken = '[general]\nlanguage = "en\n[tts]\nrate = 200\n'  # unterminated string
    write(paths.config_file, broken)
    config = load_config(paths)
    assert len(config.problems) == 1
    problem = config.problems[0]
    assert problem.file == paths.config_file and problem.key is None
    assert "not valid TOML" in problem.message
    assert config.backup_file is not None and config.backup_file.name in problem.message
    assert config.backup_file.read_text(encoding="utf-8") == broken
    assert config["general.language"] == "da"  # defaults used
    config.set("ui.font_size", 16)  # saving afterwards must not destroy the user's words
    assert config.backup_file.read_text(encoding="utf-8") == broken
    assert load_config(paths)["ui.font_size"] == 16


def test_file_with_bad_value_is_backed_up_before_first_save(paths: paths_module.Paths) -> None:
    original = '[general]\nlanguage = "fr"\n'
    write(paths.config_file, original)
    config = load_config(paths)
    assert config.backup_file is None
    config.set("ui.font_size", 16)
    assert config.backup_file is not None
    assert config.backup_file.read_text(encoding="utf-8") == original


def test_corrupt_policy_is_reported_and_user_settings_still_apply(paths: paths_module.Paths) -> None:
    write(paths.policy_file, "[locked.privacy\nhistory = false\n")
    write(paths.config_file, '[general]\nlanguage = "en"\n')
    config = load_config(paths)
    assert any(p.file == paths.policy_file and "not valid TOML" in p.message for p in config.problems)
    assert config["general.language"] == "en"
    assert config.locked_keys == []


def test_utf8_bom_and_danish_text_survive(paths: paths_module.Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_bytes('\ufeff[audio]\ninput_device = "Mikrofon (Østerbro USB)"\n'.encode())
    config = load_config(paths)
    assert config.problems == []
    assert config["audio.input_device"] == "Mikrofon (Østerbro USB)"
    config.set("audio.input_device", "Headset – Ærø")
    assert load_config(paths)["audio.input_device"] == "Headset – Ærø"
