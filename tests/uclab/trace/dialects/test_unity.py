"""uclab.trace.dialects.unity: Unity Connection's EvtAuthzKeyRotation line in CiscoSyslog (S12;
CiscoLog format) and the lab's own syslog traces, secrets concealed by default."""

from uclab.trace.dialects.unity import (
    ALARM_KEY_ROTATION,
    CISCOLOG_APP,
    CISCOLOG_FACILITY,
    TRACE_AUTHZ,
    UnityLog,
)
from uclab.trace.logline import render_all

MS = 1_772_442_000_000  # 2026-03-02 09:00:00 UTC


def _log() -> tuple[UnityLog, list]:
    lines: list = []

    def sink(line):
        lines.append(line)
        return line

    return UnityLog("cuc-pub.example.com", lambda: MS, sink), lines


def test_key_rotation_alarm_is_a_ciscolog_line_with_a_running_sequence():
    log, lines = _log()
    first = log.key_rotation("CUCM Pub", "cucm-pub.example.com", "signing", "Keys changed")
    log.key_rotation("CUCM Pub", "cucm-pub.example.com", "encryption", "Keys changed")
    assert lines[0] is first and (first.dialect, first.process) == ("ciscosyslog", "local7")
    assert render_all(lines).splitlines() == [
        "Mar  2 09:00:00 cuc-pub local7 4 : 0: cuc-pub.example.com: Mar 02 2026 09:00:00.000 "
        "UTC :  %UC_CUC-4-EvtAuthzKeyRotation: %[AuthzServer=CUCM Pub][ServerNodeAddress="
        "cucm-pub.example.com][KeyType=signing][NodeID=cuc-pub]: Keys changed",
        "Mar  2 09:00:00 cuc-pub local7 4 : 1: cuc-pub.example.com: Mar 02 2026 09:00:00.000 "
        "UTC :  %UC_CUC-4-EvtAuthzKeyRotation: %[AuthzServer=CUCM Pub][ServerNodeAddress="
        "cucm-pub.example.com][KeyType=encryption][NodeID=cuc-pub]: Keys changed"]


def test_trace_conceals_its_secret_unless_revealed():
    log, lines = _log()
    line = log.trace(TRACE_AUTHZ, ("Action", "SyncKeys"), ("Password", "S3cret"),
                     secret="S3cret")
    assert (line.dialect, line.process, line.ms) == ("syslog", "cuc-authz:", MS)
    assert "S3cret" not in line.render() and "<CONCEALED>" in line.render()
    assert "S3cret" in line.render(reveal=True)
    assert log.trace(TRACE_AUTHZ, ("Action", "Delete")).secrets == ()


def test_lab_choices_are_labelled_unconfirmed():
    assert ALARM_KEY_ROTATION.confirmed and ALARM_KEY_ROTATION.source == "S12"
    assert not any(f.confirmed for f in (CISCOLOG_APP, CISCOLOG_FACILITY, TRACE_AUTHZ))
