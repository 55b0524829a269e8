"""Expressway-C: MRA Access Control, Unified CM servers and their keys, the OAuth relay,
token validation with its own key copy, and the SASL mechanisms it advertises.

The login sequence is the seed article's (field observation): get_edge_sso -> authorize ->
localauthentication -> edgeconfigprovision (home cluster through UDS) -> authorize_proxy ->
302 to /OAuthcb#code -> access_token relayed to CUCM -> token validated with Expressway-C's own
keys -> get_edge_config and proxied requests with ``Authorization: Bearer``. "Refresh servers"
is what gives Expressway-C its copy of the CUCM keys (S6, S7, S2); with self-describing tokens
Expressway-C checks tokens itself (S6).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError, InvalidRequest
from uclab.core.wire import Request, Response
from uclab.facts import (
    CUCM_HTTPS_PORT,
    HEADER_X_CREDENTIALS,
    SEED,
    SSOSP_AUTHORIZE_PROXY,
    SSOSP_TOKEN,
    UDS_CLUSTER_USER,
    Fact,
)
from uclab.facts.releases import supports_refresh
from uclab.protocols.edge_urls import EdgeTarget, parse_edge_path
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.expressway.node import Expressway
from uclab.sim.expressway.settings import MraAccessControl, XConfiguration
from uclab.trace.dialects import expressway as xlog
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.cucm.node import CucmCluster

UCM_PAGE = Fact("Configuration > Unified Communications > Unified CM servers", "S6")
REFRESH_SERVERS = Fact("Refresh servers", "S6, S7, S2")
SSO_RESULT = Fact("SSOResult", SEED, confirmed=False,
                  note="the get_edge_sso answer's XML is shown only in the seed article")
OAUTH_CALLBACK = Fact("/OAuthcb", SEED, confirmed=False)
EDGE_TOKEN_REQUEST = Fact("access_token", SEED, confirmed=False,
                          note="the seed names the request; its edge path is concealed there")
EDGE_CONFIG_RESPONSE = Fact("getEdgeConfigResponse", "lab model", confirmed=False,
                            note="the get_edge_config body is not in the fact sheet")
OAUTH_VALIDATOR = Fact("/oauthvalidator", SEED, confirmed=False,
                       note="the seed names the OAuthvalidator request and conceals its URL; "
                       "uclab logs it with this path and validates in-process")
STALE_REALM = Fact("Failed to query auth component for SASL mechanisms", "S8")
AUTH_FAILED = Fact("Failed to authenticate user against server", "S17")
EDGE_REALM = Fact("Cisco-Edge", "S17, S18", note='Basic realm="Cisco-Edge"')
AUTH_METHODS = ("Authorize by OAuth token with refresh", "Authorize by OAuth token",
                "Authorize by user credentials")


@dataclass
class UcmServer:
    """One row of the Unified CM servers page, with what "Refresh servers" learnt."""

    address: str
    username: str
    password: str = field(repr=False)
    version: str = ""
    methods: tuple[str, ...] = ()
    keys: AuthzKeys | None = field(default=None, repr=False)
    cluster: CucmCluster | None = field(default=None, repr=False)
    status: str = "Not refreshed"


class ExpresswayC(Expressway):
    """The inside Expressway of MRA."""

    role = "expressway-c"
    ports = (8443, 5222)
    schemes = ("https", "xmpp")

    def __init__(self, ctx: NodeContext, host: str, name: str = "expc") -> None:
        super().__init__(ctx, host, name)
        self.access = MraAccessControl()
        #: the running xConfiguration the XCP (XMPP) side uses, loaded from the saved page at
        #: start and re-applied with each save (see :meth:`set_access_control`)
        self.xconfig = XConfiguration.from_page(self.access)
        self.ucm_servers: list[UcmServer] = []
        self.imp_servers: dict[str, bool] = {}  # host -> realm data fresh
        self.unity_servers: list[str] = []
        self.domains: set[str] = {ctx.domain}
        self._codes: dict[bytes, CucmCluster] = {}
        self._stream_mechs: dict[str, list[str]] = {}

    # -- admin actions ----------------------------------------------------------------------------
    def set_access_control(self, **values: object) -> MraAccessControl:
        """Change MRA Access Control fields (Python names of the GUI fields) and save.

        The save is applied to the running xConfiguration only while that still matches the
        saved page. Once they differ — the seed article's box showed OAuth On on the page and
        ``OAuthLocal: Off`` running, and only a restart brought them in line (field observation;
        why the apply failed is not known) — later saves do not reach it either, until
        :meth:`restart` [U lab model].
        """
        in_step = not self.running_config_differs
        self.access = self.access.changed(**values)
        if in_step:
            self.xconfig = XConfiguration.from_page(self.access)
        return self.access

    @property
    def running_config_differs(self) -> bool:
        """Whether the running xConfiguration differs from the saved MRA Access Control page
        (what ``xConfiguration CollaborationEdge`` shows against the page)."""
        return self.xconfig != XConfiguration.from_page(self.access)

    def restart(self) -> None:
        """Restart (reboot) Expressway-C: the running configuration is reloaded from the page."""
        self.xconfig = XConfiguration.from_page(self.access)

    def add_ucm_server(self, address: str, username: str, password: str) -> UcmServer:
        """Unified CM servers > New: publisher address and an account that can reach it."""
        if any(s.address == address for s in self.ucm_servers):
            raise ConfigError(f"{address} is already a Unified CM server")
        server = UcmServer(address, username, password)
        self.ucm_servers.append(server)
        return server

    def refresh_servers(self) -> list[UcmServer]:
        """Unified CM servers > Refresh servers: discover each cluster and fetch its keys."""
        from uclab.sim.cucm.node import CucmNode

        for server in self.ucm_servers:
            node = self.ctx.network.nodes.get(server.address.lower())
            if not isinstance(node, CucmNode):
                server.status, server.keys = f"Failed: cannot reach {server.address}", None
                continue
            cluster = node.cluster
            account = cluster.users.authenticate(server.username, server.password)
            if account is None or not account.application_user:
                server.status, server.keys = "Failed: the account was refused", None
                continue
            server.cluster, server.version = cluster, str(cluster.version)
            methods = ["Authorize by user credentials"]
            if "implicit" in cluster.grant_flows():
                methods.insert(0, "Authorize by OAuth token")
            if supports_refresh(cluster.version) and cluster.params.refresh_enabled:
                methods.insert(0, "Authorize by OAuth token with refresh")
            server.methods = tuple(methods)
            # the keys come with a refresh made while OAuth with refresh is On (S6, S7)
            wanted = self.access.authorize_by_oauth_token_with_refresh
            server.keys = cluster.fetch_keys() if wanted and supports_refresh(cluster.version) \
                else None
            server.status = "Active"
        return self.ucm_servers

    def add_imp_server(self, host: str) -> None:
        """IM and Presence Service nodes > New (realm data arrives with Refresh servers)."""
        self.imp_servers[host] = False

    def refresh_imp_servers(self) -> None:
        for host in self.imp_servers:
            self.imp_servers[host] = True

    def add_unity_server(self, host: str) -> None:
        if host not in self.unity_servers:
            self.unity_servers.append(host)

    @property
    def keys(self) -> list[AuthzKeys]:
        """The AuthZ key copies Expressway-C holds, one per refreshed cluster."""
        return [s.keys for s in self.ucm_servers if s.keys is not None]

    def server_table(self) -> list[dict[str, str]]:
        """The Unified CM servers page after a refresh."""
        return [{"Unified CM": s.address, "Version": s.version or "-", "Status": s.status,
                 "Authorization methods": ", ".join(s.methods) or "-",
                 "Keys": (s.keys.signing_checksum[:12] + "…") if s.keys else "none"}
                for s in self.ucm_servers]

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.scheme == "xmpp":
            return self.lab_xmpp(req)
        txn = self.next_txn()
        secrets = xlog.request_secrets(req)
        self.log.receive(txn, req, secrets)
        try:
            target = parse_edge_path(req.path)
            if target.domain not in self.domains:
                resp = Response.make(403, f"<error>domain {html.escape(target.domain)} is not "
                                          "configured on Expressway-C</error>")
            else:
                resp = self._route(req, target)
        except InvalidRequest as exc:
            resp = Response.make(400, exc.as_dict())
        loc = resp.headers.get("location") or ""
        extra = [(loc.split("#code=", 1)[1], CONCEALED)] if "#code=" in loc else []
        self.log.respond(txn, req, resp, secrets + extra)
        return resp

    def _route(self, req: Request, target: EdgeTarget) -> Response:
        if target.proxied:
            return self._proxy(req, target)
        request = target.rest.split("?")[0].strip("/")
        if request == "get_edge_sso":
            return self._get_edge_sso(req)
        if request == "authorize":
            return self._login_form(req)
        if request == "localauthentication" and req.method == "POST":
            return self._local_authentication(req)
        if request == str(EDGE_TOKEN_REQUEST) and req.method == "POST":
            return self._access_token(req)
        if request == "get_edge_config":
            return self._get_edge_config(req)
        return Response.make(404, f"<error>unknown edge request {html.escape(request[:60])}"
                                  "</error>")

    # -- get_edge_sso (S6, S7; answer body: seed article) --------------------------------------
    def _get_edge_sso(self, req: Request) -> Response:
        a = self.access
        token_reuse = a.authorize_by_oauth_token_with_refresh
        sso = a.saml_path and a.authorize_by_oauth_token
        if a.check_for_internal_authentication_availability:
            email = req.query.get("email") or ""
            server = self._home_server(email.split("@")[0]) if email else None
            token_reuse = token_reuse and server is not None and \
                "Authorize by OAuth token with refresh" in server.methods
            sso = sso and server is not None and "Authorize by OAuth token" in server.methods
        body = ("<?xml version='1.0' encoding='UTF-8'?>\n"
                f'<{SSO_RESULT} version="1.0">\n'
                f'  <Status enabled="{str(sso).lower()}"/>\n'
                f'  <Token reuse="{str(token_reuse).lower()}"/>\n'
                f"</{SSO_RESULT}>")
        return Response.make(200, body, {"Content-Type": "application/xml"})

    def _login_form(self, req: Request) -> Response:
        q = req.query
        if q.get("response_type") != "code" or not q.get("client_id"):
            raise InvalidRequest("the edge authorize request needs response_type=code and "
                                 "client_id")
        if not self.access.authorize_by_oauth_token_with_refresh:
            return Response.make(403, "<error>OAuth with refresh is not enabled on this "
                                      "Expressway</error>")
        hidden = "".join(f"<input type='hidden' name='{k}' value='{html.escape(v)}'>"
                         for k, v in (("client_id", q.get("client_id") or ""),
                                      ("device_id", q.get("device_id") or "")))
        body = ("<html><head><title>Sign in</title></head><body>"
                "<form method='post' action='localauthentication'>" + hidden +
                "<input name='username'><input type='password' name='password'>"
                "<button type='submit'>Sign In</button></form></body></html>")
        return Response.make(200, body, {"X-Frame-Options": "DENY", "Cache-Control": "no-store"})

    # -- localauthentication: edgeconfigprovision + authorize_proxy ------------------------------
    def _home_server(self, user: str) -> UcmServer | None:
        """edgeconfigprovision: ask UDS which cluster is the user's home (seed article)."""
        for server in self.ucm_servers:
            if server.cluster is None:
                continue
            url = (f"https://{server.address}:{CUCM_HTTPS_PORT}{UDS_CLUSTER_USER}"
                   f"?username={user}")
            req = Request.make("GET", url, {"Accept": "application/xml"})
            self.log.http_send(xlog.MOD_ECP, req, [])
            ex = self.ctx.network.send(self.name, req)
            if ex.response is None:
                continue
            self.log.http_received(xlog.MOD_ECP, url, ex.response, [])
            m = re.search(r"<primaryNode>([^<]+)</primaryNode>", ex.response.text)
            if not m:
                return None
            for candidate in self.ucm_servers:
                if candidate.cluster is not None and candidate.cluster.publisher.host == m[1]:
                    return candidate
            return None
        return None

    def _local_authentication(self, req: Request) -> Response:
        form = req.form()
        user, password = form.get("username") or "", form.get("password") or ""
        client_id = form.require("client_id")
        server = self._home_server(user) if user else None
        if server is None or server.cluster is None:
            self.log.event(xlog.EVENT_OAUTH, str(AUTH_FAILED), user, "-", level="ERROR")
            return Response.make(401, "<html><body>Authentication failed</body></html>")
        cluster = server.cluster
        creds = base64.b64encode(f"{user}:{password}".encode()).decode()
        relay = base64.b64encode(f"{server.username}:{server.password}".encode()).decode()
        url = f"https://{cluster.publisher.host}:{CUCM_HTTPS_PORT}{SSOSP_AUTHORIZE_PROXY}"
        proxy = Request.make("POST", url, {str(HEADER_X_CREDENTIALS): creds,
                                           "Content-Type": "application/x-www-form-urlencoded",
                                           "Authorization": f"Basic {relay}",
                                           "User-Agent": str(xlog.USER_AGENT)},
                             f"response_type=code&client_id={client_id}".encode())
        secrets = [(creds, CONCEALED), (f"Basic {relay}", CONCEALED), (password, CONCEALED)]
        self.log.http_send(xlog.MOD_SSO_SERVER, proxy, secrets)
        ex = self.ctx.network.send(self.name, proxy)
        if ex.response is None:
            return Response.make(502, f"<error>{html.escape(ex.error or 'no answer')}</error>")
        resp = ex.response
        code = resp.json().get("code") if resp.status == 200 else None
        self.log.http_received(xlog.MOD_SSO_SERVER, "", resp,
                               [(code, CONCEALED)] if code else [])
        server_ip = cluster.publisher.host
        if not code:
            error = resp.json() if resp.body.startswith(b"{") else {}
            self.log.event(xlog.EVENT_OAUTH, str(AUTH_FAILED), user, server_ip, level="ERROR")
            return Response.make(resp.status if resp.status in (400, 401, 403) else 502, error)
        self._codes[hashlib.sha256(code.encode()).digest()] = cluster
        self.log.event(xlog.EVENT_OAUTH, str(xlog.DETAIL_AUTHORIZED), user, server_ip)
        self.log.event(xlog.EVENT_SSO, str(xlog.DETAIL_REDIRECTED), user, server_ip,
                       redirect=f"{OAUTH_CALLBACK}#code={xlog.CODE_HIDDEN}")
        return Response.make(302, b"", {"Location": f"{OAUTH_CALLBACK}#code={code}"})

    # -- access_token: relay to CUCM, then validate with our own keys ------------------------------
    def _cluster_for(self, form) -> CucmCluster | None:
        code = form.get("code")
        if code:
            return self._codes.get(hashlib.sha256(code.encode()).digest())
        token = form.get("refresh_token") or ""
        try:
            head = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
            owner = str(head.get("kid", "")).split(":")[0]
        except (ValueError, UnicodeDecodeError, AttributeError):
            return None
        for server in self.ucm_servers:
            if server.cluster is not None and server.cluster.cluster_id == owner:
                return server.cluster
        return None

    def _access_token(self, req: Request) -> Response:
        form = req.form()
        cluster = self._cluster_for(form)
        if cluster is None:
            return Response.make(400, {"error": "invalid_grant", "error_description":
                                       "Expressway-C cannot tell which Unified CM issued this "
                                       "code or refresh token"})
        url = f"https://{cluster.publisher.host}:{CUCM_HTTPS_PORT}{SSOSP_TOKEN}"
        headers = [("Content-Type", "application/x-www-form-urlencoded"),
                   ("User-Agent", str(xlog.USER_AGENT))]
        if req.headers.get("authorization"):
            headers.append(("Authorization", req.headers["authorization"]))
        relay = Request.make("POST", url, headers, req.body)
        secrets = xlog.request_secrets(relay) + [(v, CONCEALED) for k, v in form.pairs()
                                                 if k in ("code", "refresh_token")]
        self.log.http_send(xlog.MOD_SSO_SERVER, relay, secrets)
        ex = self.ctx.network.send(self.name, relay)
        if ex.response is None:
            return Response.make(502, {"error": "temporarily_unavailable",
                                       "error_description": ex.error or "no answer"})
        resp = ex.response
        if resp.status != 200:
            return resp
        token = resp.json().get("access_token", "")
        check = self.check_token(token)
        if not check.ok:
            return Response.make(403, {"error": "invalid_token",
                                       "error_description": check.reason})
        return resp

    def check_token(self, token: str) -> Validation:
        """OAuthvalidator: validate an access token with Expressway-C's own key copies."""
        probe = Request.make("POST", f"https://{self.host}{OAUTH_VALIDATOR}",
                             {"Content-Type": "application/json"}, json.dumps({"token": token}))
        self.log.http_send(xlog.MOD_SSO_SERVER, probe, [(token, "<concealed>")])
        result = validate_access_token(token, self.keys, now=self.now, node=self.host)
        user = str((result.claims or {}).get("sub", ""))
        self.log.token_check(user, result.ok, result.reason, "")
        return result

    # -- services with a bearer token -------------------------------------------------------------
    def _authorize(self, req: Request) -> tuple[CucmCluster | None, Response | None]:
        """Who may use an MRA service: a valid bearer token (self-describing, checked with our
        keys, S6) or, when "Authorize by user credentials" is On, a user whose Basic
        credentials the home cluster's UDS accepts (S17, S18). Returns the home cluster."""
        auth = req.headers.get("authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() == "bearer" and credential.strip():
            result = self.check_token(credential.strip())
            if not result.ok:
                # S8 reports 403 for every MRA service when Expressway's clock is wrong; the
                # status for other token failures is not documented: uclab answers 403 [U].
                return None, Response.make(403, {"error": "invalid_token",
                                                 "error_description": result.reason},
                                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return self._cluster_by_id(str((result.claims or {}).get("iss"))), None
        if scheme.lower() == "basic" and self.access.authorize_by_user_credentials:
            try:
                creds = req.basic_auth()
            except InvalidRequest:
                creds = None
            server = self._home_server(creds[0]) if creds else None
            if server is not None and server.cluster is not None and creds is not None:
                url = (f"https://{server.cluster.publisher.host}:{CUCM_HTTPS_PORT}"
                       f"/cucm-uds/user/{creds[0]}/devices")
                check = Request.make("GET", url, {"Authorization": auth})
                self.log.http_send(xlog.MOD_ECP, check, [(auth, CONCEALED)])
                ex = self.ctx.network.send(self.name, check)
                if ex.response is not None and ex.response.status == 200:
                    return server.cluster, None
            self.log.event(xlog.EVENT_OAUTH, str(AUTH_FAILED), creds[0] if creds else "-", "-",
                           level="ERROR")
        return None, Response.make(401, b"", {"WWW-Authenticate": f'Basic realm="{EDGE_REALM}"'}
                                   if self.access.authorize_by_user_credentials else
                                   {"WWW-Authenticate": f'Bearer realm="{EDGE_REALM}"'})

    def _get_edge_config(self, req: Request) -> Response:
        home, refused = self._authorize(req)
        if refused is not None:
            return refused
        uds = "".join(_server_xml(n.host, CUCM_HTTPS_PORT) for n in (home.nodes if home else []))
        cup = "".join(_server_xml(h, 8443) for h in self.imp_servers)
        edge_node = self.ctx.peers.get("expe")
        edge = edge_node.host if edge_node is not None else ""
        body = (f'<{EDGE_CONFIG_RESPONSE} version="1.0"><serviceConfig>'
                f"<service><name>_cisco-uds</name>{uds}</service>"
                f"<service><name>_cuplogin</name>{cup}</service></serviceConfig><edgeConfig>"
                f"<xmppEdgeServer><server><address>{edge}</address><tlsPort>5222</tlsPort>"
                f"</server></xmppEdgeServer><httpEdgeServer><server><address>{edge}</address>"
                f"<tlsPort>8443</tlsPort></server></httpEdgeServer></edgeConfig>"
                f"</{EDGE_CONFIG_RESPONSE}>")
        return Response.make(200, body, {"Content-Type": "application/xml"})

    def _cluster_by_id(self, cluster_id: str) -> CucmCluster | None:
        for server in self.ucm_servers:
            if server.cluster is not None and server.cluster.cluster_id == cluster_id:
                return server.cluster
        return None

    def allowed_inside(self, host: str) -> bool:
        """The hosts Expressway-C will proxy to: servers it discovered or was given."""
        known = {n.host for s in self.ucm_servers if s.cluster for n in s.cluster.nodes}
        return host in known or host in self.imp_servers or host in self.unity_servers

    def _proxy(self, req: Request, target: EdgeTarget) -> Response:
        if not self.allowed_inside(target.host or ""):
            return Response.make(403, f"<error>{html.escape(target.host or '')} is not a server "
                                      "Expressway-C proxies to</error>")
        _, refused = self._authorize(req)
        if refused is not None:
            return refused
        query = f"?{req.query_string}" if req.query_string else ""
        url = f"{target.scheme}://{target.host}:{target.port}/{target.rest.split('?')[0]}{query}"
        inner = Request.make(req.method, url, [(k, v) for k, v in req.headers
                                               if k.lower() in ("authorization", "accept",
                                                                "content-type")], req.body)
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return Response.make(502, f"<error>{html.escape(ex.error or 'no answer')}</error>")
        return ex.response

    # -- XMPP: relay to IM&P, advertising only the mechanisms MRA allows -----------------------
    def advertised_mechanisms(self, offered: list[str] | tuple[str, ...]) -> list[str]:
        """What Expressway-C passes on of IM&P's SASL mechanisms, from its running
        xConfiguration: OAUTHBEARER with OAuthLocal On, CISCO-VTG-TOKEN with LegacyCred On,
        never PLAIN over MRA. The seed article shows OAuthLocal Off leaving only
        CISCO-VTG-TOKEN; the rest of the rule is uclab's reading [U]."""
        from uclab.protocols.sasl import MECH_OAUTHBEARER, MECH_VTG

        allowed = set()
        if self.xconfig.oauth_local:
            allowed.add(MECH_OAUTHBEARER)
        if self.xconfig.legacy_cred:
            allowed.add(MECH_VTG)
        return [m for m in offered if m in allowed]

    def lab_xmpp(self, req: Request) -> Response:
        """One client stanza relayed from Expressway-E to the user's IM&P node."""
        from uclab.protocols.xmpp import STREAM_HEADER, features_xml, parse_reply
        from uclab.trace.dialects.imp_xcp import xcp_jabberd_line

        fresh = [h for h, ok in self.imp_servers.items() if ok]
        stanza = req.body.decode("utf-8", "replace")
        if not fresh:
            detail = (f"{STALE_REALM}: no IM and Presence Service node has been refreshed"
                      if self.imp_servers else "no IM and Presence Service node is configured")
            self.ctx.log(xcp_jabberd_line(self.ctx.clock.tick(1), self.host, self.pid, 1, detail,
                                          level="ERROR", code_location=None))
            return Response.make(200, "<stream:error><internal-server-error xmlns="
                                      "'urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")
        imp_host = fresh[0]
        headers = [(k, v) for k, v in req.headers if k == STREAM_HEADER]
        inner = Request.make("XMPP", f"xmpp://{imp_host}:5222/", headers, req.body)
        opening = stanza.lstrip().startswith("<stream:stream")
        sid = req.headers.get(STREAM_HEADER) or ""
        if not opening:
            m = re.match(r"\s*<auth\b[^>]*\bmechanism=['\"]([^'\"]+)", stanza)
            if m and m[1] not in self._stream_mechs.get(sid, []):
                return Response.make(200, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                                          "<invalid-mechanism/></failure>",
                                     {STREAM_HEADER: sid})
        else:
            node = self.ctx.network.nodes.get(imp_host)
            if node is not None and hasattr(node, "query_auth_component"):
                node.query_auth_component(self.host)
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return Response.make(502, f"<error>{html.escape(ex.error or '')}</error>")
        resp = ex.response
        if not opening:
            return resp
        reply = parse_reply(resp.text)
        sid = resp.headers.get(STREAM_HEADER) or reply.stream_id
        advertised = self.advertised_mechanisms(reply.mechanisms)
        self._stream_mechs[sid] = advertised
        head = resp.text.split("<stream:features", 1)[0]
        return Response.make(200, head + features_xml(advertised),
                             {"Content-Type": "application/xml", STREAM_HEADER: sid})


def _server_xml(host: str, port: int) -> str:
    return (f"<server><priority>1</priority><weight>1</weight><port>{port}</port>"
            f"<address>{host}</address></server>")
