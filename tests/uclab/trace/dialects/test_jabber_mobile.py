"""Webex iOS Swift [C] (S20) and Jabber Android logcat-style [U] (CJLV) lines
(uclab.trace.dialects.jabber_mobile)."""

from datetime import UTC, datetime, time

from uclab.trace.dialects import jabber_mobile, jabber_prt
from uclab.trace.parsing import split

# S20 (TAC 223101): a csf line and a Swift line of the Webex app on iOS, interleaved
IOS_CSF = ("2024-02-01 05:48:33,461 INFO  [0x6d4ab000] [ls/src/http/BasicHttpClientImpl.cpp(675)] "
           "[csf.httpclient] [performRequest] - *-----* HTTP response code 0")
IOS_SWIFT = ("2024-02-01T05:48:33.551Z <Error> [0x84953][]WebViewController.swift:358 "
             "webView(_:didFailProvisionalNavigation:withError:):Provisional Navigation failed: "
             "An SSL error has occurred and a secure connection to the server cannot be made.")
ANDROID = ("02-01 05:48:33.551  4321  4400 I JabberLog [ls/src/http/BasicHttpClientImpl.cpp(675)] "
           "[csf.httpclient] [csf::http::performRequest] - *-----* HTTP response code 200")

GRAMMARS = (*jabber_prt.GRAMMARS, *jabber_mobile.GRAMMARS)


def test_a_swift_line_reads_utc_level_file_function_and_message():
    (rec,) = split([IOS_SWIFT], jabber_mobile.GRAMMARS)
    assert (rec.product, rec.grammar) == ("webex-ios", "webex-ios-swift")
    assert rec.time == datetime(2024, 2, 1, 5, 48, 33, 551000, tzinfo=UTC)
    assert rec.level == "Error" and rec.component == "WebViewController.swift"
    assert rec.fields == (("thread", "0x84953"), ("category", ""),
                          ("source", "WebViewController.swift:358"),
                          ("function", "webView(_:didFailProvisionalNavigation:withError:)"))
    assert rec.text.startswith("Provisional Navigation failed: An SSL error")


def test_interleaved_csf_and_swift_lines_both_parse_and_order_by_time():
    csf, swift = split([IOS_CSF, IOS_SWIFT], GRAMMARS)
    assert (csf.product, swift.product) == ("jabber", "webex-ios")
    # whether csf lines are UTC on iOS is unknown (FORMATS.md §1.3): naive, compared as read
    assert csf.time < swift.time.replace(tzinfo=None)


def test_a_swift_function_without_arguments():
    line = "2024-02-01T05:48:33.551Z <Info> [0x1][SSO]LoginView.swift:12 viewDidLoad:shown"
    (rec,) = split([line], jabber_mobile.GRAMMARS)
    assert (rec.get("category"), rec.get("function"), rec.text) == ("SSO", "viewDidLoad",
                                                                    "shown")


def test_an_android_line_has_no_year_so_no_time():
    (rec,) = split([ANDROID, "  continued"], jabber_mobile.GRAMMARS)
    assert (rec.product, rec.grammar) == ("jabber-android", "jabber-android-logcat")
    assert rec.time is None  # never invent a year
    assert rec.extra["month_day"] == "02-01" and rec.extra["time_of_day"] == time(5, 48, 33,
                                                                                  551000)
    assert (rec.process, rec.get("thread"), rec.level, rec.get("tag")) == ("4321", "4400", "I",
                                                                           "JabberLog")
    assert rec.component == "csf.httpclient" and rec.get("function") == "csf::http::performRequest"
    assert rec.text == "*-----* HTTP response code 200" and rec.block == ("  continued",)


def test_an_impossible_time_stays_unread_without_an_error():
    bad = IOS_SWIFT.replace("05:48:33", "25:61:99")
    (rec,) = split([bad], jabber_mobile.GRAMMARS)
    assert rec.grammar == "webex-ios-swift" and rec.time is None
