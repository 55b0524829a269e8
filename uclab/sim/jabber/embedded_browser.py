"""Jabber's embedded browser for SSO over MRA (fact sheet 3.1: iOS uses an embedded web view by
default; "SSO Login Behavior for iOS", S23): the front channel of the login - the edge
authorize request, the IdP's pages, the auto-posted SAMLResponse to Expressway-E and the
/OAuthcb page - goes through a sender of its own (``jabber-<user>-embedded-browser``), so the
ladder draws the browser in its own lane and Jabber's back channel (the token requests) in
another. The browser keeps the IdP's session cookie: a second login within the IdP session
needs no prompt. The user's authenticator app (MFA) is :attr:`authenticator` (modelled).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from uclab.facts import EDGE_HTTPS_PORT, IDP_SESSION_COOKIE
from uclab.sim.jabber.outcome import Outcome
from uclab.sim.transport import LabClient, LabResponse
from uclab.trace.dialects import jabber_prt as prt

_HIDDEN = re.compile(r"name='([^']+)' value='([^']*)'")
_ACTION = re.compile(r"<form method='post' action='([^']+)'")


class EmbeddedBrowser:
    """The SSO front channel (part of :class:`~uclab.sim.jabber.client.Jabber`)."""

    #: the user's authenticator app: () -> the current code (set by ``lab.configure_sso``)
    authenticator: Callable[[], str] | None = None
    _browser: LabClient | None = None
    _idp_cookie: str = ""

    @property
    def browser(self) -> LabClient:
        if self._browser is None:
            self._browser = LabClient(self.ctx.network, f"{self.name}-embedded-browser",
                                      dict(self.session.headers))
        return self._browser

    def _browser_code(self, authorize_url: str) -> str | Outcome | LabResponse:
        """Run the SSO front channel from the edge authorize URL to the code; the edge's
        answer itself when it is a page of its own rather than a redirect to the IdP."""
        b = self.browser
        self._log(prt.NAVIGATE, url=authorize_url)
        first = b.get(authorize_url, allow_redirects=False)
        idp_url = first.headers.get("Location", "")
        if first.status_code == 200:
            return first
        if first.status_code != 302 or not idp_url.startswith("https://"):
            return Outcome(False, "authorize", f"HTTP {first.status_code}: {first.text[:120]}")
        cookie = {"Cookie": f"{IDP_SESSION_COOKIE}={self._idp_cookie}"} if self._idp_cookie \
            else {}
        page = b.get(idp_url, headers=cookie, allow_redirects=False)
        base = "https://" + urlsplit(idp_url).netloc
        for _ in range(2):  # the password page, then the MFA page
            fields = dict(_HIDDEN.findall(page.text))
            if page.status_code != 200 or "SAMLResponse" in fields:
                break
            stage = fields.get("stage")
            if stage == "password":
                fields.update(username=self.user, password=self.password)
            elif stage == "mfa":
                fields["otp"] = self.authenticator() if self.authenticator else ""
            else:
                break
            action = _ACTION.search(page.text)
            page = b.post(base + (action[1] if action else ""), data=fields,
                          allow_redirects=False)
            got = re.search(rf"{IDP_SESSION_COOKIE}=([^;]+)", page.headers.get("Set-Cookie", ""))
            if got:
                self._idp_cookie = got[1]
        fields = dict(_HIDDEN.findall(page.text))
        action = _ACTION.search(page.text)
        if page.status_code != 200 or "SAMLResponse" not in fields or action is None:
            return Outcome(False, "idp", f"HTTP {page.status_code}: {page.text[:160]}")
        posted = b.post(action[1].replace("&amp;", "&"), data=fields, allow_redirects=False)
        location = posted.headers.get("Location", "")
        if posted.status_code != 302 or "#code=" not in location:
            return Outcome(False, "saml", f"HTTP {posted.status_code}: {posted.text[:200]}")
        host = (self.edge or "").split(":")[0]
        b.get(f"https://{host}:{EDGE_HTTPS_PORT}{location.split('#', 1)[0]}")
        return location.split("#code=", 1)[1]
