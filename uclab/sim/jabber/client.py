"""Jabber: discovery, the MRA OAuth login, a token store, silent refresh, re-login, XMPP SASL.

Jabber talks HTTP through its context's ``session()`` (``requests``), so every hop is a real
request the network records. Behaviour from the fact sheet (3.1, 3.2, 3.4) and the seed article:

* outside the network only ``_collab-edge._tls`` answers, so Jabber goes to Expressway-E;
* get_edge_sso says whether tokens may be reused (refresh flow); then authorize, the login form,
  /OAuthcb and the access_token request give Jabber an access and a refresh token;
* when the access token expires Jabber refreshes it silently; when the refresh token has expired,
  was revoked, or the keys changed, the user must sign in again (S2, S1) and PRT shows
  ``handleRefreshTokenFailure`` (S1);
* for XMPP Jabber in OAuth mode needs OAUTHBEARER; without it, gloox logs "The server doesn't
  offer any SASL authentication mechanism that we can support" (seed article).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import requests

from uclab.core.errors import ConfigError
from uclab.core.wire import Request
from uclab.protocols.edge_urls import edge_url, proxied_url
from uclab.sim.dns import SRV_CISCO_UDS, SRV_COLLAB_EDGE, parse_answers
from uclab.trace.dialects import jabber_prt as prt

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext

AUTHENTICATOR = "1001"  # the authenticator id of the seed article's lines
#: modules of an affected build that reconnect with the expired token after a wake: S8 and S11
#: say "some Jabber modules" and a block after more than 5 failures; 6 is the lab's number [U]
MODULES_RECONNECTING_ON_WAKE = 6


@dataclass
class TokenStore:
    """What Jabber keeps after a login: the tokens and when Jabber believes they expire."""

    access_token: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    access_expires_at: int = 0
    refresh_expires_at: int = 0

    def clear(self) -> None:
        self.access_token = self.refresh_token = None
        self.access_expires_at = self.refresh_expires_at = 0

    def __repr__(self) -> str:
        return (f"TokenStore(access={'yes' if self.access_token else 'no'}, "
                f"refresh={'yes' if self.refresh_token else 'no'}, "
                f"access_expires_at={self.access_expires_at})")


@dataclass
class Outcome:
    """The result of a Jabber action: ok, the stage it reached, and why it stopped."""

    ok: bool
    stage: str
    detail: str = ""
    exchanges: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return f"{'OK' if self.ok else 'FAILED'} at {self.stage}" + \
            (f": {self.detail}" if self.detail else "")


class Jabber:
    """One Jabber client of one user, outside the network (MRA)."""

    def __init__(self, ctx: NodeContext, user: str, password: str, *, client_id: str,
                 client_secret: str, ip: str = "198.51.100.23",
                 platform: str = "Windows") -> None:
        if not isinstance(user, str) or not user:
            raise ConfigError("Jabber needs a user id")
        self.ctx = ctx
        self.user = user
        self.password = password
        #: the OAuth client Jabber is registered as on CUCM, with its built-in secret
        self.client_id = client_id
        self.client_secret = client_secret
        self.domain = ctx.domain
        self.name = f"jabber-{user}"
        self.host = f"{self.name}.pc"
        ctx.network.addresses[self.name] = ip
        self.session = ctx.session(src=self.name)
        self.session.headers.clear()
        self.session.headers.update({"Accept": "*/*", "User-Agent": f"Jabber/14.3 ({platform};)"})
        rng = ctx.entropy.child(f"jabber/{user}")
        self.device_id = rng.uuid4()
        self.thread = f"0x{rng.below(0xFFFF):08x}"
        self.tokens = TokenStore()
        self.edge: str | None = None
        self.state = "signed-out"
        self.mode = "oauth"
        self._xmpp = True
        #: whether this build refreshes its token before its modules reconnect after a wake;
        #: an affected build lets each module reconnect with the expired token first (S8, S11)
        self.refreshes_before_reconnect = True
        self.uds_host = ctx.peers.require("cucm").publisher.host
        self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Jabber({self.user!r}, state={self.state!r}, {self.tokens!r})"

    # -- logging ----------------------------------------------------------------------------------
    def _log(self, msg: prt.PrtMessage, secrets: tuple = (), **values: object) -> None:
        self.ctx.log(prt.prt_line(self.ctx.clock.tick(1), self.host, self.thread, msg, secrets,
                                  **values))

    def prt(self, reveal: bool = False) -> str:
        """This client's csf-unified.log lines, tokens concealed unless ``reveal``."""
        return self.ctx.logbook.render(host=self.host, reveal=reveal)

    # -- discovery --------------------------------------------------------------------------------
    def discover(self) -> Outcome:
        """SRV lookups in the public DNS: no _cisco-uds answer, so use the edge (S17, S33)."""
        dns = self.ctx.peers.require("public-dns").host
        for name in (SRV_CISCO_UDS, SRV_COLLAB_EDGE):
            query = f"{name}.{self.domain}"
            ex = self.ctx.network.send(self.name, Request.make("SRV", f"dns://{dns}/{query}"))
            answers = parse_answers(ex.response) if ex.response else []
            if name == SRV_COLLAB_EDGE and answers:
                self.edge = f"{answers[0].target}:{answers[0].port}"
                self._log(prt.DISCOVERY_RESULT, code="SUCCESS")
                return Outcome(True, "discovery", f"edge {self.edge}")
        self._log(prt.DISCOVERY_RESULT, code="FAILED_EDGE_CREDENTIALS_NOT_SET")
        return Outcome(False, "discovery", "no _collab-edge SRV record answers")

    def _edge(self, request: str) -> str:
        host, _, port = (self.edge or "").partition(":")
        return edge_url(host, self.domain, request, int(port or 8443))

    # -- sign in ----------------------------------------------------------------------------------
    def sign_in(self, xmpp: bool = True) -> Outcome:
        """The full MRA OAuth login of the seed article, then XMPP (unless ``xmpp=False``).

        When get_edge_sso does not offer token reuse, Jabber signs in with user credentials
        (Basic over MRA, then CISCO-VTG-TOKEN for XMPP), as older deployments do (S17, S18).
        """
        with self.lock:
            start = len(self.ctx.network.exchanges)
            self._xmpp = xmpp
            result = self._sign_in()
            result.exchanges = list(range(start, len(self.ctx.network.exchanges)))
            self.state = "signed-in" if result.ok else "needs-login"
            return result

    def _sign_in(self) -> Outcome:
        self.mode = "oauth"
        found = self.discover()
        if not found:
            return found
        s = self.session
        try:
            sso = s.get(self._edge("get_edge_sso") + "?" + urlencode(
                {"email": f"{self.user}@{self.domain}"}))
            if sso.status_code != 200:
                return Outcome(False, "get_edge_sso", f"HTTP {sso.status_code}")
            if 'Token reuse="true"' not in sso.text:
                return self._credentials_sign_in()
            self._log(prt.TOKEN_REUSE, authenticator=AUTHENTICATOR)
            self._log(prt.CREDS_FOR_AUTH, authenticator=AUTHENTICATOR)
            self._log(prt.NEEDS_AUTHZ, authenticator=AUTHENTICATOR)
            client_id = self.client_id
            url = self._edge("authorize") + "?" + urlencode(
                {"response_type": "code", "realm": "local", "client_id": client_id,
                 "device_id": self.device_id})
            self._log(prt.NAVIGATE, url=url)
            form = s.get(url)
            if form.status_code != 200:
                return Outcome(False, "authorize", f"HTTP {form.status_code}: {form.text[:120]}")
            fields = dict(re.findall(r"name='([^']+)' value='([^']*)'", form.text))
            fields.update(username=self.user, password=self.password)
            login = s.post(self._edge("localauthentication"), data=fields,
                           allow_redirects=False)
            location = login.headers.get("Location", "")
            if login.status_code != 302 or "#code=" not in location:
                return Outcome(False, "localauthentication",
                               f"HTTP {login.status_code}: {login.text[:160]}")
            code = location.split("#code=", 1)[1]
            host = (self.edge or "").split(":")[0]
            s.get(f"https://{host}:8443{location.split('#', 1)[0]}")
            got = self._token_request({"grant_type": "authorization_code", "code": code,
                                       "client_id": client_id})
            if not got:
                return got
            config = self._get_edge_config()
            if not config:
                return config
        except requests.ConnectionError as exc:
            return Outcome(False, "network", str(exc))
        return self.xmpp_login() if self._xmpp else Outcome(True, "get_edge_config")

    def _credentials_sign_in(self) -> Outcome:
        """Sign in with user credentials over MRA (no OAuth): Basic on every request."""
        self.tokens.clear()
        self.mode = "credentials"
        resp = self.session.get(self._edge("get_edge_config") +
                                "?service_name=_cisco-uds&service_name=_cuplogin",
                                auth=(self.user, self.password))
        if resp.status_code != 200:
            self._log(prt.DISCOVERY_RESULT, code="FAILED_UCM90_CREDENTIALS_NOT_SET")
            return Outcome(False, "get_edge_config", f"credentials refused: HTTP "
                           f"{resp.status_code}")
        self._remember_uds(resp.text)
        return self.xmpp_login() if self._xmpp else Outcome(True, "get_edge_config")

    def _token_request(self, form: dict[str, str]) -> Outcome:
        auth = (self.client_id, self.client_secret)
        resp = self.session.post(self._edge("access_token"), data=form, auth=auth)
        stage = "refresh" if form.get("grant_type") == "refresh_token" else "access_token"
        if resp.status_code != 200:
            try:
                err = resp.json()
                why = f"{err.get('error')}: {err.get('error_description')}"
            except ValueError:
                why = resp.text[:160]
            return Outcome(False, stage, f"HTTP {resp.status_code} {why}")
        body = resp.json()
        now = self.ctx.clock.now()
        self.tokens.access_token = body["access_token"]
        self.tokens.access_expires_at = now + int(body.get("expires_in", 3600))
        if body.get("refresh_token"):
            self.tokens.refresh_token = body["refresh_token"]
            self.tokens.refresh_expires_at = now + int(body.get("refresh_token_expires_in", 0))
        return Outcome(True, stage)

    def _bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.access_token}"}

    def _get_edge_config(self) -> Outcome:
        resp = self.session.get(self._edge("get_edge_config") +
                                "?service_name=_cisco-uds&service_name=_cuplogin",
                                headers=self._bearer())
        if resp.status_code != 200:
            self._log(prt.EDGE_CONFIG_FAILED, error="INTERNAL_ERROR" if resp.status_code >= 500
                      else f"HTTP_{resp.status_code}")
            return Outcome(False, "get_edge_config", f"HTTP {resp.status_code}: "
                           f"{resp.text[:160]}")
        self._remember_uds(resp.text)
        return Outcome(True, "get_edge_config")

    def _remember_uds(self, edge_config: str) -> None:
        """The user's home UDS server, from get_edge_config's _cisco-uds service."""
        m = re.search(r"<name>_cisco-uds</name><server>.*?<address>([^<]+)</address>",
                      edge_config)
        self.uds_host = m[1] if m else self.ctx.peers.require("cucm").publisher.host

    # -- refresh and services ---------------------------------------------------------------------
    def refresh(self) -> Outcome:
        """Trade the refresh token for a new access token; on failure the user must sign in."""
        with self.lock:
            if not self.tokens.refresh_token:
                return Outcome(False, "refresh", "no refresh token: sign in")
            got = self._token_request({"grant_type": "refresh_token",
                                       "refresh_token": self.tokens.refresh_token})
            if not got:
                self._log(prt.REFRESH_FAILURE)
                self.tokens.clear()
                self.state = "needs-login"
            return got

    def use_service(self, service: str = "uds") -> Outcome:
        """Call a service over MRA with the bearer token, refreshing it first if expired."""
        try:
            return self._use_service(service)
        except requests.ConnectionError as exc:
            return Outcome(False, "network", str(exc))

    def _use_service(self, service: str) -> Outcome:
        with self.lock:
            if self.mode == "credentials" and self.state == "signed-in":
                resp = self._service_request(service)
                return Outcome(resp.status_code == 200, service, f"HTTP {resp.status_code}")
            if self.state != "signed-in" or not self.tokens.access_token:
                return Outcome(False, service, "not signed in")
            if self.ctx.clock.now() >= self.tokens.access_expires_at:
                refreshed = self.refresh()
                if not refreshed:
                    return refreshed
            resp = self._service_request(service)
            if resp.status_code in (401, 403):
                refreshed = self.refresh()
                if not refreshed:
                    return refreshed
                resp = self._service_request(service)
            return Outcome(resp.status_code == 200, service, f"HTTP {resp.status_code}")

    def resume_after_hibernate(self, hours: float = 2) -> Outcome:
        """The laptop sleeps, wakes up, and Jabber's modules reconnect (S8, S11)."""
        with self.lock:
            self.ctx.advance(hours=hours)
            try:
                if not self.refreshes_before_reconnect:
                    for _ in range(MODULES_RECONNECTING_ON_WAKE):
                        self._service_request("uds")
                return self.use_service("uds")
            except requests.ConnectionError as exc:
                return Outcome(False, "network", str(exc))

    def _service_request(self, service: str) -> requests.Response:
        host = (self.edge or "").split(":")[0]
        if service == "uds":
            url = proxied_url(host, self.domain, "https", self.uds_host, 8443,
                              f"cucm-uds/user/{self.user}/devices")
        elif service == "voicemail":
            unity = self.ctx.peers.get("unity")
            if unity is None:
                raise ConfigError("this lab has no Unity Connection")
            from uclab.sim.unity import VM_INBOX_PATH

            url = proxied_url(host, self.domain, "https", unity.host, 443, str(VM_INBOX_PATH))
        else:
            raise ConfigError(f"unknown service {service!r}: use 'uds' or 'voicemail'")
        if self.mode == "credentials":
            return self.session.get(url, auth=(self.user, self.password))
        return self.session.get(url, headers=self._bearer())

    # -- XMPP -------------------------------------------------------------------------------------
    def xmpp_login(self) -> Outcome:
        from uclab.sim.jabber.xmpp import jabber_xmpp_login

        return jabber_xmpp_login(self)
