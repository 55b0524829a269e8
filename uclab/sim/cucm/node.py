"""One CUCM server: its own copy of the AuthZ keys, the ssosp and UDS web applications, the
implicit-grant tokens it holds, and the AuthZ key commands of its CLI (S5).

Every node holds the keys its publisher copied to it (S1, S2); ``show key authz`` shows a
checksum, never the key, and ``set key regen authz`` runs on the publisher only (S5, S1). The
cluster itself is :class:`~uclab.sim.cucm.cluster.CucmCluster`.
"""

from __future__ import annotations

import html
from typing import Any

from uclab import facts
from uclab.core import defaults
from uclab.core.errors import ConfigError, InvalidRequest, OAuthError
from uclab.core.wire import Request, Response
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.uds import cluster_user_xml, uds_version
from uclab.protocols.validation import Decision, Validation, validate_access_token
from uclab.sim.cucm.authz import AuthzEndpoints
from uclab.sim.cucm.authz.endpoints import CUCM_BASIC_CHALLENGE

__all__ = ["CucmNode"]

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
#: The key kinds of ``show key authz`` and ``set key regen authz``, and each command (S5, S1).
KEY_KINDS = ("signing", "encryption")
SHOW_KEY_COMMAND = {"signing": facts.CLI_SHOW_SIGNING,
                    "encryption": facts.CLI_SHOW_ENCRYPTION}
#: the clusterUser filters, in the order the lab reads them (UDSSYS)
_CLUSTER_USER_FILTERS = ("username", "email", "useridentifier")
REGEN_KEY_COMMAND = {"signing": facts.CLI_REGEN_SIGNING,
                     "encryption": facts.CLI_REGEN_ENCRYPTION}


class CucmNode:
    """One CUCM server: its own key copy, the ssosp and UDS web applications, its CLI."""

    def __init__(self, cluster: Any, host: str, role: str) -> None:
        # ``cluster`` is the CucmCluster building this node (cluster.py imports this module,
        # so the type is not imported back)
        self.cluster = cluster
        self.host = host
        self.role = role
        self.keys: AuthzKeys | None = None
        self.implicit_tokens: dict[str, tuple[str, str, int]] = {}
        self.authz = AuthzEndpoints(self)
        self.ports = (facts.CUCM_HTTPS_PORT, facts.HTTPS_DEFAULT_PORT)

    def __repr__(self) -> str:
        return f"CucmNode({self.host!r}, {self.role})"

    @property
    def is_publisher(self) -> bool:
        return self.role == "publisher"

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.scheme != "https":  # TFTP and the SIP OAuth ports (uclab.sim.cucm.sip_oauth)
            answer = self.cluster.sip.handle(self, req)
            if answer is not None:
                return answer
        resp = self.authz.handle(req)
        if resp is not None:
            return resp
        if req.path.startswith(facts.UDS_USER_PREFIX):
            return self._uds_user(req)
        if req.path == str(facts.UDS_CLUSTER_USER) and req.method == "GET":
            return self._uds_cluster_user(req)
        return Response.make(404, {"error": "not_found",
                                   "error_description": f"no resource at {req.path[:80]}"})

    def _uds_user(self, req: Request) -> Response:
        """``GET /cucm-uds/user/<userid>[/devices]`` with a Bearer token (RFC 6750) or Basic."""
        parts = req.path.split("/")
        user_id = parts[3] if len(parts) > 3 else ""
        auth = req.headers.get("authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() == "bearer":
            result = self.validate_bearer(credential.strip())
            if not result.ok:
                err = result.error()
                return Response.make(401, err.as_dict(), {
                    "WWW-Authenticate": f'Bearer realm="{self.host}", error="invalid_token", '
                                        f'error_description="{err.description}"'})
            caller = (result.claims or {}).get("sub")
        elif scheme.lower() == "basic":
            try:
                creds = req.basic_auth()
            except OAuthError:
                creds = None
            user = self.cluster.users.authenticate(*creds) if creds else None
            if user is None:
                return Response.make(401, b"", {"WWW-Authenticate": CUCM_BASIC_CHALLENGE})
            caller = user.user_id
        else:
            return Response.make(401, b"", {"WWW-Authenticate": CUCM_BASIC_CHALLENGE})
        if caller != user_id:
            return Response.make(403, b"<error>access to another user's data is denied</error>",
                                 {"Content-Type": "application/xml"})
        body = _XML_DECLARATION + facts.UDS_USER_XML.format(
            version=self.cluster.version, user=html.escape(user_id),
            home=self.cluster.publisher.host)
        return Response.make(200, body, {"Content-Type": "application/xml"})

    def _uds_cluster_user(self, req: Request) -> Response:
        """Which cluster is a user's home (UDSSYS; the lookup Expressway-C's
        edgeconfigprovision makes, seed article): no authentication, one of ``username``,
        ``email`` or ``useridentifier``; this cluster is searched first, then the others ("fans
        out to search remote clusters"). The lab's users have no mail attribute: ``email``
        finds the user named by its local part, and ``useridentifier`` is the user id [U]."""
        try:
            query = req.query
        except OAuthError as exc:  # a query that is not form encoding: 400, not an exception
            return Response.make(400, exc.as_dict())
        name = next((query.get(k) for k in _CLUSTER_USER_FILTERS if query.get(k)), None)
        if not name:
            err = InvalidRequest("clusterUser needs one of the filter parameters "
                                 + ", ".join(_CLUSTER_USER_FILTERS))
            return Response.make(400, err.as_dict())
        if query.get("username") is None and query.get("email"):
            name = name.split("@", 1)[0]
        v = self.cluster.version
        query = req.query_string or ""
        here = uds_version(v.major, v.minor, v.maint)
        # the fan-out reaches the clusters of the ILS network, when this one is in it [U]
        others = [c for c in self.cluster.peers.clusters if c is not self.cluster
                  and c.ils_joined and self.cluster.ils_joined]
        for cluster in (self.cluster, *others):
            user = cluster.users.get(name)
            if user is not None and not user.application_user:
                h = cluster.version
                body = cluster_user_xml(self.host, query, here, home=cluster.publisher.host,
                                        user=name,
                                        home_version=uds_version(h.major, h.minor, h.maint))
                return Response.make(200, body, {"Content-Type": "application/xml"})
        return Response.make(200, cluster_user_xml(self.host, query, here),
                             {"Content-Type": "application/xml"})

    def validate_bearer(self, token: str) -> Validation:
        """CUCM's own check of a token (S2): the shared validator, or its implicit-token table."""
        entry = self.implicit_tokens.get(token)
        if entry is not None:
            result = Validation("implicit", node=self.host)
            user_id, _, exp = entry
            result.decisions.append(Decision("implicit token", True,
                                             f"held in {self.host}'s memory (proxy mode)"))
            ok = self.cluster.clock.now() <= exp
            result.decisions.append(Decision("expiry", ok, f"exp {exp}"))
            result.claims = {"sub": user_id, "exp": exp} if ok else None
            return result
        return validate_access_token(token, self.keys, now=self.cluster.clock.now(),
                                     user_active=self.cluster.users.is_active, node=self.host)

    def issue_implicit_token(self, user_id: str, client_id: str, scope: str) -> tuple[str, int]:
        """An implicit-grant token: opaque and held in this node's memory (S1, proxy mode)."""
        token = self.cluster.entropy.urlsafe(defaults.RANDOM_BYTES)
        lifetime = self.cluster.params.access_lifetime_s
        self.implicit_tokens[token] = (user_id, client_id, self.cluster.clock.now() + lifetime)
        return token, lifetime

    # -- CLI (S5) ---------------------------------------------------------------------------------
    def show_key(self, kind: str) -> str:
        """``show key authz signing|encryption``: a checksum, never the key."""
        if kind not in KEY_KINDS:
            raise ConfigError(f"show key authz takes 'signing' or 'encryption' (got {kind!r})")
        if self.keys is None:
            return facts.CLI_NO_KEY.format(host=self.host, kind=kind)
        value = self.keys.signing_checksum if kind == "signing" else self.keys.encryption_checksum
        return facts.CLI_CHECKSUM_FORMAT.format(name=f"authz {kind}", checksum=value)

    def cli(self, command: str, *, confirm: bool = False) -> str:
        """Run one of the AuthZ key commands as on the platform CLI (privilege level 4)."""
        words = " ".join(str(command).split())
        for kind in KEY_KINDS:
            if words == SHOW_KEY_COMMAND[kind]:
                return self.show_key(kind)
            if words == REGEN_KEY_COMMAND[kind]:
                if not self.is_publisher:
                    raise ConfigError(f"'{words}' runs on the publisher "
                                      f"({self.cluster.publisher.host}), not on {self.host}")
                if not confirm:
                    return facts.CLI_REGEN_PROMPT + "-> call again with confirm=True"
                self.cluster.regen_key(kind)
                return facts.CLI_REGEN_DONE.format(kind=kind, checksum_line=self.show_key(kind))
        sip_answer = self._sip_cli(words)
        if sip_answer is not None:
            return sip_answer
        known = ", ".join(f"{table[KEY_KINDS[0]]}|{KEY_KINDS[1]}"
                          for table in (SHOW_KEY_COMMAND, REGEN_KEY_COMMAND))
        raise ConfigError(f"unknown command {words[:60]!r}; known: {known}")

    def _sip_cli(self, words: str) -> str | None:
        """The SIP OAuth commands of S10: enable the mode, read it back, show a port."""
        sip_state = self.cluster.sip
        if words == facts.CLI_SIP_OAUTH_ENABLE:
            return sip_state.cli_enable(self)
        if words == " ".join(facts.SIP_OAUTH_SQL.split()):
            return sip_state.sql_mode()
        if words == facts.EXPC_CONFIG_SQL:
            rows = sip_state.expc_rows()
            return "\n".join([str(facts.EXPC_CONFIG_COLUMNS),
                              *(" ".join(r.values()) for r in rows)])
        prefix = f"{facts.SHOW_OPEN_PORTS} "
        if words.startswith(prefix):
            port = words[len(prefix):]
            if not port.isdigit() or len(port) > 5:
                raise ConfigError(f"'{prefix}<port>' takes a port number (got {port[:20]!r})")
            return sip_state.open_ports(self.host, int(port))
        return None
