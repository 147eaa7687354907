"""Where the product keeps its files.

User files live in the platform's user directories (platformdirs). ``ASSISTANT_HOME`` moves
every user file of a run (config, data, logs, models, cache) under one folder, for tests and
portable installs.

IT's machine policy is always read from the machine's fixed location: nothing in a user's
environment can move it (on Windows the folder comes from the system's known-folder API, not from
%ProgramData%, which any user can set). ``ASSISTANT_POLICY`` names an *additional* policy (tests,
portable installs, staging) that may only add locks: it is layered under IT's, never instead of it
(see docs/admin.md, "Where the policy is read from").
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "assistant"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path
    machine_policy_file: Path  # IT's, at the machine's fixed location
    system_models_dir: Path
    extra_policy_file: Path | None = None  # ASSISTANT_POLICY: may only add locks

    @property
    def policy_files(self) -> tuple[Path, ...]:
        """Every policy in force, IT's first (it wins wherever both set a key)."""
        extra = () if self.extra_policy_file is None else (self.extra_policy_file,)
        return (self.machine_policy_file, *extra)

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "assistant.log"


# FOLDERID_ProgramData, {62AB5D82-FDC1-4DC3-A9DD-070D1D495D97}
_FOLDERID_PROGRAM_DATA = (0x62AB5D82, 0xFDC1, 0x4DC3, (0xA9, 0xDD, 0x07, 0x0D, 0x1D, 0x49, 0x5D, 0x97))


def windows_program_data() -> Path:  # pragma: no cover - exercised on Windows only
    """The machine's ProgramData folder from SHGetKnownFolderPath: a user can set %PROGRAMDATA%
    in her own environment, but not the system's known folder."""
    import ctypes
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [
            ("Data1", wintypes.DWORD),
            ("Data2", wintypes.WORD),
            ("Data3", wintypes.WORD),
            ("Data4", ctypes.c_ubyte * 8),
        ]

    d1, d2, d3, d4 = _FOLDERID_PROGRAM_DATA
    folder_id = GUID(d1, d2, d3, (ctypes.c_ubyte * 8)(*d4))
    result = ctypes.c_wchar_p()
    shell32 = ctypes.WinDLL("shell32", use_last_error=True)
    ole32 = ctypes.WinDLL("ole32")
    shell32.SHGetKnownFolderPath.argtypes = [
        ctypes.POINTER(GUID),
        wintypes.DWORD,
        wintypes.HANDLE,
        ctypes.POINTER(ctypes.c_wchar_p),
    ]
    shell32.SHGetKnownFolderPath.restype = ctypes.c_long
    ole32.CoTaskMemFree.argtypes = [ctypes.c_void_p]
    # KF_FLAG_DONT_VERIFY: the path even if the folder is missing; no token: the machine's folder.
    hr = shell32.SHGetKnownFolderPath(ctypes.byref(folder_id), 0x00004000, None, ctypes.byref(result))
    try:
        if hr != 0 or not result.value:
            raise OSError(f"SHGetKnownFolderPath(ProgramData) failed (HRESULT {hr & 0xFFFFFFFF:#010x})")
        return Path(result.value)
    finally:
        ole32.CoTaskMemFree(result)


def machine_dir() -> Path:
    """The machine's own folder for the product (IT's policy, pre-staged models on Windows/macOS).
    Never derived from the environment."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return windows_program_data() / APP_NAME
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return Path("/Library/Application Support") / APP_NAME
    return Path("/etc") / APP_NAME


def default_policy_file() -> Path:
    """IT's policy: ``/etc/assistant/policy.toml``, ``<ProgramData>\\assistant\\policy.toml``,
    ``/Library/Application Support/assistant/policy.toml``."""
    return machine_dir() / "policy.toml"


def default_system_models_dir() -> Path:
    """Where IT pre-stages models for every user of the machine."""
    if sys.platform in ("win32", "darwin"):
        return machine_dir() / "models"
    return Path("/usr/share") / APP_NAME / "models"


def resolve(environ: Mapping[str, str] | None = None, *, machine_policy: Path | None = None) -> Paths:
    """The paths for this run, honouring ``ASSISTANT_HOME`` and ``ASSISTANT_POLICY`` (an additional
    policy). ``machine_policy`` is for this project's in-process tests only: it is a parameter, not
    an environment variable, so no user can reach it."""
    env = os.environ if environ is None else environ
    machine = machine_policy if machine_policy is not None else default_policy_file()
    extra = Path(env["ASSISTANT_POLICY"]) if env.get("ASSISTANT_POLICY") else None
    system_models = (
        Path(env["ASSISTANT_SYSTEM_MODELS"])
        if env.get("ASSISTANT_SYSTEM_MODELS")
        else default_system_models_dir()
    )
    home = env.get("ASSISTANT_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(
            config_dir=root / "config",
            data_dir=root / "data",
            log_dir=root / "logs",
            cache_dir=root / "cache",
            machine_policy_file=machine,
            system_models_dir=system_models,
            extra_policy_file=extra,
        )
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        machine_policy_file=machine,
        system_models_dir=system_models,
        extra_policy_file=extra,
    )
