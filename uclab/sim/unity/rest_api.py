"""Unity Connection's REST API (``/vmrest``): CUPI's "Authorization Server" object, read with
administrator Basic auth (S14), and a voicemail inbox that takes a Jabber Bearer token or Basic
credentials (lab path; RFC 6750 §3.1 answers, RFC 7235 challenges)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Protocol

from uclab.core.errors import OAuthError, safe_description
from uclab.core.wire import Request, Response
from uclab.facts import (
    FIELD_OBJECT_ID,
    OAUTH_OFF_TEXT,
    REST_AUTHZ_SERVER,
    ROLE_SYSTEM_ADMIN,
    TRACE_VMREST,
    VM_INBOX_PATH,
    VM_MESSAGES_XML,
    XML_LIST,
)
from uclab.sim.cucm.users import Directory
from uclab.sim.unity.authz_servers import AuthzServer

if TYPE_CHECKING:
    from uclab.protocols.validation import Validation
    from uclab.sim.context import NodeContext
    from uclab.trace.dialects.unity import UnityLog


class UnityConnection(Protocol):
    """What the REST handlers read of the Unity Connection node (:mod:`.node` builds it)."""

    host: str
    admins: Directory
    ctx: NodeContext
    log: UnityLog

    @property
    def refresh_enabled(self) -> bool: ...

    @property
    def authz_servers(self) -> list[AuthzServer]: ...

    def validate(self, token: Any) -> Validation: ...

#: The lab's Unity Connection administrator (a lab value, like LAB_PASSWORD).
CUC_ADMIN = "cucadmin"

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def handle(cuc: UnityConnection, req: Request) -> Response:
    """Route ``/vmrest/authz/server[/<id>]`` (S14) and the voicemail inbox (lab path)."""
    path = req.path.rstrip("/")
    base = str(REST_AUTHZ_SERVER).rstrip("/")
    if path == base or path.startswith(base + "/"):
        return _only_get(req) or _rest_authz(cuc, req, path[len(base) + 1:])
    if path == str(VM_INBOX_PATH):
        return _only_get(req) or _inbox(cuc, req)
    return Response.make(404, {"error": "not_found",
                               "error_description": f"no resource at {req.path[:80]}"})


def authz_servers_xml(servers: list[AuthzServer]) -> str:
    """The S14 listing: ``<AuthzServers total="n"><AuthzServer>...``."""
    items = "".join(s.to_xml() for s in servers)
    return f'{_XML_HEAD}<{XML_LIST} total="{len(servers)}">{items}</{XML_LIST}>'


def _only_get(req: Request) -> Response | None:
    if req.method == "GET":
        return None
    return Response.make(405, {"error": "method_not_allowed",
                               "error_description": f"{req.method} is not allowed here"},
                         {"Allow": "GET"})


def _basic_user(req: Request, directory: Directory) -> Any:
    try:
        creds = req.basic_auth()
    except OAuthError:
        return None
    return directory.authenticate(*creds) if creds else None


def _basic_challenge(host: str) -> dict[str, str]:
    return {"WWW-Authenticate": f'Basic realm="{host}"'}


def _rest_authz(cuc: UnityConnection, req: Request, object_id: str) -> Response:
    """CUPI ``GET /vmrest/authz/server/[<ObjectId>]`` with admin Basic auth, XML (S14)."""
    admin = _basic_user(req, cuc.admins)
    if admin is None or str(ROLE_SYSTEM_ADMIN) not in admin.roles:
        return Response.make(401, b"", _basic_challenge(cuc.host))
    xml = {"Content-Type": "application/xml"}
    servers = cuc.authz_servers
    if object_id:
        for server in servers:
            if server.object_id == object_id:
                return Response.make(200, _XML_HEAD + server.to_xml(), xml)
        return Response.make(404, {"error": "not_found", "error_description":
                                   f"no Authz server has {FIELD_OBJECT_ID} {object_id[:40]!r}"})
    return Response.make(200, authz_servers_xml(servers), xml)


def _inbox(cuc: UnityConnection, req: Request) -> Response:
    auth = req.headers.get("authorization") or ""
    scheme, _, credential = auth.partition(" ")
    if scheme.lower() == "bearer":
        return _inbox_bearer(cuc, credential.strip())
    if scheme.lower() == "basic":
        user = _basic_user(req, cuc.ctx.peers.require("cucm").users)
        if user is None or user.application_user:
            return Response.make(401, b"", _basic_challenge(cuc.host))
        return _mailbox(user.user_id)
    challenges = [f'Basic realm="{cuc.host}"']
    if cuc.refresh_enabled:
        challenges.insert(0, f'Bearer realm="{cuc.host}"')
    return Response.make(401, b"", {"WWW-Authenticate": ", ".join(challenges)})  # RFC 7235


def _inbox_bearer(cuc: UnityConnection, token: str) -> Response:
    if not cuc.refresh_enabled:
        return _reject(cuc, token, "oauth disabled", str(OAUTH_OFF_TEXT))
    result = cuc.validate(token)
    if not result.ok:
        failed = result.failed
        return _reject(cuc, token, failed.check if failed else "token", result.reason)
    return _mailbox(str((result.claims or {}).get("sub", "")))


def _reject(cuc: UnityConnection, token: str, check: str, reason: str) -> Response:
    """401 per RFC 6750 §3.1, and a trace line with the token concealed."""
    description = safe_description(reason.replace("\u2026", "..."))
    cuc.log.trace(TRACE_VMREST, ("Detail", "Bearer token rejected"), ("Check", check),
                  ("Reason", reason), ("Token", token), secret=token)
    challenge = (f'Bearer realm="{cuc.host}", error="invalid_token", '
                 f'error_description="{description}"')
    return Response.make(401, {"error": "invalid_token", "error_description": description},
                         {"WWW-Authenticate": challenge, "Cache-Control": "no-store"})


def _mailbox(user_id: str) -> Response:
    """A small inbox for ``user_id`` (lab shape, see VM_MESSAGES_XML)."""
    name = html.escape(user_id, quote=False)
    items = (f"<Message><Subject>Lab voice message for {name}</Subject>"
             "<Read>false</Read></Message>")
    body = _XML_HEAD + VM_MESSAGES_XML.format(total=1, items=items)
    return Response.make(200, body, {"Content-Type": "application/xml"})
