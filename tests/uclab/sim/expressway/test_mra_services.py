"""uclab.sim.expressway.mra_services: no open proxy, and get_edge_config."""

import pytest
from _expc import EDGE, bearer, hops_from, uds

from uclab.protocols.edge_urls import edge_url
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


@pytest.mark.parametrize("host", ["evil.example.org", "expc.example.com", "dns.example.com",
                                  "idp.example.com"])
def test_no_open_proxy(lab, host):
    lab.client.sign_in(xmpp=False)
    start = len(lab.exchanges)
    resp = uds(lab, host=host, **bearer(lab.client.tokens.access_token))
    assert resp.status_code == 403
    assert resp.text == f"<error>{host} is not a server Expressway-C proxies to</error>"
    assert hops_from(lab, start) == []  # refused before anything is sent inside
    assert not lab.expc.allowed_inside(host)


def test_get_edge_config_lists_the_home_cluster_and_the_edge(lab):
    lab.client.sign_in(xmpp=False)
    resp = lab.session("tester").get(edge_url(EDGE, lab.domain, "get_edge_config"),
                                     **bearer(lab.client.tokens.access_token))
    assert resp.status_code == 200
    text = resp.text
    assert text.startswith('<getEdgeConfigResponse version="1.0"><serviceConfig>'
                           "<service><name>_cisco-uds</name>")
    uds_part = text.split("<name>_cuplogin</name>")[0]
    assert "<address>cucm-pub.example.com</address>" in uds_part
    assert "<address>cucm-sub1.example.com</address>" in uds_part
    assert "<name>_cuplogin</name><server><priority>1</priority><weight>1</weight>" \
           "<port>8443</port><address>imp-pub.example.com</address></server>" in text
    assert "<xmppEdgeServer><server><address>expe.example.com</address><tlsPort>5222" in text

