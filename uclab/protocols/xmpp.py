"""XMPP streams and SASL stanzas (RFC 6120) as a client builds and reads them and as a server
checks them.

Pure protocol code: no node, no lab. A client opens a stream (RFC 6120 §4.7), reads
``<stream:features>`` (§4.3.2, §6.4.1) and negotiates SASL with ``<auth>``, ``<challenge>``,
``<response>``, ``<abort>``, ``<success>`` and ``<failure>`` (§6.4); a server refuses what §11
forbids on a stream with a stream error (§4.9). Instant messaging and presence (RFC 6121:
``<message>``, ``<presence>``, rosters) come after SASL and are out of scope: a server built on
this module answers them with ``unsupported-stanza-type`` (RFC 6120 §4.9.3.22).

The shapes IM&P sends (its stream header, its features) are in S27 (a Pidgin debug log); the
lab's transport header :data:`STREAM_HEADER` stands for the TCP connection of one stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core import defaults
from uclab.core.errors import UclabError
from uclab.protocols.sasl import SaslError, from_base64, to_base64

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

NS_SASL = facts.NS_SASL
NS_STREAMS = facts.NS_STREAMS
NS_STREAM_ERRORS = facts.NS_STREAM_ERRORS
#: Lab transport header standing for the TCP connection of an XMPP stream (not product-facing).
STREAM_HEADER = "X-Uclab-Stream"

#: a stream header (optionally closed at once), the whole stanza
STREAM_OPEN = re.compile(r"<stream:stream\b([^<>]*?)/?>\s*(?:</stream:stream>\s*)?\Z", re.S)
_RESTRICTED_XML = re.compile(r"<!--|<!DOCTYPE|<!ENTITY|<\?", re.I)
_XML_DECL = re.compile(r"\A\s*<\?xml\b[^>]*\?>", re.S)


# ==== XML text ===================================================================================
# one pass of str.translate, as xml.sax.saxutils.escape gives (which would load urllib.request,
# http.client and ssl: ~45 ms of every `uclab diagnose` start)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;"})


def escape_text(text: str) -> str:
    """XML character data: only &, < and > need escaping (XML 1.0 §2.4)."""
    return text.translate(_TEXT)


def escape_attr(text: str) -> str:
    """An XML attribute value between single quotes (XML 1.0 §3.1)."""
    return text.translate(_ATTR)


def local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name`` (ElementTree's qualified tags)."""
    return tag.rsplit("}", 1)[-1]


def without_xml_declaration(text: str) -> str:
    """``text`` without a leading ``<?xml ...?>`` declaration (RFC 6120 §11.5 lets it open a
    stream)."""
    return _XML_DECL.sub("", text, count=1)


def restricted_xml(text: str) -> bool:
    """Whether ``text`` holds a comment, processing instruction, DTD or entity declaration,
    none of which an XMPP stream may carry (RFC 6120 §11.1)."""
    return _RESTRICTED_XML.search(text) is not None


# ==== client side ================================================================================
def stream_open(domain: str) -> str:
    """A client's stream header (RFC 6120 §4.7; the form Pidgin sends to IM&P, S27)."""
    return (f"<stream:stream to='{escape_attr(domain)}' xmlns='{facts.NS_JABBER_CLIENT}' "
            f"xmlns:stream='{NS_STREAMS}' version='1.0'>")


def auth_stanza(mechanism: str, message: bytes | None) -> str:
    """``<auth>`` with the base64 initial response (RFC 6120 §6.4.2); None sends none."""
    mech = escape_attr(mechanism)
    if message is None:
        return f"<auth xmlns='{NS_SASL}' mechanism='{mech}'/>"
    return f"<auth xmlns='{NS_SASL}' mechanism='{mech}'>{to_base64(message)}</auth>"


def response_stanza(message: bytes) -> str:
    """``<response>`` to a server challenge (RFC 6120 §6.4.3)."""
    return f"<response xmlns='{NS_SASL}'>{to_base64(message)}</response>"


def abort_stanza() -> str:
    """``<abort>``: the client ends the negotiation (RFC 6120 §6.4.4)."""
    return f"<abort xmlns='{NS_SASL}'/>"


@dataclass(frozen=True)
class XmppReply:
    """A server reply as a client reads it: ``features``, ``success``, ``challenge``,
    ``failure``, ``stream-error`` or ``unknown``."""

    kind: str
    mechanisms: tuple[str, ...] = ()
    condition: str = ""
    text: str = ""
    data: bytes = b""
    stream_id: str = ""


def _reply_text(elem: ET.Element) -> str:
    for child in elem:
        if local_name(child.tag) == "text":
            return child.text or ""
    return ""


def _reply_condition(elem: ET.Element) -> str:
    names = [local_name(c.tag) for c in elem]
    return next((n for n in names if n != "text"), "")


def parse_reply(text: str) -> XmppReply:
    """Read an IM&P (or relayed) XMPP reply; never raises."""
    if not isinstance(text, str):
        return XmppReply("unknown")
    import html  # on use: the log reader needs only the escapes

    if "<stream:error>" in text:
        cond = re.search(r"<stream:error><([A-Za-z-]+)", text)
        said = re.search(r"<text[^>]*>([^<]*)</text>", text)
        return XmppReply("stream-error", condition=cond.group(1) if cond else "",
                         text=html.unescape(said.group(1)) if said else "")
    if "<stream:features" in text:
        sid = re.search(r"<stream:stream\b[^>]*\bid='([^']*)'", text)
        mechs = tuple(html.unescape(m) for m in re.findall(r"<mechanism>([^<]*)</mechanism>", text))
        return XmppReply("features", mechanisms=mechs, stream_id=sid.group(1) if sid else "")
    import xml.etree.ElementTree as ET  # on use: the log reader needs only the escapes

    try:
        elem = ET.fromstring(text)
    except ET.ParseError:
        return XmppReply("unknown", text=text[:200])
    kind = local_name(elem.tag)
    if kind == "challenge":
        try:
            data = from_base64((elem.text or "").strip() or "=")
        except SaslError:
            data = b""
        return XmppReply("challenge", data=data)
    if kind in ("success", "failure"):
        return XmppReply(kind, condition=_reply_condition(elem), text=_reply_text(elem))
    return XmppReply("unknown", text=text[:200])


# ==== server side ================================================================================
def features_xml(mechanisms: Iterable[str]) -> str:
    """``<stream:features>`` advertising SASL mechanisms (RFC 6120 §6.4.1; S27 shape)."""
    mechs = "".join(f"<mechanism>{escape_text(m)}</mechanism>" for m in mechanisms)
    return f"<stream:features><mechanisms xmlns='{NS_SASL}'>{mechs}</mechanisms></stream:features>"


def challenge_stanza(data: bytes) -> str:
    """``<challenge>`` with base64 data, ``=`` when empty (RFC 6120 §6.4.3, §6.4.2)."""
    return f"<challenge xmlns='{NS_SASL}'>{to_base64(data)}</challenge>"


def success_stanza() -> str:
    """``<success>`` without additional data (RFC 6120 §6.4.6)."""
    return f"<success xmlns='{NS_SASL}'/>"


def failure_stanza(condition: str) -> str:
    """A bare SASL ``<failure>`` with its condition (RFC 6120 §6.4.5, §6.5)."""
    return f"<failure xmlns='{NS_SASL}'><{condition}/></failure>"


def sasl_failure(condition: str, text: str) -> str:
    """An RFC 6120 §6.5 SASL failure with a ``<text>`` naming the reason (first 400 chars)."""
    return (f"<failure xmlns='{NS_SASL}'><{condition}/><text>{escape_text(text[:400])}</text>"
            "</failure>")


class StreamError(UclabError):
    """A stream-level error (RFC 6120 §4.9): ``condition`` and a ``<text>`` for the client."""

    def __init__(self, condition: str, text: str) -> None:
        super().__init__(text)
        self.condition = condition
        self.text = text

    def xml(self) -> str:
        """The ``<stream:error>`` followed by the closing stream tag (§4.9.1.1)."""
        return (f"<stream:error><{self.condition} xmlns='{NS_STREAM_ERRORS}'/>"
                f"<text xmlns='{NS_STREAM_ERRORS}'>{escape_text(self.text)}</text>"
                "</stream:error></stream:stream>")


def stanza_text(stanza: bytes | str) -> str:
    """The stanza as text, refusing what RFC 6120 §11 forbids on a stream (:class:`StreamError`)."""
    if isinstance(stanza, bytes | bytearray):
        if len(stanza) > defaults.MAX_BODY_BYTES:
            raise StreamError("policy-violation", f"stanza of {len(stanza)} bytes is too large")
        try:
            stanza = bytes(stanza).decode("utf-8")
        except UnicodeDecodeError:
            raise StreamError("unsupported-encoding", "XMPP streams are UTF-8 "
                                                      "(RFC 6120 §11.6)") from None
    if not isinstance(stanza, str):
        raise StreamError("bad-format", f"a stanza is text, not {type(stanza).__name__}")
    text = without_xml_declaration(stanza).strip()
    if not text:
        raise StreamError("bad-format", "empty stanza")
    if restricted_xml(text):
        raise StreamError("restricted-xml", "comments, processing instructions, DTDs and "
                                            "entity declarations are not allowed (RFC 6120 §11.1)")
    return text


def parse_stanza(text: str) -> ET.Element:
    """The stanza's element; ill-formed XML is a ``not-well-formed`` :class:`StreamError`."""
    import xml.etree.ElementTree as ET

    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise StreamError("not-well-formed", f"not well-formed XML: {exc}") from None


def parse_stream_header(text: str) -> ET.Element | None:
    """The ``<stream:stream>`` element of a stream header, or None when ``text`` is no header;
    a header that is not well-formed is a :class:`StreamError` (RFC 6120 §4.7)."""
    attrs = STREAM_OPEN.match(text)
    if attrs is None:
        return None
    import xml.etree.ElementTree as ET

    try:
        return ET.fromstring(f"<stream:stream{attrs.group(1)}/>")
    except ET.ParseError as exc:
        raise StreamError("not-well-formed", f"stream header: {exc}") from None
