"""Choose one implementation of a technology at run time and remember why the others lost.

Each technology (speech engine, voice engine, injection backend, hotkey backend) implements
``available() -> str | None``: ``None`` when it can run here, otherwise the reason it cannot.
A :class:`Registry` asks each candidate in order and keeps every rejection, so that
``assistant doctor`` and error messages can say exactly why a backend was not used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from assistant.errors import EngineUnavailable


class Backend(Protocol):
    """What every pluggable technology exposes to the registry."""

    name: str

    def available(self) -> str | None:
        """``None`` if usable on this machine now, else a short reason it is not."""
        ...


B = TypeVar("B", bound=Backend)


@dataclass(frozen=True)
class Probe:
    """The outcome of asking one backend whether it can run."""

    name: str
    reason: str | None  # None means available

    @property
    def ok(self) -> bool:
        return self.reason is None


class Registry(Generic[B]):
    """An ordered set of candidate backends of one kind (e.g. speech-to-text)."""

    def __init__(self, kind: str, factories: Iterable[tuple[str, Callable[[], B]]]) -> None:
        self.kind = kind
        self._factories = dict(factories)

    @property
    def names(self) -> list[str]:
        return list(self._factories)

    def create(self, name: str) -> B:
        try:
            factory = self._factories[name]
        except KeyError:
            choices = ", ".join(self._factories)
            raise EngineUnavailable(
                f"Unknown {self.kind} backend '{name}'", f"Choose one of: {choices}"
            ) from None
        return factory()

    def probe(self, name: str) -> Probe:
        try:
            backend = self.create(name)
            reason = backend.available()
        except Exception as exc:  # a broken backend must not break the others
            reason = f"failed to start: {type(exc).__name__}: {exc}"
        return Probe(name, reason)

    def probe_all(self) -> list[Probe]:
        return [self.probe(name) for name in self._factories]

    def choose(self, order: Iterable[str] | None = None) -> tuple[B, list[Probe]]:
        """The first available backend in ``order`` (default: registration order).

        Returns the backend and the probes of those tried before it. Raises
        :class:`EngineUnavailable` naming every reason when none can run.
        """
        probes: list[Probe] = []
        for name in order or self._factories:
            try:
                backend = self.create(name)
                reason = backend.available()
            except EngineUnavailable as exc:
                reason = exc.message
            except Exception as exc:
                reason = f"failed to start: {type(exc).__name__}: {exc}"
            if reason is None:
                return backend, probes
            probes.append(Probe(name, reason))
        detail = "; ".join(f"{p.name}: {p.reason}" for p in probes) or "none configured"
        raise EngineUnavailable(
            f"No {self.kind} backend can run here ({detail})",
            "Run 'assistant doctor' for what to install or change",
        )
