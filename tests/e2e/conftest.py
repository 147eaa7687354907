"""The packaging tests' session fixtures (the bundle and the .deb, each built once)."""

from tests.support.packaging import bundle, deb_file  # noqa: F401
