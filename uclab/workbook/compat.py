"""Which OAuth flow a Jabber-over-MRA deployment gets, from its releases and two settings.

The release matrix of fact sheet 1.1, as data (registry entries of :mod:`uclab.facts`, named
below) and one function, :func:`which_flow`:

* **authorization code + refresh tokens** ("OAuth Refresh Logins", self-describing tokens):
  CUCM/IM&P/Unity Connection 11.5(1)SU3 or 12.0+, with "OAuth with Refresh Login Flow"
  Enabled, Jabber 11.9+ and Expressway X8.10 or later — one guide says X8.10.1, so the sources
  disagree [U] (S1, S2, S6, S11, S13). SSO is optional: CUCM or the IdP authenticates;
* **implicit grant (SSO)** ("simple" OAuth): CUCM/IM&P/CUC 10.5(2)+, Jabber 10.6+ and SAML SSO
  (S6); kept for older clients, Jabber uses the code grant whenever CUCM offers it (S1, S2);
* otherwise **no OAuth**: Jabber signs in over MRA with user credentials.

Used in: notebooks/04 (grant flows by release), :func:`uclab.workbook.widgets.release_selector`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import total_ordering

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts import Fact
from uclab.facts.releases import Version

# --- the rules' version texts, each with its source (fact sheet 1.1) ----------------------------
#: CUCM/IM&P/CUC release of the authorization code grant with refresh tokens (also 12.0).
CUCM_REFRESH = facts.RELEASE_REFRESH
#: CUCM/IM&P/CUC release of "simple" OAuth (implicit grant) over MRA.
CUCM_IMPLICIT = facts.RELEASE_IMPLICIT
JABBER_REFRESH = facts.JABBER_REFRESH
JABBER_IMPLICIT = facts.JABBER_IMPLICIT
EXPRESSWAY_REFRESH = facts.EXPRESSWAY_REFRESH
#: the other guide's Expressway release for refresh logins: the sources disagree [U]
EXPRESSWAY_REFRESH_ALT = facts.EXPRESSWAY_REFRESH_ALT
SSO_IMPLICIT = facts.SSO_IMPLICIT
#: no source gives the Expressway release simple OAuth needs: not checked [U]
EXPRESSWAY_IMPLICIT = facts.EXPRESSWAY_IMPLICIT

FLOW_REFRESH = "authorization code + refresh tokens"
FLOW_IMPLICIT = "implicit grant (SSO)"
FLOW_CREDENTIALS = "no OAuth: user credentials"
FLOWS = (FLOW_REFRESH, FLOW_IMPLICIT, FLOW_CREDENTIALS)

_JABBER = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?\s*$")
_EXPRESSWAY = re.compile(r"^\s*[Xx]?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?\s*$")


@total_ordering
@dataclass(frozen=True)
class ProductVersion:
    """A dotted release such as Jabber ``12.8`` or Expressway ``X8.10.1`` (compared
    numerically, a missing third part counting as 0)."""

    parts: tuple[int, int, int]
    prefix: str = ""

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ProductVersion):
            return NotImplemented
        return self.parts < other.parts

    def __str__(self) -> str:
        major, minor, patch = self.parts
        return f"{self.prefix}{major}.{minor}" + (f".{patch}" if patch else "")


def parse_jabber(text: str) -> ProductVersion:
    """``"11.9"``, ``"12.8"``, ``"14.3"`` (or ``"12.9.1"``); anything else is a ConfigError."""
    m = _JABBER.match(text) if isinstance(text, str) else None
    if not m:
        raise ConfigError(f"{text!r} is not a Jabber release; write it like '11.9', '12.8' or "
                          "'14.3'")
    return ProductVersion((int(m[1]), int(m[2]), int(m[3] or 0)))


def parse_expressway(text: str) -> ProductVersion:
    """``"X8.10.1"``, ``"X12.5.7"``, ``"X14.3"`` (the X may be left out)."""
    m = _EXPRESSWAY.match(text) if isinstance(text, str) else None
    if not m:
        raise ConfigError(f"{text!r} is not an Expressway release; write it like 'X8.10.1', "
                          "'X12.5.7' or 'X14.3'")
    return ProductVersion((int(m[1]), int(m[2]), int(m[3] or 0)), "X")


def parse_cucm(text: str) -> Version:
    """A CUCM release (``"11.5(1)SU3"``, ``"12.5(1)"``); a ConfigError names the form."""
    if not isinstance(text, str):
        raise ConfigError(f"a CUCM release is text like '11.5(1)SU3' (got "
                          f"{type(text).__name__})")
    return Version.parse(text)


def _cite(fact: Fact) -> str:
    return f"{fact.label} ({fact.source})"


@dataclass
class FlowAnswer:
    """The flow Jabber gets over MRA, each rule that decided it, and what the sources leave
    open."""

    flow: str
    reasons: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"Flow: {self.flow}", *(f"  {r}" for r in self.reasons)]
        lines += [f"  {u}" for u in self.uncertain]
        return "\n".join(lines)

    __str__ = report


def _rule(ok: bool, text: str, fact: Fact) -> str:
    return f"{'met' if ok else 'NOT met'}: {text} {_cite(fact)}"


def which_flow(cucm: str, jabber: str, expressway: str, *, sso: bool,
               refresh_enabled: bool) -> FlowAnswer:
    """The OAuth flow of a Jabber MRA sign-in for these releases (fact sheet 1.1).

    ``sso``: SAML SSO is deployed; ``refresh_enabled``: CUCM's "OAuth with Refresh Login Flow"
    is Enabled. Bad version text raises :class:`~uclab.core.errors.ConfigError` naming the form.
    """
    cucm_v = parse_cucm(cucm)
    jabber_v = parse_jabber(jabber)
    expwy_v = parse_expressway(expressway)
    for name, value in (("sso", sso), ("refresh_enabled", refresh_enabled)):
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be True or False (got {value!r})")

    reasons: list[str] = []
    uncertain: list[str] = []
    cucm_refresh = cucm_v >= Version.parse(CUCM_REFRESH)
    reasons.append(_rule(cucm_refresh, f"CUCM {cucm_v} {'>=' if cucm_refresh else '<'} "
                         f"{CUCM_REFRESH} (or 12.0): authorization code grant with refresh "
                         "tokens", CUCM_REFRESH))
    if cucm_refresh:
        reasons.append(_rule(refresh_enabled, f"'{facts.PARAM_REFRESH_FLOW}' = "
                             f"{facts.ENABLED if refresh_enabled else facts.DISABLED} "
                             "(its default is Disabled)", facts.PARAM_REFRESH_FLOW))
    else:
        reasons.append(_rule(False, f"'{facts.PARAM_REFRESH_FLOW}' does not exist before "
                             f"{CUCM_REFRESH}", facts.PARAM_REFRESH_FLOW))
    jabber_refresh = jabber_v >= parse_jabber(JABBER_REFRESH)
    reasons.append(_rule(jabber_refresh, f"Jabber {jabber_v} {'>=' if jabber_refresh else '<'} "
                         f"{JABBER_REFRESH}: refresh logins", JABBER_REFRESH))
    low, high = parse_expressway(EXPRESSWAY_REFRESH), parse_expressway(EXPRESSWAY_REFRESH_ALT)
    expwy_refresh = expwy_v >= low
    disputed = low <= expwy_v < high
    reasons.append(_rule(expwy_refresh, f"Expressway {expwy_v} {'>=' if expwy_refresh else '<'} "
                         f"{EXPRESSWAY_REFRESH}: '{facts.OAUTH_REFRESH}' on MRA Access Control",
                         EXPRESSWAY_REFRESH_ALT if disputed else EXPRESSWAY_REFRESH))
    if disputed:
        uncertain.append(f"[U] Expressway {expwy_v}: the guides say {EXPRESSWAY_REFRESH} or "
                         f"later, one says {EXPRESSWAY_REFRESH_ALT}; uclab follows "
                         f"{EXPRESSWAY_REFRESH} ({EXPRESSWAY_REFRESH_ALT.source})")
    if cucm_refresh and refresh_enabled and jabber_refresh and expwy_refresh:
        reasons.append(f"=> {FLOW_REFRESH}: Jabber checks that CUCM offers the code grant and "
                       f"then uses it, with or without SSO [C] (S1, S2, S6, S11)")
        return FlowAnswer(FLOW_REFRESH, reasons, uncertain)

    cucm_implicit = cucm_v >= Version.parse(CUCM_IMPLICIT)
    reasons.append(_rule(cucm_implicit, f"CUCM {cucm_v} {'>=' if cucm_implicit else '<'} "
                         f"{CUCM_IMPLICIT}: simple OAuth (implicit grant) over MRA",
                         CUCM_IMPLICIT))
    jabber_implicit = jabber_v >= parse_jabber(JABBER_IMPLICIT)
    reasons.append(_rule(jabber_implicit, f"Jabber {jabber_v} "
                         f"{'>=' if jabber_implicit else '<'} {JABBER_IMPLICIT}: simple OAuth "
                         "over MRA", JABBER_IMPLICIT))
    reasons.append(_rule(sso, f"{SSO_IMPLICIT} {'is' if sso else 'is not'} deployed: simple "
                         "OAuth needs it", SSO_IMPLICIT))
    if cucm_implicit and jabber_implicit and sso:
        uncertain.append(f"[U] {EXPRESSWAY_IMPLICIT.note}")
        reasons.append(f"=> {FLOW_IMPLICIT}: short-lived access tokens held by the issuing "
                       "node, no refresh token; when it expires Jabber goes back to the IdP "
                       "[C] (S1)")
        return FlowAnswer(FLOW_IMPLICIT, reasons, uncertain)
    reasons.append(f"=> {FLOW_CREDENTIALS}: Jabber sends the user's credentials over MRA "
                   f"(Expressway-C '{facts.USER_CREDS}') [C] (S6, S17, S18)")
    return FlowAnswer(FLOW_CREDENTIALS, reasons, uncertain)
