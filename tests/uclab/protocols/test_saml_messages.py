"""uclab.protocols.saml: the AuthnRequest (HTTP-Redirect), the signed Response (HTTP-POST),
and garbage of every kind refused with a SamlError (a 400), never another exception."""

import base64
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.protocols.saml import (
    Assertion,
    AuthnRequest,
    SamlError,
    public_cert,
    read_response,
    signed_response,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


def _assertion(**kw):
    base = dict(issuer="http://adfs.example.com/adfs/services/trust", in_response_to="s2abc",
                destination="https://expe.example.com:8443/ZXhhbXBsZS5jb20/fedlet",
                audience="expe.example.com", name_id="t1", not_before=1000,
                not_on_or_after=4600, attributes={"uid": ["alice"]})
    base.update(kw)
    return Assertion(**base)


def test_authn_request_round_trip_is_deflated_base64():
    req = AuthnRequest("s2abc", "cucm-pub.example.com", "https://cucm/acs", "https://idp/sso", 5)
    encoded = req.encode()
    raw = zlib.decompressobj(-15).decompress(base64.b64decode(encoded)).decode()
    assert raw.startswith("<samlp:AuthnRequest") and "nameid-format:transient" in raw
    assert AuthnRequest.decode(encoded) == req


def test_response_reads_back_and_verifies_only_with_its_key():
    got = read_response(signed_response(_assertion(), "_r1", 1000, KEY))
    assert got.assertion == _assertion()
    assert got.document_cert == public_cert(KEY)
    assert got.signature_valid(public_cert(KEY))
    assert not got.signature_valid(public_cert(OTHER))
    assert not got.signature_valid("not base64!")


def test_no_attribute_statement_without_attributes():
    value = signed_response(_assertion(attributes={}), "_r2", 1000, KEY)
    assert b"AttributeStatement" not in base64.b64decode(value)
    assert read_response(value).assertion.attributes == {}


def test_a_changed_byte_breaks_the_signature():
    xml = base64.b64decode(signed_response(_assertion(), "_r3", 1000, KEY)).decode()
    forged = base64.b64encode(xml.replace("alice", "mallory").encode()).decode()
    got = read_response(forged)
    assert got.assertion.attributes == {"uid": ["mallory"]}
    assert not got.signature_valid(public_cert(KEY))


@pytest.mark.parametrize("text", ["", "!!!", base64.b64encode(b"\xff\xfe").decode(),
                                  base64.b64encode(b"<a>").decode(),
                                  base64.b64encode(b"<!DOCTYPE x><x/>").decode(),
                                  base64.b64encode(b"<samlp:Response xmlns:samlp='urn:oasis:"
                                                   b"names:tc:SAML:2.0:protocol'/>").decode()])
def test_garbage_responses_are_saml_errors(text):
    with pytest.raises(SamlError):
        read_response(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.binary(max_size=300).map(lambda b: base64.b64encode(b).decode())))
def test_any_response_text_gives_a_reading_or_a_saml_error(text):
    try:
        read_response(text)
    except SamlError as exc:
        assert exc.status == 400
        assert exc.description


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.binary(max_size=300).map(lambda b: base64.b64encode(b).decode())))
def test_any_request_text_gives_a_request_or_a_saml_error(text):
    try:
        AuthnRequest.decode(text)
    except SamlError as exc:
        assert exc.status == 400
