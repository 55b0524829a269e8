"""CUCM's AuthZ service as the endpoints call it: the authorization request and its login, and
the token request with client authentication, each handed to its grant.

The grants are one module each (:mod:`.implicit`, :mod:`.authorization_code`,
:mod:`.refresh_token`, :mod:`.revocation`) on what they share (:mod:`.base`).
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from uclab.core import defaults
from uclab.core.errors import (
    AccessDenied,
    InvalidClient,
    InvalidRequest,
    UnauthorizedClient,
    UnsupportedGrantType,
    UnsupportedResponseType,
)
from uclab.facts import (
    CHECK_REDIRECT,
    CHECK_REDIRECT_REFUSED,
    ENABLED,
    PARAM_REFRESH_FLOW,
    RELEASE_REFRESH,
)
from uclab.facts.releases import supports_refresh
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.grants.authorization_code import AuthorizationCodeGrant
from uclab.sim.cucm.authz.grants.base import AuthorizeRequest, RedirectError, scope_ok
from uclab.sim.cucm.authz.grants.implicit import ImplicitGrant
from uclab.sim.cucm.authz.grants.refresh_token import RefreshTokenGrant
from uclab.sim.cucm.authz.grants.revocation import Revocation
from uclab.sim.cucm.authz.store import CODE_GRANTS, Client, PendingLogin, redirect_matches

if TYPE_CHECKING:
    from uclab.sim.cucm.users import User


class AuthzService(ImplicitGrant, AuthorizationCodeGrant, RefreshTokenGrant, Revocation):
    """The grant logic of one cluster's AuthZ service; the keys are the publisher's."""

    # -- authorization endpoint ---------------------------------------------------------------
    def check_authorize(self, q: Any, log: AuthzDecisions | None = None) -> AuthorizeRequest:
        """RFC 6749 §4.1.2.1: a bad client_id or redirect_uri is reported to the user, never
        redirected (checklist A1, A2); every later error goes to the redirect URI (A3). The
        profile's PKCE decisions go to ``log`` (:mod:`.pkce`)."""
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
        if not redirect_matches(allowed, redirect_uri):
            self.log_refusal(log, str(CHECK_REDIRECT), str(CHECK_REDIRECT_REFUSED))
            raise InvalidRequest(f"redirect_uri {redirect_uri[:100]!r} is not registered for "
                                 f"client {client.name!r} (exact match required)")
        response_type = q.get("response_type")
        state = None
        try:
            state = q.get("state")
            scope = scope_ok(q.get("scope"), client.scope)
            self._check_response_type(client, response_type, log)
            for name in set(q.names()):
                q.get(name)  # raises invalid_request on any repeated parameter (A4)
            pkce = self._pkce_authorize(q, log) if response_type == "code" else (None, None)
        except Exception as exc:
            if state is None:
                state = next(iter(q.get_all("state")), None)
            raise RedirectError(exc, redirect_uri, state, response_type == "token") from None
        return AuthorizeRequest(client, redirect_uri, response_type, state, scope, given, *pkce)

    def _check_response_type(self, client: Client, response_type: str | None,
                             log: AuthzDecisions | None = None) -> None:
        if response_type == "code":
            self._check_code(client)
        elif response_type == "token":
            self._profile_implicit(log)
            self._check_implicit(client)
        elif response_type is None:
            raise InvalidRequest("missing required parameter 'response_type'")
        else:
            raise UnsupportedResponseType(f"response_type {response_type[:40]!r} is not "
                                          "supported (code or token)")

    def start_login(self, req: AuthorizeRequest) -> PendingLogin:
        pending = PendingLogin(self._random(), req.client.client_id, req.redirect_uri,
                               req.response_type, req.state, req.scope, self._random(),
                               self.now + defaults.LOGIN_FORM_TTL_SECONDS, req.redirect_given,
                               req.code_challenge, req.code_challenge_method)
        with self.store.lock:
            self.store.pending[pending.request_id] = pending
        return pending

    def take_pending(self, request_id: str | None, csrf: str | None) -> PendingLogin:
        """The pending login, if the anti-CSRF token matches (checklist A5)."""
        pending = self.store.pending.get(request_id or "")
        if pending is None or pending.expires_at < self.now:
            raise AccessDenied("this login form is unknown or has expired; start again")
        if not isinstance(csrf, str) or not hmac.compare_digest(csrf, pending.csrf_token):
            raise AccessDenied("the login form's anti-CSRF token is missing or wrong")
        return pending

    def finish_login(self, pending: PendingLogin, user: User) -> str:
        """Issue the code (or implicit token) and return the URL to redirect the browser to."""
        with self.store.lock:
            self.store.pending.pop(pending.request_id, None)
        params: dict[str, str] = {}
        if pending.response_type == "code":
            params["code"] = self.issue_code(pending.client_id, pending.redirect_uri,
                                             user.user_id, pending.scope,
                                             redirect_required=pending.redirect_given,
                                             pkce=(pending.code_challenge,
                                                   pending.code_challenge_method))
        else:
            params.update(self._implicit_token(pending, user.user_id))
        if pending.state is not None:
            params["state"] = pending.state
        sep = "#" if pending.response_type == "token" else ("&" if "?" in pending.redirect_uri
                                                            else "?")
        return pending.redirect_uri + sep + urlencode(params)

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

    def token(self, form: Any, client: Client,
              log: AuthzDecisions | None = None) -> dict[str, Any]:
        grant_type = form.get("grant_type")
        if grant_type is None:
            raise InvalidRequest("missing required parameter 'grant_type'")
        if grant_type not in CODE_GRANTS:
            # RFC 9700 §2.4: the password grant MUST NOT be used; CUCM offers it neither.
            raise UnsupportedGrantType(f"grant_type {grant_type[:60]!r} is not supported; "
                                       "CUCM issues tokens for authorization_code and "
                                       "refresh_token")
        if not supports_refresh(self.cluster.version) or not self.cluster.params.refresh_enabled:
            raise UnsupportedGrantType(f"grant_type {grant_type} needs '{PARAM_REFRESH_FLOW}' "
                                       f"{ENABLED} on CUCM {RELEASE_REFRESH} or later")
        if grant_type not in client.grant_types:
            raise UnauthorizedClient(f"client {client.name!r} may not use {grant_type}")
        if grant_type == "authorization_code":
            return self._redeem_code(form, client, log)
        return self._refresh(form, client, log)
