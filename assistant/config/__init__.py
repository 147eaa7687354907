"""Settings: a typed schema and a layered TOML store (defaults < policy defaults < user < locked)."""

from assistant.config.schema import SCHEMA, Setting
from assistant.config.store import Config, ConfigProblem, load_config

__all__ = ["SCHEMA", "Config", "ConfigProblem", "Setting", "load_config"]
