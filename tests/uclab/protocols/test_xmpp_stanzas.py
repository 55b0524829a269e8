"""uclab.protocols.xmpp: client stanzas and how a client reads replies, and the server-side
checks of RFC 6120 §4.7, §4.9, §6.4 and §11 — no node involved.

(Named test_xmpp_stanzas.py: tests/uclab/sim/jabber/test_xmpp.py already uses the basename.)
"""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uclab.core import defaults
from uclab.core.errors import UclabError
from uclab.protocols.xmpp import (
    NS_SASL,
    NS_STREAM_ERRORS,
    NS_STREAMS,
    StreamError,
    abort_stanza,
    auth_stanza,
    challenge_stanza,
    escape_attr,
    escape_text,
    failure_stanza,
    features_xml,
    local_name,
    parse_reply,
    parse_stanza,
    parse_stream_header,
    response_stanza,
    restricted_xml,
    sasl_failure,
    stanza_text,
    stream_open,
    success_stanza,
    without_xml_declaration,
)


# --- client stanzas ------------------------------------------------------------------------------
def test_stream_open_is_the_pidgin_form_and_quotes_the_domain():
    assert stream_open("example.com") == (
        "<stream:stream to='example.com' xmlns='jabber:client' "
        "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    header = parse_stream_header(stream_open("a'b&c.example"))
    assert header is not None and header.get("to") == "a'b&c.example"
    assert header.tag == f"{{{NS_STREAMS}}}stream"


def test_sasl_client_elements():
    assert auth_stanza("PLAIN", None) == f"<auth xmlns='{NS_SASL}' mechanism='PLAIN'/>"
    assert auth_stanza("PLAIN", b"") == f"<auth xmlns='{NS_SASL}' mechanism='PLAIN'>=</auth>"
    assert auth_stanza("X'Y", b"\x00a") == (f"<auth xmlns='{NS_SASL}' mechanism='X&apos;Y'>"
                                            "AGE=</auth>")
    assert response_stanza(b"\x01") == f"<response xmlns='{NS_SASL}'>AQ==</response>"
    assert abort_stanza() == f"<abort xmlns='{NS_SASL}'/>"
    for stanza in (auth_stanza("OAUTHBEARER", b"n,,\x01"), response_stanza(b"x"), abort_stanza()):
        assert ET.fromstring(stanza).tag.startswith(f"{{{NS_SASL}}}")


# --- reading replies -----------------------------------------------------------------------------
def test_parse_reply_reads_every_server_answer():
    head = ("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' id='ABC123' "
            "from='example.com' version='1.0'>")
    feats = parse_reply(head + features_xml(["PLAIN", "A&B"]))
    assert (feats.kind, feats.mechanisms, feats.stream_id) == ("features", ("PLAIN", "A&B"),
                                                               "ABC123")
    assert parse_reply(challenge_stanza(b'{"status":"invalid_token"}')).data == \
        b'{"status":"invalid_token"}'
    assert parse_reply(challenge_stanza(b"")).data == b""
    assert parse_reply(success_stanza()).kind == "success"
    bare = parse_reply(failure_stanza("not-authorized"))
    assert (bare.kind, bare.condition, bare.text) == ("failure", "not-authorized", "")
    told = parse_reply(sasl_failure("aborted", "the client <aborted> & left"))
    assert (told.condition, told.text) == ("aborted", "the client <aborted> & left")
    err = parse_reply(StreamError("host-unknown", "not 'x' & <y>").xml())
    assert (err.kind, err.condition, err.text) == ("stream-error", "host-unknown",
                                                   "not 'x' & <y>")
    assert parse_reply("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>@@</challenge>"
                       ).data == b""
    assert parse_reply("<iq/>").kind == parse_reply("<a").kind == "unknown"
    assert parse_reply(12).kind == "unknown"  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_parse_reply_never_raises(text):
    assert parse_reply(text).kind in ("features", "success", "challenge", "failure",
                                      "stream-error", "unknown")


# --- server side ---------------------------------------------------------------------------------
def test_server_elements_and_escaping():
    assert features_xml(["A<B"]) == (f"<stream:features><mechanisms xmlns='{NS_SASL}'>"
                                     "<mechanism>A&lt;B</mechanism></mechanisms></stream:features>")
    assert challenge_stanza(b"") == f"<challenge xmlns='{NS_SASL}'>=</challenge>"
    assert success_stanza() == f"<success xmlns='{NS_SASL}'/>"
    assert failure_stanza("aborted") == f"<failure xmlns='{NS_SASL}'><aborted/></failure>"
    assert len(parse_reply(sasl_failure("aborted", "x" * 1000)).text) == 400
    assert escape_text("a<b>&'\"") == "a&lt;b&gt;&amp;'\""
    assert escape_attr("a'b\"c") == "a&apos;b&quot;c"
    assert local_name(f"{{{NS_SASL}}}auth") == local_name("auth") == "auth"


def test_stream_error_closes_the_stream_and_is_a_uclab_error():
    xml = StreamError("bad-format", "empty stanza").xml()
    assert xml == (f"<stream:error><bad-format xmlns='{NS_STREAM_ERRORS}'/>"
                   f"<text xmlns='{NS_STREAM_ERRORS}'>empty stanza</text>"
                   "</stream:error></stream:stream>")
    assert issubclass(StreamError, UclabError)


@pytest.mark.parametrize("stanza, condition", [
    (b"x" * (defaults.MAX_BODY_BYTES + 1), "policy-violation"),
    (b"\xff<auth/>", "unsupported-encoding"),
    (3.5, "bad-format"),
    ("   ", "bad-format"),
    ("<?xml version='1.0'?>", "bad-format"),
    ("<!-- c --><auth/>", "restricted-xml"),
    ("<?pi x?><auth/>", "restricted-xml"),
    ("<!DOCTYPE a [<!ENTITY b 'c'>]><a/>", "restricted-xml")])
def test_stanza_text_refuses_what_rfc_6120_11_forbids(stanza, condition):
    with pytest.raises(StreamError) as err:
        stanza_text(stanza)
    assert err.value.condition == condition and err.value.text


def test_stanza_text_accepts_utf8_and_drops_one_declaration():
    assert stanza_text("<?xml version='1.0'?> <auth/> ") == "<auth/>"
    assert stanza_text("<auth>é</auth>".encode()) == "<auth>é</auth>"
    assert without_xml_declaration("<?xml version='1.0'?><a/>") == "<a/>"
    assert restricted_xml("<a><!--x--></a>") and not restricted_xml("<a>x</a>")


def test_parse_stanza_and_stream_header():
    assert local_name(parse_stanza(abort_stanza()).tag) == "abort"
    with pytest.raises(StreamError, match="not well-formed XML") as err:
        parse_stanza("<auth>&xxe;</auth>")
    assert err.value.condition == "not-well-formed"
    assert parse_stream_header("<auth/>") is None
    closed = parse_stream_header(stream_open("example.com")[:-1] + "/></stream:stream>")
    assert closed is not None and closed.get("to") == "example.com"
    with pytest.raises(StreamError, match="stream header") as err:
        parse_stream_header("<stream:stream to='example.com'>")  # unbound prefix
    assert err.value.condition == "not-well-formed"


@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_bad_stanzas_raise_only_stream_errors(stanza):
    try:
        text = stanza_text(stanza)
        if parse_stream_header(text) is None:
            parse_stanza(text)
    except StreamError as err:
        assert err.condition and err.text


@given(st.text())
def test_escaping_is_what_saxutils_gives(text):
    from xml.sax import saxutils

    from uclab.protocols.xmpp import escape_attr, escape_text

    assert escape_text(text) == saxutils.escape(text)
    assert escape_attr(text) == saxutils.escape(text, {"'": "&apos;", '"': "&quot;"})
