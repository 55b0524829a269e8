"""uclab.sim.expressway.edge: Expressway-E — /OAuthcb answered locally, header stripping
(checklist F8), intrusion protection counting (S8) and the XMPP relay."""

import pytest
import requests

from uclab.lab import LAB_PASSWORD
from uclab.protocols.edge_urls import edge_url, proxied_url
from uclab.sim.expressway.edge import AUTH_COMPLETE, STRIPPED
from uclab.testing import configured_lab

EDGE = "expe.example.com"
ATTACKER = "attacker"
ATTACKER_IP = "198.51.100.66"


@pytest.fixture
def lab():
    lab = configured_lab(1)
    lab.network.addresses[ATTACKER] = ATTACKER_IP
    return lab


def uds_url(lab, user="alice"):
    return proxied_url(EDGE, lab.domain, "https", "cucm-pub.example.com", 8443,
                       f"cucm-uds/user/{user}/devices")


def relayed(lab, start):
    """The expe -> expc exchanges since ``start``."""
    return [e for e in lab.exchanges[start:] if e.src == "expe" and e.dst == "expc"]


def test_oauthcb_is_answered_by_the_edge_itself(lab):
    start = len(lab.exchanges)
    resp = lab.session(ATTACKER).get(f"https://{EDGE}:8443/OAuthcb")
    assert resp.status_code == 200
    assert "<Title>Authorization Complete</Title>" in resp.text
    assert 'document.write("Authorization Complete");' in resp.text
    assert resp.text == AUTH_COMPLETE
    assert [(e.src, e.dst) for e in lab.exchanges[start:]] == [(ATTACKER, "expe")]
    assert relayed(lab, start) == []  # seed: "E does not send this to Expw_C"


def test_oauthcb_during_sign_in_is_not_relayed(lab):
    start = len(lab.exchanges)
    assert lab.client.sign_in(xmpp=False).ok
    callbacks = [e for e in lab.exchanges[start:] if e.request.path == "/OAuthcb"]
    assert [(e.src, e.dst, e.response.status) for e in callbacks] == [
        ("jabber-alice", "expe", 200)]
    expe_log = lab.render_logs(host="expe.example.com", dialect="traffic_server")
    assert 'Msg="GET https://expe.example.com:8443/OAuthcb HTTP/1.1"' in expe_log
    assert 'Response-code="200"' in expe_log


def test_other_requests_are_relayed_to_expressway_c(lab):
    start = len(lab.exchanges)
    resp = lab.session(ATTACKER).get(edge_url(EDGE, lab.domain, "get_edge_sso"))
    assert resp.status_code == 200
    inner = relayed(lab, start)
    assert len(inner) == 1
    assert inner[0].request.url == "https://expc.example.com:8443/ZXhhbXBsZS5jb20/get_edge_sso"
    assert inner[0].response.text == resp.text


def test_client_supplied_identity_headers_are_stripped(lab):
    spoof = {"X-Forwarded-For": "192.0.2.11", "X-Authenticated-User": "admin",
             "X-Credentials": "YWxpY2U6TGFiLVBhc3N3MHJkIQ==", "X-Real-IP": "192.0.2.20",
             "X-Kept": "yes"}
    start = len(lab.exchanges)
    lab.session(ATTACKER).get(edge_url(EDGE, lab.domain, "get_edge_sso"), headers=spoof)
    outer = lab.exchanges[start].request
    assert outer.headers["X-Authenticated-User"] == "admin"  # the client did send them
    inner = relayed(lab, start)[0].request
    names = {k.lower() for k, _ in inner.headers}
    assert names.isdisjoint(STRIPPED)
    assert set(STRIPPED) == {"x-forwarded-for", "x-authenticated-user", "x-credentials",
                             "x-real-ip"}
    assert inner.headers["X-Kept"] == "yes"  # only the identity headers go
    assert inner.remote == "203.0.113.20"  # Expressway-C sees the edge, not the client


def test_stripping_applies_to_proxied_requests_too(lab):
    start = len(lab.exchanges)
    resp = lab.session(ATTACKER).get(uds_url(lab), auth=("alice", LAB_PASSWORD),
                                     headers={"X-Authenticated-User": "bob",
                                              "X-Forwarded-For": "192.0.2.11"})
    assert resp.status_code == 200 and "<userName>alice</userName>" in resp.text
    for ex in lab.exchanges[start + 1:]:
        assert "X-Authenticated-User" not in ex.request.headers
        assert "X-Forwarded-For" not in ex.request.headers


def test_failures_without_authorization_are_not_counted(lab):
    s = lab.session(ATTACKER)
    for _ in range(10):
        assert s.get(uds_url(lab)).status_code == 401  # no Authorization header
    assert not lab.edge.intrusion.blocked(ATTACKER_IP, lab.edge.now)
    assert s.get(edge_url(EDGE, lab.domain, "get_edge_sso")).status_code == 200


def test_successes_with_authorization_are_not_counted(lab):
    s = lab.session(ATTACKER)
    for _ in range(10):
        assert s.get(uds_url(lab), auth=("alice", LAB_PASSWORD)).status_code == 200
    assert not lab.edge.intrusion.blocked(ATTACKER_IP, lab.edge.now)


def test_other_error_statuses_are_not_counted(lab):
    s = lab.session(ATTACKER)
    headers = {"Authorization": "Bearer x"}
    for _ in range(10):  # 404 for an unknown request: not an authorization failure
        assert s.get(edge_url(EDGE, lab.domain, "nothing"), headers=headers).status_code == 404
    assert not lab.edge.intrusion.blocked(ATTACKER_IP, lab.edge.now)


def test_more_than_five_authorization_failures_block_the_client(lab):
    s = lab.session(ATTACKER)
    headers = {"Authorization": "Bearer expired-or-garbage"}
    statuses = [s.get(uds_url(lab), headers=headers).status_code for _ in range(5)]
    assert statuses == [403] * 5
    assert s.get(uds_url(lab), auth=("alice", "wrong")).status_code == 401  # the 6th: Basic
    start = len(lab.exchanges)
    with pytest.raises(requests.ConnectionError) as err:
        s.get(edge_url(EDGE, lab.domain, "get_edge_sso"))
    assert str(err.value) == (f"connection refused by expe.example.com: {ATTACKER_IP} is "
                              "blocked by intrusion protection (HTTP proxy authorization "
                              "failure)")
    assert lab.exchanges[start].response is None and relayed(lab, start) == []
    assert "Blocked 198.51.100.66: HTTP proxy authorization failure" in lab.render_logs(
        host="expe.example.com", dialect="edgeconfigprovisioning")
    # other clients are not affected
    assert lab.session("someone-else").get(edge_url(EDGE, lab.domain, "get_edge_sso")).ok


def test_five_failures_do_not_block(lab):
    s = lab.session(ATTACKER)
    for _ in range(5):
        s.get(uds_url(lab), auth=("alice", "wrong"))
    assert s.get(uds_url(lab), auth=("alice", LAB_PASSWORD)).status_code == 200


def test_block_ends_after_ten_minutes_of_virtual_time(lab):
    s = lab.session(ATTACKER)
    for _ in range(6):
        s.get(uds_url(lab), auth=("alice", "wrong"))
    lab.advance(seconds=590)
    with pytest.raises(requests.ConnectionError, match="blocked by intrusion protection"):
        s.get(edge_url(EDGE, lab.domain, "get_edge_sso"))
    lab.advance(seconds=10)
    assert s.get(edge_url(EDGE, lab.domain, "get_edge_sso")).status_code == 200


def test_xmpp_is_refused_for_a_blocked_client(lab):
    client = lab.client
    assert client.sign_in(xmpp=False).ok
    ip = lab.network.addresses[client.name]
    assert [lab.edge.intrusion.record_failure(ip, lab.edge.now) for _ in range(6)][-1]
    start = len(lab.exchanges)
    assert not client.xmpp_login()
    ex = lab.exchanges[start]
    assert (ex.src, ex.dst, ex.request.method, ex.response) == (client.name, "expe", "XMPP",
                                                                 None)
    assert ex.error == (f"connection refused by expe.example.com: {ip} is blocked by "
                        "intrusion protection (HTTP proxy authorization failure)")
    assert relayed(lab, start) == []


def test_xmpp_relay_writes_the_got_buffer_line(lab):
    start = len(lab.exchanges)
    assert lab.client.sign_in().ok
    xmpp = [e for e in lab.exchanges[start:] if e.src == "expe" and e.request.method == "XMPP"]
    assert [e.request.url for e in xmpp] == ["xmpp://expc.example.com:5222/"] * 2
    lines = [ln for ln in lab.logs if ln.host == EDGE and ln.dialect == "XCP_JABBERD"]
    assert len(lines) == 2
    for line, ex in zip(lines, xmpp, strict=True):
        text = ex.response.text
        assert line.process == f"XCP_JABBERD[{lab.edge.xcp_pid}]:"
        assert line.get("ThreadID") == str(lab.edge.xcp_threads[0])
        assert line.get("Module") == "Jabber" and line.get("Level") == "DEBUG"
        assert line.get("CodeLocation") == "MIOByteSource.cpp:93"
        assert line.get("Detail") == f"Got Buffer ({len(text)}) {text}"
    rendered = lab.render_logs(host=EDGE, dialect="XCP_JABBERD").splitlines()
    assert rendered[1].endswith(
        f'ThreadID="{lab.edge.xcp_threads[0]}" Module="Jabber" Level="DEBUG" '
        'CodeLocation="MIOByteSource.cpp:93" '
        "Detail=\"Got Buffer (51) <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>\"")
    assert " expe XCP_JABBERD[" in rendered[0]


def test_expressway_c_unreachable_is_502(lab):
    lab.network.detach("expc.example.com")
    resp = lab.session(ATTACKER).get(edge_url(EDGE, lab.domain, "get_edge_sso"))
    assert resp.status_code == 502
    assert resp.text == "<error>Expressway-C did not answer</error>"  # no network text
