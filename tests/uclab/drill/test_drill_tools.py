"""What each investigation prints: the product's own format, from the registry, masked."""

import pytest

from uclab import drill, facts
from uclab.drill.evidence import evidence, normalise
from uclab.drill.tools import TOOLS


def test_every_cost_is_a_lab_only_registry_entry():
    costs = {e for e in facts.find("lab", "MINUTES_")}
    assert costs and all(e.evidence == "lab-only" for e in costs)
    assert {t.minutes for t in TOOLS.values()} <= {int(e) for e in costs}


def test_utils_ntp_status_on_the_publisher_and_a_subscriber():
    d = drill.drill_for("expressway-ntp")
    pub = d.do("ntp", "cucm-pub").output
    assert pub.startswith(f"admin:{facts.CLI_NTP_STATUS}\n")
    assert facts.NTP_PEER_HEADER in pub and facts.NTP_PEER_RULE in pub
    assert facts.NTP_SYNCHRONISED.format(server=facts.LAB_NTP_SERVER, stratum=2) in pub
    sub = d.do("ntp", "cucm-sub1").output
    assert facts.NTP_SYNCHRONISED.format(server="cucm-pub", stratum=3) in sub


def test_the_drills_utils_ntp_status_is_read_back_by_the_cli_grammar():
    """One format: what the drill prints is what uclab.trace.dialects.cucm_cli parses."""
    from uclab.trace.dialects.cucm_cli import commands
    from uclab.trace.reading import read

    d = drill.drill_for("expressway-ntp")
    for node, server, stratum in (("cucm-pub", str(facts.LAB_NTP_SERVER), "2"),
                                  ("cucm-sub1", "cucm-pub", "3")):
        (command,) = commands(read(text=d.do("ntp", node).output))
        fields = dict(command.fields)
        assert command.command == facts.CLI_NTP_STATUS
        assert (fields["synchronised"], fields["ntp_server"], fields["stratum"]) == (
            "true", server, stratum)
        assert fields["time_correct_within_ms"] == "21" and fields["polling_s"] == "64"
        assert fields["ntpd_pid"].isdigit() and fields["peer"].split()[0] == "*" + server


def test_the_expressway_time_page_shows_the_clock_fault():
    bad = drill.drill_for("expressway-ntp").do("ntp", "expc").output
    good = drill.drill_for("expc-not-refreshed").do("ntp", "expc").output
    assert bad.startswith(str(facts.TIME_PAGE)) and good.startswith(str(facts.TIME_PAGE))
    assert f"{facts.TIME_CONDITION}: {facts.TIME_REJECTED}" in bad
    assert f"{facts.TIME_CONDITION}: {facts.TIME_SYS_PEER}" in good


def test_show_key_prints_both_checksums_never_a_key():
    out = drill.drill_for("imp-stale-keys").do("show-key", "imp-pub").output
    assert out.count("admin:show key authz") == 2 and "key checksum:" in out
    assert "BEGIN" not in out and "eyJ" not in out


def test_the_pages_and_the_running_configuration():
    d = drill.drill_for("expc-oauthlocal-off")
    assert d.do("mra-page").output.startswith(str(facts.MRA_PAGE))
    xconf = d.do("xconfig").output
    assert xconf.startswith(str(facts.XCONF_COMMAND))
    assert f"{facts.XCONF_OAUTH_LOCAL}: {facts.OFF}" in xconf
    params = d.do("oauth-params").output
    assert params.startswith(str(facts.CUCM_PAGE_ENTERPRISE_PARAMETERS))
    assert facts.PARAM_REFRESH_FLOW in params


def test_diagnostic_logging_reproduces_and_tcpdump_adds_the_labelled_summary():
    d = drill.drill_for("expc-not-refreshed")
    plain = d.do("diaglog", "expc").output
    assert plain.startswith(str(facts.DIAG_LOGGING_PAGE)) and "holds no AuthZ keys" in plain
    assert facts.TCPDUMP_MODELLED not in plain
    dump = d.do("tcpdump", "expc").output
    assert facts.TCPDUMP_MODELLED in dump and "-> 403" in dump
    assert len(d.scene.outcomes) == 3  # the report and two reproductions


def test_refresh_servers_changes_the_state():
    d = drill.drill_for("expc-not-refreshed")
    assert "Keys: none" in d.do("ucm-servers").output
    after = d.do("refresh-servers").output
    assert after.startswith(str(facts.REFRESH_SERVERS)) and "Keys: none" not in after
    assert "everything the user tried worked" in d.do("test-login").output


def test_the_refresh_token_table_and_the_end_user():
    d = drill.drill_for("refresh-token-revoked")
    table = d.do("refresh-tokens").output
    assert table.startswith(f"admin:{facts.CLI_REFRESH_TOKENS}") and " revoked" in table
    gone = drill.drill_for("ldap-user-deactivated").do("end-user").output
    assert f"{facts.END_USER_STATUS}: {facts.END_USER_INACTIVE}" in gone


def test_the_modelled_imp_trace_and_the_unity_syslog_say_what_they_are():
    d = drill.drill_for("imp-stale-keys")
    assert facts.IMP_TRACE_MODELLED in d.do("imp-trace").output
    syslog = drill.drill_for("unity-not-synced").do("cuc-syslog").output
    assert syslog.startswith(str(facts.CISCO_SYSLOG_PATH))
    assert facts.ALARM_KEY_ROTATION in syslog


def test_normalise_keeps_what_matters_and_drops_run_values():
    a = ('2026-03-02T09:00:00.174+00:00 expe traffic_server[10259]: UTCTime="2026-03-02 '
         '09:00:00,174" Txn-id="1269" Src-port="59518" Response-code="403"')
    b = a.replace("10259", "22222").replace("1269", "7").replace("09:00:00", "11:12:13")
    assert normalise(a) == normalise(b) and "403" in normalise(a)
    assert normalise("kid 'ef73776f-edcb-4376-a4a4-24cdc07ee877:3420e2f979af2381'") == \
        "kid '<uuid>:<hex>'"


@pytest.mark.parametrize("fault_id", ["expc-oauthlocal-off", "refresh-token-revoked"])
def test_evidence_is_masked(fault_id):
    ev = evidence(fault_id)
    text = "\n".join(ln for lines in ev.lines.values() for ln in lines)
    assert "Lab-Passw0rd!" not in text and not any(w.startswith("eyJhb") for w in text.split())
