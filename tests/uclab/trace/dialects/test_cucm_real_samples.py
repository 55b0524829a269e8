"""The CUCM real samples (``tests/real-logs/``, copies of ``shared/real-logs/samples/``) parse
into the records ``EXPECTED.md`` implies: the SDI prefix read and no date invented, the ssosp
stack trace kept in one record, the CLI values read."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from uclab.trace.dialects import cucm_cli, cucm_sdi, cucm_ssosp, server_lines
from uclab.trace.parsing import UNKNOWN, ReadState, split

SAMPLES = Path(__file__).resolve().parents[3] / "real-logs"


def _lines(name: str) -> list[str]:
    """The sample's lines, its ``# source:`` and ``## `` marker lines blanked (not log content;
    blank keeps the line numbers)."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return ["" if ln.startswith("#") else ln for ln in text.splitlines()]


def _records(name: str, state: ReadState | None = None):
    records = list(split(_lines(name), server_lines.GRAMMARS, source=name, state=state))
    assert UNKNOWN not in {r.grammar for r in records}
    return records


# --- CUCM SDI (TAC 211304) ----------------------------------------------------------------------
SDI = "cucm-sdi-sipstation-tls-name-mismatch-expressway-c-cert.log"


def test_sdi_prefix_is_read_and_no_date_is_invented():
    records = _records(SDI)
    assert [r.grammar for r in records] == ["cucm-sdi"] * 4
    assert all(r.product == "cucm" and r.time is None for r in records)
    first = records[0]
    assert (first.get("seq"), first.get("sub"), first.get("time_of_day")) == \
        ("08080021", "043", "16:31:15.937")
    assert first.line == 3 and first.component == "AppInfo"
    assert (first.process, first.get("instance")) == ("SIPStationD", "18400")
    assert "InvalidX509NameInCertificate, Rcvd=RTP-TBTP-EXPRWY-C.tbtp.local , " \
           "Expected=SEP00506006EAFE" in first.text
    assert "Expected=Secure-EX90.tbtp.local" in records[1].text
    assert [r.get("sub") for r in records] == ["043", "044", "045", "046"]


def test_sdi_alarm_fields_and_the_san_line_kept_with_the_last_record():
    alarm = _records(SDI)[-1]
    assert alarm.component == "AlarmErr"
    assert (alarm.get("AlarmName"), alarm.get("AlarmSeverity"), alarm.get("Reason"),
            alarm.get("DeviceName"), alarm.get("NodeID")) == \
        ("ConnectionFailure", "Error", "2", "SEP00506006EAFE", "RTP-TBTP-CUCM9")
    assert alarm.block == ("X509v3 Subject Alternative Name: DNS:RTP-TBTP-EXPRWY-C.tbtp.local, "
                           "XMPP:conference-2-StandAloneCluster5ad9a.tbtp.local",)


def test_sdi_date_comes_only_from_context_and_turns_at_midnight():
    state = ReadState(SDI, notes={"date": date(2014, 9, 25)})
    records = _records(SDI, state)
    assert records[0].time == datetime(2014, 9, 25, 16, 31, 15, 937000)
    assert records[0].time.tzinfo is None  # local time, no zone known
    late = ["08080021.043 |23:59:59.990 |AppInfo  |a", "08080021.044 |00:00:00.010 |AppInfo  |b"]
    a, b = split(late, cucm_sdi.GRAMMARS, state=ReadState("x", notes={"date": date(2020, 1, 1)}))
    assert b.time - a.time == timedelta(milliseconds=20)


# --- CUCM ssosp (TAC 217268) --------------------------------------------------------------------
def test_ssosp_stack_trace_stays_in_one_record():
    (record,) = _records("cucm-ssosp-saml-signing-cert-mismatch-adfs.log")
    assert (record.grammar, record.product, record.level) == ("cucm-ssosp", "cucm", "ERROR")
    assert record.component == "authentication.SAMLAuthenticator"
    assert record.get("thread") == "http-bio-443-exec-45"
    assert record.time == datetime(2018, 12, 26, 13, 49, 59, 581000)  # naive: local, no offset
    assert record.get("exception") == "com.sun.identity.saml2.common.SAML2Exception"
    assert record.get("exception_message") == \
        "The signing certificate does not match what's defined in the entity metadata."
    assert record.text.startswith("Error while processing saml response The signing")
    assert len(record.lines) == 2 and record.where.endswith(":2-3")


def test_ssosp_success_flow_reads_every_step():
    records = _records("cucm-ssosp-saml-sso-success-flow-adfs.log")
    assert len(records) == 18 and {r.grammar for r in records} == {"cucm-ssosp"}
    assert records[0].time == datetime(2021, 4, 30, 9, 0, 53, 156000)
    assert all(r.time.tzinfo is None for r in records)
    loggers = [r.component for r in records]
    assert loggers[0] == "filter.SSOAuthAgentFilter" and loggers[-1] == \
        "servlet.RelayToOriginalAppServlet"
    texts = [r.text for r in records]
    for step in ("SPSSOFederate: spEntityID is : 1cucm1251.sckiewer.lab",
                 "SAML2Utils.verifyResponse:binding is :urn:oasis:names:tc:SAML:2.0:bindings:"
                 "HTTP-POST", "Time Valid?:true", "Attributes: {uid=[admin]}",
                 "Realy state is ::/ccmadmin/showHome.do",
                 "redirecting to ::/ccmadmin/showHome.do::"):
        assert step in texts
    assert {r.get("thread") for r in records} == {"http-bio-443-exec-83", "http-bio-8443-exec-85"}
    # the doc's Conditions element (after a '## ' marker) has no date: it joins the last record
    assert records[-1].block[0].startswith('<Conditions NotBefore="2021-04-30T13:01:03.891Z"')


# --- CUCM CLI (TAC 217268; Cisco Community 3166570) --------------------------------------------
def test_cli_sso_status_and_the_database_mode_are_read():
    sso, sql = _records("cucm-cli-utils-sso-status-db-mode-mismatch.log")
    assert sso.product == sql.product == "cucm-cli"
    assert sso.get("command") == "utils sso status"
    assert (sso.get("SSO Status"), sso.get("sso_enabled"), sso.get("SAML SSO Test Status")) == \
        ("SAML SSO Enabled", "true", "passed")
    assert sso.get("Entity ID") == "http://WinServer2016.sckiewer.lab/adfs/services/trust"
    edt = timezone(timedelta(hours=-4))
    assert sso.extra["dates"]["IdP Metadata Imported Date"] == datetime(2021, 4, 9, 9, 9,
                                                                          tzinfo=edt)
    assert sso.get("IdP Metadata Imported Date") == "Fri Apr 09 09:09:00 EDT 2021"
    assert sso.time is None  # a CLI paste says when metadata moved, not when it was run
    first, second = sql.extra["commands"]
    assert first.command == "run sql select pkid,name,tkssomode from processnode"
    assert [v for k, v in first.fields if k == "processnode.tkssomode"] == ["0", "0"]
    assert [v for k, v in first.fields if k == "processnode.name"] == \
        ["EnterpriseWideData", "1cucm1251.sckiewer.lab"]
    assert second.command == "run sql select * from typessomode"
    assert [v for k, v in second.fields if k == "typessomode.name"] == \
        ["Disable", "Agent Flow", "SAML"]
    assert [v for k, v in sql.fields if k == "command"] == [first.command, second.command]


def test_cli_ntp_status_is_read():
    (ntp,) = _records("cucm-cli-utils-ntp-status-synchronised.log")
    assert ntp.get("command") == "utils ntp status" and ntp.get("ntpd_pid") == "26049"
    assert (ntp.get("synchronised"), ntp.get("ntp_server"), ntp.get("stratum")) == \
        ("true", "172.18.108.15", "2")
    assert (ntp.get("time_correct_within_ms"), ntp.get("polling_s")) == ("22", "1024")
    assert ntp.get("peer") == "*172.18.108.15 .GPS. 1 u 538 1024 377 262.732 0.044 0.006"


def test_cli_ntp_unsynchronised_and_output_pasted_without_its_prompt():
    lines = ["ntpd (pid 22458) is running...", "remote refid st t when poll reach delay "
             "offset jitter", "172.28.5.9 .INIT. 2 u 45 64 377 0.374 492.965 18.189",
             "unsynchronised", "time server re-starting", "polling server every 64 s",
             "SSO Status: SAML SSO Disabled"]
    ntp, sso = split(lines, cucm_cli.GRAMMARS)
    assert ntp.get("command") == "" and ntp.get("synchronised") == "false"
    assert ntp.get("polling_s") == "64" and ntp.get("peer").startswith("172.28.5.9 .INIT.")
    assert sso.get("sso_enabled") == "false"


def test_the_samples_keep_every_line_once_in_order():
    for path in sorted(SAMPLES.glob("cucm-*.log")):
        lines = _lines(path.name)
        records = list(split(lines, server_lines.GRAMMARS))
        assert [ln for r in records for ln in r.lines] == [ln for ln in lines if ln.strip()]
        assert all(r.product in server_lines.PRODUCTS for r in records)


def test_ssosp_alone_reads_its_samples_the_same():
    name = "cucm-ssosp-saml-sso-success-flow-adfs.log"
    assert [r.fields for r in split(_lines(name), cucm_ssosp.GRAMMARS)] == \
        [r.fields for r in _records(name)]
