"""The HTTP shape of CUCM's AuthZ service under ``/ssosp/`` (S1, S2, S24, S25).

Paths: the implicit-grant authorize URL and the revoke API are documented; the code-grant token
path, the login form's target and the SAML consumer path are lab choices, labelled [U] in
:mod:`uclab.facts`. RFC 8414 metadata and a JWKS are lab extensions so that generic OAuth
clients can discover the server.

Every error leaves as the RFC's error response (JSON at the token endpoint, an error page or an
error redirect at the authorization endpoint), with ``Cache-Control: no-store`` (RFC 6749 §5.1).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode

from uclab.core.errors import AccessDenied, ConfigError, InvalidClient, InvalidRequest, OAuthError
from uclab.core.wire import Request, Response
from uclab.facts import (
    AUTHORIZE_PROXY_REQUEST,
    BAD_REQUEST_TEXT,
    CUCM_BASIC_REALM,
    CUCM_HTTPS_PORT,
    CUCM_LOGIN_ERROR,
    CUCM_LOGIN_TITLE,
    HEADER_ASSERTED_USER,
    HEADER_X_CREDENTIALS,
    LAB_JWKS,
    LAB_METADATA,
    LOGIN_FIELD_PASSWORD,
    LOGIN_FIELD_USER,
    ROLE_AXL,
    SSOSP_AUTHORIZE,
    SSOSP_AUTHORIZE_PROXY,
    SSOSP_CLIENT_REALM,
    SSOSP_LOGIN,
    SSOSP_REVOKE,
    SSOSP_SAML_ACS,
    SSOSP_TOKEN,
)
from uclab.sim.cucm.authz.decisions import AuthzDecisions, with_decisions
from uclab.sim.cucm.authz.discovery import LabDiscovery
from uclab.sim.cucm.authz.grants import AuthzService, RedirectError

if TYPE_CHECKING:
    from uclab.protocols.keys import AuthzKeys


class CucmNode(Protocol):
    """What the endpoints read of the CUCM node that serves them (``uclab.sim.cucm.node``)."""

    host: str
    keys: AuthzKeys | None
    #: the node's :class:`~uclab.sim.cucm.cluster.CucmCluster` (not imported: it builds nodes)
    cluster: Any

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
PAGE_HEADERS = {**NO_STORE, "X-Frame-Options": "DENY",
                "Content-Security-Policy": "frame-ancestors 'none'"}
CUCM_BASIC_CHALLENGE = f'Basic realm="{CUCM_BASIC_REALM}"'


def oauth_error(exc: OAuthError) -> Response:
    """RFC 6749 §5.2 JSON error; ``invalid_client`` is a 401 with a Basic challenge."""
    headers = dict(NO_STORE)
    if isinstance(exc, InvalidClient):
        headers["WWW-Authenticate"] = f'Basic realm="{SSOSP_CLIENT_REALM}"'
    return Response.make(exc.status, exc.as_dict(), headers)


def error_page(exc: OAuthError | ConfigError, status: int = 400) -> Response:
    """An error shown to the user, never redirected (RFC 6749 §4.1.2.1)."""
    code = getattr(exc, "error", "invalid_request")
    desc = getattr(exc, "description", str(exc))
    body = (f"<html><head><title>Error</title></head><body><h1>OAuth error: {code}</h1>"
            f"<p>{html.escape(desc)}</p><p>{html.escape(str(BAD_REQUEST_TEXT))}</p>"
            "</body></html>")
    return Response.make(status, body, PAGE_HEADERS)


class AuthzEndpoints(LabDiscovery):
    """Routes ``/ssosp/...`` requests of one CUCM node to the cluster's grant logic."""

    def __init__(self, node: CucmNode) -> None:
        self.node = node

    @property
    def service(self) -> AuthzService:
        return self.node.cluster.authz

    @property
    def base(self) -> str:
        return f"https://{self.node.host}:{CUCM_HTTPS_PORT}"

    def routes(self) -> dict[str, tuple[tuple[str, ...], object]]:
        return {
            str(SSOSP_AUTHORIZE): (("GET",), self.authorize),
            str(SSOSP_LOGIN): (("POST",), self.login),
            str(SSOSP_AUTHORIZE_PROXY): (("POST",), self.authorize_proxy),
            str(SSOSP_TOKEN): (("POST",), self.token),
            str(SSOSP_REVOKE): (("GET", "POST"), self.revoke),
            str(SSOSP_SAML_ACS) + self.node.host: (("POST",), self.saml_acs),
            str(LAB_METADATA): (("GET",), self.metadata),
            str(LAB_JWKS): (("GET",), self.jwks),
        }

    def handle(self, req: Request) -> Response | None:
        route = self.routes().get(req.path)
        if route is None:
            return None
        methods, fn = route
        if req.method not in methods:
            if req.path == str(SSOSP_TOKEN):  # RFC 6749 §3.2: POST only (checklist C10)
                return oauth_error(InvalidRequest(f"the token endpoint takes POST, not "
                                                  f"{req.method}"))
            return Response.make(405, {"error": "method_not_allowed",
                                       "error_description": f"{req.method} is not allowed here"},
                                 {"Allow": ", ".join(methods), **NO_STORE})
        return fn(req)  # type: ignore[operator]

    # -- authorization endpoint ---------------------------------------------------------------
    def authorize(self, req: Request) -> Response:
        log = self.service.new_log("authorize")
        return with_decisions(self._authorize(req, log), log)

    def _authorize(self, req: Request, log: AuthzDecisions) -> Response:
        try:
            areq = self.service.check_authorize(req.query, log)
        except RedirectError as r:
            return self._redirect_error(r)
        except OAuthError as exc:
            return error_page(exc)
        pending = self.service.start_login(areq)
        if self.node.cluster.saml_sp is not None:
            from uclab.sim.cucm import saml_sso

            return saml_sso.authorize(self, pending)
        idp = self.node.cluster.idp
        if idp is not None:
            acs = self.base + str(SSOSP_SAML_ACS) + self.node.host
            url = idp.authn_request_url(pending.request_id, acs, self.node.cluster.sp_entity_id,
                                        pending.request_id)
            return Response.make(302, b"", {"Location": url, **NO_STORE})
        return self._login_form(pending.request_id, pending.csrf_token, "")

    def _login_form(self, request_id: str, csrf: str, error: str, status: int = 200) -> Response:
        err = f"<p class='error'>{html.escape(error)}</p>" if error else ""
        body = (f"<html><head><title>{CUCM_LOGIN_TITLE}</title></head>"
                f"<body>{err}<form method='post' action='{SSOSP_LOGIN}'>"
                f"<input type='hidden' name='request_id' value='{request_id}'>"
                f"<input type='hidden' name='csrf_token' value='{csrf}'>"
                f"<input name='{LOGIN_FIELD_USER}'><input type='password' "
                f"name='{LOGIN_FIELD_PASSWORD}'>"
                "<button type='submit'>Sign In</button></form></body></html>")
        return Response.make(status, body, PAGE_HEADERS)

    @staticmethod
    def _redirect_error(r: RedirectError) -> Response:
        err = r.error
        params = ({"error": err.error, "error_description": err.description}
                  if isinstance(err, OAuthError)
                  else {"error": "server_error", "error_description": "unexpected error"})
        if r.state is not None:
            params["state"] = r.state
        sep = "#" if r.fragment else ("&" if "?" in r.redirect_uri else "?")
        return Response.make(302, b"", {"Location": r.redirect_uri + sep + urlencode(params),
                                        **NO_STORE})

    def login(self, req: Request) -> Response:
        """The login form's POST: anti-CSRF token, credentials, then a 302 (never 307, A6)."""
        try:
            form = req.form()
            pending = self.service.take_pending(form.get("request_id"), form.get("csrf_token"))
            user = self.node.cluster.users.authenticate(form.get(LOGIN_FIELD_USER) or "",
                                                        form.get(LOGIN_FIELD_PASSWORD) or "")
        except OAuthError as exc:
            return error_page(exc, 403 if isinstance(exc, AccessDenied) else 400)
        if user is None:
            return self._login_form(pending.request_id, pending.csrf_token,
                                    CUCM_LOGIN_ERROR, 401)
        return Response.make(302, b"", {"Location": self.service.finish_login(pending, user),
                                        **NO_STORE})

    def saml_acs(self, req: Request) -> Response:
        cluster = self.node.cluster
        if cluster.saml_sp is not None:
            from uclab.sim.cucm import saml_sso

            return saml_sso.consume(self, req)
        try:
            form = req.form()
            if cluster.idp is None:
                raise AccessDenied("SAML SSO is not enabled on this cluster")
            assertion = cluster.idp.verify(form.require("SAMLResponse"),
                                           acs=self.base + str(SSOSP_SAML_ACS) + self.node.host,
                                           audience=cluster.sp_entity_id)
            pending = self.service.store.pending.get(form.require("RelayState"))
            if pending is None or pending.request_id != assertion.in_response_to:
                raise AccessDenied("the SAML response answers no pending login")
            user = cluster.users.get(assertion.user_id)
            if user is None or not user.active:
                raise AccessDenied(f"user {assertion.user_id!r} is not an active CUCM user")
        except OAuthError as exc:
            return error_page(exc, 403)
        return Response.make(302, b"", {"Location": self.service.finish_login(pending, user),
                                        **NO_STORE})

    def authorize_proxy(self, req: Request) -> Response:
        """Expressway-C's relay of an MRA login (seed article, field observation).

        ``Authorization`` carries Expressway-C's own CUCM account (the one configured under
        Unified CM servers; it must hold the AXL role in the lab's model [U]); ``X-Credentials``
        carries base64 ``user:password`` of the end user; the body names Jabber's client_id.
        The code comes back in the 200 body (its form is the lab's [U]).
        """
        import base64
        import binascii

        try:
            creds = req.basic_auth()
            relay = self.node.cluster.users.authenticate(*creds) if creds else None
            if relay is None or str(ROLE_AXL) not in relay.roles:
                return Response.make(401, {"error": "unauthorized", "error_description":
                                           f"{AUTHORIZE_PROXY_REQUEST} needs the relay's "
                                           "AXL credentials"},
                                     {"WWW-Authenticate": CUCM_BASIC_CHALLENGE, **NO_STORE})
            form = req.form()
            client = self.service.store.client(form.require("client_id"))
            if client is None:
                raise InvalidClient(f"unknown client {form.get('client_id', '')[:70]!r}")
            asserted = req.headers.get(str(HEADER_ASSERTED_USER))
            if asserted is not None:  # SSO over MRA: the IdP authenticated the user [U]
                user = self.node.cluster.users.get(asserted)
                if user is None or not user.active:
                    raise AccessDenied(f"user {asserted[:64]!r} is not an active CUCM user")
                code = self.service.authorize_proxy(client, user, form.get("scope"))
                return Response.make(200, {"code": code}, NO_STORE)
            raw = req.headers.get(str(HEADER_X_CREDENTIALS)) or ""
            try:
                decoded = base64.b64decode(raw, validate=True).decode()
            except (binascii.Error, ValueError, UnicodeDecodeError):
                decoded = ""
            user_id, sep, password = decoded.partition(":")
            if not sep:
                raise InvalidRequest(f"{HEADER_X_CREDENTIALS} must be base64 of user:password")
            user = self.node.cluster.users.authenticate(user_id, password)
            if user is None:
                raise AccessDenied(f"authentication failed for user {user_id[:64]!r}")
            code = self.service.authorize_proxy(client, user, form.get("scope"))
        except OAuthError as exc:
            return oauth_error(exc)
        return Response.make(200, {"code": code}, NO_STORE)

    # -- token endpoint -------------------------------------------------------------------------
    def token(self, req: Request) -> Response:
        log = self.service.new_log("token")
        try:
            if len(req.body) > 16384:
                raise InvalidRequest("the request body is too large")
            form = req.form()
            basic = req.basic_auth()
            client = self.service.authenticate_client(form, basic)
            body = self.service.token(form, client, log)
        except OAuthError as exc:
            return with_decisions(oauth_error(exc), log)
        return with_decisions(Response.make(200, body, NO_STORE), log)

    # -- revoke API (S2, S4): admin/AXL credentials, GET as in the documented curl example -----
    def revoke(self, req: Request) -> Response:
        cluster = self.node.cluster
        try:
            creds = req.basic_auth()
        except OAuthError as exc:
            return oauth_error(exc)
        admin = cluster.users.authenticate(*creds) if creds else None
        if admin is None or str(ROLE_AXL) not in admin.roles:
            return Response.make(401, {"error": "unauthorized",
                                       "error_description": "admin/AXL credentials required"},
                                 {"WWW-Authenticate": CUCM_BASIC_CHALLENGE, **NO_STORE})
        try:
            q = req.query
            user_id = q.require("user_id")
            client_id = q.get("client_id")
            n = self.service.revoke(user_id, client_id)
        except OAuthError as exc:
            return oauth_error(exc)
        except ConfigError as exc:
            return Response.make(404, {"error": "not_found", "error_description": str(exc)},
                                 NO_STORE)
        # The real response body is not documented (fact sheet 1.4 [U]): this one is the lab's.
        return Response.make(200, {"user_id": user_id, "client_id": client_id, "revoked": n},
                             NO_STORE)
