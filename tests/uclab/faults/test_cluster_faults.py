"""uclab.faults.clusters: of two Expressway clusters only one was refreshed after OAuth was
turned on; users whose lookup reaches the other edge fail, the others sign in."""

import pytest

from uclab import faults
from uclab.core.errors import ConfigError
from uclab.faults import clusters
from uclab.lab import Lab

FAULT = "expc-cluster-not-refreshed"


@pytest.mark.parametrize("seed", [1, 2, "x"])
def test_users_on_the_first_edge_pass_and_on_the_second_fail(seed):
    result = faults.check(FAULT, seed)
    first, second = result.before.detail.split("; ")
    assert first.startswith("alice via expe.example.com: OK at")
    assert second.startswith("bob via expe2.example.com: FAILED at access_token")
    assert "holds no AuthZ keys" in second
    assert result.symptom_seen and result.proven
    assert "bob via expe2.example.com: OK at" in result.after.detail


def test_the_fault_is_registered_with_its_facts():
    fault = faults.get(FAULT)
    assert fault.signature == "expc-cluster-not-refreshed" and fault.source == "S6, S7, S2"
    assert dict(fault.lab_options) == {"expressway_clusters": 2}
    assert "Refresh servers" in fault.fix and "every Expressway-C cluster" in fault.fix


def test_only_the_second_cluster_lacks_keys():
    lab = faults.get(FAULT).build(1)
    (first, _), (second, _) = lab.edge_pairs
    assert first.keys and not second.keys


def test_the_first_sign_in_alone_shows_nothing():
    lab = faults.get(FAULT).build(1)
    assert faults.sign_in_and_use(lab, "alice")  # first lookup: the refreshed edge


def test_a_one_cluster_lab_cannot_take_the_fault():
    lab = Lab(seed=1)
    lab.configure_oauth()
    with pytest.raises(ConfigError, match="expressway_clusters=2"):
        clusters.second_edge_refreshed_before_oauth(lab)


def test_without_ils_the_second_clusters_user_fails_and_the_first_signs_in():
    fault = faults.get("home-cluster-lookup-no-ils")
    lab = fault.build(1)
    assert faults.sign_in_and_use_no_xmpp(lab, "alice")
    outcome = fault.probe(lab)
    assert fault.shows(lab, outcome) and "HTTP 401" in outcome.detail
    answers = [e.response.text for e in lab.exchanges if e.request.path == "/cucm-uds/clusterUser"]
    assert '<result found="false" />' in answers[-1]
    fault.repair(lab)
    assert fault.probe(lab)


def test_the_lookup_asked_of_the_second_cluster_still_finds_its_own_user():
    lab = faults.get("home-cluster-lookup-no-ils").build(1)
    second = lab.clusters[1].publisher.host
    resp = lab.session("t").get(f"https://{second}:8443/cucm-uds/clusterUser",
                                params={"username": "dave"})
    assert '<homeCluster serversUri=' in resp.text  # the local cluster is searched first


def test_a_one_cucm_lab_cannot_leave_ils():
    lab = Lab(seed=1)
    with pytest.raises(ConfigError, match="cucm_clusters=2"):
        clusters.leave_ils(lab)
