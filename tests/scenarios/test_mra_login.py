"""Scenario: the seed article's MRA OAuth login, hop by hop, then XMPP SASL; and its failure."""

import pytest

import uclab
from uclab.testing import configured_lab

EDGE = "/ZXhhbXBsZS5jb20"  # base64url("example.com"), no padding (S18)

LOGIN_HOPS = [
    ("jabber-alice", "public-dns", "SRV", "/_cisco-uds._tcp.example.com", 200),
    ("jabber-alice", "public-dns", "SRV", "/_collab-edge._tls.example.com", 200),
    ("jabber-alice", "expe", "GET", f"{EDGE}/get_edge_sso", 200),          # 1 get_edge_sso
    ("expe", "expc", "GET", f"{EDGE}/get_edge_sso", 200),
    ("jabber-alice", "expe", "GET", f"{EDGE}/authorize", 200),             # 2 authorize
    ("expe", "expc", "GET", f"{EDGE}/authorize", 200),
    ("jabber-alice", "expe", "POST", f"{EDGE}/localauthentication", 302),  # 3 localauthentication
    ("expe", "expc", "POST", f"{EDGE}/localauthentication", 302),
    ("expc", "cucm-pub", "GET", "/cucm-uds/clusterUser", 200),             # 4 edgeconfigprovision
    ("expc", "cucm-pub", "POST", "/ssosp/oauth/authorize_proxy", 200),     # 5 authorize_proxy
    ("jabber-alice", "expe", "GET", "/OAuthcb", 200),                      # 6 OAuthcb (E alone)
    ("jabber-alice", "expe", "POST", f"{EDGE}/access_token", 200),         # 7 access_token
    ("expe", "expc", "POST", f"{EDGE}/access_token", 200),
    ("expc", "cucm-pub", "POST", "/ssosp/oauth/token", 200),
    ("jabber-alice", "expe", "GET", f"{EDGE}/get_edge_config", 200),       # get_edge_config
    ("expe", "expc", "GET", f"{EDGE}/get_edge_config", 200),
]
XMPP_HOPS = [("jabber-alice", "expe", "XMPP", "/", 200), ("expe", "expc", "XMPP", "/", 200),
             ("expc", "imp-pub", "XMPP", "/", 200)] * 2


def hops(lab, start):
    return [(e.src, e.dst, e.request.method, e.request.path,
             e.response.status if e.response else e.error) for e in lab.exchanges[start:]]


@pytest.fixture
def lab():
    return configured_lab(1)


def test_successful_login_follows_the_seed_sequence(lab):
    start = len(lab.exchanges)
    outcome = lab.client.sign_in()
    assert outcome.ok and outcome.stage == "xmpp"
    assert hops(lab, start) == LOGIN_HOPS + XMPP_HOPS
    assert lab.client.state == "signed-in"


def test_requests_carry_what_the_seed_shows(lab):
    start = len(lab.exchanges)
    lab.client.sign_in()
    ex = lab.exchanges[start:]
    sso = ex[2].request
    assert sso.query.get("email") == "alice@example.com"
    authorize = ex[4].request.query
    assert authorize.get("response_type") == "code" and authorize.get("realm") == "local"
    assert authorize.get("client_id") == str(uclab.facts.JABBER_CLIENT_ID)
    assert authorize.get("device_id") == lab.client.device_id
    assert 'Token reuse="true"' in ex[2].response.text and "<SSOResult" in ex[2].response.text
    assert ex[6].response.headers["Location"].startswith("/OAuthcb#code=")
    proxy = ex[9].request
    assert proxy.headers["X-Credentials"] and proxy.headers["Authorization"].startswith("Basic ")
    assert "Authorization Complete" in ex[10].response.text
    token = ex[11].response.json()
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    assert token["access_token"].startswith("eyJhbGciOiJSUzI1NiIs")
    config = ex[14].request
    assert config.headers["Authorization"] == f"Bearer {token['access_token']}"
    assert config.query.get_all("service_name") == ["_cisco-uds", "_cuplogin"]


def test_xmpp_sasl_exchange(lab):
    start = len(lab.exchanges)
    lab.client.sign_in()
    xmpp = [e for e in lab.exchanges[start:] if e.src == "jabber-alice" and
            e.request.method == "XMPP"]
    assert xmpp[0].request.body.decode().startswith("<stream:stream to='example.com'")
    features = xmpp[0].response.text
    assert "<mechanism>OAUTHBEARER</mechanism>" in features
    assert "<mechanism>PLAIN</mechanism>" not in features  # never over MRA
    assert "mechanism='OAUTHBEARER'" in xmpp[1].request.body.decode()
    assert xmpp[1].response.text.startswith("<success")


def test_product_logs_of_the_login(lab):
    lab.client.sign_in()
    expe = lab.render_logs(host="expe.example.com")
    expc = lab.render_logs(host="expc.example.com")
    assert 'Module="network.http.trafficserver" Level="INFO": Detail="Receive Request"' in expe
    assert "Location: /OAuthcb#code=<CONCEALED>" in expe
    assert 'Detail="Successful authorization"' in expc
    assert 'Redirect="/OAuthcb#code=Hidden"' in expc
    assert 'Module="network.http.sso.server"' in expc and "X-Credentials: <CONCEALED>" in expc
    assert 'Detail="Access Token accepted" User="alice"' in expc
    assert 'Reason="Matched AuthZ key"' in expc
    assert "XCP_JABBERD" in expc and "DELIVER: type:8, host:auth-1.imp-pub-example-com" in expc
    prt = lab.client.prt()
    assert "TokenReuse enabled for 1001" in prt and "SASL mechanism:OAUTHBEARER" in prt


def test_no_secret_in_rendered_logs_unless_revealed(lab):
    lab.client.sign_in()
    tok = lab.client.tokens
    everything = lab.render_logs()
    for secret in (tok.access_token, tok.refresh_token, uclab.LAB_PASSWORD,
                   lab.jabber_client_secret):
        assert secret not in everything
    assert tok.access_token in lab.render_logs(reveal=True)


def test_seed_failure_gets_tokens_then_fails_at_sasl(lab):
    from uclab.faults import get

    get("expc-oauthlocal-off").apply(lab)
    start = len(lab.exchanges)
    outcome = lab.client.sign_in()
    assert not outcome.ok and outcome.stage == "xmpp"
    assert lab.client.tokens.access_token  # the OAuth part worked
    assert hops(lab, start) == LOGIN_HOPS + XMPP_HOPS[:3]  # no <auth> was ever sent
    assert "<mechanism>CISCO-VTG-TOKEN</mechanism></mechanisms>" in lab.exchanges[-3].response.text
    assert "doesn't offer any SASL authentication mechanism" in lab.client.prt()
    assert "OAuthLocal: Off" in lab.expc.xconfig.listing()
    lab.expc.restart()
    assert "OAuthLocal: On" in lab.expc.xconfig.listing()
    assert lab.client.sign_in().ok


def test_silent_refresh_over_mra(lab):
    client = lab.client
    client.sign_in()
    first = client.tokens.access_token
    lab.advance(minutes=61)
    start = len(lab.exchanges)
    assert client.use_service("uds").ok
    assert client.tokens.access_token != first
    refresh = hops(lab, start)[:3]
    assert refresh == [("jabber-alice", "expe", "POST", f"{EDGE}/access_token", 200),
                       ("expe", "expc", "POST", f"{EDGE}/access_token", 200),
                       ("expc", "cucm-pub", "POST", "/ssosp/oauth/token", 200)]


def test_no_token_prefix_in_rendered_logs_unless_revealed(lab):
    """A long JSON body (Expressway-C's OAuthvalidator request) must not be cut through the
    token: a cut token escapes concealment and its first part would show (seed: <concealed>)."""
    lab.client.sign_in(xmpp=False)
    token = lab.client.tokens.access_token
    concealed = lab.render_logs(host="expc.example.com")
    assert token[:40] not in concealed and '{"token": "<concealed>"}' in concealed
    assert token in lab.render_logs(host="expc.example.com", reveal=True)
