"""IM&P's XMPP streams: the stream header, its features and SASL negotiation (RFC 6120 §4, §6.4).

XMPP over the lab network: ``Request.make("XMPP", "xmpp://<imp>:5222/", body=<stanza>)``. One
request carries one client stanza: the stream header (answered with the server's header and
``<stream:features>``), ``<auth>``, ``<response>`` or ``<abort>``. The lab header
:data:`~uclab.protocols.xmpp.STREAM_HEADER` stands for the TCP connection; without it every
request uses the node's one implicit stream. The lab does not simulate TLS: an ``xmpp://``
stream stands for one on which STARTTLS has completed (RFC 6120 §5; RFC 7628 §3 makes TLS a
MUST). An authenticated stream stays up after its access token expires: RFC 7628 §5 lets a
server disconnect, IM&P's behaviour is not documented, and uclab's policy [U] is to keep it (a
new login needs a valid token).
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from uclab.core.entropy import Entropy
from uclab.facts import MECH_OAUTHBEARER, NS_SASL, NS_STREAMS, STREAM_HEADER_XML
from uclab.protocols.sasl import (
    OAuthBearerServer,
    SaslError,
    SaslStep,
    from_base64,
)
from uclab.protocols.xmpp import (
    StreamError,
    challenge_stanza,
    failure_stanza,
    features_xml,
    local_name,
    parse_stanza,
    parse_stream_header,
    sasl_failure,
    stanza_text,
    success_stanza,
)
from uclab.sim.imp.sasl_service import SaslMechanisms
from uclab.sim.imp.xcp_log import XcpLog

#: Most XMPP streams a node keeps (the oldest is dropped beyond it; checklist K1).
MAX_STREAMS = 1000


@dataclass
class XmppStream:
    """One client connection's state (RFC 6120 §4); ``jid`` once SASL succeeded."""

    id: str
    mechanism: str | None = None
    server: OAuthBearerServer | None = None
    jid: str | None = None
    token_exp: int | None = None


class XmppStreams:
    """The client streams of one IM&P node (its XCP Connection Manager) and the SASL
    negotiation on each. Stream ids come from the node's ``entropy``."""

    def __init__(self, presence_domain: str, entropy: Entropy, lock: threading.RLock,
                 sasl: SaslMechanisms, log: XcpLog) -> None:
        self.presence_domain = presence_domain
        self.entropy = entropy
        self.lock = lock
        self.sasl = sasl
        self.log = log
        self.streams: dict[str, XmppStream] = {}

    def receive(self, stanza: bytes | str, stream_id: str = "") -> tuple[str, str]:
        """Process one client stanza on a stream; returns the reply and the stream id.
        Bad input gets an RFC 6120 stream error or SASL failure, never an exception."""
        with self.lock:
            try:
                text = stanza_text(stanza)
                header = parse_stream_header(text)
                if header is not None:
                    return self._open_stream(header)
                elem = parse_stanza(text)
                stream = self._stream(stream_id)
                return self._dispatch(elem, stream), stream_id
            except StreamError as err:
                self.streams.pop(stream_id, None)
                return err.xml(), stream_id

    def _stream(self, stream_id: str) -> XmppStream:
        if stream_id not in self.streams and len(self.streams) >= MAX_STREAMS:
            self.streams.pop(next(iter(self.streams)))  # the oldest connection goes
        return self.streams.setdefault(stream_id, XmppStream(stream_id))

    def _open_stream(self, elem: ET.Element) -> tuple[str, str]:
        """RFC 6120 §4.7: check the header, answer with ours and the stream features (S27)."""
        if elem.tag != f"{{{NS_STREAMS}}}stream":
            raise StreamError("invalid-namespace", f"the stream element must be in {NS_STREAMS}")
        to = elem.get("to") or ""
        if to.lower() != self.presence_domain.lower():
            raise StreamError("host-unknown", f"this server serves {self.presence_domain}, not "
                                              f"{to[:64]!r}")
        sid = self.entropy.hex(6).upper()
        self._stream(sid)
        header = STREAM_HEADER_XML.format(id=sid, domain=self.presence_domain)
        return header + features_xml(self.sasl.offered()), sid

    def _dispatch(self, elem: ET.Element, stream: XmppStream) -> str:
        name = local_name(elem.tag)
        if name in ("auth", "response", "abort") and elem.tag != f"{{{NS_SASL}}}{name}":
            raise StreamError("invalid-namespace", f"<{name}> must be in {NS_SASL}")
        if name == "auth":
            return self._auth(elem, stream)
        if name == "response":
            return self._response(elem, stream)
        if name == "abort":
            return self._abort(stream)
        raise StreamError("unsupported-stanza-type",
                          f"<{name[:32]}>: this node handles the stream header and SASL only")

    # -- SASL over XMPP (RFC 6120 §6.4) -----------------------------------------------------------
    def _auth(self, elem: ET.Element, stream: XmppStream) -> str:
        mech = elem.get("mechanism") or ""
        offered = self.sasl.offered()
        stream.mechanism, stream.server = None, None
        if mech not in offered:
            why = f"mechanism {mech[:32]!r} is not offered (offered: {', '.join(offered)})"
            self.log.failed(mech or "-", "-", why)
            return sasl_failure("invalid-mechanism", why)
        stream.mechanism = mech
        if mech == MECH_OAUTHBEARER:
            stream.server = self.sasl.oauthbearer_server()
        if elem.text is None or not elem.text.strip():
            return challenge_stanza(b"")  # no initial response (§6.4.2)
        return self._step(stream, elem.text.strip(), "auth")

    def _response(self, elem: ET.Element, stream: XmppStream) -> str:
        if stream.mechanism is None:
            return sasl_failure("malformed-request", "no SASL negotiation in progress on this "
                                                     "stream (send <auth> first)")
        return self._step(stream, (elem.text or "").strip() or "=", "response")

    def _abort(self, stream: XmppStream) -> str:
        mech = stream.mechanism or "-"
        reason = stream.server.abort().reason if stream.server else "the client aborted"
        stream.mechanism, stream.server = None, None
        self.log.failed(mech, "-", reason)
        return sasl_failure("aborted", reason)

    def _step(self, stream: XmppStream, payload: str, element: str) -> str:
        mech = stream.mechanism or ""
        self.log.sasl_in(mech, element, payload)
        try:
            message = from_base64(payload)
        except SaslError as exc:
            stream.mechanism, stream.server = None, None
            self.log.failed(mech, "-", str(exc))
            return sasl_failure("incorrect-encoding", str(exc))
        return self._answer(stream, self.sasl.step(mech, stream.server, message))

    def _answer(self, stream: XmppStream, step: SaslStep) -> str:
        mech = stream.mechanism or ""
        who = step.identity or step.authzid or "-"
        if step.outcome == "challenge":
            self.log.sasl_out(challenge_stanza(step.data))
            self.log.failed(mech, who, f"{step.reason} (error challenge sent, RFC 7628 §3.2.2)")
            return challenge_stanza(step.data)
        stream.mechanism, stream.server = None, None
        if step.ok and step.identity:
            stream.jid = f"{step.identity}@{self.presence_domain}"
            checked = self.sasl.last_validation
            claims = checked.claims if mech == MECH_OAUTHBEARER and checked else None
            stream.token_exp = (claims or {}).get("exp")
            self.log.sasl_out(success_stanza())
            self.log.succeeded(mech, stream.jid)
            return success_stanza()
        condition = "malformed-request" if step.malformed else "not-authorized"
        self.log.sasl_out(failure_stanza(condition))
        self.log.failed(mech, who, step.reason)
        return sasl_failure(condition, step.reason)
