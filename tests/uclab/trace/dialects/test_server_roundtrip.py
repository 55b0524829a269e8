"""One grammar both ways (issue 9): every CUCM / IM&P / Unity Connection host's log and CLI
output the simulator writes, for the login and for every fault, parses back with nothing left
over into the same lines and the same fields."""

from datetime import date

import pytest

from uclab import faults
from uclab.faults import sign_in_and_use
from uclab.lab import Lab
from uclab.trace.dialects import cucm_cli, cucm_sdi, server_lines
from uclab.trace.parsing import UNKNOWN, ReadState, split
from uclab.trace.redact import redact

CASES = ["login-ok", *faults.FAULTS]
#: the simulator's dialect of each server grammar
DIALECT = {"imp-xcp": "XCP_JABBERD", "unity-ciscosyslog": "ciscosyslog", "unity-trace": "syslog",
           "cucm-sdi": "sdi"}


def _lab(case: str) -> Lab:
    """The case's lab after its probe, then (for a fault) after the fix and a second probe."""
    if case == "login-ok":
        lab = Lab(seed=1)
        lab.configure_oauth()
        sign_in_and_use(lab)
        return lab
    fault = faults.get(case)
    lab = fault.build(seed=1)
    fault.probe(lab)
    fault.repair(lab)
    fault.probe(lab)
    return lab


def _server_hosts(lab: Lab) -> list[str]:
    hosts = [n.host for c in lab.clusters for n in c.nodes] + [lab.imp.host, lab.unity.host]
    if lab.central_imp is not None:
        central = lab.central_imp
        hosts += [central.publisher.host, *(n.host for n in central.local_cucm.nodes)]
    return list(dict.fromkeys(hosts))


def _concealed(fields, secrets):
    return [(k, None if v is None else redact(str(v), secrets)) for k, v in fields]


@pytest.fixture(scope="module", params=CASES)
def lab(request):
    return _lab(request.param)


def test_every_server_line_parses_back_to_the_same_line_and_fields(lab):
    seen = 0
    for host in _server_hosts(lab):
        written = lab.logbook.select(host)
        text = lab.render_logs(host=host)
        lines = text.splitlines() if text else []
        # an SDI line has no date: the reader hands in the file's (the lab's day)
        state = ReadState(host, notes={"date": lab.clock.datetime().date()})
        records = list(split(lines, server_lines.GRAMMARS, source=host, state=state))
        assert [r.grammar for r in records if r.grammar == UNKNOWN] == []
        assert [ln for r in records for ln in r.lines] == lines  # nothing left over, in order
        assert len(records) == len(written)
        for record, line in zip(records, written, strict=True):
            assert DIALECT[record.grammar] == line.dialect
            # no real IM&P / CUC line is published; SDI's line grammar is real (S18), the SIP
            # OAuth texts in it are modelled (uclab.facts.SDI_SIP_*)
            assert bool(record.extra.get("modelled")) is (record.grammar != cucm_sdi.NAME)
            back = server_lines.to_logline(record, host)
            assert back.render() == line.render()
            assert (back.ms, back.host, back.dialect, back.process) == \
                (line.ms, line.host, line.dialect, line.process)
            assert _concealed(back.fields, ()) == _concealed(line.fields, line.secrets)
            assert record.time is not None
            assert (record.time.tzinfo is not None) is (record.grammar != cucm_sdi.NAME)
        seen += len(written)
    assert seen == sum(1 for ln in lab.logs if ln.host in _server_hosts(lab))


def test_all_server_logs_in_one_paste_give_the_same_records(lab):
    hosts = _server_hosts(lab)
    text = "\n".join(t for t in (lab.render_logs(host=h) for h in hosts) if t)
    day = ReadState("<text>", notes={"date": lab.clock.datetime().date()})  # SDI has none
    records = list(split(text.splitlines(), server_lines.GRAMMARS, state=day))
    short = {h.split(".")[0]: h for h in hosts}
    back = server_lines.to_loglines(records, short)
    written = [ln for h in hosts for ln in lab.logbook.select(h)]
    assert [b.render() for b in back] == [ln.render() for ln in written]


def _sessions(lab: Lab):
    """Each CUCM and IM&P node's ``show key authz`` session, and the checksums it must show."""
    central = [lab.central_imp] if lab.central_imp is not None else []
    nodes = [n for c in [*lab.clusters, *(x.local_cucm for x in central)] for n in c.nodes]
    for node in dict.fromkeys(nodes):
        commands = [cucm_cli.facts.CLI_SHOW_SIGNING, cucm_cli.facts.CLI_SHOW_ENCRYPTION]
        keys = node.keys
        expect = [keys.signing_checksum, keys.encryption_checksum] if keys else [None, None]
        yield node.host, [(c, node.cli(c)) for c in commands], expect
    for imp in [lab.imp, *(x.publisher for x in central)]:
        copy = imp.key_copies.database[imp.key_copies.home.publisher.host].keys
        yield imp.host, [(c, imp.cli(c)) for c in (cucm_cli.facts.CLI_SHOW_SIGNING,
                                                   cucm_cli.facts.CLI_SHOW_ENCRYPTION)], \
            [copy.signing_checksum, copy.encryption_checksum]


def test_show_key_authz_output_parses_into_its_checksums(lab):
    for host, entries, expect in _sessions(lab):
        text = cucm_cli.transcript(entries)
        records = list(split(text.splitlines(), server_lines.GRAMMARS, source=host))
        assert [r.grammar for r in records] == ["cucm-cli", "cucm-cli"]
        for record, (command, _), checksum, kind in zip(records, entries, expect,
                                                         ("signing", "encryption"), strict=True):
            assert record.product == "cucm-cli" and record.get("command") == command
            assert record.get("key") == kind
            if checksum is None:
                assert record.get("key_present") == "no" and record.get("checksum") is None
            else:
                assert record.get("checksum") == checksum
        assert [(c.command, "\n".join(c.output)) for c in cucm_cli.commands(records)] == entries


def test_key_regeneration_session_reads_the_new_checksum():
    lab = Lab(seed=3)
    lab.configure_oauth()
    pub = lab.cucm.publisher
    regen = cucm_cli.facts.CLI_REGEN_SIGNING
    before = pub.keys.signing_checksum
    done = pub.cli(regen, confirm=True)
    entries = [(regen, f"{cucm_cli.facts.CLI_REGEN_PROMPT}yes\n{done}"),
               (cucm_cli.facts.CLI_SHOW_SIGNING, pub.cli(cucm_cli.facts.CLI_SHOW_SIGNING))]
    records = list(split(cucm_cli.transcript(entries).splitlines(), server_lines.GRAMMARS))
    assert [r.get("command") for r in records] == [regen, cucm_cli.facts.CLI_SHOW_SIGNING]
    first, second = records
    assert (first.get("confirmed"), first.get("regenerated")) == ("yes", "signing")
    assert first.get("checksum") == second.get("checksum") == pub.keys.signing_checksum != before


def test_an_sdi_record_needs_a_date_for_a_simulator_line():
    """The simulator writes SDI lines (SIP OAuth); a line gives no date, so without one the
    record has no LogLine (ssosp lines have theirs: dialects/test_ssosp_writer.py)."""
    (record,) = split(["08080021.043 |16:31:15.937 |AppInfo  |x"], server_lines.GRAMMARS)
    with pytest.raises(ValueError, match="gives no date"):
        server_lines.to_logline(record)
    assert server_lines.to_loglines([record]) == []
    dated = ReadState("x", notes={"date": date(2026, 3, 2)})
    (record,) = split(["08080021.043 |16:31:15.937 |AppInfo  |x"], server_lines.GRAMMARS,
                      state=dated)
    assert server_lines.to_logline(record).render() == "08080021.043 |16:31:15.937 |AppInfo  |x"
