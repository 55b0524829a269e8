"""Scenario: more than one cluster, hop by hop. Two edges behind one _collab-edge name (the
second lookup reaches the second pair), and a user homed on a second CUCM cluster found with
UDS clusterUser (UDSSYS)."""

from uclab import faults
from uclab.lab import Lab

EDGE = "/ZXhhbXBsZS5jb20"  # base64url("example.com"), no padding (S18)


def hops(lab, start, src=None):
    return [(e.src, e.dst, e.request.method, e.request.path,
             e.response.status if e.response else e.error) for e in lab.exchanges[start:]
            if src is None or e.src in src]


def test_the_second_user_goes_through_the_second_pair():
    lab = Lab(seed=1, expressway_clusters=2)
    lab.configure_oauth()
    assert lab.jabber("alice").sign_in(xmpp=False)
    start = len(lab.exchanges)
    assert lab.jabber("bob").sign_in(xmpp=False)
    assert hops(lab, start, {"jabber-bob", "expe2", "expc2"}) == [
        ("jabber-bob", "public-dns", "SRV", "/_cisco-uds._tcp.example.com", 200),
        ("jabber-bob", "public-dns", "SRV", "/_collab-edge._tls.example.com", 200),
        ("jabber-bob", "expe2", "GET", f"{EDGE}/get_edge_sso", 200),
        ("expe2", "expc2", "GET", f"{EDGE}/get_edge_sso", 200),
        ("jabber-bob", "expe2", "GET", f"{EDGE}/authorize", 200),
        ("expe2", "expc2", "GET", f"{EDGE}/authorize", 200),
        ("jabber-bob", "expe2", "POST", f"{EDGE}/localauthentication", 302),
        ("expe2", "expc2", "POST", f"{EDGE}/localauthentication", 302),
        ("expc2", "cucm-pub", "GET", "/cucm-uds/clusterUser", 200),
        ("expc2", "cucm-pub", "POST", "/ssosp/oauth/authorize_proxy", 200),
        ("jabber-bob", "expe2", "GET", "/OAuthcb", 200),
        ("jabber-bob", "expe2", "POST", f"{EDGE}/access_token", 200),
        ("expe2", "expc2", "POST", f"{EDGE}/access_token", 200),
        ("expc2", "cucm-pub", "POST", "/ssosp/oauth/token", 200),
        ("jabber-bob", "expe2", "GET", f"{EDGE}/get_edge_config", 200),
        ("expe2", "expc2", "GET", f"{EDGE}/get_edge_config", 200),
    ]
    config = [e for e in lab.exchanges[start:] if e.src == "expe2"
              and e.request.path.endswith("get_edge_config")][-1]
    assert "<address>expe2.example.com</address>" in config.response.text


def test_the_unrefreshed_pair_refuses_at_access_token():
    lab = faults.get("expc-cluster-not-refreshed").build(1)
    assert faults.sign_in_and_use(lab, "alice")
    start = len(lab.exchanges)
    assert not faults.sign_in_and_use(lab, "bob")
    assert hops(lab, start, {"expc2"})[-1] == ("expc2", "cucm-pub", "POST",
                                               "/ssosp/oauth/token", 200)
    assert hops(lab, start, {"jabber-bob"})[-1] == (
        "jabber-bob", "expe2", "POST", f"{EDGE}/access_token", 403)


def test_a_user_of_the_second_cucm_cluster_is_sent_to_it():
    lab = Lab(seed=1, cucm_clusters=2)
    lab.configure_oauth()
    start = len(lab.exchanges)
    client = lab.jabber("dave")
    assert client.sign_in(xmpp=False)
    assert client.use_service("uds")
    inside = [(d, m, p) for _, d, m, p, _ in hops(lab, start, {"expc"})]
    assert inside == [
        ("cucm-pub", "GET", "/cucm-uds/clusterUser"),      # asked of the first server ...
        ("cucm2-pub", "POST", "/ssosp/oauth/authorize_proxy"),  # ... which names cucm2
        ("cucm2-pub", "POST", "/ssosp/oauth/token"),
        ("cucm2-pub", "GET", "/cucm-uds/user/dave/devices"),
    ]
    answer = next(e for e in lab.exchanges[start:] if e.request.path == "/cucm-uds/clusterUser")
    assert '<homeCluster serversUri="https://cucm2-pub.example.com:8443/cucm-uds/servers">' \
           'cucm2-pub.example.com</homeCluster>' in answer.response.text
