"""uclab.sim.jabber.xmpp: Jabber's SASL mechanism choice over MRA, the seed article's PRT lines
when no
mechanism fits, and the refresh-and-retry when IM&P refuses the token (S1)."""

import base64
import re

import pytest
from seed_lines import SEED_MECHANISM, SEED_NO_SASL, SEED_TOKEN_EMPTY

import uclab
from uclab.protocols.sasl import parse_vtg_token
from uclab.sim.expressway.settings import XConfiguration
from uclab.sim.imp import SVC_XCP_AUTH
from uclab.sim.jabber.xmpp import jabber_xmpp_login
from uclab.testing import configured_lab

# Seed article, Jabber PRT of the failed login (time and thread are the article's)
SEED_RECV = ('2020-03-31 12:12:54,998 INFO [0x000006c8] [jwcpp\\xmppcore\\patch\\TriClient.cpp'
             '(1636)] [csf.jwcpp] [gloox::CTriClient::HandleXmlTag] - @XmppSDK: #0, 187, '
             'Recv:<stream:features xmlns:stream=""><mechanisms xmlns="urn:ietf:params:xml:ns:'
             'xmpp-sasl"><mechanism>CISCO-VTG-TOKEN</mechanism></mechanisms></stream:features>')
REFRESH_FAILURE = ("[CSFUnified::SingleSignOn::Impl::handleRefreshTokenFailure] - Failed to get "
                   "valid access token from refresh token, maybe server issue.")  # S1


def without_time_and_thread(line):
    """``LEVEL [source] [logger] [function] - message`` of a PRT line (the level's padding to 5,
    which the seed's HTML copy collapses, dropped too)."""
    return re.sub(r"^\S+ \S+ (\w+) +\[0x[0-9a-f]+\] ", r"\1 ", line)


@pytest.fixture
def lab():
    return configured_lab(1)


def client_xmpp(lab, start, client):
    return [e for e in lab.exchanges[start:] if e.src == client.name and
            e.request.method == "XMPP"]


def test_oauth_mode_chooses_oauthbearer(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    start = len(lab.exchanges)
    outcome = client.xmpp_login()
    assert outcome == uclab.Outcome(True, "xmpp", "SASL OAUTHBEARER success")
    opened, auth = client_xmpp(lab, start, client)
    assert "<mechanism>OAUTHBEARER</mechanism>" in opened.response.text
    body = auth.request.body.decode()
    assert body.startswith("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                           "mechanism='OAUTHBEARER'>")
    message = base64.b64decode(re.search(r">([^<]+)</auth>", body)[1]).decode()
    assert message == (f"n,a=alice@example.com,\x01host=expe.example.com\x01port=5222\x01"
                       f"auth=Bearer {client.tokens.access_token}\x01\x01")  # RFC 7628 §3.1
    assert auth.response.text == "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
    prt = client.prt().splitlines()
    assert prt[-2].endswith("- @XmppSDK: #0, SASL token empty:0")
    assert prt[-1].endswith("- @XmppSDK: #0, SASL mechanism:OAUTHBEARER")


def test_credential_mode_chooses_cisco_vtg_token(lab):
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    client = lab.client
    start = len(lab.exchanges)
    outcome = client.sign_in()
    assert outcome == uclab.Outcome(True, "xmpp", "SASL CISCO-VTG-TOKEN success",
                                    outcome.exchanges)
    xmpp = client_xmpp(lab, start, client)
    assert xmpp[0].response.text.endswith(
        "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>CISCO-VTG-TOKEN"
        "</mechanism></mechanisms></stream:features>")  # OAuthLocal Off: no OAUTHBEARER
    body = xmpp[1].request.body.decode()
    assert "mechanism='CISCO-VTG-TOKEN'" in body
    creds = parse_vtg_token(base64.b64decode(re.search(r">([^<]+)</auth>", body)[1]))
    assert (creds.user, creds.domain) == ("alice", "example.com")  # userid=alice@example.com
    # the one-time password came from EPAS (S28), proxied through the edge with Basic
    epas = [e for e in lab.exchanges[start:] if e.src == client.name and
            e.request.method == "POST"]
    assert len(epas) == 2
    assert all(e.request.headers["Authorization"].startswith("Basic ") for e in epas)
    assert creds.token in epas[1].response.text
    prt = client.prt().splitlines()
    assert prt[-2].endswith("SASL token empty:1")
    assert prt[-1].endswith("SASL mechanism:CISCO-VTG-TOKEN")


def stuck_lab():
    """The seed article's deployment: OAuth On on the page, the running xConfiguration Off."""
    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    lab.expc.xconfig = XConfiguration(oauth_local=False, legacy_cred=True)
    return lab


def test_no_mechanism_fits_gives_the_seed_prt_lines_in_order():
    lab = stuck_lab()
    client = lab.client
    start = len(lab.exchanges)
    outcome = client.sign_in()
    assert not outcome and outcome.stage == "xmpp"
    assert outcome.detail == ("no supported SASL mechanism (offered: CISCO-VTG-TOKEN; Jabber "
                              "needs OAUTHBEARER)")
    assert client.tokens.access_token  # the OAuth part worked (seed article)
    assert len(client_xmpp(lab, start, client)) == 1  # no <auth> was sent
    recv, empty, mechanism, error = client.prt().splitlines()[-4:]
    stanza = ("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
              "<mechanism>CISCO-VTG-TOKEN</mechanism></mechanisms></stream:features>")
    # the seed's stanza differs only in quoting and its concealed xmlns:stream="" attribute
    seed_head = without_time_and_thread(SEED_RECV).split(" 187, Recv:")[0]
    assert without_time_and_thread(recv) == f"{seed_head} {len(stanza)}, Recv:{stanza}"
    assert without_time_and_thread(empty) == without_time_and_thread(SEED_TOKEN_EMPTY)
    assert without_time_and_thread(mechanism) == without_time_and_thread(SEED_MECHANISM)
    assert without_time_and_thread(error) == without_time_and_thread(SEED_NO_SASL)
    thread = client.thread
    assert all(f" [{thread}] " in line for line in (recv, empty, mechanism, error))


def test_the_restart_fixes_the_seed_case():
    lab = stuck_lab()
    assert not lab.client.sign_in()
    lab.expc.restart()
    outcome = lab.client.sign_in()
    assert (outcome.ok, outcome.stage, outcome.detail) == (True, "xmpp",
                                                           "SASL OAUTHBEARER success")


def test_imp_refusal_refreshes_once_and_a_refresh_that_worked_logs_no_refresh_failure(lab):
    lab.cucm.regen_key("signing")
    lab.expc.refresh_servers()  # Expressway-C follows; IM&P's XCP Authentication does not
    client = lab.client
    start = len(lab.exchanges)
    outcome = client.sign_in()
    assert not outcome and outcome.stage == "xmpp"
    assert outcome.detail.startswith("SASL OAUTHBEARER failure not-authorized: signing key: "
                                     "unknown kid ")
    mine = [e for e in lab.exchanges[start:] if e.src == client.name]
    after_config = mine[[e.request.path.endswith("/get_edge_config") for e in mine].index(True)
                        + 1:]
    kinds = [e.request.method if e.request.method == "XMPP" else e.request.path.rsplit("/")[-1]
             for e in after_config]
    # stream, <auth>, <response> (RFC 7628 §3.2.3); one refresh; a new stream and the same again
    assert kinds == ["XMPP", "XMPP", "XMPP", "access_token", "XMPP", "XMPP", "XMPP"]
    assert after_config[3].response.status == 200
    auths = [e.request.body.decode() for e in after_config if b"<auth " in e.request.body]
    assert len(auths) == 2 and auths[0] != auths[1]  # the retry carried the new token
    # the refresh succeeded (200), so S1's "Failed to get valid access token from refresh
    # token" line must not appear: IM&P refused the token, not CUCM the refresh
    assert "handleRefreshTokenFailure" not in client.prt()
    assert client.state == "needs-login"
    lab.imp.restart_service(str(SVC_XCP_AUTH))  # the fix (S1, S3)
    assert client.sign_in().ok


def test_imp_refusal_then_a_failed_refresh_logs_handle_refresh_token_failure_once(lab):
    """When the refresh itself is refused, PRT shows S1's line once: the line follows the
    refresh's outcome, not IM&P's answer. Alice signed in before a regeneration; every copy was
    then updated, so IM&P refuses her old access token and CUCM her old refresh token (S2)."""
    client = lab.client
    assert client.sign_in().ok
    lab.cucm.regen_key("signing")
    lab.expc.refresh_servers()
    lab.imp.restart_service(str(SVC_XCP_AUTH))
    outcome = jabber_xmpp_login(client)  # Jabber reconnects XMPP with the tokens it holds
    assert not outcome and outcome.stage == "xmpp"
    assert client.prt().count("handleRefreshTokenFailure") == 1
    assert client.prt().splitlines()[-1].endswith(REFRESH_FAILURE)
    assert client.state == "needs-login"
