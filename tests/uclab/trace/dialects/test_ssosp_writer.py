"""The ssosp lines the simulator writes (CUCM as SAML SP inside the network) are in CUCM's
real log4j grammar: they parse back with the ssosp grammar and nothing left over, read back to
the same LogLine, carry the sample log's texts, and the catalogue's SIG-22 / SIG-23 / SIG-24
rules name the inside faults from them alone."""

import pytest

from uclab import facts
from uclab.diagnose import diagnose
from uclab.trace.dialects import cucm_ssosp
from uclab.trace.dialects.server_lines import to_loglines
from uclab.trace.parsing import split
from uclab.workbook.probes import nb11_sso


def _lines(variant: str):
    lab, _, first = nb11_sso.inside_login(1, variant)
    return lab, [ln for ln in lab.logs[first:] if ln.dialect == "cucm-ssosp"]


@pytest.mark.parametrize("variant", list(nb11_sso.VARIANTS))
def test_ssosp_lines_parse_back_with_nothing_left_over(variant):
    lab, lines = _lines(variant)
    assert lines
    text = "\n".join(ln.render() for ln in lines)
    records = list(split(text.splitlines(), cucm_ssosp.GRAMMARS, source="ssosp00001.log"))
    assert len(records) == len(lines)
    assert all(r.grammar == cucm_ssosp.NAME and r.product == "cucm" for r in records)
    assert all(r.time is not None and r.level and r.component for r in records)
    back = to_loglines(records, {lab.cucm.publisher.host: lab.cucm.publisher.host})
    assert [b.render() for b in back] == [ln.render() for ln in lines]


def test_success_lines_are_the_sample_logs_texts():
    _, lines = _lines("AD FS")
    text = "\n".join(ln.render() for ln in lines)
    for fact in (facts.LOG_FILTER, facts.LOG_SAML, facts.LOG_AUTHENTICATOR, facts.LOG_RELAY):
        assert f"] {fact} - " in text
    assert facts.MSG_TIME_VALID.format(valid="true") in text
    assert facts.MSG_ATTRIBUTES.format(attributes="{uid=[alice]}") in text
    assert facts.BINDING_POST in text and "Realy state is ::" in text


@pytest.mark.parametrize(("variant", "rule"), [("certificate mismatch", "sig-22"),
                                               ("clock skew", "sig-23"),
                                               ("uid missing", None)])
def test_the_catalogue_rules_name_the_inside_faults(variant, rule, tmp_path):
    lab, lines = _lines(variant)
    path = tmp_path / "ssosp00001.log"
    path.write_text("\n".join(ln.render() for ln in lines) + "\n", encoding="utf-8")
    report = diagnose([path])
    if rule is None:  # T217268: on CUCM only the AttributeStatement is missing
        assert facts.MSG_ATTRIBUTES.format(attributes="{}") in path.read_text()
        return
    assert report.first is not None and report.first.rule == rule
    assert report.failing_step == "sso"


def test_a_healthy_inside_login_gives_no_finding(tmp_path):
    _, lines = _lines("AD FS")
    path = tmp_path / "ssosp00001.log"
    path.write_text("\n".join(ln.render() for ln in lines) + "\n", encoding="utf-8")
    report = diagnose([path])
    assert report.findings == []
    assert any(s.id == "sso" and s.reached for s in report.steps)


def test_a_level_outside_log4j_is_refused():
    with pytest.raises(ValueError):
        cucm_ssosp.ssosp_line(0, "h", "NOTICE", "t", "l", "x")
