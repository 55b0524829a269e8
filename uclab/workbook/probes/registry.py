"""The probe registry: each exercise's probe by name, and running one on a seeded lab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from uclab.core.errors import ConfigError

Probe = Callable[[int], Any]
#: every registered probe, by function name
PROBES: dict[str, Probe] = {}


def probe(func: Probe) -> Probe:
    """Register ``func`` under its name (the name an exercise's ``probe`` key uses)."""
    if func.__name__ in PROBES:
        raise ConfigError(f"a probe called {func.__name__!r} is already registered")
    PROBES[func.__name__] = func
    return func


def run(name: str, seed: int = 1) -> Any:
    """Run the probe ``name`` on a lab of ``seed``."""
    func = PROBES.get(name) if isinstance(name, str) else None
    if func is None:
        raise ConfigError(f"no exercise probe called {name!r}; known: {', '.join(PROBES)}")
    return func(seed)
