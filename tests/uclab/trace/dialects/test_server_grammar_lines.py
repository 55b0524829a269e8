"""The server-side grammars on the line shapes FORMATS.md names: Java stack traces in ssosp, the
SAML secrets concealed, real XCP_JABBERD quirks (S17, seed), CiscoLog's remote form."""

import base64
from datetime import UTC, datetime

import pytest

from uclab.trace.dialects import cucm_cli, cucm_ssosp, imp_xcp, server_lines, unity
from uclab.trace.parsing import split
from uclab.trace.redact import CONCEALED, redact

HEAD = "2018-12-26 13:49:59,581 ERROR [http-nio-81-exec-157] authentication.SAMLAuthenticator - "


@pytest.mark.parametrize("frames", [
    ["\tat com.sun.identity.saml2.xmlsig.FMSigProvider.verify(FMSigProvider.java:120)",
     "\tat com.sun.identity.saml2.common.SAML2Utils.verifyResponse(SAML2Utils.java:615)",
     "\t... 42 more"],  # indented with tabs (T217268)
    ["    at com.sun.identity.saml2.xmlsig.FMSigProvider.verify(FMSigProvider.java:120)",
     "    ... 42 common frames omitted"],  # with spaces
    ["at com.sun.identity.saml2.xmlsig.FMSigProvider.verify(FMSigProvider.java:120)",
     "at com.sun.identity.saml2.common.SAML2Utils.verifyResponse(SAML2Utils.java:615)"],  # ENTRA
])
def test_a_java_stack_trace_stays_in_its_record(frames):
    lines = [HEAD + "Error while processing saml response Failed to decrypt the secret key.",
             "com.sun.identity.saml2.common.SAML2Exception: Failed to decrypt the secret key.",
             *frames, "Caused by: java.security.InvalidKeyException: Unwrapping failed",
             "2018-12-26 13:49:59,590 DEBUG [http-nio-81-exec-157] filter.SSOAuthAgentFilter - x"]
    first, second = split(lines, server_lines.GRAMMARS)
    assert first.lines == tuple(lines[:-1]) and second.text == "x"
    assert first.get("exception") == "com.sun.identity.saml2.common.SAML2Exception"
    assert first.get("frames") == str(sum(1 for f in frames if "at com." in f))
    assert first.get("thread") == "http-nio-81-exec-157"


def test_a_stack_frame_is_claimed_even_where_another_grammar_could_start():
    frame = "\tat org.apache.Foo.bar(Foo.java:1)"
    assert cucm_ssosp.SSOSP.continues([HEAD + "x"], frame)
    assert not cucm_ssosp.SSOSP.continues([HEAD + "x"], "admin:utils sso status")


def test_a_jabber_prt_line_is_not_log4j():
    prt = ("2020-03-24 16:30:35,913 INFO  [0x0000264c] [ls\\src\\http\\BasicHttpClientImpl.cpp"
           "(675)] [csf.httpclient] [csf::http::executeImpl] - *-----* HTTP response code 0")
    assert not cucm_ssosp.SSOSP.starts(prt)
    assert cucm_ssosp.SSOSP.starts("2020-03-24 16:30:35,913 INFO [main] a.B - [x] y")


def test_ssosp_saml_response_and_assertion_are_concealed_when_shown():
    response = base64.b64encode(b"<samlp:Response ID='r1'><saml:Assertion><saml:NameID>"
                                b"alice@example.com</saml:NameID></saml:Assertion>"
                                b"</samlp:Response>" * 20).decode()
    lines = [HEAD.replace("ERROR", "DEBUG") + f"SAML Response is ::{response}",
             HEAD.replace("ERROR", "DEBUG") + "<Assertion xmlns=\"urn:oasis:names:tc:SAML:2.0:"
             "assertion\" ID=\"_a1\"><Subject><NameID>alice@example.com</NameID></Subject>",
             "<AttributeStatement><Attribute Name=\"uid\"><AttributeValue>alice</AttributeValue>"]
    records = list(split(lines, server_lines.GRAMMARS))
    assert len(records) == 2
    shown = "\n".join(redact(r.raw) for r in records)
    assert response[:16] not in shown and "alice@example.com" not in shown
    assert "AttributeValue" not in shown and shown.count(CONCEALED) == 2
    assert "SAML Response is ::" in shown and "<Assertion xmlns=" in shown
    assert redact(shown) == shown  # idempotent
    assert response in records[0].raw  # the record itself stays verbatim


def test_imp_and_unity_log4j_grammars_carry_their_product():
    line = "2024-01-01 10:00:00,000 INFO [http-bio-8443-exec-1] soap.Login - login ok"
    for grammar, product in ((imp_xcp.IMP_LOG4J, "imp"), (unity.UNITY_LOG4J, "unity"),
                             (cucm_ssosp.SSOSP, "cucm")):
        (record,) = split([line], [grammar])
        assert (record.product, record.component, record.level) == (product, "soap.Login",
                                                                    "INFO")
    assert imp_xcp.IMP_LOG4J not in imp_xcp.GRAMMARS  # the line cannot tell it from CUCM's


# --- XCP_JABBERD: the real quirks (S17 = TAC 117811; seed article) ------------------------------
T117811 = [
    'xwayc XCP_JABBERD[23843]: UTCTime="2014-03-25 17:19:45,843" ThreadID= "139747212576512" '
    'Module="Jabber" Level="INFO " CodeLocation="mio.c:1109" Detail="Connecting on fd 28 to '
    "host '10.48.36.171', port 7400\"",
    'xwayc XCP_JABBERD[23843]: UTCTime="2014-03-25 17:19:45,847" ThreadID= "139747406935808" '
    'Module="Jabber" Level="ERROR" CodeLocation= "base_connection.cpp:104" Detail=" Failed to '
    'connect to component jabberd-port-1.expresswayc-vngtp-lab"']


def test_xcp_reads_tac_copies_without_a_time_prefix_and_with_padded_values():
    first, second = split(T117811, imp_xcp.GRAMMARS)
    assert (first.host, first.level, first.get("ThreadID")) == ("xwayc", "INFO",
                                                                 "139747212576512")
    assert first.time == datetime(2014, 3, 25, 17, 19, 45, 843000, tzinfo=UTC)
    assert first.extra["pid"] == 23843 and first.get("Level") == "INFO "
    assert second.get("CodeLocation") == "base_connection.cpp:104"
    assert second.text == " Failed to connect to component jabberd-port-1.expresswayc-vngtp-lab"


def test_xcp_detail_printed_over_several_lines_stays_one_record():
    seed = ['2020-03-31T05:13:03.290-06:00 labucexpwyc01 XCP_JABBERD[28071]: UTCTime="2020-03-31'
            ' 11:13:03,290" ThreadID="140493163005696" Module="Jabber" Level="VBOSE" CodeLocation='
            '"deliver.c:1171" Detail="DELIVER: type:1, host:connect-auth-1.labucexpwyc01-lab-com, '
            "packet:<xdb from='' id='conauth765380-jtx_10392' ns='' type='result'><jid></jid>",
            "    <hostname xmlns='urn:xmpp:domain-based-name:0'></hostname></xdb>\"",
            '2020-03-31T05:13:03.291-06:00 labucexpwyc01 XCP_JABBERD[28071]: UTCTime="2020-03-31'
            ' 11:13:03,291" Module="Jabber" Level="VBOSE" Detail="next"']
    first, second = split(seed, imp_xcp.GRAMMARS)
    assert len(first.lines) == 2 and first.text.endswith("</hostname></xdb>")
    assert first.time == datetime(2020, 3, 31, 11, 13, 3, 290000, tzinfo=UTC)
    assert second.text == "next"
    back = imp_xcp.to_logline(second, "labucexpwyc01.lab.com")
    assert back.host == "labucexpwyc01.lab.com" and back.get("UTCTime") is None


# --- CiscoSyslog ----------------------------------------------------------------------------------
def test_ciscolog_remote_form_without_a_year_keeps_no_time():
    line = (": : 7273: May 30 15:33:20.636 UTC :  %CCM_RTMT-RTMT-2-RTMT-ERROR-ALERT: RTMT Alert "
            "Name:CallProcessingNodeCpuPegging")
    (record,) = split([line], unity.GRAMMARS)
    assert (record.get("seq"), record.get("app"), record.get("severity"), record.get("name")) \
        == ("7273", "CCM_RTMT-RTMT", "2", "RTMT-ERROR-ALERT")
    assert record.time is None and record.text.startswith("RTMT Alert Name:")
    with pytest.raises(ValueError, match="not a timed Unity Connection record"):
        unity.to_logline(record)
    assert server_lines.to_loglines([record]) == []


def test_to_logline_refuses_another_grammars_record():
    (record,) = split(["2026-03-02T09:00:00.000+00:00 cuc-pub cuc-authz: Action=\"x\""],
                      unity.GRAMMARS)
    with pytest.raises(ValueError, match="not a timed imp-xcp record"):
        imp_xcp.to_logline(record)
    assert unity.to_logline(record, "cuc-pub.example.com").render() == \
        '2026-03-02T09:00:00.000+00:00 cuc-pub cuc-authz: Action="x"'


def test_tac_copies_without_the_date_are_records_with_no_time():
    lines = ["authentication.SAMLAuthenticator - Time Valid?:false",
             "SAMLAuthenticator - no package: joins the record before",
             "ERROR [http-bio-443-exec-1] authentication.SAMLAuthenticator - Error while "
             "processing saml response Failed to decrypt the secret key.",
             "com.sun.identity.saml2.common.SAML2Exception: Failed to decrypt the secret key."]
    first, second = split(lines, cucm_ssosp.GRAMMARS)
    assert (first.time, first.component, first.text) == (
        None, "authentication.SAMLAuthenticator", "Time Valid?:false")
    assert len(first.lines) == 2
    assert (second.level, second.get("thread"), second.time) == ("ERROR", "http-bio-443-exec-1",
                                                                None)
    assert second.get("exception") == "com.sun.identity.saml2.common.SAML2Exception"


def test_cli_keeps_labelled_lines_of_outputs_it_does_not_know():
    lines = ["admin:show key authz encryption", "authz encryption key checksum: ab12",
             "Last Sync: Mon Mar 02 09:00:00 UTC 2026", "admin:show version active",
             "Active Master Version: 14.0.1.13900-155"]
    keys, version = split(lines, cucm_cli.GRAMMARS)
    assert (keys.get("key"), keys.get("checksum"), keys.get("Last Sync")) == \
        ("encryption", "ab12", "Mon Mar 02 09:00:00 UTC 2026")
    assert version.get("Active Master Version") == "14.0.1.13900-155"
    assert version.product == "cucm-cli" and version.component == "show version active"


def test_ciscolog_as_the_managed_services_guide_writes_it():
    # the guide's own examples (CUCM Managed Services Guide, "CiscoLog Message Format")
    lines = ["12: host.cisco.com: *Jun 13 2003 23:11:52.454 UTC: %BACC-4-BAD_REQUEST: "
             "%[pname.orig=rdu][comp=parser][mac=1,6,aa:bb:cc:11:22:33][txn=mytxn123]: Bad "
             "request received from device [1,6,aa:bb:cc:11:22:33]. Header missing.",
             "11: host.cisco.com: Jun 13 2003 23:11:52.454 +0100: %BACC-5-CONFIG: Configured",
             r"13: h: Jun 13 2003 23:11:52.454 UTC: %A-4-B: %[name=x\]y][k=v]: text"]
    tagged, untagged, escaped = split(lines, unity.GRAMMARS)
    assert (tagged.host, tagged.get("name"), tagged.get("comp"), tagged.get("txn")) == \
        ("host.cisco.com", "BAD_REQUEST", "parser", "mytxn123")
    assert tagged.time == datetime(2003, 6, 13, 23, 11, 52, 454000, tzinfo=UTC)
    assert tagged.text.startswith("Bad request received")
    assert untagged.text == "Configured" and untagged.time.utcoffset().total_seconds() == 3600
    assert escaped.get("name") == "B" and escaped.fields[4] == ("name", r"x\]y")
