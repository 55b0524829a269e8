"""uclab.trace.dialects.expressway.parse: the real Expressway lines of the samples, the seed
article and FORMATS.md §1.1 read into the records ``samples/EXPECTED.md`` implies."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from uclab.trace.dialects.expressway import ATS_NATIVE, EVENT, GRAMMARS, KV, XCP, parse_utctime
from uclab.trace.parsing import UNKNOWN, split
from uclab.trace.redact import redact

SHARED = Path("/work/shared")
SAMPLES = SHARED / "real-logs" / "samples"
SEED = SHARED / "seed" / "000_b163ef8d0ccd633a.txt"
needs_shared = pytest.mark.skipif(not SAMPLES.is_dir() or not SEED.is_file(),
                                  reason="the project's shared real-log samples are not here")


def sample(name: str) -> list[str]:
    """A sample's log lines: the ``# source:`` line and ``## `` markers are not log content."""
    return [ln for ln in (SAMPLES / name).read_text().splitlines()
            if not ln.startswith(("# source:", "## "))]


def parse(lines, source="<text>"):
    return list(split(lines, GRAMMARS, source))


@needs_shared
def test_xcp_dual_nic_sample_is_three_xcp_records_of_expressway_c():
    recs = parse(sample("expressway-c-xcp-7400-connection-refused-dual-nic.log"))
    assert [r.grammar for r in recs] == [XCP] * 3
    assert {(r.product, r.host, r.process, r.extra["pid"], r.component) for r in recs} == {
        ("expressway", "xwayc", "XCP_JABBERD", 23843, "Jabber")}
    assert [r.level for r in recs] == ["INFO", "ERROR", "ERROR"]  # 'INFO ' padded in the source
    assert recs[0].get("Level") == "INFO "  # the field keeps what was written
    assert [r.get("ThreadID") for r in recs] == ["139747212576512", "139747212576512",
                                                "139747406935808"]  # 'ThreadID= "…"' too
    assert recs[2].get("CodeLocation") == "base_connection.cpp:104"
    assert recs[0].time == datetime(2014, 3, 25, 17, 19, 45, 843000, tzinfo=UTC)
    assert "port 7400 :(111) Connection refused" in recs[1].text
    assert recs[2].text.startswith("Failed to connect to component jabberd-port-1.")
    assert "iso_time" not in recs[0].extra  # the host prefix has no ISO stamp: UTCTime is used


@needs_shared
def test_sipmsg_sample_joins_the_block_and_survives_the_cut():
    recs = parse(sample("expressway-e-sipmsg-mra-invite-continuation-block.log"))
    assert [r.grammar for r in recs] == [KV, KV]
    info, debug = recs
    assert (info.process, info.level, info.component) == ("tvcs", "INFO", "network.sip")
    assert info.text.startswith("Receive Request Method=INVITE, CSeq=100,")
    assert info.get("Action") == "Received" and info.get("Local-port") == "5061"
    assert info.time == datetime(2018, 1, 1, 17, 56, 48, 964000, tzinfo=UTC)
    assert info.extra["iso_time"] == info.time  # -05:00 local, 5 h behind UTCTime: they agree
    assert debug.extra["block_kind"] == "SIPMSG" and debug.extra["terminated"] is False
    assert debug.block[0] == "INVITE sip:1004@vm-bluck-fed-cust2-cucm1.cisco.com SIP/2.0"
    assert debug.block[debug.block.index("") + 1] == "v=0"  # the ' ' line parts headers and SDP
    assert debug.block[-1].startswith("a=extmap:14")
    assert len(debug.lines) == 59 and debug.end == 60
    assert any("zone-id=4;directed" in b for b in debug.block)
    shown = redact(debug.raw)
    assert "3f3eeffbcf2b7245a955cdfe6c57f79f" not in shown  # Digest response=
    assert "c624caab22212e68c68506ebb3a5689f1e94a6f17f970cc86c939e2165e9" not in shown
    assert "c1d8674e32b8d4957f7ca6411dcb01ef" not in shown  # cnonce=
    assert "inline:............................................." in shown  # already masked


@pytest.fixture(scope="module")
def seed():
    return parse(SEED.read_text().splitlines(), "seed")


@needs_shared
def test_seed_article_lines_are_read_with_their_hosts_and_transactions(seed):
    ours = [r for r in seed if r.grammar != UNKNOWN]
    assert seed[0].grammar == UNKNOWN and all(r.grammar != UNKNOWN for r in seed[1:])
    txns = {(r.host, r.get("Txn-id")) for r in ours if r.process == "traffic_server"}
    assert txns == {("labucexpye01", t) for t in ("2004", "2005", "2007", "2008")} | {
        ("labucexpyc01", "6114")}
    events = [r for r in ours if r.grammar == EVENT]
    assert [r.text for r in events] == ["Successful authorization", "Redirected client"]
    assert all(r.fields[-1][0] == "UTCTime" and r.time is not None for r in events)
    assert events[1].get("Redirect") == "/OAuthcb#code=Hidden"
    assert [r.host for r in ours if r.grammar == XCP] == ["labucexpwyc01"] * 3 + ["labucexpwye01"]
    assert [r.level for r in ours if r.grammar == XCP] == ["VBOSE", "VBOSE", "VBOSE", "DEBUG"]
    cm = [r for r in ours if r.process == "credentialmanager"]
    assert [r.text for r in cm] == ["Access Token accepted", "Token validation",
                                    "Token validation"]
    assert cm[1].get("Reason") == "Matched AuthZ key"
    # the UTC field orders the lines, not the prefix (.920 prefix, ,918 UTCTime)
    assert cm[1].time == datetime(2020, 3, 24, 22, 31, 23, 918000, tzinfo=UTC)
    assert cm[1].extra["iso_time"] == datetime(2020, 3, 24, 22, 31, 23, 920000, tzinfo=UTC)


@needs_shared
def test_seed_wrapped_record_is_joined_by_its_open_record(seed):
    rec = next(r for r in seed if r.get("Txn-id") == "2005" and r.level == "INFO")
    assert rec.extra["wrapped"] is True
    assert rec.component == "network.http.trafficserver" and rec.get("Src-port") == "59254"
    assert ("client_id=C1b4b988f3efa1c3fc97d0d0a36f6b97f244b4fafe55e8d9d78774e305bae9ab1"
            "&device_id=") in rec.get("Msg")


@needs_shared
def test_seed_blocks_with_glued_terminator_and_list_repr_headers(seed):
    e302 = next(r for r in seed if r.get("Txn-id") == "2007" and r.text == "Sending Response")
    assert e302.block == ("HTTP/1.1 302 Found", "Location: /OAuthcb#code=<CONCEALED>")
    assert e302.extra["terminated"] is True
    ecp = next(r for r in seed if r.get("Action") == "Received")
    assert ecp.block[:4] == ("HTTP/1.1 200 OK", "X-Content-Type-Options: ['nosniff']",
                             "Expires: ['Wed, 31 Dec 1969 17:00:00 MST']",
                             "Content-Type: ['application/xml']")


def test_inline_httpmsg_block_and_host_only_prefix():
    # TAC 117811's one-line copy (FORMATS.md §1.1); no ISO stamp and no UTCTime: no time
    line = ('ExpresswayE traffic_server[15550]: Module="network.http.trafficserver" '
            'Level="INFO": Detail="Sending Response" Txn-id="9" Dst-ip="192.0.2.9" '
            'Dst-port="50314" HTTPMSG: |HTTP/1.1 403 Forbidden Date: … Server: CE_E '
            'Content-Length: 0')
    (rec,) = parse([line])
    assert (rec.grammar, rec.host, rec.extra["pid"], rec.time) == (KV, "ExpresswayE", 15550, None)
    assert rec.block == ("HTTP/1.1 403 Forbidden Date: … Server: CE_E Content-Length: 0",)
    assert rec.get("Dst-port") == "50314" and rec.extra["inline"] is True


def test_native_ats_error_line_has_no_pairs():
    line = ("traffic_server[2030]:[ET_NET 1]ERROR:SSL connection failed for 'cucm.example.com'"
            ":error:14094418: SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca")
    (rec,) = parse([line])
    assert (rec.grammar, rec.process, rec.level, rec.extra["thread"]) == (
        ATS_NATIVE, "traffic_server", "ERROR", "ET_NET 1")
    assert rec.text.startswith("SSL connection failed for") and rec.fields == ()
    assert rec.time is None


def test_two_digit_milliseconds_and_iso_without_fraction():
    line = ('2014-09-25T13:46:20-04:00 rtp-expc edgeconfigprovisioning UTCTime="2014-09-25 '
            '17:46:20,92" Module="developer.edgeconfigprovisioning.server" Level="INFO" '
            'CodeLocation="edgeprotocol(1018)" Detail="Failed to authenticate user against '
            'server"')
    (rec,) = parse([line])
    assert rec.time == datetime(2014, 9, 25, 17, 46, 20, 920000, tzinfo=UTC)
    assert rec.extra["iso_time"] == datetime(2014, 9, 25, 17, 46, 20, tzinfo=UTC)
    assert parse_utctime("2014-09-25 17:46:20,9") == datetime(2014, 9, 25, 17, 46, 20, 900000,
                                                              tzinfo=UTC)
    assert parse_utctime("2014-13-25 17:46:20,9") is None


def test_prefix_less_tac_lines_and_blank_separated_blocks():
    lines = ['Module="network.http.trafficserver" Level="DEBUG": Detail="Sending Request" '
             'Txn-id="1" Dst-ip="10.0.0.1" Dst-port="6972"', "HTTPMSG:", "|GET /x HTTP/1.1",
             " Host: cucm", " |", "",
             'Event="Sending HTTP error response" Status="403" Reason="Forbidden" Level="1"',
             '2020-01-01T00:00:00.000+00:00 e tvcs: UTCTime="2020-01-01 00:00:00,000" '
             'Module="network.sip" Level="DEBUG":  Action="Sent"', " SIPMSG:", " |SIP/2.0 200 OK",
             " Via: x",
             '2020-01-01T00:00:00.001+00:00 e tvcs: UTCTime="2020-01-01 00:00:00,001" '
             'Module="network.sip" Level="INFO":  Action="Sent"']
    recs = parse(lines)
    assert [r.grammar for r in recs] == [KV, EVENT, KV, KV]
    assert recs[0].block == ("GET /x HTTP/1.1", "Host: cucm") and recs[0].time is None
    assert recs[0].lines[-1] == ""  # the blank line after the block stays with it
    assert recs[1].text == "Sending HTTP error response" and recs[1].get("Status") == "403"
    assert recs[2].block == ("SIP/2.0 200 OK", "Via: x")
    assert recs[2].extra["terminated"] is False  # cut off by the next record
    assert [r.line for r in recs] == [1, 7, 8, 12]


@pytest.mark.parametrize("text, gone, kept", [
    ('Detail="checkDigestSAResponse calculatedResponse=0a1b2c3d4e5f, response=9f8e7d6c5b4a"',
     ("0a1b2c3d4e5f", "9f8e7d6c5b4a"), ("checkDigestSAResponse",)),
    (" Set-Cookie: X-Auth=4f1d2a3b-1111-2222-3333-444455556666; Path=/",
     ("4f1d2a3b-1111",), ("Set-Cookie",)),
    ("HTTPMSG: |HTTP/1.1 200 OK Set-Cookie: X-Auth=4f1d2a3b-1111-2222; Domain=.example.com",
     ("4f1d2a3b-1111",), ("Domain=.example.com",)),
    (" Authorization: Bearer abcdefghijklmnop", ("abcdefghijklmnop",), ()),
    ('Detail="token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"', ("eyJhbGciOiJSUzI1NiJ9",), ()),
    (' Authorization: <CONCEALED>', (), (" Authorization: <CONCEALED>",)),
    ('Redirect="/OAuthcb#code=Hidden"', (), ('Redirect="/OAuthcb#code=Hidden"',)),
    ("<auth mechanism='CISCO-VTG-TOKEN' xmlns='x'>XXXXXXX</auth>", (), ("XXXXXXX",)),
    (" a=crypto:1 AEAD_AES_256_GCM inline:..........", (), ("inline:..........",)),
])
def test_parsed_records_are_shown_concealed(text, gone, kept):
    head = ('2020-03-24T16:31:23.920-06:00 labucexpyc01 credentialmanager: UTCTime="2020-03-24 '
            '22:31:23,918" Module="developer.x" Level="INFO"')
    lines = ([head + " " + text] if text.startswith("Detail")
             else [head, "HTTPMSG:", "|GET / HTTP/1.1", text, "|"])
    (rec,) = parse(lines)
    shown = redact(rec.raw)
    assert all(g not in shown for g in gone) and all(k in shown for k in kept)
