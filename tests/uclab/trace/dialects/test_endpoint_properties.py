"""Property tests of the endpoint grammars (jabber_prt, jabber_mobile, tc_endpoint,
xmpp_clients): any text reads without an error, every non-empty line lands in exactly one
record, in order, and parsed PRT records always turn into renderable simulator lines."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.trace.dialects import jabber_mobile, jabber_prt, tc_endpoint, xmpp_clients
from uclab.trace.parsing import split
from uclab.trace.redact import redact

MODULES = (jabber_prt, jabber_mobile, tc_endpoint, xmpp_clients)
ALL = tuple(g for m in MODULES for g in m.GRAMMARS)
#: pieces of real lines, so generated text often starts (and nearly starts) records
PIECES = ["2021-03-30 14:21:49,631 ", "13:03:19,013 ", "WARN  ", "INFO ", "WARNING ",
          "[0x0000264c] ", "[9134000] - ", "[vices\\impl\\system\\SingleSignOn.cpp(1186)] ",
          "[csf.edge]", "[executeEdgeConfigRequest] ", "- ", "sipio-sent---> ", "XmppSDK.dll #0, ",
          "2024-02-01T05:48:33.551Z <Error> [0x84953][]", "WebViewController.swift:358 ",
          "f(_:a:):", "02-01 05:48:33.551  4321  4400 I Tag ", "15975.89 HttpClient     ",
          "2016-05-24 15:51:19,799 [1] INFO XMPP - ", "(12:40:52) sasl: ",
          "AGd3YXNoaW5ndG9uAFJUUCFhcHBz",
          "Cookie: JSESSIONIDSSO=abc", "<auth>", "]", "[", " ", ":", "\t", "", "99-99 99:99"]
LINE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=8).map("".join)
LINES = st.lists(LINE.map(lambda s: s.replace("\n", " ").replace("\r", " ")), max_size=25)


def check(lines, grammars):
    records = list(split(lines, grammars, source="x"))
    got = [ln for r in records for ln in r.lines]
    assert [ln for ln in got if ln.strip()] == [ln for ln in lines if ln.strip()]
    assert all(not ln.strip() or ln in lines for ln in got)
    starts = [r.line for r in records]
    assert starts == sorted(set(starts))
    return records


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_every_line_lands_in_one_record_in_order_with_every_grammar(lines):
    records = check(lines, ALL)
    for rec in records:
        redact(rec.raw)
    for line in jabber_prt.to_loglines(records):
        line.render()


@settings(max_examples=100, deadline=None)
@given(LINES, st.sampled_from(MODULES))
def test_each_module_alone_keeps_every_line(lines, module):
    check(lines, module.GRAMMARS)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_an_error(text):
    check(text.splitlines(), ALL)


def test_every_grammar_names_its_registry_entry_and_evidence():
    labels = {g.name: (g.form.label, g.form.source) for g in ALL}
    assert labels["jabber-android-logcat"] == ("[U]", "CJLV")  # no Cisco sample
    assert labels["webex-ios-swift"] == ("[C]", "S20") and labels["tc-uptime"] == ("[C]", "S18")
    assert labels["cuac"] == ("[C]", "T220242") and labels["pidgin"] == ("[C]", "S27")
    assert all(g.form.kind == "format" and g.form.name for g in ALL)
    assert len({g.name for g in ALL}) == len(ALL)


def _prt_view(records):
    """What a PRT record says: an older-style record its verbatim lines, a current-style one
    its fields, message with continuation lines, and time stamp as written."""
    view = []
    for r in records:
        if r.grammar in ("jabber-prt-old", "jabber-xmppsdk"):
            view.append(r.raw)
        elif r.product == jabber_prt.PRODUCT:
            view.append((r.level, r.get("thread"), r.get("source"), r.component,
                         r.get("function"), "\n".join((r.text, *r.block)), r.extra["stamp"]))
    return view


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_prt_records_survive_to_loglines_and_back(lines):
    records = list(split(lines, jabber_prt.GRAMMARS))
    text = "\n".join(ln.render(reveal=True) for ln in jabber_prt.to_loglines(records))
    again = list(split(text.split("\n"), jabber_prt.GRAMMARS))
    assert _prt_view(again) == _prt_view(records)
