"""uclab.sim.imp.streams: the stream header and its features (S27), and defensive stanza
handling: every bad stanza gets an RFC 6120 stream error or SASL failure, never an exception."""

import re

import pytest
from imp_helpers import IMP, imp_of, send

from uclab.core.wire import Request
from uclab.protocols.xmpp import auth_stanza, parse_reply, stream_open
from uclab.testing import make_lab


def test_stream_features_without_refresh_logins():
    lab = make_lab(40, refresh=False)
    imp_of(lab)
    reply, raw = send(lab, stream_open("example.com"))
    assert reply.kind == "features" and reply.mechanisms == ("PLAIN", "CISCO-VTG-TOKEN")
    assert re.fullmatch(r"[0-9A-F]{12}", reply.stream_id)
    assert raw == ("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                   "xmlns='jabber:client' xml:lang='en-US.UTF-8' "
                   f"id='{reply.stream_id}' from='example.com' version='1.0'>"
                   "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                   "<mechanism>PLAIN</mechanism><mechanism>CISCO-VTG-TOKEN</mechanism>"
                   "</mechanisms></stream:features>")


@pytest.mark.parametrize("stanza, kind, condition", [
    (b"\xff\xfe<auth/>", "stream-error", "unsupported-encoding"),
    ("<auth", "stream-error", "not-well-formed"),
    ("", "stream-error", "bad-format"),
    ("<?xml version='1.0'?>", "stream-error", "bad-format"),
    ("<!DOCTYPE x [<!ENTITY a 'b'>]><auth/>", "stream-error", "restricted-xml"),
    ("<!-- hi --><auth/>", "stream-error", "restricted-xml"),
    ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>&xxe;</auth>", "stream-error",
     "not-well-formed"),
    ("<message to='bob@example.com'/>", "stream-error", "unsupported-stanza-type"),
    ("<auth mechanism='PLAIN'>AGFsaWNlAHg=</auth>", "stream-error", "invalid-namespace"),
    ("<stream:stream to='other.example' xmlns:stream='http://etherx.jabber.org/streams'>",
     "stream-error", "host-unknown"),
    ("<stream:stream to='example.com'>", "stream-error", "not-well-formed"),
    ("<stream:stream to='example.com' xmlns:stream='urn:wrong'>", "stream-error",
     "invalid-namespace"),
    ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>@@@</auth>", "failure",
     "incorrect-encoding"),
    ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-OAUTH2'>AA==</auth>",
     "failure", "invalid-mechanism"),
    ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AA==</auth>", "failure",
     "invalid-mechanism"),
    ("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AQ==</response>", "failure",
     "malformed-request"),
    (auth_stanza("PLAIN", b"alice\x00secret"), "failure", "malformed-request"),
    (auth_stanza("CISCO-VTG-TOKEN", b"token=abc"), "failure", "malformed-request"),
    (auth_stanza("OAUTHBEARER", b"n,user=alice,\x01auth=Bearer x\x01\x01"), "failure",
     "malformed-request"),
    (auth_stanza("OAUTHBEARER", b"\x01"), "failure", "not-authorized"),
])
def test_garbage_gets_a_stream_error_or_sasl_failure(stanza, kind, condition):
    lab = make_lab(53)
    imp_of(lab)
    reply, raw = send(lab, stanza)
    assert (reply.kind, reply.condition) == (kind, condition), raw
    assert reply.text


def test_oversized_stanza_and_non_text_never_raise():
    lab = make_lab(54)
    imp = imp_of(lab)
    assert parse_reply(imp.xmpp(b"<a>" * 30000)[0]).condition == "policy-violation"
    assert parse_reply(imp.xmpp(12)[0]).condition == "bad-format"  # type: ignore[arg-type]
    ex = lab.network.send("x", Request.make("GET", f"xmpp://{IMP}:5222/"))
    assert ex.response.status == 400 and "method XMPP" in ex.response.text
