"""Unity Connection's enterprise parameters: the "SSO and OAuth Configuration" section of System
Settings > Enterprise Parameters (S13, S6, S9, S11, S23)."""

from __future__ import annotations

from uclab import facts
from uclab.facts.releases import Version, supports_refresh
from uclab.sim.cucm.params import EnterpriseParameters, ParamSpec

PARAM_SPECS: tuple[ParamSpec, ...] = (
    ParamSpec(facts.PARAM_REFRESH_FLOW, str(facts.DISABLED),
              choices=(str(facts.ENABLED), str(facts.DISABLED)), available=supports_refresh),
    ParamSpec(facts.PARAM_IOS_SSO, str(facts.IOS_EMBEDDED),
              choices=(str(facts.IOS_EMBEDDED), str(facts.IOS_NATIVE))),
)
"""CUC's "SSO and OAuth Configuration" section: "OAuth with Refresh Login Flow", Disabled by
default (S13, S6, S9), and "SSO Login Behavior for iOS", the same setting as CUCM's (S11, S23);
its CUC default is taken to be CUCM's, "Use Embedded Browser" [U]."""


def unity_parameters(version: Version) -> EnterpriseParameters:
    """Unity Connection's own enterprise parameters (SSO and OAuth Configuration section)."""
    return EnterpriseParameters(version, PARAM_SPECS, product="Unity Connection",
                                page=str(facts.PAGE_ENTERPRISE_PARAMETERS))
