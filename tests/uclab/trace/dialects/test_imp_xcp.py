"""uclab.trace.dialects.imp_xcp: XCP_JABBERD lines rendered as the seed article shows them, and
the modelled packets IM&P's auth component delivers (no node involved)."""

from datetime import UTC, datetime

from uclab.core.entropy import Entropy
from uclab.facts import Fact
from uclab.trace.dialects import imp_xcp
from uclab.trace.dialects.imp_xcp import (
    AUTH_COMPONENT,
    CM_COMPONENT,
    component_name,
    deliver_detail,
    mechanisms_query_packets,
    sasl_result_packet,
    sasl_route_packet,
    thread_ids,
    xcp_jabberd_line,
)

# Seed article, Expressway-C asking IM&P's auth component for the SASL mechanisms (2020-03-31);
# the seed's local time (-06:00) is left out: the lab writes UTC.
SEED_QUERY = ("labucexpwyc01 XCP_JABBERD[28071]: UTCTime=\"2020-03-31 11:13:03,271\" "
              "ThreadID=\"140493154612992\" Module=\"Jabber\" Level=\"VBOSE\" "
              "CodeLocation=\"deliver.c:1171\" Detail=\"DELIVER: type:8, "
              "host:auth-1.lab2-imp-lab-com, packet:<route type='redirect' "
              "to='auth-1.lab2-imp-lab-com' from='sdns_plugin-1.labucexpwyc01-lab-com'><xdb "
              "from='connect-auth-1.labucexpwyc01-lab-com' id='conauth765380-jtx_10392' ns='' "
              "to='' type='get'><jid></jid></xdb></route>\"")
# ... and the SASL element as the seed shows it, its payload masked
SEED_AUTH = ("<auth mechanism='CISCO-VTG-TOKEN' xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>XXXXXXX"
             "</auth>")
SEED_MS = int(datetime(2020, 3, 31, 11, 13, 3, 271000, tzinfo=UTC).timestamp() * 1000)


def test_the_seed_mechanism_query_line():
    [(type_, host, packet), _] = mechanisms_query_packets(
        "lab2-imp.lab.com", "labucexpwyc01.lab.com", "", "conauth765380-jtx_10392", ["PLAIN"])
    line = xcp_jabberd_line(SEED_MS, "labucexpwyc01.lab.com", 28071, 140493154612992,
                            deliver_detail(type_, host, packet))
    local, rest = line.render().split(" ", 1)
    assert rest == SEED_QUERY
    assert local == "2020-03-31T11:13:03.271+00:00" and line.dialect == "XCP_JABBERD"


def test_the_mechanisms_result_packet():
    _, (type_, host, packet) = mechanisms_query_packets(
        "IMP.example.com", "expc.example.com", "a'b", "conauth1-jtx_2", ["PLAIN", "OAUTHBEARER"])
    assert (type_, host) == (1, "connect-auth-1.expc-example-com")
    assert packet == ("<xdb from='a&apos;b' id='conauth1-jtx_2' ns='' "
                      "to='connect-auth-1.expc-example-com' type='result'><jid>a&apos;b</jid>"
                      "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                      "<mechanism>PLAIN</mechanism><mechanism>OAUTHBEARER</mechanism>"
                      "<hostname xmlns='urn:xmpp:domain-based-name:0'>IMP.example.com</hostname>"
                      "</mechanisms></xdb>")


def test_sasl_payload_is_masked_as_the_seed_shows_it():
    secret = "dXNlcmlkPWFsaWNl"
    auth = component_name(AUTH_COMPONENT, "imp.example.com")
    cm = component_name(CM_COMPONENT, "imp.example.com")
    packet = sasl_route_packet(auth, cm, "jtx_10392", "auth", "CISCO-VTG-TOKEN", secret)
    line = xcp_jabberd_line(SEED_MS, "imp.example.com", 1, 2, deliver_detail(8, auth, packet),
                            secrets=(secret,))
    assert SEED_AUTH in line.render()
    assert secret in line.render(reveal=True) and "XXXXXXX" not in line.render(reveal=True)
    response = sasl_route_packet(auth, cm, "jtx_1", "response", "PLAIN", "AQ==")
    assert "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AQ==</response>" in response
    assert sasl_result_packet(auth, cm, "jtx_1", "<success/>") == (
        "<xdb from='auth-1.imp-example-com' id='jtx_1' ns='' to='cm-1_jsmcp-1.imp-example-com' "
        "type='result'><success/></xdb>")


def test_line_fields_quotes_and_short_secrets():
    line = xcp_jabberd_line(SEED_MS, "expc.example.com", 7, 9, 'say "hi" pw12345',
                            level="ERROR", code_location=None, secrets=("pw12345",))
    assert [k for k, _ in line.fields] == ["UTCTime", "ThreadID", "Module", "Level", "Detail"]
    assert line.render().endswith('Level="ERROR" Detail="say \'hi\' pw12345"')  # < 8 chars: kept
    assert line.process == "XCP_JABBERD[7]:"


def test_component_names_and_thread_ids():
    assert component_name("auth-1", "Lab2-IMP.lab.com") == "auth-1.lab2-imp-lab-com"
    ids = thread_ids(Entropy(5))
    assert ids == thread_ids(Entropy(5)) != thread_ids(Entropy(6))
    assert len(ids) == 4 and all(0x7FC600000000 <= t < 0x7FC700000000 and t % 4096 == 0
                                 for t in ids)


def test_every_product_string_is_a_fact_with_its_source():
    facts = {n: v for n, v in vars(imp_xcp).items()
             if n.isupper() and isinstance(v, str)
             and n not in ("SEED", "PRODUCT", "NAME")}  # the source id, the parser's own ids
    assert facts and all(isinstance(v, Fact) and v.source for v in facts.values())
    lab_wording = {n for n, v in facts.items() if not v.confirmed}
    assert {"AUTH_OK_DETAIL", "AUTH_FAIL_DETAIL", "XCP_LEVEL_INFO"} <= lab_wording
