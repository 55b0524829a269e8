"""uclab.sim.jabber.sign_in: sign-in outcomes, and credential mode (S17, S18)."""

import pytest
from _jabber_lines import DISCOVERY, prt_lines

from uclab.sim.jabber.client import Outcome, TokenStore
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


# -- sign in -----------------------------------------------------------------------------------
def test_sign_in_outcome_and_state(lab):
    client = lab.client
    assert (client.state, client.mode) == ("signed-out", "oauth")
    start = len(lab.exchanges)
    outcome = client.sign_in()
    assert outcome.ok and bool(outcome)
    assert (outcome.stage, outcome.detail) == ("xmpp", "SASL OAUTHBEARER success")
    assert str(outcome) == "OK at xmpp: SASL OAUTHBEARER success"
    assert outcome.exchanges == list(range(start, len(lab.exchanges)))
    assert (client.state, client.mode) == ("signed-in", "oauth")
    assert client.tokens.access_token and client.tokens.refresh_token
    token = next(e for e in lab.exchanges[start:] if e.src == client.name and
                 e.request.path.endswith("/access_token"))
    assert token.response.json()["expires_in"] == 3600
    assert client.tokens.access_expires_at == token.ended_ms // 1000 + 3600
    assert client.uds_host == "cucm-pub.example.com"


def test_sign_in_without_xmpp_stops_at_get_edge_config(lab):
    outcome = lab.client.sign_in(xmpp=False)
    assert outcome == Outcome(True, "get_edge_config", "", outcome.exchanges)
    assert not any(lab.exchanges[i].request.method == "XMPP" for i in outcome.exchanges)


def test_wrong_password_fails_at_localauthentication(lab):
    client = lab.jabber("alice", "wrong")
    outcome = client.sign_in()
    assert not outcome and outcome.stage == "localauthentication"
    assert outcome.detail == ('HTTP 403: {"error": "access_denied", "error_description": '
                              "\"authentication failed for user 'alice'\"}")
    assert client.state == "needs-login"
    assert client.tokens.access_token is None


def test_unknown_user_fails_at_localauthentication(lab):
    outcome = lab.jabber("zed", "x").sign_in()
    assert (outcome.ok, outcome.stage) == (False, "localauthentication")
    assert outcome.detail == "HTTP 401: <html><body>Authentication failed</body></html>"


# -- credential mode (S17, S18) ----------------------------------------------------------------
def test_credential_mode_when_get_edge_sso_offers_no_token_reuse(lab):
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    assert lab.expc.access.authorize_by_user_credentials
    client = lab.client
    start = len(lab.exchanges)
    outcome = client.sign_in()
    assert outcome.ok and (outcome.stage, outcome.detail) == ("xmpp",
                                                              "SASL CISCO-VTG-TOKEN success")
    assert (client.state, client.mode) == ("signed-in", "credentials")
    assert client.tokens == TokenStore()
    sent = [e for e in lab.exchanges[start:] if e.src == client.name]
    paths = [e.request.path.rsplit("/", 1)[-1] for e in sent if e.request.method != "SRV"]
    assert "authorize" not in paths and "access_token" not in paths
    config = next(e for e in sent if e.request.path.endswith("/get_edge_config"))
    assert config.request.headers["Authorization"].startswith("Basic ")
    prt = client.prt()
    assert "TokenReuse enabled" not in prt
    assert "SASL token empty:1" in prt and "SASL mechanism:CISCO-VTG-TOKEN" in prt
    used = len(lab.exchanges)
    assert client.use_service("uds") == Outcome(True, "uds", "HTTP 200")
    assert lab.exchanges[used].request.headers["Authorization"].startswith("Basic ")


def test_credential_mode_refused_when_user_credentials_is_off(lab):
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False,
                                authorize_by_user_credentials=False)
    client = lab.client
    outcome = client.sign_in()
    assert not outcome and outcome.stage == "get_edge_config"
    assert outcome.detail == "credentials refused: HTTP 401"
    assert client.state == "needs-login"
    assert prt_lines(client)[-1].endswith(DISCOVERY + "FAILED_UCM90_CREDENTIALS_NOT_SET")

