"""The flow logic of CUCM's AuthZ service: implicit, authorization code, refresh, revoke.

HTTP shape lives in :mod:`.endpoints`; this module takes parsed parameters and returns results
or raises :class:`~uclab.core.errors.OAuthError`. Where CUCM is weaker than RFC 9700's best current
practice the product is modelled and the docstring says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from uclab.core import defaults
from uclab.core.errors import (
    AccessDenied,
    ConfigError,
    InvalidClient,
    InvalidGrant,
    InvalidRequest,
    InvalidScope,
    UnauthorizedClient,
    UnsupportedGrantType,
    UnsupportedResponseType,
)
from uclab.facts import AUDIENCE_UC
from uclab.facts.releases import supports_implicit, supports_refresh
from uclab.protocols import tokens
from uclab.protocols.validation import validate_refresh_token
from uclab.sim.cucm.authz.store import (
    CODE_GRANTS,
    Client,
    CodeGrant,
    PendingLogin,
    RefreshTokenRow,
    Store,
)

if TYPE_CHECKING:
    from uclab.sim.cucm.node import CucmCluster
    from uclab.sim.cucm.users import User


@dataclass
class AuthorizeRequest:
    """A validated authorization request (RFC 6749 §4.1.1 / §4.2.1)."""

    client: Client
    redirect_uri: str
    response_type: str
    state: str | None
    scope: str
    redirect_given: bool = True


class RedirectError(Exception):
    """An authorization error sent back to the client's redirect URI (RFC 6749 §4.1.2.1)."""

    def __init__(self, error: Exception, redirect_uri: str, state: str | None,
                 fragment: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.redirect_uri = redirect_uri
        self.state = state
        self.fragment = fragment


def _scope_ok(requested: str | None, allowed: str) -> str:
    if requested is None or requested == "":
        return allowed
    want, have = set(requested.split()), set(allowed.split())
    if not want <= have:
        raise InvalidScope(f"scope {requested!r} is not within the client's {allowed!r}")
    return " ".join(sorted(want))


class AuthzService:
    """The grant logic of one cluster's AuthZ service; the keys are the publisher's."""

    def __init__(self, cluster: CucmCluster) -> None:
        self.cluster = cluster
        self.store: Store = cluster.store

    # -- shortcuts ----------------------------------------------------------------------------
    @property
    def now(self) -> int:
        return self.cluster.clock.now()

    def _random(self) -> str:
        return self.cluster.entropy.urlsafe(defaults.RANDOM_BYTES)

    # -- authorization endpoint ---------------------------------------------------------------
    def check_authorize(self, q: Any) -> AuthorizeRequest:
        """RFC 6749 §4.1.2.1: a bad client_id or redirect_uri is reported to the user, never
        redirected (checklist A1, A2); every later error goes to the redirect URI (A3)."""
        client_id = q.get("client_id")
        client = self.store.client(client_id)
        if client is None:
            raise InvalidRequest(f"unknown client_id {str(client_id)[:70]!r}"
                                 if client_id else "missing required parameter 'client_id'")
        redirect_uri = q.get("redirect_uri")
        given = redirect_uri is not None
        allowed = client.redirect_uris + tuple(self._third_party_uris(client))
        if redirect_uri is None:
            if len(allowed) != 1:
                raise InvalidRequest("redirect_uri is required: the client has "
                                     f"{len(allowed)} registered redirect URIs")
            redirect_uri = allowed[0]
        from uclab.sim.cucm.authz.store import redirect_matches

        if not redirect_matches(allowed, redirect_uri):
            raise InvalidRequest(f"redirect_uri {redirect_uri[:100]!r} is not registered for "
                                 f"client {client.name!r} (exact match required)")
        response_type = q.get("response_type")
        state = None
        try:
            state = q.get("state")
            scope = _scope_ok(q.get("scope"), client.scope)
            self._check_response_type(client, response_type)
            for name in set(q.names()):
                q.get(name)  # raises invalid_request on any repeated parameter (A4)
        except Exception as exc:
            if state is None:
                state = next(iter(q.get_all("state")), None)
            raise RedirectError(exc, redirect_uri, state, response_type == "token") from None
        return AuthorizeRequest(client, redirect_uri, response_type, state, scope, given)

    def _third_party_uris(self, client: Client) -> list[str]:
        """"Redirect URIs for Third Party SSO Client" extends implicit-grant clients (S23)."""
        if "implicit" not in client.grant_types:
            return []
        return self.cluster.params.third_party_redirect_uris

    def _check_response_type(self, client: Client, response_type: str | None) -> None:
        version = self.cluster.version
        if response_type == "code":
            if not supports_refresh(version):
                raise UnsupportedResponseType(f"CUCM {version} has no authorization code grant "
                                              "(it arrived with 11.5(1)SU3 / 12.0)")
            if not self.cluster.params.refresh_enabled:
                raise UnsupportedResponseType("the authorization code grant is off: 'OAuth with "
                                              "Refresh Login Flow' is Disabled")
            if "authorization_code" not in client.grant_types:
                raise UnauthorizedClient(f"client {client.name!r} may not use the code grant")
        elif response_type == "token":
            # Weaker than RFC 9700 §2.1.2 (SHOULD NOT use the implicit grant): CUCM keeps it
            # for older Jabber and RTMT, enabled by default (S1, S2). It needs SAML SSO (S1).
            if not supports_implicit(version):
                raise UnsupportedResponseType(f"CUCM {version} has no OAuth (from 10.5(2))")
            if self.cluster.idp is None:
                raise UnsupportedResponseType("the implicit grant is only offered with SAML SSO, "
                                              "and SSO is not enabled on this cluster")
            if "implicit" not in client.grant_types:
                raise UnauthorizedClient(f"client {client.name!r} may not use the implicit grant")
        elif response_type is None:
            raise InvalidRequest("missing required parameter 'response_type'")
        else:
            raise UnsupportedResponseType(f"response_type {response_type[:40]!r} is not "
                                          "supported (code or token)")

    def start_login(self, req: AuthorizeRequest) -> PendingLogin:
        pending = PendingLogin(self._random(), req.client.client_id, req.redirect_uri,
                               req.response_type, req.state, req.scope, self._random(),
                               self.now + defaults.LOGIN_FORM_TTL_SECONDS, req.redirect_given)
        with self.store.lock:
            self.store.pending[pending.request_id] = pending
        return pending

    def take_pending(self, request_id: str | None, csrf: str | None) -> PendingLogin:
        """The pending login, if the anti-CSRF token matches (checklist A5)."""
        import hmac

        pending = self.store.pending.get(request_id or "")
        if pending is None or pending.expires_at < self.now:
            raise AccessDenied("this login form is unknown or has expired; start again")
        if not isinstance(csrf, str) or not hmac.compare_digest(csrf, pending.csrf_token):
            raise AccessDenied("the login form's anti-CSRF token is missing or wrong")
        return pending

    def finish_login(self, pending: PendingLogin, user: User) -> str:
        """Issue the code (or implicit token) and return the URL to redirect the browser to."""
        from urllib.parse import urlencode

        with self.store.lock:
            self.store.pending.pop(pending.request_id, None)
        params: dict[str, str] = {}
        if pending.response_type == "code":
            params["code"] = self.issue_code(pending.client_id, pending.redirect_uri,
                                             user.user_id, pending.scope,
                                             redirect_required=pending.redirect_given)
        else:
            node = self.cluster.publisher
            token, lifetime = node.issue_implicit_token(user.user_id, pending.client_id,
                                                        pending.scope)
            params.update(access_token=token, token_type="Bearer", expires_in=str(lifetime),
                          scope=pending.scope)
        if pending.state is not None:
            params["state"] = pending.state
        sep = "#" if pending.response_type == "token" else ("&" if "?" in pending.redirect_uri
                                                            else "?")
        return pending.redirect_uri + sep + urlencode(params)

    def issue_code(self, client_id: str, redirect_uri: str | None, user_id: str,
                   scope: str, redirect_required: bool = True) -> str:
        """A one-use code bound to the client, the user and the redirect URI it was sent to
        (``None`` for a code that was never redirected, as from authorize_proxy). RFC 6749
        §4.1.3: the token request must repeat the redirect URI if the authorization request
        named one; a redirect URI it sends anyway must be the same."""
        code = self._random()
        grant = CodeGrant(hashlib.sha256(code.encode()).digest(), client_id, redirect_uri,
                          user_id, scope, self.now + defaults.CODE_TTL_SECONDS,
                          redirect_required=redirect_required)
        self.store.put_code(code, grant)
        return code

    def authorize_proxy(self, client: Client, user: User, scope: str | None) -> str:
        """authorize_proxy (seed article, field observation): Expressway-C relays the user's
        credentials and Jabber's client credentials, and CUCM answers with a code at once."""
        self._check_response_type(client, "code")
        return self.issue_code(client.client_id, None, user.user_id,
                               _scope_ok(scope, client.scope), redirect_required=False)

    # -- token endpoint -------------------------------------------------------------------------
    def authenticate_client(self, form: Any, basic: tuple[str, str] | None) -> Client:
        """RFC 6749 §2.3.1: Basic or body credentials, never both (checklist C1, C2)."""
        body_id, body_secret = form.get("client_id"), form.get("client_secret")
        if basic and body_secret is not None:
            raise InvalidRequest("client credentials were sent both in the Authorization header "
                                 "and in the body; use one method (RFC 6749 §2.3)")
        if basic:
            client_id, secret = basic
            if body_id is not None and body_id != client_id:
                raise InvalidRequest("client_id in the body differs from the Basic credentials")
        else:
            client_id, secret = body_id, body_secret
        client = self.store.client(client_id)
        if client is None:
            raise InvalidClient(f"unknown client {str(client_id)[:70]!r}" if client_id
                                else "no client authentication was sent")
        if client.confidential and not client.secret_matches(secret or ""):
            raise InvalidClient(f"wrong secret for client {client.name!r}")
        return client

    def token(self, form: Any, client: Client) -> dict[str, Any]:
        grant_type = form.get("grant_type")
        if grant_type is None:
            raise InvalidRequest("missing required parameter 'grant_type'")
        if grant_type not in CODE_GRANTS:
            # RFC 9700 §2.4: the password grant MUST NOT be used; CUCM offers it neither.
            raise UnsupportedGrantType(f"grant_type {grant_type[:60]!r} is not supported; "
                                       "CUCM issues tokens for authorization_code and "
                                       "refresh_token")
        if not supports_refresh(self.cluster.version) or not self.cluster.params.refresh_enabled:
            raise UnsupportedGrantType(f"grant_type {grant_type} needs 'OAuth with Refresh Login "
                                       "Flow' Enabled on CUCM 11.5(1)SU3 or later")
        if grant_type not in client.grant_types:
            raise UnauthorizedClient(f"client {client.name!r} may not use {grant_type}")
        if grant_type == "authorization_code":
            return self._redeem_code(form, client)
        return self._refresh(form, client)

    def _redeem_code(self, form: Any, client: Client) -> dict[str, Any]:
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
            grant.used = True
        user = self.cluster.users.get(grant.user_id)
        if user is None or not user.active:
            raise InvalidGrant(f"user {grant.user_id!r} is no longer active")
        response = self._issue(client, grant.user_id, grant.scope, new_refresh=True)
        grant.refresh_tid = response.pop("_tid")
        return response

    def _refresh(self, form: Any, client: Client) -> dict[str, Any]:
        """RFC 6749 §6. CUCM returns a new access token and keeps the refresh token (S1, S2)."""
        token = form.require("refresh_token")
        keys = self.cluster.publisher.keys
        check = validate_refresh_token(token, keys, now=self.now, node="AuthZ")
        if not check.ok:
            raise InvalidGrant(f"refresh token rejected at check '{check.reason}'")
        claims = check.claims or {}
        row = self.store.refresh.get(claims["tid"])
        if row is None:
            raise InvalidGrant("the refresh token is not in refreshtokendetails (purged?)")
        if row.state != "active":
            raise InvalidGrant("the refresh token was revoked")
        if row.validity < self.now:
            raise InvalidGrant("the refresh token has expired")
        if claims["ccid"] != client.client_id or row.clientid != client.client_id:
            raise InvalidGrant("the refresh token was issued to another client")
        user = self.cluster.users.get(row.userid)
        if user is None or not user.active:
            raise InvalidGrant(f"user {row.userid!r} is no longer active")
        # RFC 6749 §6: bounded by the scope originally granted, not by the client's registration
        scope = _scope_ok(form.get("scope"), row.scope or client.scope)
        response = self._issue(client, row.userid, scope, new_refresh=False, grant_id=row.pkid)
        response.pop("_tid", None)
        return response

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
                                                   expires, scope=scope))
            claims = tokens.refresh_claims(keys=keys, token_id=tid, client_id=client.client_id,
                                           expires_at=expires)
            out["refresh_token"] = tokens.mint_refresh_token(keys, claims)
            out["refresh_token_expires_in"] = params.refresh_lifetime_s
            out["_tid"] = tid
        claims = tokens.access_claims(keys=keys, user_id=user_id, client_id=client.client_id,
                                      token_id=rng.uuid4(), grant_id=grant_id, now=now,
                                      lifetime_s=params.access_lifetime_s, scope=scope,
                                      audience=str(AUDIENCE_UC))
        access = tokens.mint_access_token(keys, claims, iv=rng.bytes(16))
        return {"access_token": access, "token_type": "Bearer",
                "expires_in": params.access_lifetime_s, "scope": scope, **out}

    # -- revoke API -------------------------------------------------------------------------------
    def revoke(self, user_id: str, client_id: str | None) -> int:
        """``/ssosp/token/revoke``: revoke a user's refresh tokens, or one client's (S2, S4).

        Access tokens already issued stay valid until they expire (self-contained, S2)."""
        if self.cluster.users.get(user_id) is None:
            raise ConfigError(f"there is no user {user_id!r}")
        return self.store.revoke(user_id, client_id)

