"""What every grant of CUCM's AuthZ service shares: the validated authorization request, the
error that goes back to the redirect URI, the scope check, and the minting of tokens.

Tokens are CUCM-shaped (:mod:`uclab.protocols.tokens`), signed and encrypted with the
publisher's keys (S1, S2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from uclab.core import defaults
from uclab.core.errors import InvalidScope
from uclab.facts import AUDIENCE_UC, TOKEN_REFRESH_EXPIRES_IN
from uclab.protocols import tokens
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.store import Client, RefreshTokenRow, Store


@dataclass
class AuthorizeRequest:
    """A validated authorization request (RFC 6749 §4.1.1 / §4.2.1)."""

    client: Client
    redirect_uri: str
    response_type: str
    state: str | None
    scope: str
    redirect_given: bool = True
    #: the PKCE challenge to bind to the code (RFC 7636 §4.4; only where the profile checks it)
    code_challenge: str | None = None
    code_challenge_method: str | None = None


class RedirectError(Exception):
    """An authorization error sent back to the client's redirect URI (RFC 6749 §4.1.2.1)."""

    def __init__(self, error: Exception, redirect_uri: str, state: str | None,
                 fragment: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.redirect_uri = redirect_uri
        self.state = state
        self.fragment = fragment


def scope_ok(requested: str | None, allowed: str) -> str:
    """The granted scope: all of ``allowed`` when none is asked for, else a subset of it."""
    if requested is None or requested == "":
        return allowed
    want, have = set(requested.split()), set(allowed.split())
    if not want <= have:
        raise InvalidScope(f"scope {requested!r} is not within the client's {allowed!r}")
    return " ".join(sorted(want))


class GrantBase:
    """One cluster's AuthZ service, as every grant sees it: the cluster, its store, the clock."""

    def __init__(self, cluster: Any) -> None:
        # ``cluster``: the CucmCluster whose AuthZ service this is (it imports this package,
        # so the type is not imported back)
        self.cluster = cluster
        self.store: Store = cluster.store

    @property
    def now(self) -> int:
        return self.cluster.clock.now()

    def log_refusal(self, log: AuthzDecisions | None, check: str, detail: str) -> None:
        """Write a refusal both profiles share to the request's decision log (its ``detail``
        a format with ``{label}``: the profile's label)."""
        if log is not None:
            log.add(check, False, detail.format(label=self.cluster.profile.label))

    def _random(self) -> str:
        return self.cluster.entropy.urlsafe(defaults.RANDOM_BYTES)

    def _issue(self, client: Client, user_id: str, scope: str, *, new_refresh: bool,
               grant_id: str | None = None) -> dict[str, Any]:
        rng, now, params = self.cluster.entropy, self.now, self.cluster.params
        keys = self.cluster.publisher.keys
        out: dict[str, Any] = {}
        if new_refresh:
            tid = rng.uuid4()
            grant_id = rng.uuid4()
            expires = now + params.refresh_lifetime_s
            self.store.add_refresh(RefreshTokenRow(grant_id, tid, user_id, client.client_id,
                                                   expires, scope=scope, issued_at=now))
            claims = tokens.refresh_claims(keys=keys, token_id=tid, client_id=client.client_id,
                                           expires_at=expires)
            out["refresh_token"] = tokens.mint_refresh_token(keys, claims)
            # the seed names a refresh token expiration time; the field name is uclab's [U]
            out[str(TOKEN_REFRESH_EXPIRES_IN)] = params.refresh_lifetime_s
            out["_tid"] = tid
        claims = tokens.access_claims(keys=keys, user_id=user_id, client_id=client.client_id,
                                      token_id=rng.uuid4(), grant_id=grant_id, now=now,
                                      lifetime_s=params.access_lifetime_s, scope=scope,
                                      audience=str(AUDIENCE_UC))
        access = tokens.mint_access_token(keys, claims, iv=rng.bytes(16))
        return {"access_token": access, "token_type": "Bearer",
                "expires_in": params.access_lifetime_s, "scope": scope, **out}
