"""uclab.sim.jabber.client: discovery, sign-in outcomes, the token store, silent refresh, re-login,
credential mode and the hibernate problem (fact sheet 3.1, 3.2; S2, S1, S8, S11)."""

import pytest

import uclab
from uclab.sim.jabber import client as jabber_client
from uclab.sim.jabber.client import Outcome, TokenStore
from uclab.testing import configured_lab

EDGE_SRV = "_collab-edge._tls.example.com"
# S1: the Jabber line of a failed refresh
REFRESH_FAILURE = ("[Single-Sign-On-Logger] [CSFUnified::SingleSignOn::Impl::"
                   "handleRefreshTokenFailure] - Failed to get valid access token from refresh "
                   "token, maybe server issue.")
DISCOVERY = "[service-discovery] [evaluateServiceDiscoveryResult] - " \
            "ServiceDiscoveryHandlerResult return code "


@pytest.fixture
def lab():
    return configured_lab(1)


def prt_lines(client):
    return client.prt().splitlines()


# -- discovery (S17, S33) ----------------------------------------------------------------------
def test_discovery_finds_the_edge_through_public_dns(lab):
    client = lab.client
    outcome = client.discover()
    assert outcome == Outcome(True, "discovery", "edge expe.example.com:8443")
    assert client.edge == "expe.example.com:8443"
    queries = [(e.dst, e.request.method, e.request.path) for e in lab.exchanges]
    assert queries == [("public-dns", "SRV", "/_cisco-uds._tcp.example.com"),
                       ("public-dns", "SRV", "/_collab-edge._tls.example.com")]
    assert b'"rcode": "NXDOMAIN"' in lab.exchanges[0].response.body  # outside: no UDS record
    assert prt_lines(client)[-1].endswith(DISCOVERY + "SUCCESS")


def test_discovery_fails_without_the_public_collab_edge_record(lab):
    lab.public_dns.remove_srv(EDGE_SRV)
    client = lab.client
    outcome = client.sign_in()
    assert not outcome
    assert (outcome.stage, outcome.detail) == ("discovery", "no _collab-edge SRV record answers")
    assert str(outcome) == "FAILED at discovery: no _collab-edge SRV record answers"
    assert client.state == "needs-login" and client.edge is None
    assert {lab.exchanges[i].dst for i in outcome.exchanges} == {"public-dns"}  # no edge hop
    lines = prt_lines(client)
    assert len(lines) == 1
    assert lines[0].endswith(DISCOVERY + "FAILED_EDGE_CREDENTIALS_NOT_SET")
    assert " INFO [" in lines[0]


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


def test_jabber_needs_a_user_id(lab):
    with pytest.raises(uclab.ConfigError, match="Jabber needs a user id"):
        lab.jabber("")


# -- the token store ---------------------------------------------------------------------------
def test_token_store_repr_hides_tokens(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    tokens = client.tokens
    text = repr(tokens)
    assert text == (f"TokenStore(access=yes, refresh=yes, "
                    f"access_expires_at={tokens.access_expires_at})")
    for shown in (repr(tokens), str(tokens), repr(client)):
        assert tokens.access_token not in shown and tokens.refresh_token not in shown
    assert repr(client) == f"Jabber('alice', state='signed-in', {text})"


def test_token_store_clear():
    store = TokenStore("a" * 20, "r" * 20, 100, 200)
    store.clear()
    assert store == TokenStore()
    assert repr(store) == "TokenStore(access=no, refresh=no, access_expires_at=0)"


# -- expiry behaviour (S2, S1) -----------------------------------------------------------------
def test_silent_refresh_when_the_access_token_expired(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    first, refresh = client.tokens.access_token, client.tokens.refresh_token
    lab.advance(minutes=61)
    assert lab.now >= client.tokens.access_expires_at
    start = len(lab.exchanges)
    outcome = client.use_service("uds")
    assert outcome == Outcome(True, "uds", "HTTP 200")
    assert client.tokens.access_token != first
    assert client.tokens.refresh_token == refresh
    assert client.tokens.access_expires_at > lab.now
    assert client.state == "signed-in"
    sent = [(e.src, e.dst, e.request.path.rsplit("/", 1)[-1]) for e in lab.exchanges[start:]
            if e.src == client.name]
    assert sent == [(client.name, "expe", "access_token"), (client.name, "expe", "devices")]
    assert "handleRefreshTokenFailure" not in client.prt()


def test_relogin_needed_when_the_refresh_fails(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    lab.advance(days=61)  # past the 60-day refresh token (S2)
    outcome = client.use_service("uds")
    assert not outcome and outcome.stage == "refresh"
    assert outcome.detail.startswith("HTTP 400 invalid_grant: refresh token rejected at check "
                                     "'expiry: expired ")
    assert client.state == "needs-login"
    assert client.tokens == TokenStore()
    assert prt_lines(client)[-1].endswith(REFRESH_FAILURE)
    assert " ERROR [" in prt_lines(client)[-1]
    again = client.use_service("uds")
    assert again == Outcome(False, "uds", "not signed in")
    assert client.sign_in().ok  # signing in again is the fix


def test_refresh_without_a_refresh_token(lab):
    client = lab.client
    assert client.refresh() == Outcome(False, "refresh", "no refresh token: sign in")
    assert client.prt() == ""


def test_use_service_before_sign_in(lab):
    client = lab.client
    start = len(lab.exchanges)
    assert client.use_service("uds") == Outcome(False, "uds", "not signed in")
    assert client.use_service("voicemail") == Outcome(False, "voicemail", "not signed in")
    assert len(lab.exchanges) == start  # nothing sent


def test_unknown_service_is_a_config_error(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    with pytest.raises(uclab.ConfigError) as err:
        client.use_service("fax")
    assert str(err.value) == "unknown service 'fax': use 'uds' or 'voicemail'"


def test_voicemail_over_mra(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    start = len(lab.exchanges)
    assert client.use_service("voicemail") == Outcome(True, "voicemail", "HTTP 200")
    assert [e.dst for e in lab.exchanges[start:]] == ["expe", "expc", "cuc-pub"]


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


# -- hibernate (S8, S11) -----------------------------------------------------------------------
def test_resume_after_hibernate_with_the_bug_gets_the_ip_blocked(lab):
    client = lab.client
    assert client.sign_in().ok
    client.refreshes_before_reconnect = False  # an affected build
    ip = lab.network.addresses[client.name]
    start = len(lab.exchanges)
    outcome = client.resume_after_hibernate(hours=2)
    assert not outcome and outcome.stage == "network"
    assert outcome.detail == (f"connection refused by expe.example.com: {ip} is blocked by "
                              "intrusion protection (HTTP proxy authorization failure)")
    expired = [e for e in lab.exchanges[start:] if e.src == client.name and e.response]
    assert [e.response.status for e in expired] == [403] * 6
    assert lab.edge.intrusion.blocked(ip, lab.edge.now)


@pytest.mark.parametrize("modules", [0, 5])
def test_resume_after_hibernate_without_blocking(lab, modules, monkeypatch):
    client = lab.client
    client.sign_in(xmpp=False)
    # 0: a build without the problem; 5 stale reconnects are not "more than 5"
    client.refreshes_before_reconnect = modules == 0
    monkeypatch.setattr(jabber_client, "MODULES_RECONNECTING_ON_WAKE", modules)
    outcome = client.resume_after_hibernate(hours=2)
    assert outcome == Outcome(True, "uds", "HTTP 200")
    assert not lab.edge.intrusion.blocked(lab.network.addresses[client.name], lab.edge.now)


def test_trigger_level_10_lets_the_affected_build_through(lab):
    lab.edge.intrusion.configure(trigger_level=10)
    client = lab.client
    client.sign_in(xmpp=False)
    client.refreshes_before_reconnect = False
    assert client.resume_after_hibernate(hours=2).ok
