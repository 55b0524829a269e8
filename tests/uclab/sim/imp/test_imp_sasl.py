"""uclab.sim.imp.sasl_service: the SASL offer follows the refresh-login parameter (S26, S27);
OAUTHBEARER with CUCM's access token (RFC 7628) and PLAIN (RFC 4616) over XMPP."""

import json

import pytest
from imp_helpers import IMP, bearer, expect_oauth_failure, imp_of, send, token_for

from uclab.lab import LAB_PASSWORD
from uclab.protocols.sasl import encode_oauthbearer, encode_plain
from uclab.protocols.xmpp import (
    abort_stanza,
    auth_stanza,
    features_xml,
    response_stanza,
    stream_open,
)
from uclab.testing import make_lab


def test_stream_features_follow_the_refresh_login_parameter():
    lab = make_lab(41)
    imp = imp_of(lab)
    reply, raw = send(lab, stream_open("example.com"))
    assert reply.mechanisms == ("PLAIN", "CISCO-VTG-TOKEN", "OAUTHBEARER")
    assert features_xml(imp.sasl_mechanisms()) in raw
    lab.cucm.enable_refresh_logins(False)
    assert imp.sasl_mechanisms() == ["PLAIN", "CISCO-VTG-TOKEN"]
    reply, _ = send(lab, bearer("x"))
    assert (reply.kind, reply.condition) == ("failure", "invalid-mechanism")
    assert "'OAUTHBEARER' is not offered" in reply.text


def test_oauthbearer_success_with_a_cucm_access_token():
    lab = make_lab(42)
    imp = imp_of(lab)
    sid = send(lab, stream_open("example.com"))[0].stream_id
    tok = token_for(lab)
    reply, raw = send(lab, bearer(tok, authzid="alice@example.com", host=IMP, port=5222), sid)
    assert raw == "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
    assert imp.streams[sid].jid == "alice@example.com" and imp.last_validation.ok
    assert [d.check for d in imp.last_validation.decisions][-1] == "user active"


def test_oauthbearer_no_initial_response_then_response():
    lab = make_lab(43)
    imp_of(lab)
    reply, raw = send(lab, auth_stanza("OAUTHBEARER", None), "s1")
    assert raw == "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>=</challenge>"
    reply, _ = send(lab, response_stanza(encode_oauthbearer(token_for(lab))), "s1")
    assert reply.kind == "success"


def test_oauthbearer_challenge_then_other_reply_or_abort_fails():
    lab = make_lab(44)
    imp_of(lab)
    empty_auth = auth_stanza("OAUTHBEARER", b"n,,\x01auth=\x01\x01")  # RFC 7628 §4.3 style
    assert send(lab, empty_auth, "a")[0].kind == "challenge"
    reply, _ = send(lab, response_stanza(encode_oauthbearer(token_for(lab))), "a")
    assert (reply.kind, reply.condition) == ("failure", "not-authorized")
    assert "must send a lone %x01 (RFC 7628 §3.2.3)" in reply.text
    assert send(lab, empty_auth, "b")[0].kind == "challenge"
    reply, _ = send(lab, abort_stanza(), "b")
    assert (reply.kind, reply.condition) == ("failure", "aborted")


@pytest.mark.parametrize("kwargs, text", [
    ({"host": "evil.example.net"}, "host 'evil.example.net' is not this server"),
    ({"port": 5223}, "port 5223 is not the port"),
    ({"authzid": "bob@example.com"}, "authzid 'bob@example.com' is not the token's subject")])
def test_oauthbearer_endpoint_and_authzid_checks(kwargs, text):
    lab = make_lab(45)
    imp_of(lab)
    reply, _ = send(lab, bearer(token_for(lab), **kwargs))
    assert reply.kind == "challenge" and json.loads(reply.data)["status"] == "invalid_request"
    final, _ = send(lab, response_stanza(b"\x01"))
    assert final.condition == "not-authorized" and text in final.text


def test_inactive_ldap_user_fails():
    lab = make_lab(47)
    imp_of(lab)
    tok = token_for(lab, "alice")
    lab.cucm.users.remove_from_ldap("alice")
    assert lab.cucm.users.ldap_sync() == ["alice"]
    final = expect_oauth_failure(lab, tok, "user active")
    assert "user 'alice' is inactive" in final.text
    reply, _ = send(lab, auth_stanza("PLAIN", encode_plain("alice", LAB_PASSWORD)))
    assert reply.condition == "not-authorized"


def test_session_outlives_its_token_but_a_new_login_does_not():
    """Checklist J9 policy: the lab keeps an authenticated stream open after the token expires
    (RFC 7628 §5 lets a server disconnect; IM&P's behaviour is not documented [U])."""
    lab = make_lab(48)
    imp = imp_of(lab)
    tok = token_for(lab)
    assert send(lab, bearer(tok), "live")[0].kind == "success"
    lab.advance(minutes=62)
    stream = imp.streams["live"]
    assert stream.jid == "alice@example.com" and stream.token_exp < lab.now
    expect_oauth_failure(lab, tok, "expiry")


@pytest.mark.parametrize("authcid, password, authzid, kind", [
    ("alice", LAB_PASSWORD, None, "success"),
    ("alice@example.com", LAB_PASSWORD, "alice@example.com", "success"),
    ("carol", LAB_PASSWORD, None, "success"),
    ("alice", "wrong", None, "failure"),
    ("alice@other.example", LAB_PASSWORD, None, "failure"),
    ("nobody", LAB_PASSWORD, None, "failure"),
    ("alice", LAB_PASSWORD, "bob", "failure")])
def test_plain(authcid, password, authzid, kind):
    lab = make_lab(49, refresh=False)
    imp_of(lab)
    reply, _ = send(lab, auth_stanza("PLAIN", encode_plain(authcid, password, authzid)))
    assert reply.kind == kind
    if kind == "failure":
        assert reply.condition == "not-authorized"
