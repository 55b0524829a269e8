"""uclab: OAuth in Cisco Unified Communications, simulated in-process so it can be learned by
running it. Start with :class:`Lab`."""

from . import facts, faults
from .clock import Clock
from .cucm import CucmCluster, CucmNode
from .errors import (
    ConfigError,
    InvalidGrant,
    InvalidRequest,
    InvalidToken,
    OAuthError,
    UclabError,
    UnknownHostError,
)
from .jabber import Jabber, Outcome
from .keys import AuthzKeys
from .lab import AXL_USER, LAB_PASSWORD, Lab
from .releases import Version
from .trace import Trace, TraceError
from .validation import Decision, Validation, validate_access_token, validate_refresh_token
from .wire import Exchange, Request, Response

__all__ = [
    "AXL_USER", "LAB_PASSWORD", "AuthzKeys", "Clock", "ConfigError", "CucmCluster", "CucmNode",
    "Decision", "Exchange", "InvalidGrant", "InvalidRequest", "InvalidToken", "Lab",
    "OAuthError", "Request", "Response", "UclabError", "UnknownHostError", "Validation",
    "Version", "facts", "validate_access_token", "validate_refresh_token",
    "Jabber", "Outcome", "Trace", "TraceError", "faults",
    "checks", "compat", "usage", "views", "widgets",
]
__version__ = "0.1.0"

#: submodules loaded on first use (plotly and ipywidgets are only needed by the notebooks)
_LAZY = ("checks", "compat", "usage", "views", "widgets")


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'uclab' has no attribute {name!r}")
