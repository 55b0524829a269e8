"""EPAS SOAP on IM&P: the legacy one-time tokens CISCO-VTG-TOKEN logins use (S28).

``POST https://<imp>:8443/EPASSoap/service/v80`` with ``login`` (user and password -> session
key), then ``get-onetime-password`` (session key -> one-time token). The operations and the
element paths follow what a third-party script reads (S28); the exact SOAP 1.2 bodies and the
token's lifetime are a lab model [U]. Client helpers build the requests and read the answers.
"""

from __future__ import annotations

import hashlib
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from uclab.core import defaults
from uclab.core.clock import Clock
from uclab.core.entropy import Entropy
from uclab.core.wire import Request, Response
from uclab.facts import (
    EPAS_BAD_LOGIN,
    EPAS_CLIENT_TYPE,
    EPAS_INVALID,
    EPAS_NS,
    EPAS_OP_LOGIN,
    EPAS_OP_OTP,
    EPAS_OTP_TTL_SECONDS,
    EPAS_PATH,
    EPAS_SOAPACTION_LOGIN,
    NS_SOAP12,
)
from uclab.protocols.xmpp import escape_text, local_name, restricted_xml, without_xml_declaration
from uclab.sim.cucm.users import Directory

#: Registry entries tests read from here; ``OTP_TTL_SECONDS`` is EPAS_OTP_TTL_SECONDS.
__all__ = ["EPAS_BAD_LOGIN", "EPAS_INVALID", "EPAS_PATH", "EPAS_SOAPACTION_LOGIN",
           "OTP_TTL_SECONDS", "EpasService", "epas_login_body", "epas_otp_body", "epas_result"]
OTP_TTL_SECONDS = EPAS_OTP_TTL_SECONDS
#: The answers' root elements, ``<op>-resp`` (the element paths S28's script reads).
_LOGIN_RESP = f"{EPAS_OP_LOGIN}-resp"
_OTP_RESP = f"{EPAS_OP_OTP}-resp"


# ==== client side (the Jabber model builds its requests with these) ==============================
def epas_login_body(user: str, password: str) -> str:
    """The EPAS ``login`` SOAP 1.2 request (S28; body shape a lab model [U])."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}">'
            f'<env:Body><{EPAS_OP_LOGIN} xmlns="{EPAS_NS}" client-type="{EPAS_CLIENT_TYPE}" '
            f'force="true"><username>{escape_text(user)}</username><password>'
            f"{escape_text(password)}</password></{EPAS_OP_LOGIN}></env:Body></env:Envelope>")


def epas_otp_body(session_key: str) -> str:
    """The EPAS ``get-onetime-password`` request, session key in the SOAP header (S28 [U])."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}" '
            f'xmlns="{EPAS_NS}"><env:Header><session-key>{escape_text(session_key)}'
            f"</session-key></env:Header><env:Body><{EPAS_OP_OTP}/></env:Body>"
            "</env:Envelope>")


def epas_result(text: str) -> str | None:
    """The value inside ``<success>`` of an EPAS answer (session key or password), or None."""
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, TypeError):
        return None
    for elem in root.iter():
        if local_name(elem.tag) == "success":
            first = next(iter(elem), None)
            return first.text if first is not None else None
    return None


# ==== the service ================================================================================
@dataclass
class _Otp:
    user: str
    expires: int


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class EpasService:
    """EPAS on one IM&P node: session keys from ``login``, one-time tokens from
    ``get-onetime-password``, and the one use CISCO-VTG-TOKEN makes of each (S28).

    Only digests of session keys and tokens are kept. ``directory(user)`` finds the CUCM
    directory that authenticates a user; ``entropy`` is the node's own stream.
    """

    def __init__(self, entropy: Entropy, clock: Clock, lock: threading.RLock,
                 directory: Callable[[str], Directory | None]) -> None:
        self.entropy = entropy
        self.clock = clock
        self.lock = lock
        self.directory = directory
        self._sessions: dict[str, str] = {}
        self._otps: dict[str, _Otp] = {}

    def handle(self, req: Request) -> Response:
        """``POST /EPASSoap/service/v80``: ``login`` then ``get-onetime-password`` (S28 [U])."""
        if req.method != "POST":
            return Response.make(405, "", {"Allow": "POST"})
        root = _soap_envelope(req.body)
        body = root.find(f"{{{NS_SOAP12}}}Body") if root is not None else None
        op = next(iter(body), None) if body is not None else None
        if op is None:
            return _epas_reply("fault", None, str(EPAS_INVALID), 400)
        with self.lock:
            if local_name(op.tag) == EPAS_OP_LOGIN:
                return self._login(op)
            if local_name(op.tag) == EPAS_OP_OTP:
                assert root is not None
                return self._otp(root)
        return _epas_reply("fault", None, str(EPAS_INVALID), 400)

    def drop_sessions(self) -> None:
        """Cisco Tomcat restarts: every session key is gone."""
        self._sessions.clear()

    def redeem(self, token: str, user: str) -> str:
        """Use a one-time token for ``user`` once, whatever the outcome; "" when it is valid,
        else why not."""
        otp = self._otps.pop(_digest(token), None)
        if otp is None:
            return "unknown or already used one-time token"
        if otp.user != user:
            return f"the one-time token was issued to another user, not {user!r}"
        if self.clock.now() > otp.expires:
            return f"the one-time token expired (lifetime {EPAS_OTP_TTL_SECONDS}s, lab choice)"
        directory = self.directory(user)
        if directory is None or directory.is_active(user) is not True:
            return f"user {user!r} is inactive or unknown"
        return ""

    def _login(self, op: ET.Element) -> Response:
        fields = {local_name(c.tag): (c.text or "") for c in op}
        user, password = fields.get("username", ""), fields.get("password", "")
        directory = self.directory(user)
        if directory is None or directory.authenticate(user, password) is None:
            return _epas_reply(_LOGIN_RESP, None, str(EPAS_BAD_LOGIN))
        key = self.entropy.hex(16).upper()
        self._sessions[_digest(key)] = user
        return _epas_reply(_LOGIN_RESP, ("session-key", key), "")

    def _otp(self, root: ET.Element) -> Response:
        header = root.find(f"{{{NS_SOAP12}}}Header")
        keys = [c.text or "" for c in (header if header is not None else [])
                if local_name(c.tag) == "session-key"]
        user = self._sessions.get(_digest(keys[0])) if len(keys) == 1 else None
        if user is None:
            return _epas_reply(_OTP_RESP, None, str(EPAS_INVALID))
        otp = self.entropy.urlsafe(defaults.RANDOM_BYTES)
        self._otps[_digest(otp)] = _Otp(user, self.clock.now() + EPAS_OTP_TTL_SECONDS)
        return _epas_reply(_OTP_RESP, ("password", otp), "")


def _soap_envelope(body: bytes) -> ET.Element | None:
    try:
        text = body.decode("utf-8")
        if restricted_xml(without_xml_declaration(text)):
            return None
        root = ET.fromstring(text)
    except (UnicodeDecodeError, ET.ParseError):
        return None
    return root if root.tag == f"{{{NS_SOAP12}}}Envelope" else None


def _epas_reply(op: str, value: tuple[str, str] | None, error: str, status: int = 200) -> Response:
    """A SOAP 1.2 envelope with ``<op><success><name>value</name></success></op>`` or an error
    (body shapes: lab model after S28 [U])."""
    if op == "fault":
        inner = (f"<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code>"
                 f"<env:Reason><env:Text xml:lang='en'>{escape_text(error)}</env:Text>"
                 "</env:Reason></env:Fault>")
    elif value is None:
        inner = f'<{op} xmlns="{EPAS_NS}"><error>{escape_text(error)}</error></{op}>'
    else:
        name, text = value
        inner = (f'<{op} xmlns="{EPAS_NS}"><success><{name}>{escape_text(text)}</{name}>'
                 f"</success></{op}>")
    body = (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}">'
            f"<env:Body>{inner}</env:Body></env:Envelope>")
    return Response.make(status, body, {"Content-Type": "application/soap+xml; charset=utf-8"})
