"""Lab(expressway_clusters=2, cucm_clusters=2): the opt-in topologies of more than one cluster,
and the default lab left as it was."""

import pytest

from uclab.core.errors import ConfigError
from uclab.lab import Lab


def test_the_default_lab_has_one_of_each():
    lab = Lab(seed=1)
    assert lab.edge_pairs == [(lab.expc, lab.edge)] and lab.oauth_clusters == [lab.cucm]
    assert len(lab.clusters) == 1


def test_two_expressway_clusters_each_with_its_own_pages():
    lab = Lab(seed=1, expressway_clusters=2)
    (c1, e1), (c2, e2) = lab.edge_pairs
    assert (c2.host, e2.host, c2.own_edge_host()) == (
        "expc2.example.com", "expe2.example.com", "expe2.example.com")
    assert c1.own_edge_host() == "expe.example.com"
    assert c1.ucm_servers is not c2.ucm_servers and c1.access is not None
    steps = lab.configure_oauth()
    assert any(s.startswith("Expressway-C expc2: Unified CM servers > Refresh servers")
               for s in steps)
    assert c1.keys and c2.keys
    assert [r.target for r in lab.public_dns.lookup("_collab-edge._tls.example.com")] == [
        "expe.example.com", "expe2.example.com"]


def test_two_cucm_clusters_dave_is_homed_on_the_second():
    lab = Lab(seed=1, cucm_clusters=2)
    second = lab.clusters[1]
    assert second.publisher.host == "cucm2-pub.example.com"
    assert second.users.get("dave") is not None and lab.cucm.users.get("dave") is None
    assert [s.address for s in lab.expc.ucm_servers] == ["cucm-pub.example.com",
                                                         "cucm2-pub.example.com"]
    lab.configure_oauth()
    assert second.params.refresh_enabled and len(lab.expc.keys) == 2


@pytest.mark.parametrize("options", [{"expressway_clusters": 3}, {"cucm_clusters": 0},
                                     {"expressway_clusters": "2"}, {"cucm_clusters": True}])
def test_other_counts_are_refused(options):
    with pytest.raises(ConfigError, match="must be 1 or 2"):
        Lab(seed=1, **options)
