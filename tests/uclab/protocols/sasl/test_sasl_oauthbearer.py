"""uclab.protocols.sasl.oauthbearer: RFC 7628 §3.1 client responses (checklist J1, J2, J7) and
the RFC 7628 §4 examples."""

import json
import re

import pytest
from _sasl_vectors import RFC_4_1_IMAP, RFC_4_1_SMTP, RFC_4_2, RFC_4_4, RFC_TOKEN, message, server

from uclab.protocols.sasl import (
    Gs2Header,
    SaslError,
    bearer_token,
    encode_oauthbearer,
    from_base64,
    parse_oauthbearer,
    to_base64,
)


# --- the three RFC 7628 examples ---------------------------------------------------------------
def test_rfc7628_4_1_parses_and_is_rebuilt_byte_for_byte():
    raw = from_base64(RFC_4_1_IMAP)
    assert raw == (b"n,a=user@example.com,\x01host=server.example.com\x01port=143\x01"
                   b"auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01")
    resp = parse_oauthbearer(raw)
    assert resp.gs2 == Gs2Header("n", "user@example.com")
    assert resp.as_dict() == {"host": "server.example.com", "port": "143",
                              "auth": f"Bearer {RFC_TOKEN}"}
    assert bearer_token(resp.auth) == RFC_TOKEN
    assert to_base64(message()) == RFC_4_1_IMAP
    assert to_base64(message(port=587)) == RFC_4_1_SMTP
    step = server().step(raw)
    assert (step.outcome, step.identity, step.authzid) == ("success", "user@example.com",
                                                           "user@example.com")


def test_rfc7628_4_2_oauth10a_response_parses_but_is_no_bearer_token():
    resp = parse_oauthbearer(from_base64(RFC_4_2))
    assert resp.as_dict()["host"] == "example.com" and resp.port == 143
    assert resp.auth.startswith('OAuth realm="Example",oauth_consumer_key="9djdj82h48djs9d2",')
    assert resp.auth.endswith('oauth_signature="Tm90IGEgcmVhbCBzaWduYXR1cmU%3D"')
    step = server(hosts=["example.com"]).step(from_base64(RFC_4_2))
    assert step.outcome == "challenge" and json.loads(step.data) == {"status": "invalid_token"}
    assert "auth scheme 'OAuth' is not Bearer" in step.reason


# --- J1: exact grammar -------------------------------------------------------------------------
@pytest.mark.parametrize("raw, error", [
    (b"n,,\x01auth=Bearer abc\x01", "final %x01"),
    (b"n,,\x01auth=Bearer abc", "not terminated by %x01"),
    (b"n,,auth=Bearer abc\x01\x01", "expected %x01 after the gs2-header"),
    (b"n,,\x01auth=Bearer abc\x01\x01x", "after the final %x01"),
    (b"n,,\x01au th=x\x01auth=Bearer abc\x01\x01", "1*ALPHA"),
    (b"n,,\x01auth1=x\x01auth=Bearer abc\x01\x01", "1*ALPHA"),
    (b"n,,\x01=x\x01auth=Bearer abc\x01\x01", "1*ALPHA"),
    (b"n,,\x01auth\x01\x01", "has no '='"),
    (b"n,,\x01auth=Bearer \x00abc\x01\x01", "VCHAR"),
    ("n,,\x01auth=Bearer \u00e9\x01\x01".encode(), "VCHAR"),
    (b"n,,\x01auth=Bearer \xff\x01\x01", "not UTF-8"),
    (b"n,,\x01port=0143\x01auth=Bearer abc\x01\x01", "leading zeros"),
    (b"n,,\x01port=70000\x01auth=Bearer abc\x01\x01", "leading zeros"),
    (b"n,,\x01auth=a\x01auth=b\x01\x01", "appears twice"),
    (b"", "empty OAUTHBEARER response"),
    (b"n,a=,\x01auth=Bearer abc\x01\x01", "non-empty authzid"),
    (b"n,a=x=41,\x01auth=Bearer abc\x01\x01", "'=2C' or '=3D'"),
    (b"n,a=x\x01auth=Bearer abc\x01\x01", "not followed by ','"),
])
def test_J1_grammar_violations_raise_a_clear_sasl_error(raw, error):
    with pytest.raises(SaslError, match=re.escape(error)):
        parse_oauthbearer(raw)


def test_J1_kvpairs_and_authzid_escapes_round_trip():
    raw = encode_oauthbearer("abc", authzid="a,b=c", host="h.example", port=5222)
    assert raw.startswith(b"n,a=a=2Cb=3Dc,\x01")
    resp = parse_oauthbearer(raw)
    assert resp.authzid == "a,b=c" and resp.host == "h.example" and resp.port == 5222
    assert parse_oauthbearer(b"n,,\x01auth=Bearer abc\x01\x01").authzid is None
    assert parse_oauthbearer(b"y,,\x01auth=Bearer abc\x01\x01").gs2.cb_flag == "y"
    assert parse_oauthbearer(b"F,n,,\x01auth=Bearer abc\x01\x01").gs2.nonstd is True
    assert parse_oauthbearer(b"n,,\x01auth=multi\r\nline\tvalue\x01\x01").auth == \
        "multi\r\nline\tvalue"


def test_J1_every_truncation_and_byte_flip_is_a_sasl_error_or_a_parse():
    raw = from_base64(RFC_4_1_IMAP)
    mutations = [raw[:i] for i in range(len(raw))]
    mutations += [raw[:i] + bytes([b]) + raw[i + 1:] for i in range(len(raw))
                  for b in (0x00, 0x01, 0x2C, 0x3D, 0x80, 0xFF)]
    parsed = 0
    for m in mutations:
        try:
            parse_oauthbearer(m)
            parsed += 1
        except SaslError:
            pass
    assert 0 < parsed < len(mutations)  # some flips stay grammatical, most do not


# --- J2: auth required, scheme case-insensitive, unknown keys ignored --------------------------
def test_J2_auth_is_required():
    with pytest.raises(SaslError, match="'auth' key is REQUIRED"):
        parse_oauthbearer(b"n,,\x01host=server.example.com\x01\x01")


# --- J7: RFC 7628 §4.4 'n,user=' is not a gs2-header -------------------------------------------
def test_J7_rfc7628_4_4_gs2_header_is_rejected():
    raw = from_base64(RFC_4_4)
    assert raw.startswith(b"n,user=someuser@example.com,\x01")
    with pytest.raises(SaslError, match="not a valid gs2-header"):
        parse_oauthbearer(raw)
    step = server().step(raw)
    assert step.outcome == "failure" and step.malformed

