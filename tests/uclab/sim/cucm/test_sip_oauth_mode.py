"""SIP OAuth mode on the simulated CUCM (S10; fact sheet 1.7): off by default, enabled by the
publisher's CLI and a CallManager restart, the two ports with their defaults and range, the
profile's check box, the device config file, and REGISTER answered as S10 documents. Bad input
gets a ConfigError or a 4xx SIP answer, never an exception."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Request
from uclab.lab import Lab
from uclab.protocols import sip


@pytest.fixture(scope="module")
def lab():
    lab = Lab(seed=5)
    lab.configure_oauth()
    lab.configure_sip_oauth()
    return lab


def test_the_mode_is_off_by_default_and_no_sip_port_is_open():
    lab = Lab(seed=1)
    pub = lab.cucm.publisher
    assert lab.cucm.sip.db_mode == facts.SIP_OAUTH_OFF == 0
    assert pub.cli(str(facts.SIP_OAUTH_SQL)).splitlines()[-1] == "0"
    assert facts.SIP_PHONE_OAUTH_PORT_DEFAULT not in pub.ports
    assert lab.cucm.sip.node_ports(pub.host) == (5090, 5091)
    assert pub.cli(f"{facts.SHOW_OPEN_PORTS} 5090") == ""


def test_enable_runs_on_the_publisher_and_takes_effect_after_the_restart():
    lab = Lab(seed=1)
    sub = lab.cucm.subscribers[0]
    with pytest.raises(ConfigError, match="publisher"):
        sub.cli(str(facts.CLI_SIP_OAUTH_ENABLE))
    lab.cucm.publisher.cli(str(facts.CLI_SIP_OAUTH_ENABLE))
    assert lab.cucm.publisher.cli(str(facts.SIP_OAUTH_SQL)).splitlines()[-1] == "1"
    assert 5091 not in sub.ports  # not before Cisco CallManager restarts
    lab.cucm.sip.restart_callmanager()
    for node in lab.cucm.nodes:
        assert {5090, 5091} <= set(node.ports) and "sip" in node.schemes
        assert "5091" in node.cli(f"{facts.SHOW_OPEN_PORTS} 5091")


def test_ports_take_the_documented_range_only():
    lab = Lab(seed=1)
    host = lab.cucm.publisher.host
    lab.cucm.sip.set_ports(host, oauth=1024, mra=49151)
    assert lab.cucm.sip.node_ports(host) == (1024, 49151)
    with pytest.raises(ConfigError, match="must differ"):
        lab.cucm.sip.set_ports(host, oauth=49151)


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=6), st.booleans(), st.none(), st.floats()))
def test_any_port_value_is_set_or_refused_naming_the_range(value):
    lab_sip = Lab(seed=1).cucm.sip
    host = "cucm-pub.example.com"
    try:
        lab_sip.set_ports(host, mra=value)
    except ConfigError as exc:
        assert "1024-49151" in str(exc) or "differ" in str(exc)
    else:
        assert value is None or (1024 <= value <= 49151 and value != 5090)


def test_the_device_config_file_carries_the_three_fields(lab):
    cnf = lab.cucm.sip.device_config("CSFALICE", lab.cucm.publisher.host)
    for field, value in ((facts.CNF_SIP_OAUTH_MODE, 1), (facts.CNF_SIP_OAUTH_PORT, 5090),
                         (facts.CNF_SIP_MRA_PORT, 5091)):
        assert f"<{field}>{value}</{field}>" in cnf


def test_refresh_servers_made_the_ceoauth_zone_and_pushed_the_names(lab):
    zones = lab.expc.sip_zones
    assert zones[lab.cucm.publisher.host] == f"CEOAuth {lab.cucm.publisher.host}"
    rows = lab.cucm.sip.expc_rows()
    assert rows == [{"name": lab.expc.host, "subjectnames": lab.expc.host}]
    assert lab.expc.host in lab.cucm.publisher.cli(str(facts.EXPC_CONFIG_SQL))


def _register(lab, fields, port=5090, method="REGISTER"):
    url = f"sip://{lab.cucm.publisher.host}:{port}"
    return lab.network.send("learner", Request.make(method, url, fields))


FIELDS = [("Via", "SIP/2.0/TLS 192.0.2.50:50000;branch=z9hG4bKx"),
          ("From", "<sip:1001@cucm-pub.example.com>;tag=1"),
          ("To", "<sip:1001@cucm-pub.example.com>"), ("Call-ID", "c@192.0.2.50"),
          ("CSeq", "1 REGISTER"), ("Contact", "<sip:x@192.0.2.50:50000;transport=tls>")]


def test_on_premises_register_is_challenged_then_accepted_with_the_token(lab):
    first = _register(lab, FIELDS)
    assert first.response.status == 407
    assert first.response.headers["Proxy-Authenticate"] == 'Bearer realm="ccmsipline"'
    assert "cache-control" not in first.response.headers  # SIP has no HTTP caching
    client = lab.jabber("alice")
    assert client.sign_in(xmpp=False)
    token = client.tokens.access_token
    second = _register(lab, [*FIELDS, ("Proxy-Authorization", sip.bearer_credentials(token))])
    assert second.response.status == 200
    bad = _register(lab, [*FIELDS, ("Proxy-Authorization", sip.bearer_credentials("x" * 40))])
    assert bad.response.status == 407  # the lab challenges a token that does not validate [U]
    bob = _register(lab, [(k, v.replace("1001", "1002")) for k, v in FIELDS]
                    + [("Proxy-Authorization", sip.bearer_credentials(token))])
    assert bob.response.status == 403  # alice's token on bob's device


def test_plain_tls_on_the_mra_port_is_the_port_mismatch(lab):
    resp = _register(lab, FIELDS, port=5091).response
    assert resp.status == 403
    assert resp.headers["Warning"] == (f'399 {lab.cucm.publisher.host} '
                                       f'"{facts.SIP_PORT_MISMATCH}"')


def test_a_forged_client_certificate_never_passes_the_edge(lab):
    forged = [*FIELDS, (sip.TLS_CLIENT_HEADER, sip.tls_client_value("uclab Expressway CA",
                                                                     ("expc.example.com",)))]
    ex = lab.network.send("learner", Request.make(
        "REGISTER", f"sip://{lab.edge.host}:{facts.EDGE_SIP_TLS_PORT}", forged))
    inner = [e for e in lab.exchanges if e.src == "expc"][-1]
    assert inner.request.headers.get_all(sip.TLS_CLIENT_HEADER) == [
        sip.tls_client_value("uclab Expressway CA", (lab.expc.host,))]
    assert ex.response.status == 407


@settings(max_examples=120, deadline=None)
@given(fields=st.lists(st.tuples(st.sampled_from(
    ["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Proxy-Authorization", "Expires"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=50)),
    max_size=9), method=st.sampled_from(["REGISTER", "INVITE", "OPTIONS"]),
    port=st.sampled_from([5090, 5091]))
def test_any_malformed_register_gets_a_sip_answer_never_a_500(lab, fields, method, port):
    ex = _register(lab, fields, port, method)
    assert ex.response is not None and "exception" not in ex.metadata
    assert ex.response.status in (200, 400, 403, 404, 405, 407)


def test_configuring_twice_keeps_each_device_and_its_line():
    lab = Lab(seed=1)
    lab.configure_oauth()
    lab.configure_sip_oauth()
    lines = {d.name: d.dn for d in lab.cucm.sip.devices.values()}
    lab.configure_sip_oauth()
    assert {d.name: d.dn for d in lab.cucm.sip.devices.values()} == lines
    with pytest.raises(ConfigError, match="no end user"):
        lab.cucm.sip.add_device("mallory", "x")
    with pytest.raises(ConfigError, match="not a node"):
        lab.cucm.sip.set_ports("nowhere.example.com", oauth=6000)
