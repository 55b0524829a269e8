"""SAML 2.0 messages of the lab's SSO profiles: the AuthnRequest (HTTP-Redirect binding,
SAML 2.0 Bindings §3.4: DEFLATE, base64, URL-encoded), the signed Response (HTTP-POST binding,
§3.5: base64 in a form field), and their checks (SAML 2.0 Core §2.5.1 Conditions, §2.7.3
AttributeStatement, §3.2.2 Status).

Lab simplification, labelled wherever it is shown: the signature is Ed25519 (``cryptography``)
over the Response text without its ``<ds:Signature>`` element, not XML-DSig with exclusive
canonicalisation; the "certificate" the Response carries and the metadata holds is the raw
public key, base64. What matters for the failures is kept: the document names the key it was
signed with, the SP compares it with the one in the IdP metadata it imported, and then checks
the signature (the order ``FMSigProvider.verify`` reports in T217268).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from uclab.core.errors import InvalidRequest
from uclab.facts import NAMEID_TRANSIENT, STATUS_SUCCESS

NS = {"samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
      "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
      "ds": "http://www.w3.org/2000/09/xmldsig#"}
_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
#: the largest SAML message the lab's endpoints read (real ones are several kB)
MAX_MESSAGE = 65536
_SIGNATURE = re.compile(r"<ds:Signature>.*?</ds:Signature>", re.S)
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,80}")


class SamlError(InvalidRequest):
    """A SAML message that cannot be read (base64, DEFLATE, XML or shape); a 400 for the
    endpoint that received it."""


def iso(seconds: int) -> str:
    """SAML's ``xs:dateTime`` in UTC (``2021-04-30T13:00:53Z``, as T217268 shows)."""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None


def public_cert(key: Ed25519PrivateKey) -> str:
    """The lab's stand-in for the IdP's signing certificate: its public key, base64."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _parse_xml(text: str, what: str) -> ET.Element:
    if len(text) > MAX_MESSAGE:
        raise SamlError(f"the {what} is larger than {MAX_MESSAGE} characters")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise SamlError(f"the {what} has a DTD, which SAML forbids (SAML 2.0 Core §1.3)")
    try:
        return ET.fromstring(text)
    except ET.ParseError:
        raise SamlError(f"the {what} is not well-formed XML") from None


def _b64(text: str, what: str) -> bytes:
    if not isinstance(text, str) or len(text) > MAX_MESSAGE * 2:
        raise SamlError(f"the {what} is missing or too large")
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SamlError(f"the {what} is not base64") from None


# --- AuthnRequest (HTTP-Redirect) ------------------------------------------------------------
@dataclass(frozen=True)
class AuthnRequest:
    id: str
    issuer: str
    acs_url: str
    destination: str
    issue_instant: int

    def xml(self) -> str:
        return (f'<samlp:AuthnRequest {_DECL} ID="{self.id}" Version="2.0" '
                f'IssueInstant="{iso(self.issue_instant)}" Destination="{_esc(self.destination)}" '
                f'AssertionConsumerServiceURL="{_esc(self.acs_url)}" ForceAuthn="false" '
                f'IsPassive="false"><saml:Issuer>{_esc(self.issuer)}</saml:Issuer>'
                f'<samlp:NameIDPolicy Format="{NAMEID_TRANSIENT}" AllowCreate="true"/>'
                "</samlp:AuthnRequest>")

    def encode(self) -> str:
        """``SAMLRequest`` for the HTTP-Redirect binding (Bindings §3.4.4.1): raw DEFLATE,
        then base64."""
        raw = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = raw.compress(self.xml().encode()) + raw.flush()
        return base64.b64encode(data).decode()

    @classmethod
    def decode(cls, saml_request: str) -> AuthnRequest:
        data = _b64(saml_request, "SAMLRequest")
        try:
            text = zlib.decompressobj(-15).decompress(data, MAX_MESSAGE).decode()
        except (zlib.error, UnicodeDecodeError):
            raise SamlError("the SAMLRequest is not DEFLATE-compressed XML") from None
        root = _parse_xml(text, "SAMLRequest")
        if root.tag != f"{{{NS['samlp']}}}AuthnRequest":
            raise SamlError("the SAMLRequest is not an AuthnRequest")
        issuer = root.findtext("saml:Issuer", namespaces=NS) or ""
        rid, acs = root.get("ID") or "", root.get("AssertionConsumerServiceURL") or ""
        when = _seconds(root.get("IssueInstant"))
        if not _ID.fullmatch(rid) or not acs.startswith("https://") or not issuer or \
                when is None:
            raise SamlError("the AuthnRequest lacks an ID, an https consumer URL, an Issuer or "
                            "an IssueInstant")
        return cls(rid, issuer, acs, root.get("Destination") or "", when)


# --- Response (HTTP-POST) ----------------------------------------------------------------------
@dataclass(frozen=True)
class Assertion:
    """What the IdP asserts; ``attributes`` maps a name to its values."""

    issuer: str
    in_response_to: str
    destination: str
    audience: str
    name_id: str
    not_before: int
    not_on_or_after: int
    attributes: dict[str, list[str]] = field(default_factory=dict)
    status: str = str(STATUS_SUCCESS)


def signed_response(a: Assertion, response_id: str, issue_instant: int,
                    key: Ed25519PrivateKey) -> str:
    """The base64 ``SAMLResponse`` (message and assertion signed as one, as the MRA guide has
    AD FS do: ``-SAMLResponseSignature MessageAndAssertion``)."""
    attrs = "".join(f'<saml:Attribute Name="{_esc(n)}">' + "".join(
        f"<saml:AttributeValue>{_esc(v)}</saml:AttributeValue>" for v in vs) + "</saml:Attribute>"
        for n, vs in a.attributes.items())
    statement = f"<saml:AttributeStatement>{attrs}</saml:AttributeStatement>" if attrs else ""
    body = (f'<samlp:Response {_DECL} ID="{response_id}" Version="2.0" '
            f'IssueInstant="{iso(issue_instant)}" Destination="{_esc(a.destination)}" '
            f'InResponseTo="{a.in_response_to}"><saml:Issuer>{_esc(a.issuer)}</saml:Issuer>'
            f'<samlp:Status><samlp:StatusCode Value="{_esc(a.status)}"/></samlp:Status>'
            f'<saml:Assertion ID="{response_id}a" Version="2.0" '
            f'IssueInstant="{iso(issue_instant)}"><saml:Issuer>{_esc(a.issuer)}</saml:Issuer>'
            f'<saml:Subject><saml:NameID Format="{NAMEID_TRANSIENT}">{_esc(a.name_id)}'
            f'</saml:NameID></saml:Subject><saml:Conditions NotBefore="{iso(a.not_before)}" '
            f'NotOnOrAfter="{iso(a.not_on_or_after)}"><saml:AudienceRestriction>'
            f"<saml:Audience>{_esc(a.audience)}</saml:Audience></saml:AudienceRestriction>"
            f"</saml:Conditions>{statement}</saml:Assertion></samlp:Response>")
    sig = base64.b64encode(key.sign(body.encode())).decode()
    signature = (f"<ds:Signature><ds:SignatureValue>{sig}</ds:SignatureValue><ds:KeyInfo>"
                 f"<ds:X509Data><ds:X509Certificate>{public_cert(key)}</ds:X509Certificate>"
                 "</ds:X509Data></ds:KeyInfo></ds:Signature>")
    at = body.index("<samlp:Status>")
    return base64.b64encode((body[:at] + signature + body[at:]).encode()).decode()


@dataclass(frozen=True)
class ReceivedResponse:
    """A ``SAMLResponse`` as read, before any trust decision."""

    assertion: Assertion
    response_id: str
    document_cert: str
    _signed: bytes = field(repr=False)
    _signature: bytes = field(repr=False)

    def signature_valid(self, cert: str) -> bool:
        """Whether the signature verifies with ``cert`` (a :func:`public_cert` value)."""
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(cert, validate=True))
            key.verify(self._signature, self._signed)
        except (InvalidSignature, ValueError, binascii.Error):
            return False
        return True


def read_response(saml_response: str) -> ReceivedResponse:
    """Decode a ``SAMLResponse`` form value; a :class:`SamlError` says what is wrong."""
    try:
        text = _b64(saml_response, "SAMLResponse").decode()
    except UnicodeDecodeError:
        raise SamlError("the SAMLResponse is not UTF-8 XML") from None
    root = _parse_xml(text, "SAMLResponse")
    if root.tag != f"{{{NS['samlp']}}}Response":
        raise SamlError("the SAMLResponse is not a samlp:Response")
    sig = _SIGNATURE.search(text)
    value = root.findtext("ds:Signature/ds:SignatureValue", namespaces=NS)
    cert = root.findtext("ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate",
                         namespaces=NS)
    assertion = root.find("saml:Assertion", NS)
    cond = assertion.find("saml:Conditions", NS) if assertion is not None else None
    if sig is None or not value or not cert or assertion is None or cond is None:
        raise SamlError("the SAMLResponse has no signature or no assertion with Conditions")
    try:
        signature = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SamlError("the SAMLResponse signature is not base64") from None
    nb, nooa = _seconds(cond.get("NotBefore")), _seconds(cond.get("NotOnOrAfter"))
    if nb is None or nooa is None:
        raise SamlError("the assertion's Conditions lack NotBefore or NotOnOrAfter")
    attributes: dict[str, list[str]] = {}
    for attr in assertion.findall("saml:AttributeStatement/saml:Attribute", NS):
        attributes.setdefault(attr.get("Name") or "", []).extend(
            v.text or "" for v in attr.findall("saml:AttributeValue", NS))
    status = root.find("samlp:Status/samlp:StatusCode", NS)
    a = Assertion(
        issuer=root.findtext("saml:Issuer", namespaces=NS) or "",
        in_response_to=root.get("InResponseTo") or "", destination=root.get("Destination") or "",
        audience=cond.findtext("saml:AudienceRestriction/saml:Audience", namespaces=NS) or "",
        name_id=assertion.findtext("saml:Subject/saml:NameID", namespaces=NS) or "",
        not_before=nb, not_on_or_after=nooa, attributes=attributes,
        status=(status.get("Value") if status is not None else "") or "")
    signed = (text[:sig.start()] + text[sig.end():]).encode()
    return ReceivedResponse(a, root.get("ID") or "", cert.strip(), signed, signature)
