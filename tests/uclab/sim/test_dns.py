"""uclab.sim.dns: SRV records (RFC 2782), the inside and public views, SRV over the lab network."""

import json

import pytest

import uclab
from uclab.core.wire import Request
from uclab.sim.dns import SRV_CISCO_UDS, SRV_COLLAB_EDGE, DnsServer, SrvRecord, parse_answers

EDGE_NAME = "_collab-edge._tls.example.com"
UDS_NAME = "_cisco-uds._tcp.example.com"


def test_srv_names_are_the_fact_sheet_ones():
    assert SRV_COLLAB_EDGE == "_collab-edge._tls" and SRV_CISCO_UDS == "_cisco-uds._tcp"
    assert SRV_COLLAB_EDGE.source == "S17, S33, S8" and SRV_CISCO_UDS.source == "S17, S33, S8"


def test_add_srv_returns_the_record_and_renders_it_as_a_zone_line():
    dns = DnsServer("dns.test", "internal")
    record = dns.add_srv("_Cisco-UDS._tcp.Example.com", "cucm-pub.example.com", 8443)
    assert record == SrvRecord(UDS_NAME, 10, 10, 8443, "cucm-pub.example.com")
    assert str(record) == f"{UDS_NAME} SRV 10 10 8443 cucm-pub.example.com."
    assert dns.lookup(UDS_NAME.upper()) == [record]  # owner names are case-insensitive


def test_lookup_orders_by_priority_then_weight():
    dns = DnsServer("dns.test", "public")
    dns.add_srv(EDGE_NAME, "backup.example.com", 8443, priority=20, weight=100)
    dns.add_srv(EDGE_NAME, "light.example.com", 8443, priority=10, weight=5)
    dns.add_srv(EDGE_NAME, "heavy.example.com", 8443, priority=10, weight=60)
    # RFC 2782: the lowest priority first; within one priority the heavier weight first
    assert [r.target for r in dns.lookup(EDGE_NAME)] == [
        "heavy.example.com", "light.example.com", "backup.example.com"]
    assert dns.lookup("_collab-edge._tls.other.com") == []


def test_remove_srv_drops_every_record_of_the_name():
    dns = DnsServer("dns.test", "public")
    dns.add_srv(EDGE_NAME, "a.example.com", 8443)
    dns.add_srv(EDGE_NAME, "b.example.com", 8443)
    dns.remove_srv(EDGE_NAME.upper())
    assert dns.lookup(EDGE_NAME) == []
    dns.remove_srv(EDGE_NAME)  # removing a name that is gone is not an error


@pytest.mark.parametrize("name", ["collab-edge._tls.example.com", "_collab-edge",
                                  "_collab-edge.example.com", "_collab-edge._tls",
                                  "_collab-edge._tls..com", ""])
def test_owner_name_must_be_service_proto_domain(name):
    dns = DnsServer("dns.test", "public")
    with pytest.raises(uclab.ConfigError,
                       match=r"is not an SRV owner name like _service\._proto\.domain"):
        dns.add_srv(name, "expe.example.com", 8443)
    assert dns.records == {}


@pytest.mark.parametrize("port", [0, -1, 65536, 70000])
def test_port_out_of_range_is_refused(port):
    dns = DnsServer("dns.test", "public")
    with pytest.raises(uclab.ConfigError, match=f"SRV port {port} is out of range 1-65535"):
        dns.add_srv(EDGE_NAME, "expe.example.com", port)


@pytest.mark.parametrize("port", [1, 65535])
def test_port_range_bounds_are_accepted(port):
    assert DnsServer("dns.test", "public").add_srv(EDGE_NAME, "e.example.com", port).port == port


def test_inside_view_answers_cisco_uds_only():
    lab = uclab.Lab(seed=1)
    assert lab.dns.view == "internal"
    assert lab.dns.lookup(UDS_NAME) == [SrvRecord(UDS_NAME, 10, 10, 8443,
                                                  "cucm-pub.example.com")]
    assert lab.dns.lookup(EDGE_NAME) == []


def test_public_view_answers_collab_edge_only():
    lab = uclab.Lab(seed=1)
    assert lab.public_dns.view == "public"
    assert lab.public_dns.lookup(EDGE_NAME) == [SrvRecord(EDGE_NAME, 10, 10, 8443,
                                                          "expe.example.com")]
    assert lab.public_dns.lookup(UDS_NAME) == []  # CUCM UDS is never published outside


def srv(lab, server, name, method="SRV"):
    return lab.network.send("tester", Request.make(method, f"dns://{server}/{name}"))


def test_srv_exchange_over_the_lab_network():
    lab = uclab.Lab(seed=1)
    ex = srv(lab, "dns.example.net", EDGE_NAME)
    assert (ex.src, ex.dst, ex.request.method, ex.request.port) == (
        "tester", "public-dns", "SRV", 53)
    assert ex.response.status == 200
    body = json.loads(ex.response.body)
    assert body == {"name": EDGE_NAME, "rcode": "NOERROR", "answers": [
        {"name": EDGE_NAME, "priority": 10, "weight": 10, "port": 8443,
         "target": "expe.example.com"}]}
    assert parse_answers(ex.response) == lab.public_dns.lookup(EDGE_NAME)


def test_srv_exchange_for_a_name_the_view_lacks_is_nxdomain():
    lab = uclab.Lab(seed=1)
    outside = srv(lab, "dns.example.net", UDS_NAME)
    assert outside.response.status == 200
    assert json.loads(outside.response.body) == {"name": UDS_NAME, "rcode": "NXDOMAIN",
                                                 "answers": []}
    assert parse_answers(outside.response) == []
    inside = srv(lab, "dns.example.com", UDS_NAME)
    assert json.loads(inside.response.body)["rcode"] == "NOERROR"
    assert [r.target for r in parse_answers(inside.response)] == ["cucm-pub.example.com"]


@pytest.mark.parametrize("method", ["GET", "POST", "AXFR"])
def test_non_srv_methods_are_refused(method):
    lab = uclab.Lab(seed=1)
    ex = srv(lab, "dns.example.net", EDGE_NAME, method=method)
    assert ex.response.status == 400
    assert json.loads(ex.response.body) == {"rcode": "FORMERR", "detail": "only SRV queries"}
    assert parse_answers(ex.response) == []


def test_dns_server_listens_on_53_with_the_dns_scheme_only():
    lab = uclab.Lab(seed=1)
    https = lab.network.send("tester", Request.make("GET", f"https://dns.example.net/{EDGE_NAME}"))
    assert https.response is None
    assert https.error == ("connection refused: dns.example.net does not listen on port 443 "
                           "(it listens on 53)")
