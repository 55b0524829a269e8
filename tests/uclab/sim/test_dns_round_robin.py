"""Equal-priority SRV records are answered in turn (round robin, the lab's model): two edges
behind one _collab-edge._tls name are reached one lookup after the other."""

from uclab.core.wire import Request
from uclab.sim.dns import DnsServer, parse_answers

NAME = "_collab-edge._tls.example.com"


def _targets(dns):
    return [r.target for r in parse_answers(dns.handle(Request.make("SRV", f"dns://d/{NAME}")))]


def test_the_lowest_priority_group_rotates_per_query():
    dns = DnsServer("d", "public")
    dns.add_srv(NAME, "expe.example.com", 8443)
    dns.add_srv(NAME, "expe2.example.com", 8443)
    dns.add_srv(NAME, "backup.example.com", 8443, priority=20)
    assert _targets(dns) == ["expe.example.com", "expe2.example.com", "backup.example.com"]
    assert _targets(dns) == ["expe2.example.com", "expe.example.com", "backup.example.com"]
    assert _targets(dns) == ["expe.example.com", "expe2.example.com", "backup.example.com"]
    assert [r.target for r in dns.lookup(NAME)][0] == "expe.example.com"  # lookup: in order


def test_a_single_record_never_moves():
    dns = DnsServer("d", "public")
    dns.add_srv(NAME, "expe.example.com", 8443)
    dns.add_srv(NAME, "backup.example.com", 8443, priority=20)
    assert _targets(dns) == _targets(dns) == ["expe.example.com", "backup.example.com"]
    assert dns._turns == {}
