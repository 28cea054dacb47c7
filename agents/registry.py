"""The agent registry: built-in agents register themselves; plug-ins come through entry points.

Third-party packages declare, in their ``pyproject.toml``::

    [project.entry-points."advisor.agents"]
    weather = "my_package.weather:WeatherAgent"

A plug-in that fails to import, or is not an ``Agent`` subclass, is logged and skipped.
"""
from __future__ import annotations

import importlib
import logging
from importlib.metadata import entry_points

from agents.base import Agent

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "advisor.agents"
BUILTIN_MODULES = ("agents.general", "agents.search_recommend", "agents.medical_triage", "agents.surveillance")

_REGISTRY: dict[str, type[Agent]] = {}
_loaded = False


class UnknownAgentError(KeyError):
    """No agent of that name is installed."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown agent"


def register(cls: type[Agent]) -> type[Agent]:
    """Class decorator: add an agent class to the registry under its ``name``."""
    if not (isinstance(cls, type) and issubclass(cls, Agent)):
        raise TypeError(f"{cls!r} is not an Agent subclass")
    if not cls.name or not cls.name.isidentifier():
        raise ValueError(f"agent {cls.__name__} needs a `name` that is a Python identifier, got {cls.name!r}")
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                log.exception("built-in agent module %s failed to import", module)
        except Exception:  # noqa: BLE001 - one broken agent must not take the others down
            log.exception("built-in agent module %s failed to import", module)


def _load_plugins() -> None:
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = entry.load()
            register(cls)
        except Exception as exc:  # noqa: BLE001 - a broken plug-in is logged and skipped
            log.warning("agent plug-in %r (%s) skipped: %s: %s", entry.name, entry.value, type(exc).__name__, exc)


def load_all(reload: bool = False) -> dict[str, type[Agent]]:
    global _loaded
    if reload or not _loaded:
        _load_builtins()
        _load_plugins()
        _loaded = True
    return dict(_REGISTRY)


def available() -> dict[str, type[Agent]]:
    """Every installed agent class by name (built-ins first, then plug-ins)."""
    return load_all()


def get(name: str) -> type[Agent]:
    agents = available()
    if name not in agents:
        raise UnknownAgentError(f"unknown agent {name!r}; installed: {', '.join(sorted(agents))}")
    return agents[name]
