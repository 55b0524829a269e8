"""The IM&P services an admin restarts in Cisco Unified IM and Presence Serviceability (S35).

What a restart does to the node is in :meth:`uclab.sim.imp.node.ImpNode.restart_service`.
"""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.facts import (
    SVC_CLIENT_PROFILE_AGENT,
    SVC_PRESENCE_ENGINE,
    SVC_SIP_PROXY,
    SVC_TOMCAT,
    SVC_XCP_AUTH,
    SVC_XCP_CM,
    SVC_XCP_ROUTER,
    Fact,
)

SERVICES = (SVC_XCP_AUTH, SVC_XCP_CM, SVC_XCP_ROUTER, SVC_TOMCAT, SVC_SIP_PROXY,
            SVC_PRESENCE_ENGINE, SVC_CLIENT_PROFILE_AGENT)


def service_named(name: str) -> Fact:
    """The service called exactly ``name``; anything else is a :class:`ConfigError` that
    suggests the name a learner probably meant and lists the known ones."""
    for svc in SERVICES:
        if name == svc:
            return svc
    close = [s for s in SERVICES if isinstance(name, str) and s.lower() == name.strip().lower()]
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ConfigError(f"no IM&P service is called {name!r}{hint}; known: "
                      + "; ".join(SERVICES))
