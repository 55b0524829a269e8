"""The lab IdP's AD FS-like and Entra-ID-like profiles (``lab.configure_sso(idp=...)``): SP
metadata imported as relying parties, the login page, a second factor (MFA, modelled), a
session cookie so that the next AuthnRequest is answered without a prompt, and a signed
Response with ``uid`` from the claim rule.

What differs per profile is what each product documents: AD FS's entity id
``http://<host>/adfs/services/trust`` and ``/adfs/ls/`` (T217268 sample log), the claim rule
"uid from SAMAccountName" (MRA guide); Entra ID's ``https://sts.windows.net/<tenant>/`` issuer,
``login.microsoftonline.com/<tenant>/saml2`` and the ``uid`` claim from
``user.onpremisessamaccountname`` ([U], :mod:`uclab.facts.sso`). Both authenticate the user and
answer with a SAML assertion only: the OAuth tokens Jabber uses come from CUCM (ENTRA, S1).
The login pages, the MFA step and the cookie are the lab's (modelled).
"""

from __future__ import annotations

import hashlib
import hmac
import html
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from uclab import facts
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError, OAuthError
from uclab.core.wire import Request, Response
from uclab.protocols.saml import Assertion, AuthnRequest, SamlError, public_cert, signed_response  # noqa: E501
from uclab.sim.saml_sp import IdpMetadata

PROFILES = ("adfs", "entra")
_PAGE = {"X-Frame-Options": "DENY", "Cache-Control": "no-store"}


@dataclass(frozen=True)
class IdpProfile:
    name: str
    title: str
    host: str
    entity_id: str
    sso_path: str
    uid_source: str

    @property
    def sso_url(self) -> str:
        return f"https://{self.host}{self.sso_path}"


def make_profile(name: str, domain: str, tenant: str) -> IdpProfile:
    """The profile ``adfs`` or ``entra`` for a deployment in ``domain``."""
    if name == "adfs":
        host = f"adfs.{domain}"
        return IdpProfile("adfs", "AD FS (lab model)", host, facts.ADFS_ENTITY_ID.format(
            host=host), str(facts.ADFS_SSO_PATH), "SAMAccountName")
    if name == "entra":
        return IdpProfile("entra", "Microsoft Entra ID (lab model)", str(facts.ENTRA_LOGIN_HOST),
                          facts.ENTRA_ENTITY_ID.format(tenant=tenant),
                          facts.ENTRA_SSO_PATH.format(tenant=tenant),
                          str(facts.ENTRA_UID_SOURCE))
    raise ConfigError(f"unknown IdP profile {name!r}: use one of {', '.join(PROFILES)}")


class ProfileIdp:
    """The SAML side of the lab IdP in one profile, with the knobs the faults turn."""

    def __init__(self, profile: IdpProfile, authenticate, clock, entropy: Entropy) -> None:
        self.profile = profile
        self._authenticate = authenticate
        self._clock = clock
        self._rng = entropy
        self._key = Ed25519PrivateKey.from_private_bytes(entropy.bytes(32))
        self._mfa_key = entropy.bytes(32)
        #: SP entity id -> its assertion consumer URL (the imported SP metadata)
        self.relying_parties: dict[str, str] = {}
        #: seconds the IdP's clock is off from the lab's (a fault: NTP not shared)
        self.clock_offset = 0
        #: whether the relying parties' claim rule sends uid (a fault when False)
        self.sends_uid = True
        self._sessions: dict[str, str] = {}
        self._mfa: dict[str, tuple[str, str, str]] = {}
        #: how many times the IdP prompted (password, then MFA) - the benefit probe reads it
        self.prompts = 0

    # -- admin ------------------------------------------------------------------------------------
    def metadata(self) -> IdpMetadata:
        return IdpMetadata(self.profile.entity_id, self.profile.sso_url, public_cert(self._key))

    def add_relying_party(self, entity_id: str, acs_url: str) -> None:
        self.relying_parties[entity_id] = acs_url

    def roll_over_signing_certificate(self) -> None:
        """A new signing key (AD FS auto-rollover); SPs keep the old metadata until re-import."""
        self._key = Ed25519PrivateKey.from_private_bytes(self._rng.bytes(32))

    def authenticator_code(self, user: str) -> str:
        """The user's authenticator app: a 6-digit code for the current 30 s window (modelled)."""
        window = (self._clock.now() + self.clock_offset) // 30
        mac = hmac.new(self._mfa_key, f"{user}:{window}".encode(), hashlib.sha256).digest()
        return f"{int.from_bytes(mac[:4], 'big') % 1_000_000:06d}"

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.path != self.profile.sso_path:
            return Response.make(404, "<html><body>Not Found</body></html>")
        try:
            if req.method == "GET":
                q = req.query
                return self._start(q.require("SAMLRequest"), q.get("RelayState") or "",
                                   req.headers.get("cookie") or "")
            if req.method == "POST":
                return self._post(req.form())
        except OAuthError as exc:  # a SamlError, or a field missing (InvalidRequest)
            return self._page(f"<p class='error'>{html.escape(exc.description)}</p>", 400)
        return Response.make(405, "<html><body>Method Not Allowed</body></html>",
                             {"Allow": "GET, POST"})

    def _start(self, saml_request: str, relay: str, cookie: str) -> Response:
        authn = AuthnRequest.decode(saml_request)
        if self.relying_parties.get(authn.issuer) != authn.acs_url:
            raise SamlError(f"no relying party trust for {authn.issuer[:80]!r} with this "
                            "consumer URL")
        session = _cookie(cookie, str(facts.IDP_SESSION_COOKIE))
        user = self._sessions.get(session) if session else None
        if user is not None:  # single sign-on: no prompt
            return self._post_back(authn, relay, user)
        self.prompts += 1
        return self._login(saml_request, relay, "")

    def _post(self, form) -> Response:
        stage = form.get("stage") or ""
        if stage == "password":
            saml_request, relay = form.require("SAMLRequest"), form.get("RelayState") or ""
            AuthnRequest.decode(saml_request)
            user = self._authenticate(form.get("username") or "", form.get("password") or "")
            if user is None:
                return self._login(saml_request, relay, str(facts.IDP_LOGIN_ERROR), 401)
            ticket = self._rng.hex(16)
            self._mfa[ticket] = (user.user_id, saml_request, relay)
            self.prompts += 1
            return self._page(f"<p>{html.escape(facts.MFA_PROMPT)}</p>"
                              f"<form method='post' action='{self.profile.sso_path}'>"
                              "<input type='hidden' name='stage' value='mfa'>"
                              f"<input type='hidden' name='ticket' value='{ticket}'>"
                              "<input name='otp'><button type='submit'>Verify</button></form>")
        if stage == "mfa":
            held = self._mfa.pop(form.get("ticket") or "", None)
            if held is None:
                raise SamlError("the MFA step has expired or was already used")
            user_id, saml_request, relay = held
            if not hmac.compare_digest(form.get("otp") or "", self.authenticator_code(user_id)):
                return self._page("<p class='error'>The code is not valid.</p>", 401)
            session = self._rng.urlsafe(24)
            self._sessions[session] = user_id
            resp = self._post_back(AuthnRequest.decode(saml_request), relay, user_id)
            resp.headers.set("Set-Cookie", f"{facts.IDP_SESSION_COOKIE}={session}; Secure; "
                                           "HttpOnly; Path=/")
            return resp
        raise SamlError("the form names no sign-in stage")

    def _login(self, saml_request: str, relay: str, error: str, status: int = 200) -> Response:
        err = f"<p class='error'>{html.escape(error)}</p>" if error else ""
        return self._page(f"<h1>{html.escape(self.profile.title)}</h1>{err}"
                          f"<form method='post' action='{self.profile.sso_path}'>"
                          "<input type='hidden' name='stage' value='password'>"
                          f"<input type='hidden' name='SAMLRequest' "
                          f"value='{html.escape(saml_request)}'>"
                          f"<input type='hidden' name='RelayState' value='{html.escape(relay)}'>"
                          "<input name='username'><input type='password' name='password'>"
                          "<button type='submit'>Sign in</button></form>", status)

    def _post_back(self, authn: AuthnRequest, relay: str, user_id: str) -> Response:
        now = self._clock.now() + self.clock_offset
        attributes = {str(facts.UID_ATTRIBUTE): [user_id]} if self.sends_uid else {}
        assertion = Assertion(self.profile.entity_id, authn.id, authn.acs_url, authn.issuer,
                              self._rng.hex(8), now, now + int(facts.ASSERTION_LIFETIME),
                              attributes)
        value = signed_response(assertion, "_" + self._rng.hex(16), now, self._key)
        body = (f"<html><body onload='document.forms[0].submit()'>"
                f"<form method='post' action='{html.escape(authn.acs_url)}'>"
                f"<input type='hidden' name='SAMLResponse' value='{value}'>"
                f"<input type='hidden' name='RelayState' value='{html.escape(relay)}'>"
                "</form></body></html>")
        return Response.make(200, body, {"Cache-Control": "no-store"})

    @staticmethod
    def _page(inner: str, status: int = 200) -> Response:
        return Response.make(status, f"<html><head><title>Sign in</title></head><body>{inner}"
                             "</body></html>", _PAGE)


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""
