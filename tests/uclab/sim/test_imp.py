"""uclab.sim.imp: SASL offer, OAUTHBEARER with the XCP Authentication Service's key copy, EPAS
one-time tokens, PLAIN, defensive stanza parsing, the seed's XCP_JABBERD lines, centralized
deployment (S2, S3, S15, S26-S28, seed article)."""

import json
import re

import pytest

import uclab
from uclab.core.wire import Request
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.protocols.sasl import encode_oauthbearer, encode_plain, encode_vtg_token, to_base64
from uclab.sim.cucm.node import CucmCluster
from uclab.sim.imp import (
    EPAS_BAD_LOGIN,
    EPAS_INVALID,
    EPAS_PATH,
    EPAS_SOAPACTION_LOGIN,
    OTP_TTL_SECONDS,
    STATUS_SYNCHRONIZED,
    STATUS_UNSYNCHRONIZED,
    STREAM_HEADER,
    SVC_XCP_AUTH,
    SVC_XCP_CM,
    ImpNode,
    abort_stanza,
    auth_stanza,
    epas_login_body,
    epas_otp_body,
    epas_result,
    features_xml,
    parse_reply,
    response_stanza,
    stream_open,
)
from uclab.testing import make_app, make_lab

IMP = "imp-pub.example.com"


def imp_of(lab) -> ImpNode:
    """The lab's IM&P node once the lead wires ``lab.imp``; a fresh one until then."""
    existing = getattr(lab, "imp", None)
    return existing if isinstance(existing, ImpNode) else ImpNode(lab.ctx, IMP, lab.cucm)


def send(lab, stanza, stream=None, host=IMP):
    headers = {STREAM_HEADER: stream} if stream else None
    ex = lab.network.send("jabber", Request.make("XMPP", f"xmpp://{host}:5222/", headers,
                                                 body=stanza))
    assert ex.error is None and "exception" not in ex.metadata, ex.metadata
    assert ex.response.status == 200
    return parse_reply(ex.response.text), ex.response.text


def bearer(token, **kwargs):
    return auth_stanza("OAUTHBEARER", encode_oauthbearer(token, **kwargs))


def token_for(lab, user="alice"):
    return make_app(lab, name=f"App {len(lab.exchanges)}").tokens(user)["access_token"]


def expect_oauth_failure(lab, token, check, host=IMP):
    """RFC 7628 §3.2.2/§3.2.3 over XMPP: challenge, the client's AQ==, then not-authorized."""
    reply, _ = send(lab, bearer(token), host=host)
    assert reply.kind == "challenge"
    assert json.loads(reply.data) == {"status": "invalid_token",
                                      "scope": "UnifiedCommunications:readwrite"}
    final, _ = send(lab, response_stanza(b"\x01"), host=host)
    assert (final.kind, final.condition) == ("failure", "not-authorized")
    assert final.text.startswith(f"{check}: "), final.text
    return final


# --- the SASL offer ----------------------------------------------------------------------------
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


# --- OAUTHBEARER with CUCM's access token -------------------------------------------------------
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


def test_key_regen_fails_until_xcp_authentication_restarts():
    lab = make_lab(46)
    imp = imp_of(lab)
    pub = lab.cucm.publisher
    assert imp.cli("show key authz signing") == pub.cli("show key authz signing")
    old = token_for(lab)
    lab.cucm.regen_key("signing")
    new = token_for(lab)
    # the database copy followed the regen (S2, S3), so the CLI agrees with CUCM ...
    assert imp.show_key("signing") == pub.show_key("signing")
    assert "<- restart Cisco XCP Authentication Service" in imp.key_report()
    # ... but the running service still validates with the old keys
    expect_oauth_failure(lab, new, "signing key")
    assert imp.last_validation.failed.check == "signing key"
    assert "unknown kid" in imp.last_validation.failed.detail
    assert "AuthZ keys reloaded" in imp.restart_service(SVC_XCP_AUTH)
    assert "restart" not in imp.key_report()
    assert send(lab, bearer(new))[0].kind == "success"
    expect_oauth_failure(lab, old, "signing key")


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


# --- PLAIN and CISCO-VTG-TOKEN -----------------------------------------------------------------
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


def epas(lab, body, **headers):
    s = lab.session("jabber")
    return s.post(f"https://{IMP}:8443{EPAS_PATH}", data=body,
                  headers={"Content-Type": "application/soap+xml; charset=utf-8", **headers})


def one_time_token(lab, user="alice"):
    login = epas(lab, epas_login_body(user, LAB_PASSWORD), SOAPAction=EPAS_SOAPACTION_LOGIN)
    assert login.status_code == 200
    key = epas_result(login.text)
    assert key and "<login-resp" in login.text
    otp = epas(lab, epas_otp_body(key))
    assert "<get-onetime-password-resp" in otp.text
    return epas_result(otp.text)


def vtg(user, token):
    return auth_stanza("CISCO-VTG-TOKEN", encode_vtg_token(user, "example.com", token))


def test_cisco_vtg_token_is_one_time():
    lab = make_lab(50, refresh=False)
    imp_of(lab)
    otp = one_time_token(lab)
    assert send(lab, vtg("alice", otp))[0].kind == "success"
    reply, _ = send(lab, vtg("alice", otp))
    assert reply.condition == "not-authorized" and "already used" in reply.text


def test_cisco_vtg_token_wrong_user_domain_or_expired():
    lab = make_lab(51, refresh=False)
    imp_of(lab)
    otp = one_time_token(lab, "alice")
    reply, _ = send(lab, vtg("bob", otp))
    assert "issued to another user" in reply.text
    assert "already used" in send(lab, vtg("alice", otp))[0].text  # burnt by the misuse
    other = auth_stanza("CISCO-VTG-TOKEN", encode_vtg_token("alice", "other.com", "t"))
    assert "presence domain 'other.com'" in send(lab, other)[0].text
    late = one_time_token(lab)
    lab.advance(seconds=OTP_TTL_SECONDS + 1)
    assert "expired" in send(lab, vtg("alice", late))[0].text


def test_epas_rejects_bad_login_session_and_requests():
    lab = make_lab(52, refresh=False)
    imp_of(lab)
    bad = epas(lab, epas_login_body("alice", "wrong"))
    assert bad.status_code == 200 and epas_result(bad.text) is None
    assert str(EPAS_BAD_LOGIN) in bad.text
    nokey = epas(lab, epas_otp_body("DEADBEEF"))
    assert epas_result(nokey.text) is None and str(EPAS_INVALID) in nokey.text
    assert epas(lab, "<not-soap/>").status_code == 400
    assert epas(lab, b"\xff").status_code == 400
    assert epas(lab, '<!DOCTYPE x [<!ENTITY a "b">]><x/>').status_code == 400
    assert lab.session().get(f"https://{IMP}:8443{EPAS_PATH}").status_code == 405
    assert lab.session().get(f"https://{IMP}:8443/nothing").status_code == 404


# --- defensive stanza handling -----------------------------------------------------------------
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


# --- services and CLI --------------------------------------------------------------------------
def test_restart_service_names():
    lab = make_lab(55)
    imp = imp_of(lab)
    with pytest.raises(uclab.ConfigError, match="did you mean 'Cisco XCP Authentication Service'"):
        imp.restart_service("cisco xcp authentication service")
    with pytest.raises(uclab.ConfigError, match="known: Cisco XCP Authentication Service; "
                                                "Cisco XCP Connection Manager; Cisco XCP Router"):
        imp.restart_service("XCP Auth")
    send(lab, stream_open("example.com"))
    assert "1 XMPP stream(s) dropped" in imp.restart_service(SVC_XCP_CM)
    assert imp.streams == {}
    with pytest.raises(uclab.ConfigError, match="runs on the CUCM publisher"):
        imp.cli("set key regen authz signing")
    with pytest.raises(uclab.ConfigError, match="'signing' or 'encryption'"):
        imp.show_key("both")


# --- logs --------------------------------------------------------------------------------------
SEED_SHAPE = (r"\S+ expc XCP_JABBERD\[\d+\]: UTCTime=\"[\d\- :,]+\" ThreadID=\"\d+\" "
              r"Module=\"Jabber\" Level=\"VBOSE\" CodeLocation=\"deliver\.c:1171\" ")


def test_query_auth_component_writes_the_seed_lines():
    lab = make_lab(56)
    imp = imp_of(lab)
    assert imp.query_auth_component("expc.example.com") == ["PLAIN", "CISCO-VTG-TOKEN",
                                                             "OAUTHBEARER"]
    get, result = lab.render_logs(host="expc.example.com", dialect="XCP_JABBERD").split("\n")
    assert re.fullmatch(
        SEED_SHAPE + r"Detail=\"DELIVER: type:8, host:auth-1\.imp-pub-example-com, packet:"
        r"<route type='redirect' to='auth-1\.imp-pub-example-com' "
        r"from='sdns_plugin-1\.expc-example-com'><xdb from='connect-auth-1\.expc-example-com' "
        r"id='conauth\d{6}-jtx_\d{5}' ns='' to='' type='get'><jid></jid></xdb></route>\"", get)
    assert re.fullmatch(
        SEED_SHAPE + r"Detail=\"DELIVER: type:1, host:connect-auth-1\.expc-example-com, packet:"
        r"<xdb from='' id='conauth\d{6}-jtx_\d{5}' ns='' to='connect-auth-1\.expc-example-com' "
        r"type='result'><jid></jid><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        r"<mechanism>PLAIN</mechanism><mechanism>CISCO-VTG-TOKEN</mechanism>"
        r"<mechanism>OAUTHBEARER</mechanism><hostname xmlns='urn:xmpp:domain-based-name:0'>"
        r"imp-pub\.example\.com</hostname></mechanisms></xdb>\"", result)
    lab.cucm.enable_refresh_logins(False)
    assert imp.query_auth_component("expc.example.com") == ["PLAIN", "CISCO-VTG-TOKEN"]


def test_auth_logs_conceal_secrets_by_default():
    lab = make_lab(57)
    imp_of(lab)
    plain = to_base64(encode_plain("alice", LAB_PASSWORD))
    send(lab, auth_stanza("PLAIN", encode_plain("alice", LAB_PASSWORD)))
    tok = token_for(lab)
    oauth = to_base64(encode_oauthbearer(tok))
    send(lab, bearer(tok))
    shown = lab.render_logs(host=IMP, dialect="XCP_JABBERD")
    assert shown.count(">XXXXXXX</auth>") == 2
    assert plain not in shown and oauth not in shown and tok not in shown
    assert "SASL PLAIN authentication succeeded for alice@example.com" in shown
    assert "SASL OAUTHBEARER authentication succeeded for alice@example.com" in shown
    revealed = lab.render_logs(host=IMP, dialect="XCP_JABBERD", reveal=True)
    assert plain in revealed and oauth in revealed and "XXXXXXX" not in revealed


def test_failure_reason_is_logged():
    lab = make_lab(58)
    imp_of(lab)
    tok = token_for(lab)
    lab.cucm.regen_key("encryption")
    expect_oauth_failure(lab, token_for(lab), "inner header")
    shown = lab.render_logs(host=IMP, dialect="XCP_JABBERD")
    assert re.search(r"Level=\"INFO\" Detail=\"SASL OAUTHBEARER authentication failed for -: "
                     r"inner header: encryption kid '[^\"]+' is not the held", shown)
    assert tok not in shown


def test_same_seed_same_stream_ids_and_logs():
    def run():
        lab = make_lab(59)
        imp_of(lab)
        sid = send(lab, stream_open("example.com"))[0].stream_id
        send(lab, auth_stanza("PLAIN", encode_plain("bob", LAB_PASSWORD)), sid)
        return sid, lab.render_logs(dialect="XCP_JABBERD", reveal=True)
    assert run() == run()


# --- centralized deployment (S15) --------------------------------------------------------------
CENTRAL = "imp-central.example.com"


def central_lab(seed):
    lab = make_lab(seed)
    return lab, lab.add_central_imp(CENTRAL, "cucm-central.example.com")


def test_central_sync_then_restart_then_oauth_works():
    lab, central = central_lab(60)
    imp = central.publisher
    assert "OAUTHBEARER" not in imp.sasl_mechanisms()  # the local CUCM has refresh off
    entry = central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    assert entry.status == STATUS_SYNCHRONIZED == "Synchronized"
    assert entry.signing_checksum == lab.cucm.fetch_keys().signing_checksum
    assert "OAUTHBEARER" in imp.sasl_mechanisms()  # "enable the feature for the central cluster"
    tok = token_for(lab)
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)  # service not restarted yet
    imp.restart_service(SVC_XCP_AUTH)
    assert send(lab, bearer(tok), host=CENTRAL)[0].kind == "success"
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()  # the telephony cluster's directory decides
    expect_oauth_failure(lab, tok, "user active", host=CENTRAL)


def test_central_keys_drift_after_regen_until_resynchronized():
    lab, central = central_lab(61)
    imp = central.publisher
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    imp.restart_service(SVC_XCP_AUTH)
    lab.cucm.regen_key("signing")
    tok = token_for(lab)
    imp.restart_service(SVC_XCP_AUTH)  # a restart alone does not help: the database is stale
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)
    entry = central.save_and_synchronize(lab.cucm.publisher.host)
    assert entry.signing_checksum == lab.cucm.fetch_keys().signing_checksum
    assert "<- restart" in imp.key_report()
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)
    imp.restart_service(SVC_XCP_AUTH)
    assert send(lab, bearer(tok), host=CENTRAL)[0].kind == "success"


def test_central_unsynchronized_for_11_5_1_su3_but_plain_still_works():
    lab, central = central_lab(62)
    old = CucmCluster(lab.ctx, version="11.5(1)SU3", publisher="cucm115-pub.example.com")
    lab.network.attach(old.publisher, "cucm115-pub")
    old.users.add_application_user("axl115", "Axl-115!", ("Standard AXL API Access",))
    old.users.add_ldap("dave", LAB_PASSWORD)
    entry = central.add_new("CUCM115-pub.example.com", "axl115", "Axl-115!")
    assert entry.status == STATUS_UNSYNCHRONIZED == "Unsynchronized"
    assert entry.signing_checksum is None and "OAUTHBEARER" not in \
        central.publisher.sasl_mechanisms()
    reply, _ = send(lab, auth_stanza("PLAIN", encode_plain("dave", LAB_PASSWORD)), host=CENTRAL)
    assert reply.kind == "success"
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    table = central.table()
    assert table.startswith("System > Centralized Deployment\n")
    assert re.search(r"cucm115-pub\.example\.com\s+axl115\s+Unsynchronized", table)
    assert re.search(r"cucm-pub\.example\.com\s+axladmin\s+Synchronized", table)


@pytest.mark.parametrize("address, user, password, error", [
    ("cucm-pub.example.com", AXL_USER, "wrong", "the AXL credentials were rejected "
     "(AXL Username 'axladmin' or AXL Password is wrong)"),
    ("cucm-pub.example.com", "alice", LAB_PASSWORD, "'alice' lacks the role 'Standard AXL API "
     "Access'"),
    ("cucm-nowhere.example.com", AXL_USER, LAB_PASSWORD, "does not resolve"),
    ("cucm-sub1.example.com", AXL_USER, LAB_PASSWORD, "is a subscriber; enter its publisher "
     "'cucm-pub.example.com'"),
    ("idp.example.com", AXL_USER, LAB_PASSWORD, "not a Unified CM publisher"),
    ("cucm-central.example.com", AXL_USER, LAB_PASSWORD, "the central cluster's own CUCM"),
    ("", AXL_USER, LAB_PASSWORD, "must be a host name")])
def test_central_add_new_errors(address, user, password, error):
    lab, central = central_lab(63)
    with pytest.raises(uclab.ConfigError, match=re.escape(error)):
        central.add_new(address, user, password)
    assert central.entries == {}


def test_central_resync_with_bad_credentials_keeps_the_entry():
    lab, central = central_lab(64)
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    with pytest.raises(uclab.ConfigError, match="already listed"):
        central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    with pytest.raises(uclab.ConfigError, match="AXL credentials were rejected"):
        central.save_and_synchronize(lab.cucm.publisher.host, axl_password="changed")
    assert central.status(lab.cucm.publisher.host) == "Synchronized"
    assert central.entry(lab.cucm.publisher.host).axl_password == LAB_PASSWORD
    with pytest.raises(uclab.ConfigError, match="no System > Centralized Deployment entry"):
        central.status("cucm-other.example.com")
