"""uclab: OAuth in Cisco Unified Communications, simulated in-process so it can be learned by
running it. Start with :class:`Lab`."""

from uclab import facts, faults, interview
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

__all__ = [
    "AXL_USER", "LAB_PASSWORD", "AuthzKeys", "Clock", "ConfigError", "CucmCluster", "CucmNode",
    "Decision", "Exchange", "InvalidGrant", "InvalidRequest", "InvalidToken", "Lab",
    "OAuthError", "Request", "Response", "UclabError", "UnknownHostError", "Validation",
    "Version", "facts", "validate_access_token", "validate_refresh_token",
    "Jabber", "Outcome", "Trace", "TraceError", "faults", "interview",
    "checks", "compat", "usage", "views", "widgets",
]
__version__ = "0.1.0"

#: submodules loaded on first use (plotly and ipywidgets are only needed by the notebooks)
_LAZY = {name: f"uclab.workbook.{name}" for name in ("checks", "compat", "usage", "views",
                                                     "widgets")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return importlib.import_module(_LAZY[name])
    raise AttributeError(f"module 'uclab' has no attribute {name!r}")
