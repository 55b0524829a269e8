"""The server side of one OAUTHBEARER exchange (RFC 7628 §3.2).

The server either succeeds, or (RFC 7628 §3.2.2, §3.2.3) sends a JSON error as a *challenge*,
the client answers with a lone %x01, and only then does the server fail the exchange. Nothing
here knows about the lab: a server is given a ``verify(token)`` callback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from uclab.protocols.sasl.data import SaslError
from uclab.protocols.sasl.oauthbearer import (
    DUMMY_RESPONSE,
    OAuthBearerResponse,
    bearer_token,
    parse_oauthbearer,
)
from uclab.protocols.sasl.step import SaslStep

#: Error codes an OAUTHBEARER error result may carry (RFC 6750 §3.1, via RFC 7628 §3.2.2).
STATUS_INVALID_TOKEN = "invalid_token"
STATUS_INVALID_REQUEST = "invalid_request"


@dataclass(frozen=True)
class TokenVerdict:
    """What a resource server's token check answered: ok, the token's subject, and why."""

    ok: bool
    subject: str | None = None
    reason: str = ""


def _same_identity(authzid: str, subject: str) -> bool:
    return authzid == subject


class OAuthBearerServer:
    """The server side of one OAUTHBEARER exchange (RFC 7628 §3.2).

    States: ``start`` -> ``done`` (success, or immediate failure of a malformed message) or
    ``start`` -> ``challenged`` -> ``done`` (the RFC 7628 §3.2.2/§3.2.3 error sequence). A message
    after ``done`` raises :class:`SaslError`.

    ``verify(token)`` checks the bearer token. ``hosts``/``ports`` are what the server knows by
    other means; a ``host``/``port`` kvpair that disagrees fails the exchange (§3.2, MUST).
    ``authorize(authzid, subject)`` decides whether the token's subject may act as the authzid
    (RFC 4422 semantics; default: only as itself). ``tls`` must be True: OAUTHBEARER needs TLS
    (§3, §5).
    """

    def __init__(self, verify: Callable[[str], TokenVerdict], *, hosts: Iterable[str] = (),
                 ports: Iterable[int] = (), tls: bool = True, scope: str | None = None,
                 openid_configuration: str | None = None,
                 authorize: Callable[[str, str], bool] = _same_identity) -> None:
        self.verify = verify
        self.hosts = {h.lower() for h in hosts}
        self.ports = set(ports)
        self.tls = tls
        self.scope = scope
        self.openid_configuration = openid_configuration
        self.authorize = authorize
        self.state = "start"
        self._pending = ""

    # -- answers ----------------------------------------------------------------------------------
    def _fail(self, reason: str, malformed: bool = False) -> SaslStep:
        self.state = "done"
        return SaslStep("failure", reason=reason, malformed=malformed)

    def error_result(self, status: str) -> bytes:
        """The JSON error result of RFC 7628 §3.2.2 (compact, in the RFC's member order)."""
        body: dict[str, str] = {"status": status}
        if self.scope is not None:
            body["scope"] = self.scope
        if self.openid_configuration is not None:
            body["openid-configuration"] = self.openid_configuration
        return json.dumps(body, separators=(",", ":")).encode()

    def _challenge(self, status: str, reason: str) -> SaslStep:
        self.state = "challenged"
        self._pending = reason
        return SaslStep("challenge", self.error_result(status), reason, status=status)

    # -- the state machine ------------------------------------------------------------------------
    def step(self, message: bytes) -> SaslStep:
        """Process one client message and return the server's answer."""
        if self.state == "done":
            raise SaslError("this OAUTHBEARER exchange is over; start a new one")
        if self.state == "challenged":
            return self._after_challenge(message)
        return self._initial(message)

    def abort(self) -> SaslStep:
        """The client aborted (RFC 4422 §3.5; allowed instead of %x01 by RFC 7628 §3.2.3)."""
        return self._fail("the client aborted the exchange"
                          + (f" after: {self._pending}" if self._pending else ""))

    def _after_challenge(self, message: bytes) -> SaslStep:
        if message == DUMMY_RESPONSE:
            return self._fail(self._pending)
        return self._fail(f"after the error challenge the client must send a lone %x01 "
                          f"(RFC 7628 §3.2.3), got {len(message)} byte(s); the exchange failed "
                          f"because: {self._pending}")

    def _initial(self, message: bytes) -> SaslStep:
        if message == DUMMY_RESPONSE:
            return self._fail("a lone %x01 as the first message: no user or server named, the "
                              "server fails without discovery information (RFC 7628 §3.1)")
        if not self.tls:
            return self._fail("OAUTHBEARER refused on a connection without TLS (RFC 7628 §3, §5: "
                              "TLS MUST be used)")
        try:
            resp = parse_oauthbearer(message)
        except SaslError as exc:
            return self._fail(str(exc), malformed=True)
        mismatch = self._check_endpoint(resp)
        if mismatch:
            return self._challenge(STATUS_INVALID_REQUEST, mismatch)
        return self._check_credentials(resp)

    def _check_endpoint(self, resp: OAuthBearerResponse) -> str:
        """RFC 7628 §3.2: host and port kvpairs MUST match what the server knows."""
        if resp.host is not None and self.hosts and resp.host.lower() not in self.hosts:
            return (f"host {resp.host[:64]!r} is not this server ({', '.join(sorted(self.hosts))})"
                    " (RFC 7628 §3.2)")
        if resp.port is not None and self.ports and resp.port not in self.ports:
            return (f"port {resp.port} is not the port the client connected to "
                    f"({', '.join(map(str, sorted(self.ports)))}) (RFC 7628 §3.2)")
        return ""

    def _check_credentials(self, resp: OAuthBearerResponse) -> SaslStep:
        try:
            token = bearer_token(resp.auth or "")
        except SaslError as exc:
            return self._challenge(STATUS_INVALID_TOKEN, str(exc))
        verdict = self.verify(token)
        if not verdict.ok or not verdict.subject:
            return self._challenge(STATUS_INVALID_TOKEN, verdict.reason or "token rejected")
        if resp.authzid is not None and not self.authorize(resp.authzid, verdict.subject):
            return self._challenge(STATUS_INVALID_REQUEST,
                                   f"authzid {resp.authzid[:64]!r} is not the token's subject "
                                   f"{verdict.subject!r} (RFC 4422 authzid semantics; policy)")
        self.state = "done"
        return SaslStep("success", reason="token accepted", identity=verdict.subject,
                        authzid=resp.authzid)
