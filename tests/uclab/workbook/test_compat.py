"""uclab.workbook.compat: the release matrix of fact sheet 1.1 (which flow Jabber gets over MRA)."""

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.workbook import compat
from uclab.workbook.compat import FLOW_CREDENTIALS, FLOW_IMPLICIT, FLOW_REFRESH, which_flow


@pytest.mark.parametrize(("cucm", "jabber", "expwy", "sso", "refresh", "flow"), [
    ("12.5(1)", "12.8", "X12.5.7", False, True, FLOW_REFRESH),
    ("11.5(1)SU3", "11.9", "X8.10.1", False, True, FLOW_REFRESH),   # every boundary exactly
    ("12.0(1)", "14.3", "X14.3", True, True, FLOW_REFRESH),         # SSO is optional
    ("11.5(1)SU2", "12.8", "X12.5.7", True, True, FLOW_IMPLICIT),   # CUCM too old for refresh
    ("11.5(1)SU2", "12.8", "X12.5.7", False, True, FLOW_CREDENTIALS),
    ("14.0(1)", "14.3", "X14.3", True, False, FLOW_IMPLICIT),       # refresh flow Disabled
    ("14.0(1)", "14.3", "X14.3", False, False, FLOW_CREDENTIALS),
    ("12.5(1)", "11.8", "X12.5.7", True, True, FLOW_IMPLICIT),      # Jabber too old
    ("12.5(1)", "12.8", "X8.9", True, True, FLOW_IMPLICIT),         # Expressway too old
    ("12.5(1)", "10.5", "X12.5.7", True, True, FLOW_CREDENTIALS),   # Jabber < 10.6
    ("10.0(1)", "12.8", "X12.5.7", True, False, FLOW_CREDENTIALS),  # CUCM < 10.5(2)
    ("10.5(2)", "10.6", "X8.9", True, False, FLOW_IMPLICIT),
])
def test_which_flow(cucm, jabber, expwy, sso, refresh, flow):
    answer = which_flow(cucm, jabber, expwy, sso=sso, refresh_enabled=refresh)
    assert answer.flow == flow
    assert answer.reasons[-1].startswith(f"=> {flow}")


def test_each_rule_names_its_version_and_source():
    answer = which_flow("11.5(1)SU2", "11.8", "X8.9", sso=True, refresh_enabled=True)
    rules = answer.reasons[:-1]
    assert all("(S" in r and ("[C]" in r or "[U]" in r) for r in rules)
    text = "\n".join(rules)
    for fact in (compat.CUCM_REFRESH, compat.JABBER_REFRESH, compat.EXPRESSWAY_REFRESH,
                 compat.CUCM_IMPLICIT, compat.JABBER_IMPLICIT):
        assert str(fact) in text and fact.source in text
    assert "NOT met: CUCM 11.5(1)SU2 < 11.5(1)SU3" in text
    assert "NOT met: Jabber 11.8 < 11.9" in text
    assert "NOT met: Expressway X8.9 < X8.10" in text
    assert f"'{facts.PARAM_REFRESH_FLOW}' does not exist before 11.5(1)SU3" in text


def test_rules_reuse_the_facts_constants():
    assert compat.CUCM_REFRESH is facts.RELEASE_REFRESH
    assert compat.CUCM_IMPLICIT is facts.RELEASE_IMPLICIT
    assert not compat.EXPRESSWAY_REFRESH_ALT.confirmed and compat.EXPRESSWAY_REFRESH.confirmed


def test_the_sources_disagree_between_x8_10_and_x8_10_1():
    disputed = which_flow("12.5(1)", "12.8", "X8.10", sso=False, refresh_enabled=True)
    assert disputed.flow == FLOW_REFRESH
    assert any("[U]" in u and "X8.10.1" in u for u in disputed.uncertain)
    assert any("Expressway X8.10 >= X8.10" in r and "[U]" in r for r in disputed.reasons)
    agreed = which_flow("12.5(1)", "12.8", "X8.10.1", sso=False, refresh_enabled=True)
    assert agreed.uncertain == []


def test_implicit_flow_says_the_expressway_release_is_unknown():
    answer = which_flow("11.5(1)SU2", "12.8", "X8.9", sso=True, refresh_enabled=False)
    assert answer.flow == FLOW_IMPLICIT
    assert any(u.startswith("[U]") and "Expressway" in u for u in answer.uncertain)


def test_versions_compare_numerically():
    j, x = compat.parse_jabber, compat.parse_expressway
    assert j("12.10") > j("12.9") and j("11.9") == j("11.9.0")
    assert x("X8.10") < x("X8.10.1") < x("X12.5.7") < x("X14.3")
    assert x("8.10.1") == x("x8.10.1") and str(x("x14.3")) == "X14.3"


@pytest.mark.parametrize(("args", "expected"), [
    (("12.5(1)", "twelve", "X14.3"), "'11.9', '12.8' or '14.3'"),
    (("12.5(1)", "12", "X14.3"), "Jabber release"),
    (("12.5(1)", "12.8", "Y8.10"), "'X8.10.1', 'X12.5.7' or 'X14.3'"),
    (("12.5(1)", "12.8", ""), "Expressway release"),
    (("Twelve", "12.8", "X14.3"), "11.5(1)SU3"),
    ((12.5, "12.8", "X14.3"), "CUCM release"),
    (("12.5(1)", 12.8, "X14.3"), "Jabber release"),
])
def test_bad_versions_name_the_expected_form(args, expected):
    with pytest.raises(ConfigError) as err:
        which_flow(*args, sso=False, refresh_enabled=True)
    assert expected in str(err.value)


def test_flags_must_be_bools():
    with pytest.raises(ConfigError, match="sso must be True or False"):
        which_flow("12.5(1)", "12.8", "X14.3", sso="yes", refresh_enabled=True)


def test_report_lists_flow_reasons_and_uncertainties():
    text = which_flow("12.5(1)", "12.8", "X8.10", sso=False, refresh_enabled=True).report()
    assert text.startswith(f"Flow: {FLOW_REFRESH}") and "[U]" in text
