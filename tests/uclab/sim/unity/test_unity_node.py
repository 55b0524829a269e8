"""uclab.sim.unity.node: the Unity Connection node put together; its defaults, its bad-input
answers, its secrets and its determinism."""

import pytest
from _unity import CUCM, LIST, XML_HEAD, cuc_lab, inbox

from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import CUC_ADMIN, AuthzServerError, UnityConnection
from uclab.testing import make_lab


def test_defaults():
    lab = make_lab(1)
    cuc = UnityConnection(lab.ctx, admin_password=LAB_PASSWORD)
    assert (cuc.host, str(cuc.version), cuc.ports) == ("cuc-pub.example.com", "14.0(1)",
                                                       (443, 8443))
    assert lab.network.nodes["cuc-pub.example.com"] is cuc
    assert lab.network.name_of("cuc-pub.example.com") == "cuc-pub"
    assert cuc.params.items() == [("OAuth with Refresh Login Flow", "Disabled"),
                                  ("SSO Login Behavior for iOS", "Use Embedded Browser")]
    assert cuc.params.table().splitlines()[0] == (
        "System Settings > Enterprise Parameters > SSO and OAuth Configuration")
    assert not cuc.refresh_enabled and cuc.authz_servers == [] and cuc.tomcat_trust == {}
    cuc.set_parameter("SSO Login Behavior for iOS", "Use Native Browser")
    assert cuc.params["SSO Login Behavior for iOS"] == "Use Native Browser"
    r = lab.session().get(LIST, auth=(CUC_ADMIN, LAB_PASSWORD))
    assert (r.status_code, r.text) == (200, XML_HEAD + '<AuthzServers total="0"></AuthzServers>')


def test_secrets_never_shown():
    lab, cuc = cuc_lab()
    secret = "Wr0ng-S3cret-Value"
    with pytest.raises(AuthzServerError):
        cuc.add_authz_server("Other", CUCM, AXL_USER, secret)
    token = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
    assert inbox(lab, token).status_code == 401
    server = cuc.authz_server("CUCM Pub")
    listing = lab.session().get(LIST, auth=(CUC_ADMIN, LAB_PASSWORD)).text
    shown = [repr(server), str(server), repr(cuc), listing,
             lab.render_logs(host=cuc.host), lab.render_logs(host=cuc.host, reveal=True)]
    for text in shown:
        assert LAB_PASSWORD not in text and secret not in text
    assert "<ServerPassword />" in listing
    assert 'Token="<CONCEALED>"' in lab.render_logs(host=cuc.host)
    assert token not in lab.render_logs(host=cuc.host)
    assert token in lab.render_logs(host=cuc.host, reveal=True)


def test_bad_inputs_elsewhere():
    lab, cuc = cuc_lab(add=False)
    with pytest.raises(ConfigError, match="no Authz server is configured"):
        cuc.sync_keys()
    cuc.upload_tomcat_trust(CUCM)
    cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
    with pytest.raises(ConfigError, match="already exists"):
        cuc.add_authz_server("cucm pub", CUCM, AXL_USER, LAB_PASSWORD)
    with pytest.raises(ConfigError, match=r"no Authz server is called 'Leaf'.*'CUCM Pub'"):
        cuc.sync_keys("Leaf")
    with pytest.raises(ConfigError, match="no Authz server is called 42"):
        cuc.sync_keys(42)
    with pytest.raises(ConfigError, match="select at least one"):
        cuc.delete_authz_servers()
    with pytest.raises(ConfigError, match="no Authz server is called 'Leaf'"):
        cuc.delete_authz_servers("CUCM Pub", "Leaf")
    assert [s.display_name for s in cuc.authz_servers] == ["CUCM Pub"]  # nothing deleted
    with pytest.raises(ConfigError, match="has no enterprise parameter 'OAuth'"):
        cuc.set_parameter("OAuth", "Enabled")
    with pytest.raises(ConfigError, match="takes Enabled or Disabled"):
        cuc.set_parameter("OAuth with Refresh Login Flow", "On")
    with pytest.raises(ConfigError, match="must be after valid_from"):
        cuc.upload_tomcat_trust(CUCM, valid_from=lab.now, valid_until=lab.now)
    with pytest.raises(ConfigError, match="host is required"):
        cuc.upload_tomcat_trust("")


def test_same_seed_same_lab():
    first, second = (cuc_lab(7)[1] for _ in range(2))
    assert first.authz_servers[0].object_id == second.authz_servers[0].object_id
