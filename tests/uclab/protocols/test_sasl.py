"""uclab.protocols.sasl: RFC 7628 OAUTHBEARER (checklist J1-J9), RFC 4616 PLAIN, CISCO-VTG-TOKEN
(S28)."""

import json
import re

import pytest

from uclab.protocols.sasl import (
    DUMMY_RESPONSE,
    MECH_OAUTHBEARER,
    MECH_PLAIN,
    MECH_VTG,
    Gs2Header,
    OAuthBearerServer,
    SaslError,
    TokenVerdict,
    bearer_token,
    encode_oauthbearer,
    encode_plain,
    encode_vtg_token,
    from_base64,
    parse_gs2_header,
    parse_oauthbearer,
    parse_plain,
    parse_vtg_token,
    to_base64,
)

# RFC 7628 §4.1 - IMAP initial client response (base64 as printed, lines joined)
RFC_4_1_IMAP = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9Qm"
                "VhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB")
# RFC 7628 §4.1 - the same credential in SMTP (port 587)
RFC_4_1_SMTP = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9NTg3AWF1dGg9Qm"
                "VhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB")
RFC_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="
# RFC 7628 §4.2 - OAuth 1.0a (OAUTH10A) initial client response
RFC_4_2 = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9ZXhhbXBsZS5jb20BcG9ydD0xNDMBYXV0aD1PQXV0aCByZWFsbT0"
           "iRXhhbXBsZSIsb2F1dGhfY29uc3VtZXJfa2V5PSI5ZGpkajgyaDQ4ZGpzOWQyIixvYXV0aF90b2tlbj0ia2trOWQ3"
           "ZGgzazM5c2p2NyIsb2F1dGhfc2lnbmF0dXJlX21ldGhvZD0iSE1BQy1TSEExIixvYXV0aF90aW1lc3RhbXA9IjEz"
           "NzEzMTIwMSIsb2F1dGhfbm9uY2U9IjdkOGYzZTRhIixvYXV0aF9zaWduYXR1cmU9IlRtOTBJR0VnY21WaGJDQnph"
           "V2R1WVhSMWNtVSUzRCIBAQ==")
# RFC 7628 §4.3 - failed exchange: empty auth, the server's error challenge, the dummy reply
RFC_4_3_CLIENT = ("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9"
                  "AQE=")
RFC_4_3_SERVER = ("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNv"
                  "bmZpZ3VyYXRpb24iOiJodHRwczovL2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWci"
                  "fQ==")
# RFC 7628 §4.4 - SMTP failure; its gs2 header "n,user=..." is not RFC 5801 (checklist J7)
RFC_4_4 = ("bix1c2VyPXNvbWV1c2VyQGV4YW1wbGUuY29tLAFhdXRoPUJlYXJlciB2RjlkZnQ0cW1UYzJOdmIzUmxja0JoZEh"
           "SaGRtbHpkR0V1WTI5dENnPT0BAQ==")


def accept_as(subject):
    return lambda token: (TokenVerdict(True, subject, "ok") if token == RFC_TOKEN
                          else TokenVerdict(False, None, "signing key: unknown kid"))


def server(**kwargs):
    kwargs.setdefault("hosts", ["server.example.com"])
    kwargs.setdefault("ports", [143])
    return OAuthBearerServer(accept_as("user@example.com"), **kwargs)


def message(token=RFC_TOKEN, **kwargs):
    kwargs.setdefault("authzid", "user@example.com")
    kwargs.setdefault("host", "server.example.com")
    kwargs.setdefault("port", 143)
    return encode_oauthbearer(token, **kwargs)


def test_mechanism_names_are_sourced_facts():
    assert (MECH_PLAIN, MECH_VTG, MECH_OAUTHBEARER) == ("PLAIN", "CISCO-VTG-TOKEN", "OAUTHBEARER")
    assert "S26" in MECH_OAUTHBEARER.source and "S28" in MECH_VTG.source


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


def test_rfc7628_4_3_failed_exchange_byte_for_byte():
    srv = server(scope="example_scope",
                 openid_configuration="https://example.com/.well-known/openid-config")
    resp = parse_oauthbearer(from_base64(RFC_4_3_CLIENT))
    assert resp.auth == "" and resp.authzid == "user@example.com"
    step = srv.step(from_base64(RFC_4_3_CLIENT))
    assert step.outcome == "challenge" and to_base64(step.data) == RFC_4_3_SERVER
    assert "asking for the required scope" in step.reason
    assert to_base64(DUMMY_RESPONSE) == "AQ=="
    final = srv.step(from_base64("AQ=="))
    assert final.outcome == "failure" and final.reason == step.reason


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


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "BeArEr"])
def test_J2_scheme_is_case_insensitive(scheme):
    assert server().step(message(scheme=scheme)).ok


def test_J2_unknown_keys_are_ignored():
    raw = message(extra=[("foo", "bar"), ("mthd", "POST")])
    assert parse_oauthbearer(raw).get("foo") == "bar"
    assert server().step(raw).ok


@pytest.mark.parametrize("auth, error", [
    ("Bearer", "not one b64token"), ("Bearer  abc", "not one b64token"),
    ("Bearer a b", "not one b64token"), ("Basic abc", "is not Bearer")])
def test_J2_malformed_bearer_credentials_get_the_error_challenge(auth, error):
    step = server().step(f"n,,\x01auth={auth}\x01\x01".encode())
    assert step.outcome == "challenge" and step.status == "invalid_token" and error in step.reason


# --- J3: host and port must match what the server knows ----------------------------------------
@pytest.mark.parametrize("kwargs, error", [
    ({"host": "evil.example.net"}, "host 'evil.example.net' is not this server"),
    ({"port": 993}, "port 993 is not the port the client connected to")])
def test_J3_host_or_port_mismatch_fails(kwargs, error):
    srv = server()
    step = srv.step(message(**kwargs))
    assert step.outcome == "challenge" and step.status == "invalid_request" and error in step.reason
    final = srv.step(DUMMY_RESPONSE)
    assert final.outcome == "failure" and error in final.reason


def test_J3_host_compares_case_insensitively_and_may_be_omitted():
    assert server().step(message(host="SERVER.Example.COM")).ok
    assert server().step(message(host=None, port=None)).ok


# --- J4: authzid must be the token's subject (policy) ------------------------------------------
def test_J4_authzid_naming_someone_else_fails():
    srv = server()
    step = srv.step(message(authzid="admin@example.com"))
    assert step.outcome == "challenge" and step.status == "invalid_request"
    assert ("authzid 'admin@example.com' is not the token's subject 'user@example.com'"
            in step.reason)
    assert srv.step(DUMMY_RESPONSE).outcome == "failure"


def test_J4_authorize_policy_is_pluggable():
    srv = OAuthBearerServer(accept_as("user"), authorize=lambda a, s: a == f"{s}@example.com")
    assert srv.step(message(authzid="user@example.com", host=None, port=None)).ok


# --- J5: the error challenge, then only a lone %x01 --------------------------------------------
def test_J5_bad_token_gets_a_json_challenge_then_fails_on_the_dummy():
    srv = server(scope="UnifiedCommunications:readwrite")
    step = srv.step(message(token="not-the-token"))
    assert step.outcome == "challenge" and srv.state == "challenged"
    assert json.loads(step.data) == {"status": "invalid_token",
                                     "scope": "UnifiedCommunications:readwrite"}
    assert step.reason == "signing key: unknown kid"
    final = srv.step(b"\x01")
    assert (final.outcome, final.reason, srv.state) == ("failure", "signing key: unknown kid",
                                                         "done")
    with pytest.raises(SaslError, match="exchange is over"):
        srv.step(b"\x01")


def test_J5_a_second_real_response_after_the_challenge_fails():
    srv = server()
    assert srv.step(message(token="bad")).outcome == "challenge"
    final = srv.step(message())  # even a now-valid response is refused
    assert final.outcome == "failure" and not final.ok
    assert "must send a lone %x01 (RFC 7628 §3.2.3)" in final.reason


def test_J5_abort_after_the_challenge_fails():
    srv = server()
    srv.step(message(token="bad"))
    step = srv.abort()
    assert step.outcome == "failure" and step.reason.startswith("the client aborted")


# --- J6: a lone %x01 first ---------------------------------------------------------------------
def test_J6_lone_kvsep_as_first_message_fails_without_discovery():
    assert parse_oauthbearer(b"\x01").is_dummy
    step = server(scope="s").step(b"\x01")
    assert step.outcome == "failure" and step.data == b"" and "RFC 7628 §3.1" in step.reason


# --- J7: RFC 7628 §4.4 'n,user=' is not a gs2-header -------------------------------------------
def test_J7_rfc7628_4_4_gs2_header_is_rejected():
    raw = from_base64(RFC_4_4)
    assert raw.startswith(b"n,user=someuser@example.com,\x01")
    with pytest.raises(SaslError, match="not a valid gs2-header"):
        parse_oauthbearer(raw)
    step = server().step(raw)
    assert step.outcome == "failure" and step.malformed


# --- J8: no channel binding for OAUTHBEARER ----------------------------------------------------
@pytest.mark.parametrize("header", [b"p=tls-unique,,", b"p=tls-server-end-point,a=u,"])
def test_J8_channel_binding_flag_is_rejected(header):
    with pytest.raises(SaslError, match="defines no channel-binding"):
        parse_oauthbearer(header + b"\x01auth=Bearer abc\x01\x01")


def test_J8_other_gs2_flags():
    with pytest.raises(SaslError, match="must start with 'n,', 'y,' or 'p=<cb-name>,'"):
        parse_gs2_header("x,,")
    assert parse_gs2_header("n,a=u,rest") == (Gs2Header("n", "u"), 6)


# --- J9: TLS is a MUST -------------------------------------------------------------------------
def test_J9_no_tls_no_oauthbearer():
    step = server(tls=False).step(message())
    assert step.outcome == "failure" and "TLS MUST be used" in step.reason
    assert server(tls=True).step(message()).ok


# --- base64 as XMPP carries it (RFC 6120 §6.4.2) -----------------------------------------------
@pytest.mark.parametrize("text", ["", "AQ= =", "AQ==\n", "A*==", "AQ", "é"])
def test_base64_is_strict(text):
    with pytest.raises(SaslError):
        from_base64(text)


def test_base64_empty_is_equals_sign():
    assert from_base64("=") == b"" and to_base64(b"") == "="


# --- PLAIN (RFC 4616) --------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    (b"\x00tim\x00tanstaaftanstaaf", (None, "tim", "tanstaaftanstaaf")),        # RFC 4616 §4
    (b"Ursel\x00Kurt\x00xipj3plmq", ("Ursel", "Kurt", "xipj3plmq")),           # RFC 4616 §4
    (from_base64("AGd3YXNoaW5ndG9uAFJUUCFhcHBz"), (None, "gwashington", "RTP!apps")),  # S27-era
])
def test_plain_vectors(raw, expected):
    creds = parse_plain(raw)
    assert (creds.authzid, creds.authcid, creds.password) == expected
    assert encode_plain(creds.authcid, creds.password, creds.authzid) == raw
    assert creds.password not in repr(creds)


@pytest.mark.parametrize("raw, error", [
    (b"tim\x00secret", "1 NUL separator"), (b"\x00a\x00b\x00c", "3 NUL separator"),
    (b"\x00\x00secret", "authcid is empty"), (b"\x00tim\x00", "password is empty"),
    (b"\x00tim\x00\xff", "not UTF-8")])
def test_plain_errors(raw, error):
    with pytest.raises(SaslError, match=error):
        parse_plain(raw)


def test_plain_encoder_refuses_nul_and_empty():
    for args in (("", "p"), ("a", ""), ("a\x00b", "p")):
        with pytest.raises(SaslError, match="RFC 4616"):
            encode_plain(*args)


# --- CISCO-VTG-TOKEN (S28) ---------------------------------------------------------------------
def test_vtg_token_matches_the_third_party_vector():
    # XmppDotNet/Matrix unit test (S28): user "user", domain "server.com", token "foo"
    raw = encode_vtg_token("user", "server.com", "foo")
    assert raw == b"userid=user@server.com\x00token=foo"
    assert to_base64(raw) == "dXNlcmlkPXVzZXJAc2VydmVyLmNvbQB0b2tlbj1mb28="
    creds = parse_vtg_token(raw)
    assert (creds.user, creds.domain, creds.token) == ("user", "server.com", "foo")
    assert "foo" not in repr(creds)


@pytest.mark.parametrize("raw, error", [
    (b"userid=u@d.com", "0 NUL separator"), (b"userid=u@d.com\x00token=t\x00x", "2 NUL"),
    (b"user=u@d.com\x00token=t", "must start with 'userid='"),
    (b"userid=u@d.com\x00tok=t", "must start with 'token='"),
    (b"userid=u\x00token=t", "<user>@<presence domain>"),
    (b"userid=@d.com\x00token=t", "user must be non-empty"),
    (b"userid=u@\x00token=t", "domain must be non-empty"),
    (b"userid=u@d.com\x00token=", "token must be non-empty"),
    (b"userid=u@d.com\x00token=a\tb", "token must be non-empty, without NUL or control"),
    (b"userid=u@d.com\x00token=\xff", "not UTF-8")])
def test_vtg_token_errors(raw, error):
    with pytest.raises(SaslError, match=error):
        parse_vtg_token(raw)


def test_vtg_encoder_refuses_bad_fields():
    with pytest.raises(SaslError, match="must not contain '@'"):
        encode_vtg_token("u@x", "d.com", "t")
    with pytest.raises(SaslError, match="token must be non-empty"):
        encode_vtg_token("u", "d.com", "")


def test_parsers_reject_non_bytes_and_huge_messages():
    with pytest.raises(SaslError, match="must be bytes"):
        parse_plain(12)  # type: ignore[arg-type]
    with pytest.raises(SaslError, match="limit"):
        parse_oauthbearer(b"n,,\x01auth=Bearer " + b"a" * 20000 + b"\x01\x01")
