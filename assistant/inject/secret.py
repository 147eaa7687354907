"""Whether the field with keyboard focus is a password field, for read-as-you-type.

Asked through AT-SPI (:mod:`assistant.inject.atspi`): the role PASSWORD_TEXT, or a field whose
whole text is mask characters (its typed characters are not shown). Where the accessibility bus
cannot say (none runs, or the program publishes nothing, such as a terminal's hidden password
prompt), the answer is "not known to be secret": a documented limit (docs/reliability.md).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

log = logging.getLogger(__name__)


class SecretFieldProbe:
    """One thread at a time (the typing watcher's)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = dict(environ)
        self._atspi: Any = None
        self._focus: Any = None

    def focused_is_secret(self) -> bool:
        from assistant.inject import focus_tracker
        from assistant.inject.atspi import AtSpi

        if self._atspi is None:
            self._atspi = AtSpi(self._environ)
            try:
                self._focus = focus_tracker(self._environ)
            except Exception:
                self._focus = None
        window = None
        if self._focus is not None:
            try:
                window = self._focus.current()
            except Exception:
                window = None
        field = self._atspi.focused_field(window)
        return bool(field is not None and field.secret)

    def close(self) -> None:
        if self._atspi is not None:
            self._atspi.close()
            self._atspi = None
