"""Composition root: builds the services a run needs from the settings. No Qt here.

The CLI and the tray both start from :class:`App`. Engines are created lazily so that a
command only pays for what it uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from assistant import paths as paths_module
from assistant.config import Config, load_config
from assistant.paths import Paths


@dataclass
class App:
    paths: Paths
    config: Config
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    @classmethod
    def create(cls, environ: dict[str, str] | None = None) -> App:
        env = dict(os.environ if environ is None else environ)
        paths = paths_module.resolve(env)
        return cls(paths=paths, config=load_config(paths), environ=env)
