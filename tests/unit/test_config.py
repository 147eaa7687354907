"""Settings layering, policy locks, and forgiving loads of broken files (real files on disk)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from assistant import paths as paths_module
from assistant.config import load_config
from assistant.errors import ConfigError
from tests.support.cli import run_cli


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
        paths.extra_policy_file,
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
    write(paths.extra_policy_file, '[defaults.stt]\nengine = "whisper"\n')
    config = load_config(paths)
    assert (config["stt.engine"], config.source("stt.engine")) == ("whisper", "policy-default")


def test_setting_a_locked_key_is_refused_with_reason(paths: paths_module.Paths) -> None:
    write(paths.extra_policy_file, "[locked.privacy]\nhistory = false\n")
    config = load_config(paths)
    with pytest.raises(ConfigError) as info:
        config.set("privacy.history", True)
    assert "locked" in info.value.message
    assert str(paths.extra_policy_file) in info.value.message
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
    write(paths.extra_policy_file, "[defaults.tts]\nrate = 190\n")
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
    write(paths.extra_policy_file, "[locked.privacy\nhistory = false\n")
    write(paths.config_file, '[general]\nlanguage = "en"\n')
    config = load_config(paths)
    assert any(p.file == paths.extra_policy_file and "not valid TOML" in p.message for p in config.problems)
    assert config["general.language"] == "en"
    # Fails closed: only the privacy-relevant keys are locked, to their most private values.
    assert config.locked_keys == ["models.allow_download", "privacy.history", "writing.assist"]


def test_utf8_bom_and_danish_text_survive(paths: paths_module.Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_bytes('\ufeff[audio]\ninput_device = "Mikrofon (Østerbro USB)"\n'.encode())
    config = load_config(paths)
    assert config.problems == []
    assert config["audio.input_device"] == "Mikrofon (Østerbro USB)"
    config.set("audio.input_device", "Headset – Ærø")
    assert load_config(paths)["audio.input_device"] == "Headset – Ærø"


# -- the policy fails closed -------------------------------------------------------------------------

PRIVATE = {"privacy.history": False, "models.allow_download": False, "writing.assist": False}


def assert_failed_closed(config, reason_fragment: str) -> None:
    failure = config.policy_failure
    assert failure is not None, config.problems
    assert any(reason_fragment in r for r in failure.reasons), failure.reasons
    for key, value in PRIVATE.items():
        assert (config[key], config.source(key), config.is_locked(key)) == (value, "fail-closed", True)
        with pytest.raises(ConfigError, match="most private value"):
            config.set(key, True)
    # Shown to the user in Danish, and the problem list (logged at start) names the file.
    assert "IT-politikken" in failure.message_da and "historik er slået fra" in failure.message_da
    assert any(p.key is None and "strictest values" in p.message for p in config.problems)


def test_privacy_keys_have_a_most_private_value() -> None:
    from assistant.config.schema import SCHEMA
    from assistant.config.store import private_values

    assert private_values() == PRIVATE
    for key, value in private_values().items():
        assert SCHEMA[key].validate(value) is None, key


def test_history_capital_false_is_a_syntax_error_and_fails_closed(paths: paths_module.Paths) -> None:
    write(paths.extra_policy_file, "[locked.privacy]\nhistory = False\n")
    write(
        paths.config_file,
        "[privacy]\nhistory = true\n[models]\nallow_download = true\n[ui]\nfont_size = 20\n",
    )
    config = load_config(paths)
    assert_failed_closed(config, "not valid TOML")
    assert config["ui.font_size"] == 20  # every setting that is not about privacy still applies


def test_unparseable_policy_fails_closed(paths: paths_module.Paths) -> None:
    write(paths.extra_policy_file, "[locked.privacy\nhistory = false\n")
    assert_failed_closed(load_config(paths), "not valid TOML")


def test_unreadable_policy_fails_closed(paths: paths_module.Paths) -> None:
    # Tests run as root, who reads any file whatever its mode: a folder in its place cannot be read.
    paths.extra_policy_file.mkdir(parents=True)
    assert_failed_closed(load_config(paths), "cannot be read")


def test_policy_that_is_not_text_fails_closed(paths: paths_module.Paths) -> None:
    paths.extra_policy_file.parent.mkdir(parents=True)
    paths.extra_policy_file.write_bytes("[locked.privacy]\n# håndhævet\nhistory = false\n".encode("latin-1"))
    assert_failed_closed(load_config(paths), "not valid TOML")


@pytest.mark.parametrize(
    "locked",
    [
        'history = "false"',  # text, not a boolean
        "history = 0",  # a number, not a boolean
        "retention_days = true",  # a wrongly typed privacy section key that is not itself forced
    ],
)
def test_wrongly_typed_locked_value_fails_closed_other_locks_still_apply(
    paths: paths_module.Paths, locked: str
) -> None:
    write(paths.extra_policy_file, f"[locked.privacy]\n{locked}\n[locked.tts]\nrate = 150\n")
    write(paths.config_file, "[privacy]\nhistory = true\n")
    config = load_config(paths)
    assert_failed_closed(config, "the locked value privacy.")
    assert (config["tts.rate"], config.source("tts.rate")) == (150, "locked")
    assert "forkert type" in config.policy_failure.message_da


@pytest.mark.parametrize(
    "text",
    [
        "[locked]\nhistory = false\n",  # a value where a [locked.<section>] table belongs
        "locked = false\n",
        "[lock.privacy]\nhistory = false\n",  # a misspelt table: IT meant to lock something
    ],
)
def test_misshapen_policy_fails_closed(paths: paths_module.Paths, text: str) -> None:
    write(paths.extra_policy_file, text)
    config = load_config(paths)
    assert config.policy_failure is not None
    assert config["privacy.history"] is False and config["models.allow_download"] is False


def test_mistakes_that_do_not_fail_closed(paths: paths_module.Paths) -> None:
    # A bad suggested default or an unknown default costs only that value: the lock IT set holds.
    write(
        paths.extra_policy_file,
        '[defaults.privacy]\nhistory = "yes"\nhistroy = false\n[locked.privacy]\nhistory = true\n',
    )
    config = load_config(paths)
    assert config.policy_failure is None
    assert (config["privacy.history"], config.source("privacy.history")) == (True, "locked")
    assert config["models.allow_download"] is True
    assert {p.key for p in config.problems} == {"privacy.history", "privacy.histroy"}
    assert "did you mean privacy.history?" in " ".join(str(p) for p in config.problems)


def test_a_misspelt_lock_fails_closed(paths: paths_module.Paths) -> None:
    # Issue #22: [locked] privacy.histroy = false locked nothing, silently. IT meant to lock
    # something, so the policy as written cannot be trusted.
    write(paths.extra_policy_file, "[locked.privacy]\nhistroy = false\n")
    config = load_config(paths)
    assert config.policy_failure is not None
    assert config["privacy.history"] is False and config.source("privacy.history") == "fail-closed"
    assert "privacy.histroy" in config.policy_failure.message
    assert "did you mean privacy.history?" in config.policy_failure.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_policy_with_a_byte_order_mark_is_accepted(paths: paths_module.Paths, encoding: str) -> None:
    # Windows Notepad writes UTF-8 with a byte-order mark, or UTF-16 ("Unicode") with one.
    paths.extra_policy_file.parent.mkdir(parents=True)
    text = '[locked.privacy]\nhistory = false\n[defaults.audio]\ninput_device = "Mikrofon Ærø"\n'
    paths.extra_policy_file.write_bytes(text.encode(encoding))
    config = load_config(paths)
    assert config.problems == [] and config.policy_failure is None
    assert (config["privacy.history"], config.source("privacy.history")) == (False, "locked")
    assert config["models.allow_download"] is True
    assert config["audio.input_device"] == "Mikrofon Ærø"


def test_missing_policy_is_not_a_failure(paths: paths_module.Paths) -> None:
    config = load_config(paths)
    assert config.policy_failure is None and config["privacy.history"] is True


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=180)


def test_failed_policy_shows_in_doctor_in_danish_and_is_logged(assistant_home) -> None:
    assistant_home.write_policy("[locked.privacy]\nhistory = False\n")
    result = _cli("config", "show", "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    history = next(s for s in shown["settings"] if s["key"] == "privacy.history")
    assert (history["value"], history["source"], history["locked"]) == (False, "fail-closed", True)
    assert shown["policy_failure"]["forced"] == PRIVATE
    log_text = (assistant_home.home / "logs" / "assistant.log").read_text(encoding="utf-8")
    assert "policy fails closed" in log_text and str(assistant_home.policy) in log_text

    from assistant.app import App
    from assistant.doctor import check_settings

    section = check_settings(App.create())
    assert section.status == "error"
    assert section.summary.startswith("IT-politikken") and "historik er slået fra" in section.summary
    assert section.details["policy_failure"]["forced"] == PRIVATE


def test_policy_check_command(assistant_home) -> None:
    assistant_home.write_policy("[locked.privacy]\nhistory = False\n")
    result = _cli("config", "policy-check", str(assistant_home.policy))
    assert result.returncode == 1 and "IT-politikken" in result.stdout
    good = assistant_home.policy.parent / "good.toml"
    good.write_text("[locked.models]\nallow_download = false\n", encoding="utf-8")
    result = _cli("config", "policy-check", str(good), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "assistant.policy_check" and report["usable"] is True
    assert report["locked"] == {"models.allow_download": False}
    result = _cli("config", "policy-check", str(good.with_name("nope.toml")))
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[-1].startswith("assistant: error: ")
        and "nope.toml does not exist" in result.stderr
    )


def test_policy_install_checks_sets_ui_language_and_refuses_a_broken_policy(
    public_tmp: Path, assistant_home
) -> None:
    tmp_path = public_tmp  # every user must be able to reach the installed policy
    # What the Windows installer runs (POLICY_FILE, UI_LANGUAGE), and IT scripts on Linux.
    target = tmp_path / "ProgramData" / "assistant" / "policy.toml"
    mine = tmp_path / "share" / "policy.toml"
    mine.parent.mkdir()
    mine.write_bytes(
        '\ufeff[locked.privacy]\nhistory = false\n[defaults.general]\nlanguage = "da"\n'.encode()
    )
    result = _cli("config", "policy-install", str(mine), "--ui-language", "en", "--target", str(target))
    assert result.returncode == 0, result.stderr
    paths = paths_module.resolve({"ASSISTANT_HOME": str(tmp_path / "h"), "ASSISTANT_POLICY": str(target)})
    config = load_config(paths)
    assert config.policy_failure is None and config.problems == []
    assert (config["privacy.history"], config["general.ui_language"], config["general.language"]) == (
        False,
        "en",
        "da",
    )
    broken = tmp_path / "share" / "broken.toml"
    broken.write_text("[locked.privacy]\nhistory = False\n", encoding="utf-8")
    result = _cli("config", "policy-install", str(broken), "--target", str(target))
    assert result.returncode == 2 and "nothing was installed" in result.stderr
    assert load_config(paths)["general.ui_language"] == "en", "the installed policy is unchanged"
    assert not list(target.parent.glob("*.new"))
    # Only the UI language, on a machine without a policy yet.
    fresh = tmp_path / "fresh" / "assistant" / "policy.toml"
    assert _cli("config", "policy-install", "--ui-language", "da", "--target", str(fresh)).returncode == 0
    assert fresh.read_text(encoding="utf-8") == '[defaults.general]\nui_language = "da"\n'
    # The uninstaller's clean-up of the machine folder.
    (fresh.parent / "models" / "m").mkdir(parents=True)
    assert _cli("config", "machine-clean", "--target", str(fresh.parent)).returncode == 0
    assert list(fresh.parent.iterdir()) == []
    assert _cli("config", "machine-clean", "--target", str(tmp_path)).returncode == 2


# -- issue #22: the machine policy is fixed; an additional policy may only add ----------------------


def _machine_paths(tmp_path: Path, extra: Path | None) -> paths_module.Paths:
    env = {"ASSISTANT_HOME": str(tmp_path / "home")}
    if extra is not None:
        env["ASSISTANT_POLICY"] = str(extra)
    return paths_module.resolve(env, machine_policy=tmp_path / "machine" / "policy.toml")


def test_the_machine_policy_is_never_taken_from_the_environment(tmp_path: Path) -> None:
    env = {"ASSISTANT_HOME": str(tmp_path), "ASSISTANT_POLICY": "/x/p.toml", "PROGRAMDATA": str(tmp_path)}
    p = paths_module.resolve(env)
    assert p.machine_policy_file == Path("/etc/assistant/policy.toml")
    assert p.extra_policy_file == Path("/x/p.toml")
    assert p.policy_files == (Path("/etc/assistant/policy.toml"), Path("/x/p.toml"))


def test_an_additional_policy_only_adds_locks(tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.toml", "[locked.privacy]\nhistory = true\n[locked.tts]\nrate = 120\n")
    paths = _machine_paths(tmp_path, extra)
    write(paths.machine_policy_file, "[locked.privacy]\nhistory = false\n[defaults.ui]\nfont_size = 18\n")
    config = load_config(paths)
    assert (config["privacy.history"], config.source("privacy.history")) == (False, "locked")
    assert (config["tts.rate"], config.source("tts.rate")) == (120, "locked")
    assert config["ui.font_size"] == 18
    with pytest.raises(ConfigError) as info:
        config.set("tts.rate", 200)
    assert str(extra) in info.value.message
    with pytest.raises(ConfigError) as info:
        config.set("privacy.history", True)
    assert str(paths.machine_policy_file) in info.value.message
    # A missing or broken additional policy never lifts IT's lock.
    for text in (None, "[locked.privacy\n"):
        extra.unlink(missing_ok=True)
        if text is not None:
            write(extra, text)
        config = load_config(paths)
        assert config["privacy.history"] is False and config.is_locked("privacy.history")


def test_a_machine_policy_others_can_change_fails_closed(tmp_path: Path) -> None:
    paths = _machine_paths(tmp_path, None)
    write(paths.machine_policy_file, "[locked.tts]\nrate = 120\n")
    paths.machine_policy_file.chmod(0o666)
    config = load_config(paths)
    assert config.policy_failure is not None
    assert "can be changed by users other than the administrator" in config.policy_failure.message
    assert config["privacy.history"] is False and config["tts.rate"] == 120


def test_a_policy_reached_through_a_users_link_fails_closed(tmp_path: Path) -> None:
    real = write(tmp_path / "real" / "policy.toml", "[locked.tts]\nrate = 120\n")
    paths = _machine_paths(tmp_path, None)
    paths.machine_policy_file.parent.mkdir(parents=True)
    paths.machine_policy_file.symlink_to(real)
    assert load_config(paths).policy_failure is None, "root's own link is fine"
    os.lchown(paths.machine_policy_file, 65534, 65534)
    failure = load_config(paths).policy_failure
    assert failure is not None and "link owned by a user" in failure.message


@pytest.mark.parametrize("where", ["config", "policy"])
@pytest.mark.parametrize("shape", ["nested", "oversized"])
def test_deep_or_huge_toml_is_one_line_not_an_internal_error(assistant_home, where: str, shape: str) -> None:
    # Issue #22.3: about 600 nested [ made every command, config reset included, an internal error.
    text = "a = " + "[" * 600 + "]" * 600 + "\n" if shape == "nested" else "# x\n" * 300_000
    target = assistant_home.home / "config" / "config.toml" if where == "config" else assistant_home.policy
    write(target, text)
    for args in (("config", "get", "general.language"), ("config", "reset", "ui.font_size")):
        result = _cli(*args)
        assert result.returncode == 0, result.stderr
        assert "internal error" not in result.stderr
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith("assistant: settings: ") and len(line) < 400 for line in lines)
    candidate = write(assistant_home.home / "candidate.toml", text)
    check = _cli("config", "policy-check", str(candidate))
    assert check.returncode == 2, check.stderr
    error = [line for line in check.stderr.splitlines() if line.startswith("assistant: error: ")]
    assert len(error) == 1 and ("nested too deeply" in error[0] or "larger than" in error[0])


def test_policy_check_rejects_unknown_keys_naming_the_nearest(assistant_home) -> None:
    policy = assistant_home.write_policy("[locked.privacy]\nhistroy = false\n[defaults.ui]\nfont = 3\n")
    result = _cli("config", "policy-check", str(policy))
    assert result.returncode == 1
    assert "privacy.histroy: is not a known setting (did you mean privacy.history?)" in result.stdout
    report = json.loads(_cli("config", "policy-check", str(policy), "--json").stdout)
    assert report["usable"] is False and {u["key"] for u in report["unknown"]} == {
        "privacy.histroy",
        "ui.font",
    }
    # A misspelt default alone: still rejected by the check, and refused by policy-install.
    policy.write_text("[defaults.ui]\nfont_sise = 18\n", encoding="utf-8")
    result = _cli("config", "policy-check", str(policy))
    assert result.returncode == 1 and "did you mean ui.font_size?" in result.stdout
    install = _cli("config", "policy-install", str(policy), "--target", str(policy.with_name("out.toml")))
    assert install.returncode == 2 and "ui.font_sise" in install.stderr
    assert not policy.with_name("out.toml").exists()


def test_policy_check_warns_and_policy_install_refuses_an_unsafe_file(assistant_home, tmp_path: Path) -> None:
    policy = assistant_home.write_policy("[locked.tts]\nrate = 120\n")
    policy.chmod(0o666)
    result = _cli("config", "policy-check", str(policy))
    assert "warning:" in result.stdout and "other than the administrator" in result.stdout
    target = tmp_path / "out" / "policy.toml"
    install = _cli("config", "policy-install", str(policy), "--target", str(target))
    assert install.returncode == 2 and "is not installed" in install.stderr and not target.exists()
    policy.chmod(0o644)
    link = tmp_path / "link.toml"
    link.symlink_to(policy)
    os.lchown(link, 65534, 65534)
    result = _cli("config", "policy-check", str(link))
    assert "link owned by a user" in result.stdout
    install = _cli("config", "policy-install", str(link), "--target", str(target))
    assert install.returncode == 2 and not target.exists()
