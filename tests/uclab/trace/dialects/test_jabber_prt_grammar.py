"""The Jabber desktop PRT grammars (uclab.trace.dialects.jabber_prt.grammar): every line style of
FORMATS.md §1.2, continuation lines, times (naive local; a time of day takes the last date; a
date is never invented), and PRT records back to the simulator's lines."""

from datetime import UTC, datetime, time

from uclab.trace.dialects import jabber_prt as prt
from uclab.trace.parsing import split

S1 = ("2021-03-30 14:21:49,631 WARN  [0x0000264c] [vices\\impl\\system\\SingleSignOn.cpp(1186)] "
      "[Single-Sign-On-Logger] [CSFUnified::SingleSignOn::Impl::handleRefreshTokenFailure] - "
      "Failed to get valid access token from refresh token, maybe server issue.")
# S10 prints some lines with a time of day only; the SIP message follows with no prefix
S10_REGISTER = [
    "13:03:19,013 INFO  [0x00001a2c] [ipcallcontrol\\src\\SipIoTransport.cpp(112)] "
    "[csf.sip-call-control] [sipio::send] - sipio-sent---> REGISTER sip:cucm.example.com "
    "SIP/2.0",
    "Via: SIP/2.0/TLS 10.0.0.5:52000;branch=z9hG4bK00001",
    "Content-Length: 4",
    "",
    "body",
]
T117811_OLD = ("WARNING [9134000] - [csf.edge][executeEdgeConfigRequest] XAuth Cookie expiration "
               "time is invalid or not available. Attempting to Failover .")


def read(lines):
    return list(split(lines, prt.GRAMMARS, source="jabber.log"))


def test_a_dated_line_reads_every_field_with_a_naive_time():
    (rec,) = read([S1])
    assert (rec.product, rec.grammar) == ("jabber", "jabber-prt")
    assert rec.time == datetime(2021, 3, 30, 14, 21, 49, 631000) and rec.time.tzinfo is None
    assert rec.level == "WARN" and rec.component == "Single-Sign-On-Logger"
    assert rec.fields == (("thread", "0x0000264c"),
                          ("source", "vices\\impl\\system\\SingleSignOn.cpp(1186)"),
                          ("function", "CSFUnified::SingleSignOn::Impl::handleRefreshTokenFailure"))
    assert rec.text.startswith("Failed to get valid access token") and rec.extra["stamp"] == \
        "2021-03-30 14:21:49,631"


def test_level_padding_of_one_space_or_more_is_read():
    one = S1.replace("WARN  [", "WARN [")
    assert read([one])[0].fields == read([S1])[0].fields


def test_a_time_of_day_takes_the_date_of_the_record_before_it():
    recs = read([S1, S10_REGISTER[0]])
    assert recs[1].grammar == "jabber-prt-time"
    assert recs[1].time == datetime(2021, 3, 30, 13, 3, 19, 13000)


def test_a_time_of_day_with_no_date_before_it_gets_no_date():
    (rec, *_) = read(S10_REGISTER)
    assert rec.time is None and rec.extra["time_of_day"] == time(13, 3, 19, 13000)
    assert rec.extra["stamp"] == "13:03:19,013"


def test_a_sip_message_with_its_empty_line_belongs_to_the_sipio_record():
    (rec,) = read(S10_REGISTER)
    assert rec.lines == tuple(S10_REGISTER) and rec.block == tuple(S10_REGISTER[1:])
    assert rec.text.startswith("sipio-sent---> REGISTER")


def test_device_config_xml_continues_its_record():
    lines = ["INFO [0x00000001] [ices\\impl\\ucm-config\\TftpConfigStore.cpp(201)] [csf.config] "
             "[csf::ucm90::TftpConfigStore::store] - Device Config: <device>",
             "  <deviceProtocol>SIP</deviceProtocol>", "</device>", S1]
    recs = read(lines)
    assert [len(r.lines) for r in recs] == [3, 1]
    assert recs[0].grammar == "jabber-prt-bare" and recs[0].time is None


def test_quoted_fragments_read_logger_and_function():
    recs = read(["[service-discovery] [evaluateServiceDiscoveryResult] - "
                 "ServiceDiscoveryHandlerResult return code FAILED_UCM90_CREDENTIALS_NOT_SET",
                 "[authorizeNext] - SsoAuthRequest #1 not finished"])
    assert [r.grammar for r in recs] == ["jabber-prt-fragment"] * 2
    assert (recs[0].component, recs[0].get("function")) == ("service-discovery",
                                                            "evaluateServiceDiscoveryResult")
    assert (recs[1].component, recs[1].get("function"), recs[1].text) == (
        None, "authorizeNext", "SsoAuthRequest #1 not finished")


def test_the_older_style_has_a_decimal_thread_and_glued_brackets():
    (rec,) = read([T117811_OLD])
    assert rec.grammar == "jabber-prt-old" and rec.level == "WARNING"
    assert (rec.get("thread"), rec.component, rec.get("function")) == (
        "9134000", "csf.edge", "executeEdgeConfigRequest")
    assert rec.text.startswith("XAuth Cookie expiration") and rec.time is None


def test_an_impossible_date_gives_no_time_instead_of_an_error():
    (rec,) = read([S1.replace("2021-03-30", "2021-13-45")])
    assert rec.grammar == "jabber-prt" and rec.time is None and rec.level == "WARN"


def test_a_mac_build_path_with_slashes_reads_the_same():
    mac = S1.replace("vices\\impl\\system\\", "vices/impl/system/")
    assert read([mac])[0].get("source") == "vices/impl/system/SingleSignOn.cpp(1186)"


def test_real_lines_become_simulator_lines_that_render_them():
    lines = [S1, *S10_REGISTER, "[authorizeNext] - SsoAuthRequest #1 not finished", T117811_OLD]
    back = prt.to_loglines(read(lines), host="pc")
    assert [ln.host for ln in back] == ["pc"] * 4
    assert "\n".join(ln.render() for ln in back).splitlines() == lines
    assert back[1].ms == int(datetime(2021, 3, 30, 13, 3, 19, 13000, UTC).timestamp() * 1000)
    assert back[2].ms == back[3].ms == back[1].ms  # a line with no time keeps the one before


def test_to_loglines_skips_other_products():
    assert prt.to_loglines(split(["15975.89 HttpClient  x"], [])) == []
