"""The lab's OAuth profiles for CUCM's AuthZ service (``Lab(profile=...)``).

* ``cisco`` (default): the product as the fact sheet documents it. PKCE is documented nowhere
  (:mod:`uclab.facts.oauth_profiles`), so ``code_challenge`` and ``code_verifier`` are ignored,
  and the decision log says so as a lab assumption [U].
* ``rfc9700``: a lab-only contrast following RFC 9700. PKCE with S256 is required at the
  authorization endpoint (§2.1.1; RFC 7636 §4.3, §4.4.1) and checked at the token endpoint
  (RFC 7636 §4.6); ``plain`` is refused; a ``code_verifier`` for a code that had no challenge is
  refused (§4.8.2, PKCE downgrade); the implicit grant is refused (§2.1.2).

Both profiles compare redirect URIs by exact string (RFC 9700 §2.1; RFC 6749 §3.1.2; the
port of a loopback URI may vary, RFC 8252 §7.3) and bind refresh tokens to their client
(RFC 6749 §6, §10.4): the lab's CUCM model already did both.

RFC 9700 §2.1.1 requires PKCE of public clients and recommends it for confidential ones; the
``rfc9700`` profile requires it of every client at ``/authorize`` (the stricter choice, as the
OAuth 2.1 draft makes it). Codes from authorize_proxy (Expressway-C's MRA relay, no browser
redirect) carry no challenge in either profile: the lab's MRA Jabber sends none.
"""

from __future__ import annotations

from dataclasses import dataclass

from uclab.core.errors import ConfigError
from uclab.facts import (
    PROFILE_CISCO,
    PROFILE_CISCO_LABEL,
    PROFILE_RFC9700,
    PROFILE_RFC9700_LABEL,
)


@dataclass(frozen=True)
class OAuthProfile:
    """How strictly one cluster's AuthZ service applies OAuth best practice."""

    name: str
    #: PKCE S256 required at /authorize and checked at the token endpoint
    pkce_enforced: bool
    #: ``response_type=token`` offered (where the release and SSO offer it)
    implicit_allowed: bool
    #: how the decision log labels this profile's decisions
    label: str

    @property
    def lab_only(self) -> bool:
        return self.name != PROFILE_CISCO


PROFILES: dict[str, OAuthProfile] = {
    str(PROFILE_CISCO): OAuthProfile(str(PROFILE_CISCO), False, True, str(PROFILE_CISCO_LABEL)),
    str(PROFILE_RFC9700): OAuthProfile(str(PROFILE_RFC9700), True, False,
                                       str(PROFILE_RFC9700_LABEL)),
}


def oauth_profile(name: object) -> OAuthProfile:
    """The profile called ``name``; anything else is a :class:`ConfigError` naming the allowed."""
    profile = PROFILES.get(name) if isinstance(name, str) else None
    if profile is None:
        raise ConfigError(f"unknown OAuth profile {str(name)[:40]!r}; the profiles are "
                          f"{', '.join(repr(p) for p in PROFILES)}")
    return profile
