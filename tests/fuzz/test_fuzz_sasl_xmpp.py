"""No crash on any SASL message or XMPP stanza (issue 12 item 1; checklist J): the parsers raise
SaslError only, and a stream through the edge gets an XMPP answer, never an exception."""

from __future__ import annotations

import base64

import pytest
from _fuzz import INTERNAL, examples
from hypothesis import given
from hypothesis import strategies as st

from uclab import Lab, facts
from uclab.core.wire import Request
from uclab.protocols.sasl.data import SaslError
from uclab.protocols.sasl.oauthbearer import encode_oauthbearer, parse_oauthbearer
from uclab.protocols.sasl.plain import parse_plain
from uclab.protocols.sasl.vtg_token import parse_vtg_token
from uclab.protocols.xmpp import STREAM_HEADER, auth_stanza, response_stanza, stream_open
from uclab.sim.expressway.intrusion import IntrusionProtection

KV = "\x01"
pieces = st.sampled_from(["n,", "y,", "p=tls-unique,", "a=alice,", "a=al=2Cice,", "a=", ",",
                          KV, KV + KV, "auth=Bearer ", "auth=", "host=x", "port=0", "port=99999",
                          "port=08", "=", "\x00", "é", "Bearer", "a.b.c", "user=", "@"])


@examples(300)
@given(st.one_of(st.binary(max_size=120), st.lists(pieces, max_size=12).map("".join)))
def test_sasl_parsers_raise_sasl_error_only(message) -> None:
    raw = message.encode("utf-8", "surrogatepass") if isinstance(message, str) else message
    for parse in (parse_oauthbearer, parse_plain, parse_vtg_token):
        try:
            parse(raw)
        except SaslError as exc:
            assert str(exc)


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab(seed="fuzz-xmpp")
    lab.configure_oauth()
    jabber = lab.jabber("alice")
    assert jabber.sign_in()
    lab.fuzz_token = jabber.tokens.access_token  # type: ignore[attr-defined]
    return lab


@st.composite
def stanzas(draw, token: str, domain: str) -> str:
    kind = draw(st.sampled_from(["open", "auth", "response", "xml", "text", "deep", "entity"]))
    if kind == "open":
        return stream_open(draw(st.sampled_from([domain, "", "evil.example", "<x>"])))
    if kind == "auth":
        mech = draw(st.sampled_from(["OAUTHBEARER", "PLAIN", "X-OAUTH2", "", "SCRAM-SHA-1"]))
        msg = draw(st.one_of(st.binary(max_size=60),
                             st.just(encode_oauthbearer(token, authzid="alice@" + domain)),
                             st.just(encode_oauthbearer(token[::-1]))))
        return auth_stanza(mech, msg if draw(st.booleans()) else None)
    if kind == "response":
        return response_stanza(draw(st.binary(max_size=60)))
    if kind == "xml":
        tag = draw(st.sampled_from(["auth", "response", "abort", "iq", "presence", "message",
                                    "stream:stream", "success"]))
        body = draw(st.text(max_size=40))
        return f"<{tag} xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>{body}</{tag}>"
    if kind == "deep":
        n = draw(st.integers(50, 5000))
        return "<a>" * n + "</a>" * n
    if kind == "entity":
        return ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "cccccccc">]>'
                "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>&b;&b;</auth>")
    return draw(st.text(max_size=80))


@examples(150)
@given(st.data())
def test_any_stanza_through_the_edge_gets_an_xmpp_answer(lab: Lab, data) -> None:
    lab.edge.intrusion = IntrusionProtection()
    token = lab.fuzz_token  # type: ignore[attr-defined]
    sid = ""
    for _ in range(data.draw(st.integers(1, 4))):
        stanza = data.draw(stanzas(token, lab.domain))
        headers = {STREAM_HEADER: sid} if sid else {}
        before = len(lab.exchanges)
        ex = lab.network.send("fuzzer", Request.make(
            "XMPP", f"xmpp://{lab.edge.host}:{facts.EDGE_XMPP_PORT}/", headers, stanza))
        for hop in lab.exchanges[before:]:
            assert "exception" not in hop.metadata, (hop.summary(), hop.metadata)
        assert ex.response is not None, ex.error
        assert ex.response.status < 500 and not INTERNAL.search(ex.response.text)
        sid = ex.response.headers.get(STREAM_HEADER) or sid


def test_base64_of_garbage_in_a_response_is_a_sasl_failure_not_a_crash(lab: Lab) -> None:
    ex = lab.network.send("fuzzer", Request.make(
        "XMPP", f"xmpp://{lab.edge.host}:{facts.EDGE_XMPP_PORT}/", {},
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='OAUTHBEARER'>"
        + base64.b64encode(b"\xff\xfe garbage").decode() + "</auth>"))
    assert ex.response is not None and ex.response.status == 200
