"""TC/CE uptime lines (uclab.trace.dialects.tc_endpoint; S18, FORMATS.md §1.4)."""

from uclab import facts
from uclab.trace.dialects import tc_endpoint
from uclab.trace.parsing import split
from uclab.trace.redact import CONCEALED, redact

S18 = ("15975.89 HttpClient     SSL certificate problem: self signed certificate in certificate "
       "chain")
# modelled on S18's description (an XML response on the PROV line); the element names are S18's
PROV_XML = ("15975.90 PROV    Received: <getEdgeConfigResponse><userUdsServer><server><address>"
            "</address></server></userUdsServer></getEdgeConfigResponse>")
# S18 prints the cookie in clear and masks Authorization (the values here are made up)
HEADERS = ["15975.91 HttpClient     Cookie: JSESSIONIDSSO=8D2F0C7A4E1B93A5C6D7E8F9A0B1C2D3",
           "15975.91 HttpClient     Authorization: xxxxxx"]


def read(lines):
    return list(split(lines, tc_endpoint.GRAMMARS, source="tc.log"))


def test_an_uptime_line_has_a_relative_time_and_a_component():
    (rec,) = read([S18])
    assert (rec.product, rec.grammar) == ("tc", "tc-uptime")
    assert rec.uptime == 15975.89 and rec.time is None
    assert rec.component == facts.TC_COMPONENT_HTTPCLIENT and rec.level is None
    assert rec.text == "SSL certificate problem: self signed certificate in certificate chain"


def test_xml_after_prov_stays_on_its_line():
    (rec,) = read([PROV_XML])
    assert rec.component == facts.TC_COMPONENT_PROV and "<userUdsServer>" in rec.text
    assert rec.block == ()


def test_lines_that_start_no_record_join_the_one_before():
    recs = read([S18, "<multi-line>", "</multi-line>", PROV_XML])
    assert [len(r.lines) for r in recs] == [3, 1]


def test_the_session_cookie_is_concealed_and_the_endpoints_mask_kept():
    shown = [redact(r.raw) for r in read(HEADERS)]
    assert shown == [f"15975.91 HttpClient     Cookie: JSESSIONIDSSO={CONCEALED}",
                     "15975.91 HttpClient     Authorization: xxxxxx"]
    assert redact("Authorization: xxxxxx") == "Authorization: xxxxxx"
