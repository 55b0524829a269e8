"""uclab.sim.imp.xcp_log: the seed article's XCP_JABBERD lines, secrets concealed by default,
the failure reason logged, same seed -> same lines."""

import re

from imp_helpers import IMP, bearer, expect_oauth_failure, imp_of, send, token_for

from uclab.lab import LAB_PASSWORD
from uclab.protocols.sasl import encode_oauthbearer, encode_plain, to_base64
from uclab.protocols.xmpp import auth_stanza, stream_open
from uclab.testing import make_lab

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
    assert re.search(r"Level=\"INFO \" Detail=\"SASL OAUTHBEARER authentication failed for -: "
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
