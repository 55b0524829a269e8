"""uclab.sim.jabber.discovery: SRV lookups in the public DNS (S17, S33)."""

import pytest
from _jabber_lines import DISCOVERY, prt_lines

from uclab.sim.jabber.client import Outcome
from uclab.testing import configured_lab

EDGE_SRV = "_collab-edge._tls.example.com"


@pytest.fixture
def lab():
    return configured_lab(1)


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
    assert " INFO  [" in lines[0]  # padded to 5 (FORMATS.md §1.2)

