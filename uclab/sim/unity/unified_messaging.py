"""Unity Connection as an OAuth client of Microsoft: unified messaging with Office 365
(CUCUM15, MSCLIENTCREDS; :mod:`uclab.facts.microsoft`).

The Unity Connection 15 guide has a "Task List for Configuring Unified Messaging with Office 365"
and a "Task List for restricting Application Permissions to mailboxes" (CUCUM15): an app-only
setup. The lab models it as the client credentials grant (RFC 6749 §4.4) of the Microsoft
identity platform: Unity Connection asks the tenant's token endpoint for a token with its own
client id and secret (no user, no refresh token, MSCLIENTCREDS), caches it until it expires,
and calls the mail API with it as a Bearer token (RFC 6750). Which API (Graph or EWS) Unity
Connection really calls, and its exact settings, are not confirmed [U].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError
from uclab.core.wire import Request
from uclab.facts import MS_GRANT_CLIENT_CREDENTIALS, MS_GRAPH_MESSAGES, MS_TOKEN_PATH

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.microsoft import AppRegistration, GraphMail, MicrosoftIdentityPlatform


class UnifiedMessagingService:
    """One unified messaging service of Unity Connection, pointed at an Office 365 tenant."""

    def __init__(self, ctx: NodeContext, unity_name: str, identity: MicrosoftIdentityPlatform,
                 graph: GraphMail, app: AppRegistration) -> None:
        self.ctx, self.src = ctx, unity_name
        self.identity, self.graph = identity, graph
        self.tenant, self.client_id, self.scope = app.tenant, app.client_id, app.resource_scope
        self._secret = app.secret
        self._token: str | None = None
        self._expires_at = 0

    def __repr__(self) -> str:
        return (f"UnifiedMessagingService(tenant={self.tenant!r}, client_id={self.client_id!r}, "
                f"token={'cached' if self._token else 'none'})")

    def set_secret(self, secret: str) -> None:
        """What the admin typed as the client secret (a wrong one makes the token request fail)."""
        if not isinstance(secret, str) or not secret:
            raise ConfigError("the client secret is a non-empty string")
        self._secret, self._token = secret, None

    def _get_token(self) -> tuple[bool, str]:
        url = f"https://{self.identity.host}{MS_TOKEN_PATH.format(tenant=self.tenant)}"
        ex = self.ctx.network.send(self.src, Request.make("POST", url, None, {
            "grant_type": str(MS_GRANT_CLIENT_CREDENTIALS), "client_id": self.client_id,
            "client_secret": self._secret, "scope": self.scope}))
        resp = ex.response
        if resp is None:
            return False, ex.error or "no answer"
        body = resp.json() if resp.body else {}
        if resp.status != 200:
            return False, f"HTTP {resp.status} {body.get('error')}: {body.get('error_description')}"
        self._token = body["access_token"]
        self._expires_at = self.ctx.clock.now() + int(body.get("expires_in", 0))
        return True, "token"

    def sync_voicemail(self, user: str) -> tuple[bool, str]:
        """Put one voicemail into ``user``'s mailbox: a token first if none is cached (or it
        expired), then the mail API with the Bearer token. Returns (ok, what happened)."""
        if not isinstance(user, str) or not user or "/" in user:
            raise ConfigError(f"a mailbox user is a plain user id (got {user!r})")
        if self._token is None or self.ctx.clock.now() >= self._expires_at:
            ok, why = self._get_token()
            if not ok:
                return False, f"token request failed: {why}"
        url = f"https://{self.graph.host}{MS_GRAPH_MESSAGES.format(user=user)}"
        ex = self.ctx.network.send(self.src, Request.make(
            "POST", url, [("Authorization", f"Bearer {self._token}"),
                          ("Content-Type", "application/json")], "{}"))
        if ex.response is None:
            return False, ex.error or "no answer"
        return ex.response.status in (200, 201), f"HTTP {ex.response.status}"
