"""Where the user guides are: ``docs/brugervejledning.md`` (Danish) and ``docs/user-guide.md``
(English), with their screenshots under ``docs/screenshots``.

They sit beside the ``assistant`` package: in a checkout (and the editable install ``scripts/run``
makes) that is the repository's ``docs/``; in the PyInstaller bundle ``installer/assistant.spec``
copies them to ``docs/`` beside the bundled package. Read offline, never fetched.
"""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDES = {"da": "brugervejledning.md", "en": "user-guide.md"}


def user_guide(language: str) -> Path:
    """The guide for the UI ``language``: the English one for "en", the Danish one for any other
    (Danish is the product's first language)."""
    return DOCS / GUIDES.get(language, GUIDES["da"])
