"""Expressway-C's edgeconfigprovision reads the documented clusterUser answer (UDSSYS) with an
XML parser: the home cluster it names, or no home for an answer it cannot read."""

from uclab.core.wire import Response
from uclab.lab import Lab


def _configured(**options):
    lab = Lab(seed=1, **options)
    lab.configure_oauth()
    return lab


def test_the_home_is_the_unified_cm_server_the_answer_names():
    lab = _configured(cucm_clusters=2)
    assert lab.expc._home_server("alice").address == "cucm-pub.example.com"
    assert lab.expc._home_server("dave").address == "cucm2-pub.example.com"
    asked = [e for e in lab.exchanges if e.request.path == "/cucm-uds/clusterUser"]
    assert {e.dst for e in asked} == {"cucm-pub"}  # the first server answers for both


def test_an_unknown_user_has_no_home():
    lab = _configured()
    assert lab.expc._home_server("nobody") is None


def test_a_home_cluster_not_on_the_unified_cm_servers_page_is_no_home():
    lab = _configured(cucm_clusters=2)
    lab.expc.ucm_servers = [s for s in lab.expc.ucm_servers
                            if s.address != "cucm2-pub.example.com"]
    assert lab.expc._home_server("dave") is None


def test_a_malformed_answer_is_no_home_not_an_exception(monkeypatch):
    lab = _configured()
    for body in (b"<clusterUser><result found='true'/>", b"<primaryNode>x</primaryNode>",
                 b"\xff", b""):
        monkeypatch.setattr(lab.cucm.publisher, "handle",
                            lambda req, body=body: Response.make(
                                200, body, {"Content-Type": "application/xml"}))
        assert lab.expc._home_server("alice") is None, body


def test_a_refused_lookup_is_no_home(monkeypatch):
    lab = _configured()
    monkeypatch.setattr(lab.cucm.publisher, "handle",
                        lambda req: Response.make(503, b"busy"))
    assert lab.expc._home_server("alice") is None
