"""A rule with `elsewhere` applies only when another host's file holds its literals: one
Expressway-C's log alone says "no AuthZ keys"; beside a second Expressway-C's log that accepted
tokens, it says one of two clusters was not refreshed."""

import pytest

from uclab import faults
from uclab.diagnose import diagnose, rule

FAULT = "expc-cluster-not-refreshed"


@pytest.fixture(scope="module")
def logs():
    lab = faults.get(FAULT).build(1)
    faults.get(FAULT).probe(lab)
    return {host: lab.render_logs(host=host) for host in sorted({ln.host for ln in lab.logs})}


def test_the_rule_is_loaded_with_its_field():
    r = rule(FAULT)
    assert r.elsewhere == ("Access Token accepted",) and "Access Token accepted" in r.anchors
    assert r.priority > rule("expc-no-authz-keys").priority


def test_both_clusters_logs_name_the_cluster_not_refreshed(logs):
    report = diagnose(text=logs)
    assert report.first.rule == FAULT
    assert all(e.where.startswith("expc2.example.com:") for e in report.first.evidence)


def test_the_unrefreshed_clusters_log_alone_is_the_one_cluster_finding(logs):
    report = diagnose(text={"expc2.log": logs["expc2.example.com"]})
    assert report.first.rule == "expc-no-authz-keys"
    assert FAULT not in [f.rule for f in report.findings]


def test_the_same_file_twice_is_not_another_cluster(logs):
    text = logs["expc2.example.com"]
    report = diagnose(text={"a.log": text, "b.log": text})
    assert FAULT not in [f.rule for f in report.findings]


def test_the_healthy_clusters_log_alone_has_no_finding(logs):
    assert diagnose(text={"expc.log": logs["expc.example.com"]}).findings == []
