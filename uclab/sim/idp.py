"""A minimal SAML 2.0 identity provider, so that the lab's SSO paths exist.

Real deployments use an IdP such as AD FS or Okta: CUCM redirects the browser to the IdP with a
SAML AuthnRequest (HTTP-Redirect binding), the IdP authenticates the user and posts a signed
Response back to CUCM's assertion consumer (HTTP-POST binding) — SAML 2.0 Bindings §3.4, §3.5.
Lab simplification: the assertion is a small XML document signed with HMAC-SHA256 under a key
the IdP and CUCM share when SSO is enabled, instead of XML-DSig with the IdP's certificate.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

from uclab.core.entropy import Entropy
from uclab.core.errors import AccessDenied, InvalidRequest
from uclab.core.wire import Request, Response
from uclab.facts import HTTPS_DEFAULT_PORT, IDP_LOGIN_ERROR, IDP_LOGIN_PATH, IDP_SSO_PATH

#: Notebook 04 posts to ``idp.LOGIN_PATH``.
LOGIN_PATH = IDP_LOGIN_PATH
_ASSERTION = re.compile(
    r'^<samlp:Response ID="(?P<id>[A-Za-z0-9_-]+)" InResponseTo="(?P<irt>[A-Za-z0-9_-]+)" '
    r'Destination="(?P<dest>[^"]+)"><saml:Assertion><saml:Subject><saml:NameID>(?P<user>[^<]+)'
    r'</saml:NameID></saml:Subject><saml:Conditions NotOnOrAfter="(?P<exp>\d+)"><saml:Audience>'
    r'(?P<aud>[^<]+)</saml:Audience></saml:Conditions></saml:Assertion></samlp:Response>$')


@dataclass
class Assertion:
    user_id: str
    in_response_to: str
    audience: str


class IdentityProvider:
    """A lab IdP node: login form, assertion issue, and the verifying half for CUCM."""

    def __init__(self, host: str, authenticate, clock, entropy: Entropy) -> None:
        self.host = host
        self.ports = (HTTPS_DEFAULT_PORT,)
        self._authenticate = authenticate  # (user, password) -> user object or None
        self._clock = clock
        self._rng = entropy
        self._key = entropy.bytes(32)
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        #: the AD FS-like or Entra-like SAML profile, once ``lab.configure_sso`` chose one
        #: (:mod:`uclab.sim.idp_profiles`); without it the IdP is the minimal one below
        self.saml = None

    def use_profile(self, name: str, domain: str):
        """Switch to the ``adfs`` or ``entra`` profile
        (:class:`~uclab.sim.idp_profiles.ProfileIdp`)."""
        from uclab.sim.idp_profiles import ProfileIdp, make_profile

        rng = self._rng.child(f"profile/{name}")
        profile = make_profile(name, domain, rng.uuid4())
        self.saml = ProfileIdp(profile, self._authenticate, self._clock, rng)
        return self.saml

    # -- IdP side -----------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if self.saml is not None and req.path == self.saml.profile.sso_path:
            return self.saml.handle(req)
        if req.path == IDP_SSO_PATH and req.method == "GET":
            q = req.query
            saml_request, relay = q.require("SAMLRequest"), q.require("RelayState")
            return self._form(saml_request, relay, "")
        if req.path == IDP_LOGIN_PATH and req.method == "POST":
            f = req.form()
            saml_request, relay = f.require("SAMLRequest"), f.require("RelayState")
            user = self._authenticate(f.get("username") or "", f.get("password") or "")
            if user is None:
                return self._form(saml_request, relay, IDP_LOGIN_ERROR, 401)
            request_id, acs, audience = self._parse_request(saml_request)
            return self._post_back(acs, self.issue(user.user_id, request_id, acs, audience),
                                   relay)
        return Response.make(404, "<html><body>Not Found</body></html>")

    def authn_request_url(self, request_id: str, acs_url: str, audience: str, relay: str) -> str:
        xml = (f'<samlp:AuthnRequest ID="{request_id}" AssertionConsumerServiceURL="{acs_url}">'
               f'<saml:Issuer>{audience}</saml:Issuer></samlp:AuthnRequest>')
        b64 = base64.b64encode(xml.encode()).decode()
        return f"https://{self.host}{IDP_SSO_PATH}?" + urlencode({"SAMLRequest": b64,
                                                               "RelayState": relay})

    @staticmethod
    def _parse_request(b64: str) -> tuple[str, str, str]:
        try:
            xml = base64.b64decode(b64, validate=True).decode()
        except (ValueError, UnicodeDecodeError):
            raise InvalidRequest("SAMLRequest is not base64") from None
        m = re.match(r'^<samlp:AuthnRequest ID="([A-Za-z0-9_-]+)" AssertionConsumerServiceURL='
                     r'"(https://[^"]+)"><saml:Issuer>([^<]+)</saml:Issuer>', xml)
        if not m:
            raise InvalidRequest("SAMLRequest is not an AuthnRequest this IdP understands")
        return m.group(1), m.group(2), m.group(3)

    def issue(self, user_id: str, in_response_to: str, acs: str, audience: str) -> str:
        rid = "_" + self._rng.hex(16)
        exp = self._clock.now() + 300
        xml = (f'<samlp:Response ID="{rid}" InResponseTo="{in_response_to}" Destination="{acs}">'
               f'<saml:Assertion><saml:Subject><saml:NameID>{html.escape(user_id)}</saml:NameID>'
               f'</saml:Subject><saml:Conditions NotOnOrAfter="{exp}"><saml:Audience>{audience}'
               f'</saml:Audience></saml:Conditions></saml:Assertion></samlp:Response>')
        sig = hmac.new(self._key, xml.encode(), hashlib.sha256).hexdigest()
        return base64.b64encode(f"{xml}\n{sig}".encode()).decode()

    def _form(self, saml_request: str, relay: str, error: str, status: int = 200) -> Response:
        err = f"<p class='error'>{html.escape(error)}</p>" if error else ""
        body = (f"<html><head><title>Sign in</title></head><body>{err}"
                f"<form method='post' action='{IDP_LOGIN_PATH}'>"
                f"<input type='hidden' name='SAMLRequest' value='{html.escape(saml_request)}'>"
                f"<input type='hidden' name='RelayState' value='{html.escape(relay)}'>"
                "<input name='username'><input type='password' name='password'>"
                "<button type='submit'>Sign in</button></form></body></html>")
        return Response.make(status, body, {"X-Frame-Options": "DENY",
                                            "Cache-Control": "no-store"})

    @staticmethod
    def _post_back(acs: str, saml_response: str, relay: str) -> Response:
        body = (f"<html><body onload='document.forms[0].submit()'>"
                f"<form method='post' action='{html.escape(acs)}'>"
                f"<input type='hidden' name='SAMLResponse' value='{saml_response}'>"
                f"<input type='hidden' name='RelayState' value='{html.escape(relay)}'>"
                "</form></body></html>")
        return Response.make(200, body, {"Cache-Control": "no-store"})

    # -- SP (CUCM) side -------------------------------------------------------------------------
    def verify(self, saml_response: str, *, acs: str, audience: str) -> Assertion:
        """Check signature, destination, audience, lifetime and one-time use."""
        try:
            xml, sig = base64.b64decode(saml_response, validate=True).decode().rsplit("\n", 1)
        except (ValueError, UnicodeDecodeError):
            raise AccessDenied("SAMLResponse is not a base64 SAML response") from None
        good = hmac.new(self._key, xml.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(good, sig):
            raise AccessDenied("the SAML response signature does not verify")
        m = _ASSERTION.match(xml)
        if not m:
            raise AccessDenied("the SAML response is not in the expected form")
        if m["dest"] != acs or m["aud"] != audience:
            raise AccessDenied("the SAML response was meant for another service provider")
        if int(m["exp"]) < self._clock.now():
            raise AccessDenied("the SAML assertion has expired (NotOnOrAfter passed)")
        with self._lock:
            if m["id"] in self._seen:
                raise AccessDenied("the SAML response was already used")
            self._seen.add(m["id"])
        return Assertion(html.unescape(m["user"]), m["irt"], m["aud"])
