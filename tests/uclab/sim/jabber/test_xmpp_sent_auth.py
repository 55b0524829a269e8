"""uclab.sim.jabber.xmpp.sent_auth: the SASL <auth> a client sent, decoded (notebook 06 reads
it)."""

import pytest

import uclab
from uclab.core.errors import ConfigError
from uclab.protocols.sasl import parse_oauthbearer, parse_vtg_token
from uclab.sim.jabber.xmpp import sent_auth
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


def test_oauth_login_sends_oauthbearer_with_the_access_token(lab):
    start = len(lab.exchanges)
    assert lab.client.sign_in()
    mech, message = sent_auth(lab.exchanges[start:], lab.client.name)
    assert mech == "OAUTHBEARER"
    resp = parse_oauthbearer(message)
    assert resp.authzid == "alice@example.com"
    assert (resp.host, resp.port) == ("expe.example.com", 5222)
    assert resp.auth == f"Bearer {lab.client.tokens.access_token}"


def test_credentials_login_sends_cisco_vtg_token(lab):
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    start = len(lab.exchanges)
    assert lab.client.sign_in()
    mech, message = sent_auth(lab.exchanges[start:], lab.client.name)
    assert mech == "CISCO-VTG-TOKEN"
    assert parse_vtg_token(message).user == "alice"


def test_no_auth_sent_gives_none(lab):
    start = len(lab.exchanges)
    lab.client.sign_in(xmpp=False)
    assert sent_auth(lab.exchanges[start:], lab.client.name) is None
    # the seed's case: no mechanism fits, so Jabber sends no <auth> at all
    uclab.faults.get("expc-oauthlocal-off").apply(lab)
    start = len(lab.exchanges)
    assert not lab.client.sign_in()
    assert sent_auth(lab.exchanges[start:], lab.client.name) is None


def test_only_the_named_sender_counts(lab):
    start = len(lab.exchanges)
    lab.client.sign_in()
    mech, _ = sent_auth(lab.exchanges[start:], "expc")  # Expressway-C relays the same <auth>
    assert mech == "OAUTHBEARER"
    assert sent_auth(lab.exchanges[start:], "nobody") is None


@pytest.mark.parametrize("bad", [None, "", 3])
def test_bad_sender_is_named(lab, bad):
    with pytest.raises(ConfigError, match="sender"):
        sent_auth(lab.exchanges, bad)


def test_bad_items_are_named(lab):
    with pytest.raises(ConfigError, match="Exchange objects"):
        sent_auth(["not an exchange"], "jabber-alice")
