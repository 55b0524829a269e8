"""The refresh token grant of CUCM's AuthZ service (RFC 6749 §6): a new access token, the
refresh token kept (S1, S2), checked against the ``refreshtokendetails`` row (S1).

CUCM 15 renews the refresh token too, for Webex clients only, when "the refresh token renewal
feature has been enabled on Cisco Unified CM and Webex clients" and the refresh token "has
reached 50% of its expiry time" (S3 chunk 241). What the lab models because no source says it:
how the client signals its setting (:data:`uclab.facts.RENEWAL_CLIENT_FIELD`, lab extension) and
that the old refresh token is kept until it expires (:data:`uclab.facts.RENEWAL_OLD_TOKEN`)."""

from __future__ import annotations

from typing import Any

from uclab.core.errors import InvalidGrant
from uclab.facts import (
    CHECK_REFRESH_CLIENT,
    CHECK_REFRESH_CLIENT_REFUSED,
    REFRESH_TABLE,
    RENEWAL_CLIENT_FIELD,
    RENEWAL_PERCENT,
)
from uclab.facts.releases import supports_refresh_renewal
from uclab.protocols.validation import validate_refresh_token
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.grants.base import GrantBase, scope_ok
from uclab.sim.cucm.authz.store import Client


class RefreshTokenGrant(GrantBase):
    """The refresh grant (part of :class:`~uclab.sim.cucm.authz.grants.AuthzService`)."""

    def _refresh(self, form: Any, client: Client,
                 log: AuthzDecisions | None = None) -> dict[str, Any]:
        """RFC 6749 §6. CUCM returns a new access token and keeps the refresh token (S1, S2).
        A token of another client is refused and the refusal logged (RFC 6749 §10.4)."""
        token = form.require("refresh_token")
        keys = self.cluster.publisher.keys
        check = validate_refresh_token(token, keys, now=self.now, node="AuthZ")
        if not check.ok:
            raise InvalidGrant(f"refresh token rejected at check '{check.reason}'")
        claims = check.claims or {}
        row = self.store.refresh.get(claims["tid"])
        if row is None:
            raise InvalidGrant(f"the refresh token is not in {REFRESH_TABLE} (purged?)")
        if row.state != "active":
            raise InvalidGrant("the refresh token was revoked")
        if row.validity < self.now:
            raise InvalidGrant("the refresh token has expired")
        if claims["ccid"] != client.client_id or row.clientid != client.client_id:
            self.log_refusal(log, str(CHECK_REFRESH_CLIENT), str(CHECK_REFRESH_CLIENT_REFUSED))
            raise InvalidGrant("the refresh token was issued to another client")
        user = self.cluster.users.get(row.userid)
        if user is None or not user.active:
            raise InvalidGrant(f"user {row.userid!r} is no longer active")
        # RFC 6749 §6: bounded by the scope originally granted, not by the client's registration
        scope = scope_ok(form.get("scope"), row.scope or client.scope)
        renew = self._renews(form, client, row)
        response = self._issue(client, row.userid, scope, new_refresh=renew,
                               grant_id=None if renew else row.pkid)
        response.pop("_tid", None)
        return response

    def _renews(self, form: Any, client: Client, row: Any) -> bool:
        """CUCM 15's renewal condition (S3): a Webex client, the feature on in CUCM and in the
        client, and at least 50 % of the refresh token's lifetime gone."""
        if not (client.webex and self.cluster.refresh_token_renewal
                and supports_refresh_renewal(self.cluster.version)
                and form.get(str(RENEWAL_CLIENT_FIELD)) == "true"):
            return False
        lifetime = row.validity - row.issued_at
        return (self.now - row.issued_at) * 100 >= lifetime * int(RENEWAL_PERCENT)
