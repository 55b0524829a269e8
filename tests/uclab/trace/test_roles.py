"""uclab.trace.roles: RFC 6749's roles read off a run, from wire evidence only."""

import pytest

import uclab
from uclab import faults
from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange, Request, Response
from uclab.testing import make_app
from uclab.trace import roles


@pytest.fixture(scope="module")
def mra():
    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    client = lab.client
    assert client.sign_in()
    assert client.use_service("uds") and client.use_service("voicemail")
    return lab


def test_mra_login_roles(mra):
    found = roles.node_roles(mra)
    assert found["jabber-alice"] == [roles.CLIENT, roles.USER_AGENT]
    assert found["expe"] == [roles.RELAY]
    assert found["expc"] == [roles.RESOURCE_SERVER, roles.RELAY]  # get_edge_config itself
    assert found["cucm-pub"] == [roles.AUTHORIZATION_SERVER, roles.RESOURCE_SERVER]
    assert found["imp-pub"] == [roles.RESOURCE_SERVER]
    assert found["cuc-pub"] == [roles.RESOURCE_SERVER]
    assert found["public-dns"] == []
    assert roles.token_issuer(mra.exchanges) == "cucm-pub"


def test_mra_hops_kinds_and_relays(mra):
    hops = roles.hop_roles(mra.exchanges)
    assert [h.index for h in hops] == list(range(1, len(hops) + 1))
    token = [h for h in hops if h.kind == roles.TOKEN_REQUEST]
    assert [(h.exchange.src, h.src_role, h.exchange.dst, h.dst_role) for h in token] == [
        ("jabber-alice", roles.CLIENT, "expe", roles.RELAY),
        ("expe", roles.RELAY, "expc", roles.RELAY),
        ("expc", roles.RELAY, "cucm-pub", roles.AUTHORIZATION_SERVER)]
    code = [h for h in hops if h.kind == roles.AUTHORIZATION]
    assert code[0].src_role == roles.USER_AGENT
    assert code[-1].exchange.request.path.endswith("authorize_proxy")
    assert code[-1].dst_role == roles.AUTHORIZATION_SERVER
    xmpp = [h for h in hops if h.kind == roles.RESOURCE_REQUEST
            and h.exchange.request.method == "XMPP"]
    assert [h.exchange.dst for h in xmpp] == ["expe", "expc", "imp-pub"]
    assert all(h.kind == roles.OTHER and not h.src_role and not h.dst_role
               for h in hops if h.exchange.request.method == "SRV")


def test_third_party_app_roles_and_concealment():
    lab = uclab.Lab(seed=3)
    lab.configure_oauth()
    app = make_app(lab, name="dashboard")
    tokens = app.tokens()
    resp = app.session.get("https://cuc-pub.example.com/vmrest/mailbox/folders/inbox/messages",
                           headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert resp.status_code == 200
    found = roles.node_roles(lab.exchanges)
    assert found == {"dashboard": [roles.CLIENT, roles.USER_AGENT],  # one session does both
                     "cucm-pub": [roles.AUTHORIZATION_SERVER],
                     "cuc-pub": [roles.RESOURCE_SERVER]}
    text = roles.annotate(lab.exchanges)
    assert tokens["access_token"] not in text and tokens["refresh_token"] not in text
    assert "(token request)" in text and "(resource request)" in text


def test_refused_token_is_still_issued_by_cucm():
    lab = faults.FAULTS["expc-not-refreshed"].build(1)
    start = len(lab.exchanges)
    assert not lab.client.sign_in()
    # CUCM answered the token request with tokens; Expressway-C refused them afterwards
    assert roles.token_issuer(lab.exchanges[start:]) == "cucm-pub"


def test_no_token_no_issuer():
    lab = uclab.Lab(seed=1)
    assert roles.token_issuer(lab.exchanges) is None
    assert roles.annotate([]) == "" and roles.node_roles([]) == {}


def test_code_in_a_query_is_concealed_and_long_targets_shortened():
    req = Request.make("GET", "https://app.example.net/cb?code=SECRET123&state=s" + "x" * 90)
    ex = Exchange(1, "browser", "app", req, Response.make(200, b"ok"), None, 1, 2)
    line = str(roles.hop_roles([ex])[0])
    assert "SECRET123" not in line and "code=<CONCEALED>" in line and line.endswith("-> 200")
    assert "…" in line


@pytest.mark.parametrize("bad", [None, "hops", 42, [1, 2]])
def test_bad_input_names_what_was_expected(bad):
    with pytest.raises(ConfigError, match="Exchange"):
        roles.hop_roles(bad)


def test_a_concealed_trace_reads_the_same_roles(mra):
    """Concealment keeps what the reading needs: the auth-scheme of a concealed Authorization
    header, the names of concealed parameters and members, the SASL mechanism."""
    from uclab.trace.file import Trace

    saved = Trace.loads(mra.trace("mra").dumps())
    assert saved.exchanges[0].request.url == mra.exchanges[0].request.url
    assert [(h.kind, h.src_role, h.dst_role) for h in roles.hop_roles(saved)] == [
        (h.kind, h.src_role, h.dst_role) for h in roles.hop_roles(mra.exchanges)]
    assert roles.annotate(saved.exchanges) == roles.annotate(mra.exchanges)
    assert roles.token_issuer(saved.exchanges) == "cucm-pub"
