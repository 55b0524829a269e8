"""uclab.sim.unity: Authz Servers, key sync, EvtAuthzKeyRotation, voicemail with Bearer tokens.

Texts are asserted as literal strings from S12/S14, so a retyped constant fails here.
"""

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import (
    CISCO_SYSLOG_PATH,
    CUC_ADMIN,
    ERR_CERT_EXPIRED,
    ERR_CERT_NOT_YET_VALID,
    ERR_CERT_UNTRUSTED,
    ERR_CONNECT,
    ERR_CONNECT_NETWORK,
    ERR_NOT_AUTHORIZED,
    AuthzServerError,
    UnityConnection,
    format_sync_status,
)
from uclab.testing import make_app, make_lab

CUCM = "cucm-pub.example.com"
INBOX = "https://cuc-pub.example.com/vmrest/mailbox/folders/inbox/messages"
LIST = "https://cuc-pub.example.com/vmrest/authz/server/"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
MSG_NETWORK = ("Failed to connect to Authz Server. Check network connectivity with Authz "
               "Server. For more details, check error log")
MSG_CONNECT = "Failed to connect to Authz Server"
MSG_AUTH = "Not authorized - Invalid Username or Password"
MSG_CERT = ("Failed to validate certificates. Make sure proper tomcat certificates are "
            "uploaded for the Authz Server")
MSG_NOT_YET = ("Failed to validate certificates. Tomcat certificates uploaded for the Authz "
               "Server are not yet valid")
MSG_EXPIRED = ("Failed to validate certificates. Tomcat certificates uploaded for the Authz "
               "Server have expired")


def cuc_lab(seed=1, *, add=True, oauth=True, **lab_kw):
    lab = make_lab(seed, **lab_kw)
    cuc = UnityConnection(lab.ctx, admin_password=LAB_PASSWORD)
    if add:
        cuc.upload_tomcat_trust(CUCM)
        cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
    if oauth:
        cuc.enable_refresh_logins()
    return lab, cuc


def inbox(lab, token):
    return lab.session("jabber").get(INBOX, headers={"Authorization": f"Bearer {token}"})


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


def test_parameter_names_are_the_shared_facts():
    _, cuc = cuc_lab(add=False, oauth=False)
    names = [name for name, _ in cuc.params.items()]
    assert names == [facts.PARAM_REFRESH_FLOW, facts.PARAM_IOS_SSO]
    cuc.enable_refresh_logins()
    assert cuc.params["OAuth with Refresh Login Flow"] == "Enabled"


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


def test_ignore_certificate_errors_skips_the_trust_check():
    lab, cuc = cuc_lab(add=False)
    server = cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD,
                                  ignore_certificate_errors=True)
    assert server.last_sync_status.startswith("Passed - ")


def _add(cuc, **over):
    args = {"display_name": "CUCM Pub", "server_node_address": CUCM, "username": AXL_USER,
            "password": LAB_PASSWORD}
    args.update(over)
    with pytest.raises(AuthzServerError) as info:
        cuc.add_authz_server(**args)
    assert cuc.authz_servers == []  # the New page keeps nothing on an error
    return info.value


@pytest.mark.parametrize("over, expected", [
    ({"server_node_address": "cucm-nope.example.com"}, MSG_NETWORK),
    ({"port": 8080}, MSG_NETWORK),
    ({"password": "wrong-password"}, MSG_AUTH),
    ({"username": "alice"}, MSG_AUTH),  # an end user: no AXL access (S1)
    ({"username": "nobody"}, MSG_AUTH),
])
def test_s12_errors_with_trusted_certificate(over, expected):
    _, cuc = cuc_lab(add=False)
    cuc.upload_tomcat_trust(CUCM)
    error = _add(cuc, **over)
    assert str(error) == expected and error.message == expected


def test_s12_certificate_errors():
    lab, cuc = cuc_lab(add=False)
    assert str(_add(cuc)) == MSG_CERT and _add(cuc).message is ERR_CERT_UNTRUSTED
    cuc.upload_tomcat_trust(CUCM, valid_from=lab.now + 3600)
    assert str(_add(cuc)) == MSG_NOT_YET and _add(cuc).message is ERR_CERT_NOT_YET_VALID
    cuc.upload_tomcat_trust(CUCM, valid_from=lab.now - 7200, valid_until=lab.now - 60)
    error = _add(cuc)
    assert str(error) == MSG_EXPIRED and error.message is ERR_CERT_EXPIRED
    assert "valid 2026-03-02 07:00:00 UTC to 2026-03-02 08:59:00 UTC" in error.detail


def test_s12_connect_errors():
    lab, cuc = cuc_lab(add=False)
    not_cucm = _add(cuc, server_node_address="idp.example.com", port=443,
                    ignore_certificate_errors=True)
    assert str(not_cucm) == MSG_CONNECT and not_cucm.message is ERR_CONNECT
    lab.network.detach(CUCM)  # CUCM (Cisco Tomcat) not answering
    down = _add(cuc, ignore_certificate_errors=True)
    assert str(down) == MSG_NETWORK and down.message is ERR_CONNECT_NETWORK
    assert "could not resolve cucm-pub.example.com" in down.detail
    assert str(_add(cuc, port=8080)) == MSG_NETWORK


def test_s12_cucm_before_11_5_su3_offers_no_authz_server():
    lab = make_lab(1, refresh=False, cucm_version="11.5(1)SU2")
    cuc = UnityConnection(lab.ctx, admin_password=LAB_PASSWORD)
    error = _add(cuc, ignore_certificate_errors=True)
    assert str(error) == MSG_CONNECT and "needs CUCM 11.5(1)SU3 or later" in error.detail


def test_failed_sync_keeps_the_old_keys():
    lab, cuc = cuc_lab()
    held = cuc.held_keys()
    lab.cucm.users.set_password(AXL_USER, "Changed-Passw0rd!")
    lab.advance(minutes=1)
    [result] = cuc.sync_keys()
    assert not result.ok and result.message is ERR_NOT_AUTHORIZED and str(result.message) == \
        MSG_AUTH
    assert result.last_sync_status == "Failed - Mar 02,2026 09:01:00 AM GMT"
    assert cuc.held_keys() == held


def test_voicemail_200_with_a_lab_token():
    lab, cuc = cuc_lab()
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/xml"
    assert r.text == (f'{XML_HEAD}<Messages total="1"><Message><Subject>Lab voice message for '
                      "alice</Subject><Read>false</Read></Message></Messages>")
    assert cuc.validate(token).report().startswith("access token ACCEPTED by cuc-pub.example.com")


def test_oauth_off_on_cuc_gives_401():
    lab, cuc = cuc_lab(oauth=False)
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == (
        'Bearer realm="cuc-pub.example.com", error="invalid_token", error_description="OAuth '
        "with Refresh Login Flow is Disabled on this Unity Connection server (System Settings "
        '> Enterprise Parameters > SSO and OAuth Configuration), so it accepts no OAuth access '
        'token"')
    assert r.json()["error"] == "invalid_token"
    assert 'Check="oauth disabled"' in lab.render_logs(host=cuc.host)


def test_key_regen_raises_alarm_then_401_until_sync_keys():
    lab, cuc = cuc_lab()
    stale = cuc.held_keys()[0]
    lab.cucm.regen_key("signing")
    assert str(CISCO_SYSLOG_PATH) == "/var/log/active/syslog/CiscoSyslog"
    assert lab.render_logs(host=cuc.host, dialect="ciscosyslog") == (
        "Mar  2 09:00:00 cuc-pub local7 4 : 0: cuc-pub.example.com: Mar 02 2026 09:00:00.000 "
        "UTC :  %UC_CUC-4-EvtAuthzKeyRotation: %[AuthzServer=CUCM Pub][ServerNodeAddress="
        "cucm-pub.example.com][KeyType=signing][NodeID=cuc-pub]: Authorization keys have "
        "changed on Cisco Unified CM; Unity Connection cannot validate Jabber tokens until the "
        "keys are synchronized (System Settings > Authz Servers > Sync Keys)")
    assert cuc.held_keys() == [stale] and stale is not lab.cucm.fetch_keys()
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 401
    challenge = r.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="cuc-pub.example.com", error="invalid_token", '
                                "error_description=\"signing key: unknown kid '")
    assert lab.cucm.fetch_keys().signing_kid[:60] in challenge
    assert cuc.validate(token).failed.check == "signing key"
    [result] = cuc.sync_keys()
    assert result.ok and cuc.held_keys() == [lab.cucm.fetch_keys()]
    assert inbox(lab, token).status_code == 200


def test_encryption_regen_is_noticed_too():
    lab, cuc = cuc_lab()
    lab.cucm.regen_key("encryption")
    assert "KeyType=encryption" in lab.render_logs(host=cuc.host, dialect="ciscosyslog")
    token = make_app(lab).tokens()["access_token"]
    assert cuc.validate(token).failed.check == "inner header"
    cuc.sync_keys("CUCM Pub")
    assert cuc.validate(token).ok


def test_user_active_is_asked_of_the_issuing_cluster():
    lab, cuc = cuc_lab()
    token = make_app(lab).tokens()["access_token"]
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()
    r = inbox(lab, token)
    assert r.status_code == 401 and "user 'alice' is inactive" in r.json()["error_description"]


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


def test_delete_selected_drops_keys_and_the_listener():
    lab, cuc = cuc_lab()
    others = [f for f in lab.cucm.key_listeners if getattr(f, "__self__", None) is not cuc
              and "UnityConnection" not in getattr(f, "__qualname__", "")]
    assert len(lab.cucm.key_listeners) == len(others) + 1  # the IM&P node's and ours
    assert cuc.delete_authz_servers("CUCM Pub") == ["CUCM Pub"]
    assert cuc.authz_servers == [] and cuc.held_keys() == []
    assert lab.cucm.key_listeners == others
    lab.cucm.regen_key("encryption")
    assert lab.render_logs(host=cuc.host, dialect="ciscosyslog") == ""
    token = make_app(lab).tokens()["access_token"]
    assert "this node holds no AuthZ keys" in inbox(lab, token).json()["error_description"]


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


def test_old_cuc_release_has_no_authz_servers():
    lab = make_lab(1)
    cuc = UnityConnection(lab.ctx, "cuc-old.example.com", "11.5(1)SU2",
                          admin_password=LAB_PASSWORD)
    assert [name for name, _ in cuc.params.items()] == ["SSO Login Behavior for iOS"]
    with pytest.raises(ConfigError, match="exists from Unity Connection 11.5"):
        cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)


def test_http_edges_never_crash():
    lab, cuc = cuc_lab()
    s = lab.session()
    assert s.get(LIST).status_code == 401
    assert s.get(LIST).headers["WWW-Authenticate"] == 'Basic realm="cuc-pub.example.com"'
    assert s.get(LIST, auth=(CUC_ADMIN, "wrong")).status_code == 401
    assert s.get(LIST, auth=("alice", LAB_PASSWORD)).status_code == 401  # no CUC admin role
    assert s.get(LIST, headers={"Authorization": "Basic !!!"}).status_code == 401
    assert s.get(LIST + "no-such-id", auth=(CUC_ADMIN, LAB_PASSWORD)).status_code == 404
    assert s.post(LIST, auth=(CUC_ADMIN, LAB_PASSWORD)).status_code == 405
    assert s.get("https://cuc-pub.example.com/vmrest/other").status_code == 404
    bare = s.get(INBOX)
    assert bare.status_code == 401 and bare.headers["WWW-Authenticate"] == (
        'Bearer realm="cuc-pub.example.com", Basic realm="cuc-pub.example.com"')
    assert s.get(INBOX, auth=("alice", LAB_PASSWORD)).text.count("alice") == 1
    assert s.get(INBOX, auth=("alice", "nope")).status_code == 401
    assert s.get(INBOX, auth=(AXL_USER, LAB_PASSWORD)).status_code == 401  # no mailbox
    nested = "W" * 12 + "." + "e30" + ".x"
    for junk in ["", "x", "a.b.c", "é", "e" * 9000, nested, "eyJraWQiOjF9.e30.c2ln"]:
        r = inbox(lab, junk) if junk.isascii() else s.get(INBOX, headers={
            "Authorization": "Bearer " + junk.encode().decode("latin-1")})
        assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    assert all(ex.response is not None and "exception" not in ex.metadata
               for ex in lab.exchanges)


def test_same_seed_same_lab():
    first, second = (cuc_lab(7)[1] for _ in range(2))
    assert first.authz_servers[0].object_id == second.authz_servers[0].object_id
