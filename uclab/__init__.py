"""uclab: OAuth in Cisco Unified Communications, simulated in-process so it can be learned by
running it. Start with :class:`Lab`.

Every name below is loaded on first use (PEP 562), so that ``uclab diagnose`` and the other
light verbs start without the simulator, and the notebooks' plotly and ipywidgets load only
for the workbook."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: name -> the module that defines it (a module itself when the name is a subpackage)
_EXPORTS: dict[str, str] = {
    **{name: "uclab.core.errors" for name in (
        "ConfigError", "InvalidGrant", "InvalidRequest", "InvalidToken", "OAuthError",
        "UclabError", "UnknownHostError")},
    "Clock": "uclab.core.clock",
    "Exchange": "uclab.core.wire", "Request": "uclab.core.wire", "Response": "uclab.core.wire",
    "Version": "uclab.facts.releases",
    "AXL_USER": "uclab.lab", "LAB_PASSWORD": "uclab.lab", "Lab": "uclab.lab",
    "AuthzKeys": "uclab.protocols.keys",
    **{name: "uclab.protocols.validation" for name in (
        "Decision", "Validation", "validate_access_token", "validate_refresh_token")},
    "CucmCluster": "uclab.sim.cucm.cluster", "CucmNode": "uclab.sim.cucm.node",
    "Jabber": "uclab.sim.jabber.client", "Outcome": "uclab.sim.jabber.client",
    "Trace": "uclab.trace.file", "TraceError": "uclab.trace.file",
}
#: subpackages offered as attributes (``uclab.faults``, ``uclab.checks`` ...)
_MODULES: dict[str, str] = {
    "facts": "uclab.facts", "faults": "uclab.faults", "interview": "uclab.interview",
    "drill": "uclab.drill", "diagnose": "uclab.diagnose",
    **{name: f"uclab.workbook.{name}" for name in ("checks", "compat", "usage", "views",
                                                     "widgets")},
}

__all__ = [
    "AXL_USER", "AuthzKeys", "Clock", "ConfigError", "CucmCluster", "CucmNode", "Decision",
    "Exchange", "InvalidGrant", "InvalidRequest", "InvalidToken", "Jabber", "LAB_PASSWORD", "Lab",
    "OAuthError", "Outcome", "Request", "Response", "Trace", "TraceError", "UclabError",
    "UnknownHostError", "Validation", "Version", "checks", "compat", "diagnose", "drill", "facts",
    "faults", "interview", "usage", "validate_access_token", "validate_refresh_token", "views",
    "widgets",
]

if TYPE_CHECKING:  # what a type checker and an editor see
    from uclab import diagnose, drill, facts, faults, interview
    from uclab.core.clock import Clock
    from uclab.core.errors import (
        ConfigError,
        InvalidGrant,
        InvalidRequest,
        InvalidToken,
        OAuthError,
        UclabError,
        UnknownHostError,
    )
    from uclab.core.wire import Exchange, Request, Response
    from uclab.facts.releases import Version
    from uclab.lab import AXL_USER, LAB_PASSWORD, Lab
    from uclab.protocols.keys import AuthzKeys
    from uclab.protocols.validation import (
        Decision,
        Validation,
        validate_access_token,
        validate_refresh_token,
    )
    from uclab.sim.cucm.cluster import CucmCluster
    from uclab.sim.cucm.node import CucmNode
    from uclab.sim.jabber.client import Jabber, Outcome
    from uclab.trace.file import Trace, TraceError


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'uclab' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
