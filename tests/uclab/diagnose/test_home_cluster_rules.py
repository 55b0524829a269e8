"""The home-cluster checks read the documented clusterUser answer from Expressway-C's log
(UDSSYS): found="false" names the home-cluster-not-found rule; a found answer never does."""

from uclab import faults
from uclab.diagnose import diagnose
from uclab.lab import Lab


def _logs(lab):
    return {host: lab.render_logs(host=host) for host in sorted({ln.host for ln in lab.logs})}


def test_no_ils_is_found_from_expressway_cs_log_alone():
    fault = faults.get("home-cluster-lookup-no-ils")
    lab = fault.build(2)
    fault.probe(lab)
    report = diagnose(text={"expc.log": _logs(lab)["expc.example.com"]})
    assert report.first.rule == "home-cluster-not-found"
    assert report.first.category == "home-cluster" and report.failing_step == "authorize"


def test_an_unknown_user_reads_the_same_and_the_cause_says_both():
    lab = Lab(seed=1)
    lab.configure_oauth()
    assert not lab.jabber("nobody").sign_in(xmpp=False)
    report = diagnose(text=_logs(lab))
    assert report.first.rule == "home-cluster-not-found"
    assert "ILS" in report.first.cause and "Home Cluster" in report.first.cause


def test_a_user_of_the_second_cluster_with_ils_gives_no_finding():
    lab = Lab(seed=1, cucm_clusters=2)
    lab.configure_oauth()
    assert faults.sign_in_and_use_no_xmpp(lab, "dave")
    assert diagnose(text=_logs(lab)).findings == []
