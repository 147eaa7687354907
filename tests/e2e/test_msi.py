"""The Windows installer as IT reads it: built on Linux with installer/windows/build_msi.py (wixl,
then msibuild for the rows wixl cannot express) over the bundle's file list, its tables read back
with msiinfo, and each custom action's command line split the way Windows splits it (the C
runtime's rules) with IT's values filled in, then run with the Linux bundle.

Installing the MSI under wine is the Windows suite's job (tests/windows); what is checked here is
the definition: per machine, properties, upgrade rows, ACL, autostart switch, action commands.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path, PureWindowsPath

from tests.support import require_executable
from tests.support.packaging import ROOT, VERSION, Bundle, clean_env, run

sys.path.insert(0, str(ROOT / "installer" / "windows"))
import build_msi


def _table(msi: Path, table: str) -> list[list[str]]:
    # Exporting a table with streams (Binary) writes them into the working folder: the MSI's.
    result = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True, cwd=msi.parent
    )
    return [line.split("\t") for line in result.stdout.splitlines()[3:]]


def windows_argv(line: str) -> list[str]:
    """Split a command line as the Microsoft C runtime does for a program's argv: backslashes
    are literal except before a quote, where 2n backslashes give n and a quote delimiter, 2n+1
    give n and a literal quote; "" inside quotes is a literal quote."""
    args: list[str] = []
    i, n = 0, len(line)
    while True:
        while i < n and line[i] in " \t":
            i += 1
        if i >= n:
            return args
        arg: list[str] = []
        quoted = False
        while i < n:
            c = line[i]
            if c == "\\":
                j = i
                while j < n and line[j] == "\\":
                    j += 1
                count = j - i
                if j < n and line[j] == '"':
                    arg.append("\\" * (count // 2))
                    if count % 2:
                        arg.append('"')
                        j += 1
                else:
                    arg.append("\\" * count)
                i = j
            elif c == '"':
                if quoted and i + 1 < n and line[i + 1] == '"':
                    arg.append('"')
                    i += 2
                else:
                    quoted = not quoted
                    i += 1
            elif c in " \t" and not quoted:
                break
            else:
                arg.append(c)
                i += 1
        args.append("".join(arg))


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\[(\w+)\]", lambda m: values[m.group(1)], template)


def _action_data(actions: dict[str, list[str]], models_dir: str) -> dict[str, str]:
    """The command each deferred action gets, as the sequence's conditions choose them
    (StageModelsDataSlash when MODELS_DIR ends in a backslash: the MSI operator >>)."""
    stage = "StageModelsDataSlash" if models_dir.endswith(("\\", "/")) else "StageModelsData"
    return {
        "InstallPolicy": actions["InstallPolicyData"][3],
        "StageModels": actions[stage][3],
        "RemoveMachineData": actions["RemoveMachineDataData"][3],
    }


def test_windows_argv_splitter_follows_the_c_runtime() -> None:
    # The bug this guards against: a folder property's trailing backslash escapes the quote.
    assert windows_argv(r'x --dir "C:\data\" --y "z"') == ["x", "--dir", 'C:\\data" --y z']
    assert windows_argv(r'"C:\Program Files\a.exe" b "c d" e\\f "g\\" h') == [
        r"C:\Program Files\a.exe",
        "b",
        "c d",
        r"e\\f",
        "g\\",
        "h",
    ]


def test_msi_tables_and_custom_action_commands(bundle: Bundle, tmp_path: Path, public_tmp: Path) -> None:
    require_executable("wixl", "wixl")
    require_executable("msiinfo", "msitools")
    require_executable("msibuild", "msitools")
    msi, warnings = build_msi.build_msi(bundle.folder, tmp_path / "out", stand_in=True)
    # wixl ignores attributes it does not implement; build_msi.py writes their rows itself.
    ignored = set(re.findall(r"has no property named '(\w+)'", warnings))
    assert ignored <= {"Platform", "Schedule", "Secure"}, warnings

    properties = dict(row[:2] for row in _table(msi, "Property"))
    assert properties["UpgradeCode"] == build_msi.UPGRADE_CODE
    assert properties["ALLUSERS"] == "1", "per-machine"
    assert properties["ProductVersion"] == VERSION
    assert properties["AUTOSTART"] == "1"
    assert set(properties["SecureCustomProperties"].split(";")) >= {
        "AUTOSTART",
        "MODELS_DIR",
        "POLICY_FILE",
        "UI_LANGUAGE",
    }
    files = {row[2] for row in _table(msi, "File")}
    assert {"assistant.exe", "assistant-cli.exe"} <= files
    # A rebuild at the same version upgrades (VersionMax inclusive, 0x200); a newer one is a downgrade.
    upgrades = {row[6]: row for row in _table(msi, "Upgrade")}
    assert upgrades["WIX_UPGRADE_DETECTED"][2] == VERSION and int(upgrades["WIX_UPGRADE_DETECTED"][4]) & 0x200
    assert upgrades["WIX_DOWNGRADE_DETECTED"][1] == VERSION
    assert not int(upgrades["WIX_DOWNGRADE_DETECTED"][4]) & 0x100, "the same version is no downgrade"

    # Autostart: the windowed program in the Run key, a feature AUTOSTART=0 leaves out.
    run_key = [r for r in _table(msi, "Registry") if r[2] == r"Software\Microsoft\Windows\CurrentVersion\Run"]
    assert run_key and run_key[0][4] == '"[INSTALLDIR]assistant.exe" tray'
    features = {row[1]: row[0] for row in _table(msi, "FeatureComponents")}
    assert features[run_key[0][5]] == "Autostart"
    assert ["Autostart", "0", 'AUTOSTART = "0"'] in _table(msi, "Condition")
    assert any(r[2] == "Assistent" and r[4] == "[INSTALLDIR]assistant.exe" for r in _table(msi, "Shortcut"))
    # %ProgramData%\assistant: SYSTEM and Administrators write, Users only read; not inherited.
    acl = {row[0]: row for row in _table(msi, "MsiLockPermissionsEx")}
    assert acl["DataDirAcl"][1:4] == ["DATADIR", "CreateFolder", build_msi.DATA_DIR_SDDL]
    assert "DATADIR" in {row[0] for row in _table(msi, "CreateFolder")}

    # Deferred DLL actions (RunCli.dll: output into the msiexec log, failure fails the install),
    # each after InstallFiles or, on removal, before RemoveFiles; none after InstallFinalize.
    actions = {row[0]: row for row in _table(msi, "CustomAction")}
    sequence = {row[0]: int(row[2]) for row in _table(msi, "InstallExecuteSequence")}
    assert "RunCli" in {row[0] for row in _table(msi, "Binary")}
    for name in ("InstallPolicy", "StageModels", "RemoveMachineData"):
        kind = int(actions[name][1])
        assert (actions[name][2], actions[name][3], kind & 0x3F) == ("RunCli", "RunCli", 1), actions[name]
        assert kind & 0x400 and kind & 0x800, "deferred, as SYSTEM"
        assert not kind & 0x40, "Return=check: a failure fails the install"
        assert sequence["InstallInitialize"] < sequence[name] < sequence["InstallFinalize"]
    assert sequence["InstallFiles"] < sequence["InstallPolicy"] < sequence["StageModels"]
    assert sequence["RemoveShortcuts"] < sequence["RemoveMachineData"] < sequence["RemoveFiles"]
    assert sequence["RemoveExistingProducts"] < sequence["InstallInitialize"]
    conditions = {row[0]: row[1] for row in _table(msi, "InstallExecuteSequence")}
    assert "NOT UPGRADINGPRODUCTCODE" in conditions["RemoveMachineData"], "an upgrade keeps IT's data"
    assert conditions["StageModelsDataSlash"].endswith('MODELS_DIR >> "\\"')

    # Windows: IT's values (spaces, UNC share, trailing backslashes, upper-case language), split
    # by the C runtime's rules: every argument is the path IT meant.
    windows = {
        "INSTALLDIR": "C:\\Program Files\\Assistent\\",
        "DATADIR": "C:\\ProgramData\\assistant\\",
        "SYSTEMMODELSDIR": "C:\\ProgramData\\assistant\\models\\",
        "POLICY_FILE": "\\\\server\\IT share\\policy.toml",
        "UI_LANGUAGE": "DA",
    }
    for models_dir in ("\\\\server\\IT share\\modeller\\", "D:\\IT modeller"):
        data = _action_data(actions, models_dir)
        values = {**windows, "MODELS_DIR": models_dir}
        policy = windows_argv(_fill(data["InstallPolicy"], values))
        assert policy[:3] == ["C:\\Program Files\\Assistent\\assistant-cli.exe", "config", "policy-install"]
        assert policy[3:] == [windows["POLICY_FILE"], "--ui-language", "DA", "--target", policy[-1]]
        assert PureWindowsPath(policy[-1]) == PureWindowsPath("C:/ProgramData/assistant/policy.toml")
        stage = windows_argv(_fill(data["StageModels"], values))
        assert stage[1:3] == ["models", "install"] and stage[4:6] == ["--system", "--system-dir"], stage
        assert PureWindowsPath(stage[3]) == PureWindowsPath(models_dir.rstrip("\\")), stage
        assert PureWindowsPath(stage[6]) == PureWindowsPath("C:/ProgramData/assistant/models"), stage
        clean = windows_argv(_fill(data["RemoveMachineData"], values))
        assert clean[1:4] == ["config", "machine-clean", "--target"] and len(clean) == 5, clean
        assert PureWindowsPath(clean[4]).name == "assistant"

    # Linux: the same commands with Linux paths (folders ending in "/", a models folder with a
    # space) run with the Linux bundle. policy-install checks that every user can read what it
    # wrote: not under pytest's 0700 folders.
    machine = public_tmp / "ProgramData" / "assistant"
    share = tmp_path / "IT share"
    model = share / "IT models" / "it-model"
    model.mkdir(parents=True)
    (model / "model.bin").write_bytes(os.urandom(5000))
    (model / "config.json").write_text("{}", encoding="utf-8")
    (model / "model.json").write_text('{"languages": ["da"]}', encoding="utf-8")
    (share / "policy.toml").write_text("[locked.models]\nallow_download = false\n", encoding="utf-8")
    values = {
        "POLICY_FILE": str(share / "policy.toml"),
        "UI_LANGUAGE": "DA",
        "MODELS_DIR": f"{share / 'IT models'}/",
        "DATADIR": f"{machine}/",
        "SYSTEMMODELSDIR": f"{machine}/models/",
        "INSTALLDIR": "",
    }
    env = clean_env(ASSISTANT_HOME=str(tmp_path / "home"), ASSISTANT_POLICY=str(machine / "policy.toml"))
    data = _action_data(actions, values["MODELS_DIR"])
    for name in ("InstallPolicy", "StageModels"):
        argv = shlex.split(_fill(data[name], values))
        assert argv[0] == "assistant-cli.exe"
        done = run([str(bundle.exe), *argv[1:]], env)
        assert done.returncode == 0, (name, argv, done.stderr)
    policy = (machine / "policy.toml").read_text(encoding="utf-8")
    assert 'ui_language = "da"' in policy and "allow_download = false" in policy
    assert (machine / "models" / "it-model" / "model.bin").is_file()
    clean = shlex.split(_fill(data["RemoveMachineData"], values))
    done = run([str(bundle.exe), *clean[1:]], env)
    assert done.returncode == 0, done.stderr
    assert list(machine.iterdir()) == []
