"""CUCM releases, and which OAuth grant flows each one offers.

* 10.5(2) and later: the implicit grant ("simple" OAuth), SAML SSO only, access tokens only,
  held in the issuing node's memory (S1, S6);
* 11.5(1)SU3 / 12.0 and later: the authorization code grant with refresh tokens, with or without
  SSO, only when "OAuth with Refresh Login Flow" is Enabled (S1, S2, S6, S11); the implicit grant
  stays for older clients (S1, S2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from uclab.core.errors import ConfigError
from uclab.facts import (
    PARAM_REFRESH_EXPIRY_MAX_90,
    PARAM_REFRESH_EXPIRY_MAX_365,
    RELEASE_IMPLICIT,
    RELEASE_REFRESH,
    RELEASE_REFRESH_RANGE_365,
    RENEWAL_FROM_RELEASE,
)

_VERSION = re.compile(r"^\s*(\d+)(?:\.(\d+))?(?:\((\d+)\))?(?:\s*SU(\d+)([a-z]?))?\s*$", re.I)


@total_ordering
@dataclass(frozen=True)
class Version:
    """A CUCM release such as ``11.5(1)SU3``, ``12.0(1)`` or ``14`` (compared numerically)."""

    major: int
    minor: int = 0
    maint: int = 1
    su: int = 0

    @classmethod
    def parse(cls, text: str | Version) -> Version:
        if isinstance(text, Version):
            return text
        m = _VERSION.match(str(text))
        if not m:
            raise ConfigError(f"{text!r} is not a CUCM release; write it like '11.5(1)SU3', "
                              "'12.5(1)' or '14.0'")
        major, minor, maint, su, _ = m.groups()
        return cls(int(major), int(minor or 0), int(maint or 1), int(su or 0))

    def _key(self) -> tuple[int, int, int, int]:
        return (self.major, self.minor, self.maint, self.su)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}({self.maint})" + (f"SU{self.su}" if self.su else "")


IMPLICIT_FROM = Version.parse(RELEASE_IMPLICIT)
REFRESH_FROM = Version.parse(RELEASE_REFRESH)
REFRESH_RANGE_365_FROM = Version.parse(RELEASE_REFRESH_RANGE_365)
#: CUCM 15's refresh token renewal for Webex clients (S3)
RENEWAL_FROM = Version.parse(RENEWAL_FROM_RELEASE)


def supports_implicit(version: Version) -> bool:
    return version >= IMPLICIT_FROM


def supports_refresh(version: Version) -> bool:
    """Whether the release has the authorization code grant with refresh tokens."""
    return version >= REFRESH_FROM


def supports_refresh_renewal(version: Version) -> bool:
    """Whether the release can renew a Webex client's refresh token (Release 15 onwards, S3)."""
    return version >= RENEWAL_FROM


def refresh_expiry_max_days(version: Version) -> int:
    """Upper bound of the refresh timer: 90 days (S1, 12.0) or 365 days (S2/S9, 12.5) [U]."""
    return int(PARAM_REFRESH_EXPIRY_MAX_365 if version >= REFRESH_RANGE_365_FROM
               else PARAM_REFRESH_EXPIRY_MAX_90)


def grant_flows(version: Version, *, refresh_enabled: bool, sso_enabled: bool) -> list[str]:
    """The grant flows a cluster offers now, e.g. ``['authorization_code', 'refresh_token']``."""
    flows = []
    if supports_refresh(version) and refresh_enabled:
        flows += ["authorization_code", "refresh_token"]
    if supports_implicit(version) and sso_enabled:
        flows.append("implicit")
    return flows
