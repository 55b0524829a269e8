"""uclab.sim.unity.authz_servers: Add New and its input (S13), the CUPI object and its listing
(S14), LastSyncStatus (S14)."""

import pytest
from _unity import CUCM, LIST, XML_HEAD, cuc_lab
from hypothesis import given
from hypothesis import strategies as st

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import CUC_ADMIN, AuthzServer, format_sync_status
from uclab.sim.unity.authz_servers import new_authz_server


def test_add_server_sync_success_and_last_sync_status():
    lab, cuc = cuc_lab(add=False)
    cuc.upload_tomcat_trust(CUCM)
    server = cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
    assert server.last_sync_status == "Passed - Mar 02,2026 09:00:00 AM GMT"
    assert (server.port, server.ignore_certificate_errors) == (8443, False)
    assert cuc.held_keys() == [lab.cucm.fetch_keys()]
    lab.advance(hours=13, minutes=5, seconds=7)
    [result] = cuc.sync_keys("CUCM Pub")
    assert result.ok and result.message is None
    assert result.last_sync_status == "Passed - Mar 02,2026 10:05:07 PM GMT"
    assert cuc.authz_server("cucm pub").last_sync_status == result.last_sync_status
    r = lab.session().get(LIST, auth=(CUC_ADMIN, LAB_PASSWORD))
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/xml"
    assert r.text == (
        f'{XML_HEAD}<AuthzServers total="1"><AuthzServer><ObjectId>{server.object_id}'
        "</ObjectId><DisplayName>CUCM Pub</DisplayName><IgnoreCertificateError>false"
        "</IgnoreCertificateError><ServerUsername>axladmin</ServerUsername><ServerPassword />"
        "<ServerNodeAddress>cucm-pub.example.com</ServerNodeAddress><Port>8443</Port>"
        "<LastSyncStatus>Passed - Mar 02,2026 10:05:07 PM GMT</LastSyncStatus></AuthzServer>"
        "</AuthzServers>")
    one = lab.session().get(LIST + server.object_id, auth=(CUC_ADMIN, LAB_PASSWORD))
    assert one.status_code == 200 and one.text.startswith(XML_HEAD + "<AuthzServer><ObjectId>")
    trace = lab.render_logs(host=cuc.host, dialect="syslog")
    assert 'Action="SyncKeys" AuthzServer="CUCM Pub"' in trace and 'Result="Passed"' in trace


def test_sync_status_format_matches_the_s14_sample():
    may_12_2017 = 1494572453000  # 2017-05-12 07:00:53 UTC
    assert format_sync_status("Passed", may_12_2017) == "Passed - May 12,2017 07:00:53 AM GMT"
    assert format_sync_status("Passed", 1494547200000) == "Passed - May 12,2017 12:00:00 AM GMT"
    assert format_sync_status("Passed", 1494590400000) == "Passed - May 12,2017 12:00:00 PM GMT"


def test_rest_object_escapes_text_and_never_carries_the_password():
    server = AuthzServer("id-1", "A<B & C>", CUCM, 8443, "u&v", True, "S3cret<&>")
    xml = server.to_xml()
    assert "<DisplayName>A&lt;B &amp; C&gt;</DisplayName>" in xml
    assert "<ServerUsername>u&amp;v</ServerUsername>" in xml
    assert "<IgnoreCertificateError>true</IgnoreCertificateError>" in xml
    assert "<ServerPassword />" in xml and "<LastSyncStatus />" in xml
    assert "S3cret" not in xml and "S3cret" not in repr(server)


@pytest.mark.parametrize("over, match", [
    ({"display_name": ""}, "Display Name is required"),
    ({"display_name": "   "}, "Display Name is required"),
    ({"display_name": None}, "Display Name is required"),
    ({"display_name": "x" * 129}, "1-128 printable"),
    ({"server_node_address": ""}, "Server Node Address is required"),
    ({"server_node_address": "cucm pub"}, "not a host name"),
    ({"username": ""}, "Username is required"),
    ({"password": ""}, "Password is required"),
    ({"password": None}, "Password is required"),
    ({"port": 0}, "Port must be a whole number 1-65535"),
    ({"port": 65536}, "Port must be a whole number 1-65535"),
    ({"port": "8443"}, "Port must be a whole number 1-65535"),
    ({"port": True}, "Port must be a whole number 1-65535"),
    ({"ignore_certificate_errors": "yes"}, "Ignore Certificate Errors is True or False"),
])
def test_bad_inputs_to_add(over, match):
    _, cuc = cuc_lab(add=False)
    args = {"display_name": "CUCM Pub", "server_node_address": CUCM, "username": AXL_USER,
            "password": LAB_PASSWORD}
    args.update(over)
    with pytest.raises(ConfigError, match=match):
        cuc.add_authz_server(**args)
    assert cuc.authz_servers == []


_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=300))


@given(name=_ANY, address=_ANY, user=_ANY, password=_ANY, port=_ANY, ignore=_ANY)
def test_new_server_input_is_a_row_or_a_config_error(name, address, user, password, port,
                                                     ignore):
    try:
        server = new_authz_server(Entropy(1), name, address, user, password, port, ignore)
    except ConfigError as exc:
        assert "\n" not in str(exc)  # one line: every input is quoted with repr
        return
    assert server.display_name == name.strip() and 1 <= server.port <= 65535
    assert server.password == password and isinstance(server.ignore_certificate_errors, bool)
