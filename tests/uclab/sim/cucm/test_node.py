"""uclab.sim.cucm.node: a CUCM server's key CLI (S5), UDS with Bearer or Basic, its token check."""

import pytest

import uclab
from uclab.testing import make_app, make_lab


def test_cli_show_and_regen():
    lab = make_lab(22)
    pub, sub = lab.cucm.nodes
    before = pub.cli("show key authz signing")
    assert before.startswith("authz signing key checksum: ")
    assert "Continue (yes/no)?" in pub.cli("set key regen authz signing")
    assert pub.cli("show key authz signing") == before  # not confirmed: nothing changed
    out = pub.cli("set key regen authz signing", confirm=True)
    assert "regenerated" in out and pub.cli("show key authz signing") != before
    assert sub.cli("show key authz signing") == pub.cli("show key authz signing")
    with pytest.raises(uclab.ConfigError, match="runs on the publisher"):
        sub.cli("set key regen authz encryption", confirm=True)
    with pytest.raises(uclab.ConfigError, match="unknown command"):
        pub.cli("show key authz everything")


def test_uds_with_bearer_and_basic():
    lab = make_lab(26)
    tok = make_app(lab).tokens()["access_token"]
    s = lab.session()
    url = "https://cucm-sub1.example.com:8443/cucm-uds/user/alice/devices"
    assert s.get(url, headers={"Authorization": f"Bearer {tok}"}).status_code == 200
    other = s.get(url.replace("alice", "bob"), headers={"Authorization": f"Bearer {tok}"})
    assert other.status_code == 403
    none = s.get(url)
    assert none.status_code == 401
    assert none.headers["WWW-Authenticate"] == 'Basic realm="Cisco Web Services Realm"'
    assert s.get(url, auth=("alice", uclab.LAB_PASSWORD)).status_code == 200


def test_inactive_ldap_user_token_rejected_at_resource():
    lab = make_lab(27)
    tok = make_app(lab).tokens()["access_token"]
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()
    result = lab.cucm.validate(tok, at="cucm-sub1.example.com")
    assert result.failed.check == "user active"


def test_a_node_does_not_import_its_cluster_at_run_time():
    """The cluster builds its nodes (cluster.py imports node.py), never the other way round."""
    import ast
    from pathlib import Path

    from uclab.sim.cucm import node

    tree = ast.parse(Path(node.__file__).read_text(encoding="utf-8"))
    runtime = [n for n in tree.body if isinstance(n, ast.ImportFrom)]
    assert all(n.module != "uclab.sim.cucm.cluster" for n in runtime)
    assert node.__all__ == ["CucmNode"] and not hasattr(node, "CucmCluster")
