"""SIP messages of the SIP OAuth registration (RFC 3261 §7, §8.1.1; S10): parsing, the REGISTER
checks a registrar makes, the Bearer credentials of S10, and bad input never raising anything
but SipError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import UclabError
from uclab.protocols import sip

REGISTER = [("Via", "SIP/2.0/TLS 198.51.100.23:50000;branch=z9hG4bKabc"),
            ("From", "<sip:1001@cucm-pub.example.com>;tag=1"),
            ("To", "<sip:1001@cucm-pub.example.com>"), ("Call-ID", "x@198.51.100.23"),
            ("CSeq", "101 REGISTER"), ("Contact", "<sip:u@198.51.100.23:50000;transport=tls>")]


def test_a_register_round_trips_through_text():
    text = sip.message_text("REGISTER sip:cucm-pub.example.com SIP/2.0", REGISTER)
    msg = sip.parse(text)
    assert msg.is_request and msg.method == "REGISTER"
    assert msg.header("call-id") == "x@198.51.100.23"
    assert list(msg.headers) == REGISTER
    assert sip.check_register(msg.headers) is None
    assert sip.registrar_uri(msg.header("To")) == "sip:cucm-pub.example.com"


def test_a_status_line_parses_and_the_407_reason_is_s10s():
    msg = sip.parse("SIP/2.0 407 Proxy Authentication Required\nProxy-Authenticate: "
                    'Bearer realm="ccmsipline"')
    assert (msg.is_request, msg.status) == (False, 407)
    assert sip.reason(407) == facts.SIP_407_REASON == "Proxy Authentication Required"
    assert msg.header("Proxy-Authenticate") == facts.SIP_CHALLENGE.format(realm=facts.SIP_REALM)


@pytest.mark.parametrize("drop", [name for name, _ in REGISTER])
def test_each_required_header_is_named_when_missing(drop):
    problem = sip.check_register([(k, v) for k, v in REGISTER if k != drop])
    assert problem is not None and drop in problem


@pytest.mark.parametrize("name,value,word", [
    ("CSeq", "101 INVITE", "CSeq"), ("CSeq", "abc REGISTER", "CSeq"),
    ("From", "nobody", "From"), ("Via", "HTTP/1.1 host", "Via"), ("Call-ID", " ", "Call-ID")])
def test_bad_values_are_named(name, value, word):
    fields = [(k, value if k == name else v) for k, v in REGISTER]
    assert word in (sip.check_register(fields) or "")


def test_bearer_credentials_are_s10s_form_and_read_back():
    value = sip.bearer_credentials("abc.def")
    assert value == 'Bearer token="abc.def"'
    assert sip.bearer_token(value) == "abc.def"
    assert sip.bearer_token(None) is None
    assert sip.bearer_token('Digest username="x"') is None
    for bad in ("Bearer abc", 'Bearer token=""', 'Bearer token="a b"'):
        with pytest.raises(sip.SipError, match="token="):
            sip.bearer_token(bad)


def test_the_tls_client_header_reads_back_and_is_never_a_sip_field():
    value = sip.tls_client_value("CA", ("expc.example.com", "alt.example.com"))
    assert sip.read_tls_client(value) == ("CA", ("expc.example.com", "alt.example.com"))
    assert sip.read_tls_client(None) is None
    assert sip.sip_fields([(sip.TLS_CLIENT_HEADER, value), ("Via", "v")]) == [("Via", "v")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_or_raises_sip_error(text):
    try:
        msg = sip.parse(text)
    except sip.SipError as exc:
        assert str(exc)
    else:
        assert msg.start


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Via", "From", "To", "Call-ID", "CSeq", "Contact",
                                            "Expires", "X"]), st.text(max_size=60)),
                max_size=10))
def test_any_header_list_is_accepted_or_named(fields):
    problem = sip.check_register(fields)
    assert problem is None or isinstance(problem, str) and problem


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=80), st.text(max_size=40).map(
    lambda t: f"Bearer {t}")))
def test_any_credential_value_gives_a_token_none_or_sip_error(value):
    try:
        token = sip.bearer_token(value)
    except UclabError as exc:
        assert isinstance(exc, sip.SipError)
    else:
        assert token is None or (token and '"' not in token)


def test_too_long_and_not_text_are_refused():
    with pytest.raises(sip.SipError, match="at most"):
        sip.parse("REGISTER sip:a SIP/2.0\n" + "X: y\n" * 5000)
    with pytest.raises(sip.SipError, match="text"):
        sip.parse(b"REGISTER")  # type: ignore[arg-type]
