"""Property tests of the Expressway grammars: any text (binary-ish junk, huge lines, random
mixes of real line fragments) never raises, and every input line lands in exactly one record,
in order (blank lines before the first record aside: the splitter keeps those nowhere)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.trace.dialects.expressway import GRAMMARS, parse_utctime
from uclab.trace.parsing import UNKNOWN, split

FRAGMENTS = [
    '2020-03-24T16:31:00.962-06:00 labucexpye01 traffic_server[16087]: UTCTime="2020-03-24 '
    '22:31:00,962" Module="network.http.trafficserver" Level="INFO": Detail="Receive Request" '
    'Txn-id="2004" Src-ip="" Src-port="59252" Msg="GET https:///x/get_edge_sso? HTTP/1.1"',
    '2020-03-24T16:31:01.569-06:00 labucexpye01 traffic_server[16087]: UTCTime="2020-03-24 '
    '22:31:01,569"',
    'Module="network.http.trafficserver" Level="INFO": Detail="Receive Request" Txn-id="2005"',
    'Src-port="59254" Msg="GET https:///x/authorize?client_id=C1b4',
    'e305bae9ab1& HTTP/1.1"',
    '2020-03-24T16:31:22.741-06:00 labucexpyc01 edgeconfigprovisioning UTCTime="2020-03-24 '
    '22:31:22,741" Module="network.http.edgeconfigprovisioning" Level="DEBUG" Action="Send"',
    '2020-03-24T16:31:23.030-06:00 labucexpyc01 edgeconfigprovisioning: Level="INFO" '
    'Event="Edge SSO" Detail="Redirected client" UTCTime="2020-03-24 22:31:23,030"',
    'xwayc XCP_JABBERD[23843]: UTCTime="2014-03-25 17:19:45,843" ThreadID= "139747212576512" '
    'Module="Jabber" Level="INFO " CodeLocation="mio.c:1109" Detail="Connecting on fd 28',
    "traffic_server[2030]:[ET_NET 1]ERROR:SSL connection failed for 'h':error:14094418:",
    'Event="Sending HTTP error response" Status="403" Reason="Forbidden"',
    'ExpresswayE traffic_server[15550]: Module="network.http.trafficserver" Level="INFO": '
    'Detail="Sending Response" HTTPMSG: |HTTP/1.1 403 Forbidden Server: CE_E',
    "HTTPMSG:", " SIPMSG:", "|GET / HTTP/1.1", " |INVITE sip:a@b SIP/2.0", " Via: x", " ", "",
    " |", "|", "Location: /OAuthcb#code=<CONCEALED>|", "X-Content-Type-Options: ['nosniff']",
    'UTCTime="2020-13-45 99:99:99,1234567" Module="x"', 'Module="', 'Level="', '"', "|" * 5,
    "2020-03-24 22:31:00,442 INFO [0x00002b04] [a.cpp(1)] [l] [f] - jabber line",
]
LINES = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
            max_size=80),
    st.builds(lambda a, b: a + b, st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS)),
    st.builds(lambda n, f: "x" * n + f, st.integers(50_000, 120_000), st.sampled_from(FRAGMENTS)),
    st.builds(lambda f, n: f + '"' * n, st.sampled_from(FRAGMENTS), st.integers(1, 3)),
)


def _check(lines):
    records = list(split(lines, GRAMMARS, "junk"))
    names = {g.name for g in GRAMMARS}
    flat: list[str] = []
    for n, rec in enumerate(records):
        assert rec.grammar in names or (n == 0 and rec.grammar == UNKNOWN), rec.where
        if rec.grammar in names:  # ours never lose a line inside a record: numbering holds
            assert list(lines[rec.line - 1:rec.line - 1 + len(rec.lines)]) == list(rec.lines)
            assert rec.end == rec.line + len(rec.lines) - 1
        flat += rec.lines
    # each input line once, in order; only blank lines may be left out, and none from the first
    # Expressway record on (the grammars keep blank lines with the record they follow)
    assert [x for x in flat if x.strip()] == [x for x in lines if x.strip()]
    start = next((r.line for r in records if r.grammar in names), None)
    if start is not None:
        assert flat[len(flat) - (len(lines) - start + 1):] == lines[start - 1:]
    return records


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=40))
def test_any_mix_of_lines_splits_without_raising_or_losing_lines(lines):
    _check(lines)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_binary_junk_decoded_never_raises(data):
    _check(data.decode("latin-1").split("\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_utctime_values_never_raise(value):
    result = parse_utctime(value)
    assert result is None or result.tzinfo is not None


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FRAGMENTS), st.text(max_size=60))
def test_fragment_with_any_tail_never_raises(fragment, tail):
    for record in split([fragment + tail, tail, fragment], GRAMMARS):
        assert isinstance(record.text, str) and isinstance(record.fields, tuple)
