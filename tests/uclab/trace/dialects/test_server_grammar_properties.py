"""Any text through the server-side grammars: nothing raises, every line lands in exactly one
record, in order, and what the simulator could have written turns back into a LogLine or a
clear ValueError."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.core.errors import ConfigError
from uclab.trace.dialects import cucm_cli, cucm_sdi, cucm_ssosp, imp_xcp, server_lines, unity
from uclab.trace.logline import LogLine
from uclab.trace.parsing import UNKNOWN, ReadState, split
from uclab.trace.redact import redact

#: openings of each grammar's lines (and near misses), so random tails reach the parsers
PREFIXES = [
    "08080021.043 |16:31:15.937 |AppInfo  |", "99999999.999 |29:61:61.9 |", "08080021.043 |",
    "2021-04-30 09:00:53,156 DEBUG [http-bio-443-exec-83] x.Y - ", "2021-13-45 25:61:61,9 INFO ",
    "2020-03-24 16:30:35,913 INFO  [0x0000264c] [", "\tat com.x.Y.z(Y.java:1)", "at a.b(",
    "com.sun.Foo.BarException: ", "Caused by: ", "\t... 12 more", "<saml:Assertion ID='a'>",
    "SAML Response is ::", "admin:utils sso status", "admin:run sql select a,b from t",
    "admin:show key authz signing", "SSO Status: ", "ntpd (pid 1) is running...", "==== ==",
    "authz signing key checksum: ", "= ", "x admin:run sql ", "synchronised to NTP server (",
    '2026-03-02T09:00:00.155+00:00 imp-pub XCP_JABBERD[1]: UTCTime="', 'XCP_JABBERD[7]: ',
    'Detail="', "Mar  2 09:00:00 cuc-pub local7 4 : 0: cuc-pub.example.com: Mar 02 2026 "
    "09:00:00.162 UTC :  %UC_CUC-4-", ": : 7273: May 30 15:33:20.636 UTC :  %A-2-B: ",
    "authentication.SAMLAuthenticator - ", "ERROR [t] a.b.C - ", "a.B -",
    "2026-03-02T09:00:00.000+00:00 cuc-pub cuc-authz: ", '2026-02-30T25:00:00Z h cuc-vmrest: ',
]
TAIL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
               max_size=60)
LINE = st.one_of(TAIL, st.tuples(st.sampled_from(PREFIXES), TAIL).map("".join),
                 st.just(""), st.just("   "))
LINES = st.lists(LINE, max_size=25)
GRAMMAR_SETS = [server_lines.GRAMMARS, cucm_sdi.GRAMMARS, cucm_ssosp.GRAMMARS,
                cucm_cli.GRAMMARS, imp_xcp.GRAMMARS, unity.GRAMMARS,
                (imp_xcp.IMP_LOG4J, unity.UNITY_LOG4J)]


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(GRAMMAR_SETS))
def test_any_text_splits_into_records_that_keep_every_line_once_in_order(lines, grammars):
    records = list(split(lines, grammars, source="x.log"))
    assert [ln for r in records for ln in r.lines] == [ln for ln in lines if ln.strip()]
    for r in records:
        assert lines[r.line - 1] == r.lines[0]  # the 1-based line number of its first line
        redact(r.raw)  # concealing never raises either


@settings(max_examples=300, deadline=None)
@given(LINE, st.lists(LINE, max_size=4))
def test_a_grammar_that_starts_on_a_line_parses_it_without_raising(first, rest):
    for grammar in server_lines.GRAMMARS:
        if grammar.starts(first):
            state = ReadState("x")
            record = grammar.parse([first, *rest], "x", 1, state)
            assert record.grammar == grammar.name and record.product == grammar.product
            assert record.lines == (first, *rest)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_parsed_records_become_loglines_or_a_clear_value_error(lines):
    records = list(split(lines, server_lines.GRAMMARS))
    # only lines before any record can be unknown: no grammar's parse raised on its record
    assert UNKNOWN not in {r.grammar for r in records[1:]}
    for record in records:
        try:
            line = server_lines.to_logline(record)
        except ConfigError as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        assert isinstance(line, LogLine) and isinstance(line.render(), str)


def test_a_caller_state_reaches_the_grammars():
    state = ReadState("x", notes={"date": cucm_sdi.date(2020, 2, 29)})
    (record,) = split(["08080021.043 |16:31:15.937 |AppInfo  |x"], cucm_sdi.GRAMMARS,
                      state=state)
    assert record.time.date() == cucm_sdi.date(2020, 2, 29) and state.last_date == record.time
