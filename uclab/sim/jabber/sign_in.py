"""Jabber's MRA sign-in (fact sheet 3.1, 3.2; seed article): get_edge_sso says whether tokens
may be reused (refresh flow); then authorize, the login form, /OAuthcb and the access_token
request give Jabber an access and a refresh token, and get_edge_config its home UDS server.
Without token reuse Jabber signs in with user credentials (Basic over MRA, S17, S18). XMPP
follows (:mod:`.xmpp`).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import requests

from uclab.facts import (
    AUTHENTICATOR_ID,
    DISCOVERY_UCM90_CREDS_NOT_SET,
    EDGE_AUTHORIZE,
    EDGE_AUTHORIZE_REALM,
    EDGE_CONFIG_INTERNAL_ERROR,
    EDGE_HTTPS_PORT,
    EDGE_LOCAL_AUTH,
    EDGE_SERVICE_UDS,
    GET_EDGE_CONFIG,
    GET_EDGE_CONFIG_QUERY,
    GET_EDGE_SSO,
)
from uclab.sim.jabber.embedded_browser import EmbeddedBrowser
from uclab.sim.jabber.outcome import Outcome
from uclab.sim.jabber.token_refresh import TokenRefresh
from uclab.trace.dialects import jabber_prt as prt

#: The authenticator id of the seed article's lines (tests read ``sign_in.AUTHENTICATOR``).
AUTHENTICATOR = AUTHENTICATOR_ID


class SignIn(EmbeddedBrowser, TokenRefresh):
    """Signing in (part of :class:`~uclab.sim.jabber.client.Jabber`)."""

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
            sso = s.get(self._edge(GET_EDGE_SSO) + "?" + urlencode(
                {"email": f"{self.user}@{self.domain}"}))
            if sso.status_code != 200:
                return Outcome(False, GET_EDGE_SSO, f"HTTP {sso.status_code}")
            if 'Token reuse="true"' not in sso.text:
                return self._credentials_sign_in()
            self._log(prt.TOKEN_REUSE, authenticator=AUTHENTICATOR_ID)
            self._log(prt.CREDS_FOR_AUTH, authenticator=AUTHENTICATOR_ID)
            self._log(prt.NEEDS_AUTHZ, authenticator=AUTHENTICATOR_ID)
            client_id = self.client_id
            url = self._edge(EDGE_AUTHORIZE) + "?" + urlencode(
                {"response_type": "code", "realm": EDGE_AUTHORIZE_REALM, "client_id": client_id,
                 "device_id": self.device_id})
            form = None
            if 'Status enabled="true"' in sso.text:  # SSO at the edge: the embedded browser
                code = self._browser_code(url)
                if isinstance(code, str):
                    return self._finish_code_login(code)
                if not isinstance(code, Outcome):  # no IdP redirect: the edge's own form
                    form = code
                elif code.stage != "authorize":
                    return code
            if form is None:
                self._log(prt.NAVIGATE, url=url)
                form = s.get(url)
            if form.status_code != 200:
                return Outcome(False, EDGE_AUTHORIZE,
                               f"HTTP {form.status_code}: {form.text[:120]}")
            fields = dict(re.findall(r"name='([^']+)' value='([^']*)'", form.text))
            fields.update(username=self.user, password=self.password)
            login = s.post(self._edge(EDGE_LOCAL_AUTH), data=fields,
                           allow_redirects=False)
            location = login.headers.get("Location", "")
            if login.status_code != 302 or "#code=" not in location:
                return Outcome(False, EDGE_LOCAL_AUTH,
                               f"HTTP {login.status_code}: {login.text[:160]}")
            code = location.split("#code=", 1)[1]
            host = (self.edge or "").split(":")[0]
            s.get(f"https://{host}:{EDGE_HTTPS_PORT}{location.split('#', 1)[0]}")
            return self._finish_code_login(code)
        except requests.ConnectionError as exc:
            return Outcome(False, "network", str(exc))

    def _finish_code_login(self, code: str) -> Outcome:
        """The back channel: the code for tokens, get_edge_config, then XMPP."""
        try:
            got = self._token_request({"grant_type": "authorization_code", "code": code,
                                       "client_id": self.client_id})
            if not got:
                return got
            config = self._get_edge_config()
            if not config:
                return config
        except requests.ConnectionError as exc:
            return Outcome(False, "network", str(exc))
        return self.xmpp_login() if self._xmpp else Outcome(True, GET_EDGE_CONFIG)

    def _credentials_sign_in(self) -> Outcome:
        """Sign in with user credentials over MRA (no OAuth): Basic on every request."""
        self.tokens.clear()
        self.mode = "credentials"
        resp = self.session.get(self._edge(GET_EDGE_CONFIG) + GET_EDGE_CONFIG_QUERY,
                                auth=(self.user, self.password))
        if resp.status_code != 200:
            self._log(prt.DISCOVERY_RESULT, code=DISCOVERY_UCM90_CREDS_NOT_SET)
            return Outcome(False, GET_EDGE_CONFIG, f"credentials refused: HTTP "
                           f"{resp.status_code}")
        self._remember_uds(resp.text)
        return self.xmpp_login() if self._xmpp else Outcome(True, GET_EDGE_CONFIG)

    def _get_edge_config(self) -> Outcome:
        resp = self.session.get(self._edge(GET_EDGE_CONFIG) + GET_EDGE_CONFIG_QUERY,
                                headers=self._bearer())
        if resp.status_code != 200:
            self._log(prt.EDGE_CONFIG_FAILED, error=EDGE_CONFIG_INTERNAL_ERROR
                      if resp.status_code >= 500 else f"HTTP_{resp.status_code}")
            return Outcome(False, GET_EDGE_CONFIG, f"HTTP {resp.status_code}: "
                           f"{resp.text[:160]}")
        self._remember_uds(resp.text)
        return Outcome(True, GET_EDGE_CONFIG)

    def _remember_uds(self, edge_config: str) -> None:
        """The user's home UDS server, from get_edge_config's _cisco-uds service."""
        m = re.search(rf"<name>{re.escape(EDGE_SERVICE_UDS)}</name><server>.*?"
                      r"<address>([^<]+)</address>", edge_config)
        self.uds_host = m[1] if m else self.ctx.peers.require("cucm").publisher.host

    # -- XMPP -------------------------------------------------------------------------------------
    def xmpp_login(self) -> Outcome:
        """XMPP SASL sign-in over MRA (:func:`uclab.sim.jabber.xmpp.jabber_xmpp_login`)."""
        from uclab.sim.jabber.xmpp import jabber_xmpp_login

        return jabber_xmpp_login(self)
