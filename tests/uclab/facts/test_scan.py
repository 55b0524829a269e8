"""uclab.facts.scan: registered product literals typed outside the registry, on small sources."""

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts.entry import Fact, Number
from uclab.facts.scan import (
    SCANNED_KINDS,
    Stray,
    literals_in,
    scanned,
    stray_literals,
)

ENTRIES = facts.entries()


def hits(source: str, product: str | None = None) -> list[tuple[int, object, str]]:
    return literals_in(textwrap.dedent(source), ENTRIES, product)


def test_ports_as_ints_and_inside_strings():
    found = hits('''
        ports = (5095, 443)
        url = f"https://{host}:8443/x"
        body = "<tlsPort>8443</tlsPort>"
    ''', product="cucm")
    assert found == [(2, 443, "HTTPS_DEFAULT_PORT"), (3, ":8443/x", "CUCM_HTTPS_PORT"),
                     (4, "<tlsPort>8443</tlsPort>", "CUCM_HTTPS_PORT")]


def test_a_shared_port_is_resolved_by_the_files_product_or_left_to_the_sweep():
    assert hits("p = 8443", "imp") == [(1, 8443, "IMP_HTTPS_PORT")]
    assert hits("p = 8443", "cucm") == [(1, 8443, "CUCM_HTTPS_PORT")]
    assert hits("p = 8443", "unity") == [(1, 8443, "UNITY_AUTHZ_DEFAULT_PORT | UNITY_HTTPS_PORT")]
    assert hits("p = 8443") == [(1, 8443, "CUCM_HTTPS_PORT | EDGE_HTTPS_PORT | EXPC_HTTPS_PORT | "
                                          "IMP_HTTPS_PORT | UNITY_AUTHZ_DEFAULT_PORT | "
                                          "UNITY_HTTPS_PORT")]


def test_ordinary_numbers_are_not_ports():
    assert hits("width = 80; dns = 53; n = 84430; v = '18443'; b = True; x = 8443.0") == []


def test_url_paths_with_the_longest_match_only():
    found = hits('''
        a = "/ssosp/oauth/token"
        b = f"{base}/ssosp"
        c = "/ssosp/oauth/authorize_proxy"
        d = "cucm-uds/user/"
        e = "/ssosp/oauth/tokens"
    ''')
    assert found == [(2, "/ssosp/oauth/token", "SSOSP_TOKEN"), (3, "/ssosp", "SSOSP_BASE"),
                     (4, "/ssosp/oauth/authorize_proxy", "SSOSP_AUTHORIZE_PROXY"),
                     (5, "cucm-uds/user/", "UDS_USER_PREFIX"),
                     (6, "/ssosp/oauth/tokens", "SSOSP_BASE")]


def test_a_url_with_port_and_path_reports_both():
    found = hits('url = "https://cucm:8443/ssosp/token/revoke?user_id=a"', "cucm")
    assert [name for _, _, name in found] == ["CUCM_HTTPS_PORT", "SSOSP_REVOKE"]


def test_modules_processes_services_srv_requests_and_namespaces():
    found = hits('''
        m = ("Module", "network.http.trafficserver")
        p = f"traffic_server[{pid}]:"
        s = "restart Cisco XCP Authentication Service on IM&P"
        r = "_collab-edge._tls." + domain
        q = "/eC5jb20/get_edge_sso?email=a"
        n = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
    ''', "expressway")
    assert [name for _, _, name in found] == [
        "MOD_TRAFFIC", "PROC_TRAFFIC_SERVER", "SVC_XCP_AUTH", "SRV_COLLAB_EDGE", "GET_EDGE_SSO",
        "NS_SASL"]


def test_no_match_inside_a_longer_name():
    assert hits('''
        a = "developer.edgeconfigprovisioning.uds"
        b = "my_traffic_server"
        c = "get_edge_sso_v2"
        d = "Cisco XCP Routers"
        e = "_cisco-uds._tcp"
    ''') == [(6, "_cisco-uds._tcp", "SRV_CISCO_UDS")]


def test_docstrings_are_not_scanned_but_other_strings_are():
    found = hits('''
        """Module doc: https://cucm:8443/ssosp/oauth/token."""
        def f():
            """Function doc: get_edge_config."""
            return "get_edge_config"
    ''')
    assert found == [(5, "get_edge_config", "GET_EDGE_CONFIG")]


@pytest.mark.parametrize("word", ["Jabber", "authorize", "access_token", "login", "On", "Off",
                                  "Hidden", "Port", "local", "Send", "Received", "INFO",
                                  "Active", "Failed", "Passed", "token", "code", "SUCCESS"])
def test_ordinary_words_never_match(word):
    assert hits(f"x = {word!r}\ny = 'the {word} of it'") == []


@given(st.lists(st.from_regex(r"[a-z]{1,11}", fullmatch=True), min_size=1, max_size=8))
def test_sentences_of_ordinary_words_never_match(words):
    text = " ".join(words)
    assert hits(f"x = {text!r}") == []


def test_which_entries_are_scanned():
    skipped = [e.name for e in ENTRIES if e.kind in SCANNED_KINDS and not scanned(e)]
    assert skipped == ["PROC_TVCS", "PROC_REPLICATION", "XCP_MODULE", "HTTP_DEFAULT_PORT",
                       "DNS_PORT"]
    assert not scanned(facts.PARAM_SECTION) and not scanned(facts.EDGE_TOKEN_REQUEST)
    assert scanned(facts.LOGGER_PLUGIN)  # CamelCase is no ordinary word


def test_custom_entries():
    mine = Fact("/lab/thing/{x}", "lab choice", confirmed=False, kind="path")
    mine.name = "LAB_THING"
    port = Number(7001, "lab choice", confirmed=False, kind="port")
    port.name = "LAB_PORT"
    assert literals_in("a = 'GET /lab/thing/1'\nb = 'lab/thing/'\nc = 7001", [mine, port]) == \
        [(1, "GET /lab/thing/1", "LAB_THING"), (2, "lab/thing/", "LAB_THING"),
         (3, 7001, "LAB_PORT")]


def _tree(tmp_path, files: dict[str, str]):
    root = tmp_path / "pkg"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_stray_literals_walks_the_package_but_not_its_facts(tmp_path):
    root = _tree(tmp_path, {
        "facts/ports.py": "P = 8443\n",
        "sim/cucm/node.py": "ports = (8443, 443)\n",
        "sim/imp.py": "svc = 'Cisco XCP Router'\nport = 5222\n",
        "trace/dialects/jabber_prt.py": "log = 'csf-unified'\n",
        "clean.py": "x = 'nothing here'\n",
    })
    assert stray_literals(root) == [
        Stray("pkg/sim/cucm/node.py", 1, 8443, "CUCM_HTTPS_PORT"),
        Stray("pkg/sim/cucm/node.py", 1, 443, "HTTPS_DEFAULT_PORT"),
        Stray("pkg/sim/imp.py", 1, "Cisco XCP Router", "SVC_XCP_ROUTER"),
        Stray("pkg/sim/imp.py", 2, 5222, "XMPP_PORT"),
        Stray("pkg/trace/dialects/jabber_prt.py", 1, "csf-unified", "PRT_LOG_NAME"),
    ]
    assert [s.file for s in stray_literals(root, exclude=("facts", "sim"))] == [
        "pkg/trace/dialects/jabber_prt.py"]
    assert len(stray_literals(root, exclude=())) == 6  # facts/ports.py too
    file, line, literal, fact_name = stray_literals(root)[0]
    assert (file, line, literal, fact_name) == ("pkg/sim/cucm/node.py", 1, 8443,
                                                "CUCM_HTTPS_PORT")


def test_stray_literals_refuses_bad_input(tmp_path):
    with pytest.raises(ConfigError, match="is not a directory"):
        stray_literals(tmp_path / "missing")
    root = _tree(tmp_path, {"broken.py": "def (:\n"})
    with pytest.raises(ConfigError, match="cannot scan pkg/broken.py"):
        stray_literals(root)
