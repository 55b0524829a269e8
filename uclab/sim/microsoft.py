"""A lab model of the two Microsoft endpoints Unity Connection's unified messaging talks to: the
Microsoft identity platform's token endpoint (client credentials grant) and a Graph mail API
stand-in (MSCLIENTCREDS, CUCUM15; :mod:`uclab.facts.microsoft`).

Documented (MSCLIENTCREDS): ``POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token``
with ``grant_type=client_credentials``, ``client_id``, ``client_secret`` and
``scope=<resource>/.default``; the permissions are the application permissions an administrator
granted to the app registration; "refresh tokens will never be granted with this flow".

Lab-only: the token is opaque (Microsoft's are JWTs), its lifetime is the lab's, error
descriptions are the lab's words (codes are RFC 6749 §5.2's), and the Graph path stands in for
whatever API Unity Connection calls (not confirmed). Nothing here is Microsoft's code.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import (
    HTTPS_DEFAULT_PORT,
    MS_GRANT_CLIENT_CREDENTIALS,
    MS_GRAPH_DEFAULT_SCOPE,
    MS_GRAPH_HOST,
    MS_GRAPH_MESSAGES,
    MS_LOGIN_HOST,
    MS_TOKEN_LIFETIME,
    MS_TOKEN_PATH,
)

_TOKEN_PATH = re.compile("^" + re.escape(str(MS_TOKEN_PATH)).replace(r"\{tenant\}",
                                                                      r"(?P<tenant>[^/]+)") + "$")
_MESSAGES = re.compile("^" + re.escape(str(MS_GRAPH_MESSAGES)).replace(r"\{user\}",
                                                                        r"(?P<user>[^/]+)") + "$")


def _error(status: int, error: str, description: str) -> Response:
    return Response.make(status, {"error": error, "error_description": description})


@dataclass
class AppRegistration:
    """An app registration in one tenant, with the application permissions an administrator
    granted (the ``.default`` scope stands for them, MSCLIENTCREDS)."""

    tenant: str
    client_id: str
    secret: str
    resource_scope: str = str(MS_GRAPH_DEFAULT_SCOPE)
    consented: bool = True


class MicrosoftIdentityPlatform:
    """The token endpoint of the Microsoft identity platform, client credentials only (model)."""

    ports = (int(HTTPS_DEFAULT_PORT),)
    host = str(MS_LOGIN_HOST)

    def __init__(self, clock, entropy) -> None:
        self.clock, self.rng = clock, entropy
        self.apps: dict[str, AppRegistration] = {}
        #: issued tokens: token -> (tenant, client_id, scope, expires_at)
        self.tokens: dict[str, tuple[str, str, str, int]] = {}

    def register(self, tenant: str, *, consented: bool = True) -> AppRegistration:
        """An admin registers an app in ``tenant`` and (by default) grants admin consent."""
        if not isinstance(tenant, str) or not re.fullmatch(r"[A-Za-z0-9.-]+", tenant):
            raise ConfigError(f"a tenant is a domain or a tenant id (got {tenant!r})")
        app = AppRegistration(tenant, self.rng.uuid4(), self.rng.urlsafe(30),
                              consented=bool(consented))
        self.apps[app.client_id] = app
        return app

    def handle(self, req: Request) -> Response:
        m = _TOKEN_PATH.match(req.path)
        if req.method != "POST" or not m:
            return _error(404, "invalid_request", f"no endpoint at {req.path}")
        try:
            form = req.form()
        except Exception as exc:  # noqa: BLE001 - any malformed body is the client's error
            return _error(400, "invalid_request", str(exc))
        if form.get("grant_type") != str(MS_GRANT_CLIENT_CREDENTIALS):
            return _error(400, "unsupported_grant_type",
                          "this lab model answers the client credentials grant only")
        app = self.apps.get(form.get("client_id") or "")
        if app is None or app.tenant != m["tenant"]:
            return _error(400, "unauthorized_client",
                          "the application is not registered in this tenant")
        if not hmac.compare_digest((form.get("client_secret") or "").encode(),
                                   app.secret.encode()):
            return _error(401, "invalid_client", "the client secret is wrong")
        if form.get("scope") != app.resource_scope:
            return _error(400, "invalid_scope",
                          f"the client credentials grant asks for {app.resource_scope}")
        if not app.consented:
            return _error(400, "invalid_grant", "no administrator has consented to the "
                                                "application's permissions")
        token = self.rng.urlsafe(32)
        self.tokens[token] = (app.tenant, app.client_id, app.resource_scope,
                              self.clock.now() + int(MS_TOKEN_LIFETIME))
        # MSCLIENTCREDS: no refresh token with this grant
        return Response.make(200, {"token_type": "Bearer", "expires_in": int(MS_TOKEN_LIFETIME),
                                   "access_token": token},
                             {"Cache-Control": "no-store"})

    def valid(self, token: str) -> bool:
        found = self.tokens.get(token)
        return bool(found) and found[3] > self.clock.now()


class GraphMail:
    """A stand-in for the mail API Unity Connection calls with the token (lab model)."""

    ports = (int(HTTPS_DEFAULT_PORT),)
    host = str(MS_GRAPH_HOST)

    def __init__(self, identity: MicrosoftIdentityPlatform) -> None:
        self.identity = identity

    def handle(self, req: Request) -> Response:
        if not _MESSAGES.match(req.path):
            return _error(404, "invalid_request", f"no resource at {req.path}")
        auth = req.headers.get("authorization") or ""
        if not auth.startswith("Bearer ") or not self.identity.valid(auth[7:]):
            return Response.make(401, {"error": "invalid_token"},
                                 {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        return Response.make(200 if req.method == "GET" else 201, {"value": []})
