"""The authorization code grant of CUCM's AuthZ service (from 11.5(1)SU3 / 12.0, with "OAuth
with Refresh Login Flow" Enabled, S1, S2): codes bound to client, user and redirect URI,
authorize_proxy for Expressway-C (seed article), and their redemption (RFC 6749 §4.1.3).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from uclab.core import defaults
from uclab.core.errors import InvalidGrant, UnauthorizedClient, UnsupportedResponseType
from uclab.facts import DISABLED, PARAM_REFRESH_FLOW, RELEASE_REFRESH
from uclab.facts.releases import supports_refresh
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.grants.base import scope_ok
from uclab.sim.cucm.authz.grants.pkce import PkceChecks
from uclab.sim.cucm.authz.store import Client, CodeGrant

if TYPE_CHECKING:
    from uclab.sim.cucm.users import User


class AuthorizationCodeGrant(PkceChecks):
    """The code grant (part of :class:`~uclab.sim.cucm.authz.grants.AuthzService`)."""

    def _check_code(self, client: Client) -> None:
        version = self.cluster.version
        if not supports_refresh(version):
            raise UnsupportedResponseType(f"CUCM {version} has no authorization code grant "
                                          f"(it arrived with {RELEASE_REFRESH} / 12.0)")
        if not self.cluster.params.refresh_enabled:
            raise UnsupportedResponseType("the authorization code grant is off: "
                                          f"'{PARAM_REFRESH_FLOW}' is {DISABLED}")
        if "authorization_code" not in client.grant_types:
            raise UnauthorizedClient(f"client {client.name!r} may not use the code grant")

    def issue_code(self, client_id: str, redirect_uri: str | None, user_id: str,
                   scope: str, redirect_required: bool = True,
                   pkce: tuple[str | None, str | None] = (None, None)) -> str:
        """A one-use code bound to the client, the user and the redirect URI it was sent to
        (``None`` for a code that was never redirected, as from authorize_proxy). RFC 6749
        §4.1.3: the token request must repeat the redirect URI if the authorization request
        named one; a redirect URI it sends anyway must be the same. ``pkce`` is the
        ``(code_challenge, method)`` the profile binds to the code (RFC 7636 §4.4)."""
        code = self._random()
        grant = CodeGrant(hashlib.sha256(code.encode()).digest(), client_id, redirect_uri,
                          user_id, scope, self.now + defaults.CODE_TTL_SECONDS,
                          redirect_required=redirect_required, code_challenge=pkce[0],
                          code_challenge_method=pkce[1])
        self.store.put_code(code, grant)
        return code

    def authorize_proxy(self, client: Client, user: User, scope: str | None) -> str:
        """authorize_proxy (seed article, field observation): Expressway-C relays the user's
        credentials and Jabber's client credentials, and CUCM answers with a code at once."""
        self._check_code(client)
        return self.issue_code(client.client_id, None, user.user_id,
                               scope_ok(scope, client.scope), redirect_required=False)

    def _redeem_code(self, form: Any, client: Client,
                     log: AuthzDecisions | None = None) -> dict[str, Any]:
        code = form.require("code")
        grant = self.store.code(code)
        if grant is None:
            raise InvalidGrant("the authorization code is unknown")
        with self.store.lock:
            if grant.used:
                # RFC 6749 §10.5: a replayed code revokes what it produced. The refresh token
                # dies now; the self-contained access token cannot be recalled and lives until
                # it expires, as after CUCM's revoke API (S2).
                if grant.refresh_tid and grant.refresh_tid in self.store.refresh:
                    self.store.refresh[grant.refresh_tid].state = "revoked"
                raise InvalidGrant("the authorization code was already used; the refresh token "
                                   "issued from it is now revoked")
            if grant.client_id != client.client_id:
                raise InvalidGrant("the authorization code was issued to another client")
            if grant.expires_at < self.now:
                raise InvalidGrant(f"the authorization code expired {self.now - grant.expires_at}"
                                   "s ago")
            sent = form.get("redirect_uri")
            if (sent is None and grant.redirect_required) or \
                    (sent is not None and sent != grant.redirect_uri):
                raise InvalidGrant("redirect_uri is missing or differs from the authorization "
                                   "request (RFC 6749 §4.1.3)")
            self._pkce_token(form, grant, log)
            grant.used = True
        user = self.cluster.users.get(grant.user_id)
        if user is None or not user.active:
            raise InvalidGrant(f"user {grant.user_id!r} is no longer active")
        response = self._issue(client, grant.user_id, grant.scope, new_refresh=True)
        grant.refresh_tid = response.pop("_tid")
        return response
