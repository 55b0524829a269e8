"""uclab.protocols.sasl.oauthbearer_server: the RFC 7628 §3.2 server (checklist J2-J6, J9)."""

import json

import pytest
from _sasl_vectors import RFC_4_3_CLIENT, RFC_4_3_SERVER, accept_as, message, server

from uclab.protocols.sasl import (
    DUMMY_RESPONSE,
    OAuthBearerServer,
    SaslError,
    from_base64,
    parse_oauthbearer,
    to_base64,
)


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


# --- J9: TLS is a MUST -------------------------------------------------------------------------
def test_J9_no_tls_no_oauthbearer():
    step = server(tls=False).step(message())
    assert step.outcome == "failure" and "TLS MUST be used" in step.reason
    assert server(tls=True).step(message()).ok

