"""Where the product keeps its files.

User files live in the platform's user directories (platformdirs). ``ASSISTANT_HOME`` moves
every user file of a run (config, data, logs, models, cache) under one folder, for tests and
portable installs. The machine-wide policy file is IT's; ``ASSISTANT_POLICY`` points at another
one (tests, staging).
"""

from __future__ import annotations

import os
import sys
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
    policy_file: Path
    system_models_dir: Path

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


def default_policy_file() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / APP_NAME / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "policy.toml"
    return Path("/etc") / APP_NAME / "policy.toml"


def default_system_models_dir() -> Path:
    """Where IT pre-stages models for every user of the machine."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / APP_NAME / "models"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "models"
    return Path("/usr/share") / APP_NAME / "models"


def resolve(environ: dict[str, str] | None = None) -> Paths:
    """The paths for this run, honouring ``ASSISTANT_HOME`` and ``ASSISTANT_POLICY``."""
    env = os.environ if environ is None else environ
    policy = Path(env["ASSISTANT_POLICY"]) if env.get("ASSISTANT_POLICY") else default_policy_file()
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
            policy_file=policy,
            system_models_dir=system_models,
        )
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        policy_file=policy,
        system_models_dir=system_models,
    )
