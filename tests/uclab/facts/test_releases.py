"""uclab.facts.releases: CUCM versions and the grant flows each offers (S1, S2, S6)."""

import pytest

from uclab.core.errors import ConfigError
from uclab.facts.releases import Version, grant_flows, refresh_expiry_max_days


@pytest.mark.parametrize("text, expected", [
    ("11.5(1)SU3", Version(11, 5, 1, 3)), ("12.0(1)", Version(12, 0, 1, 0)),
    ("14", Version(14, 0, 1, 0)), ("10.5(2)", Version(10, 5, 2, 0)),
    ("12.5(1)SU2a", Version(12, 5, 1, 2)),
])
def test_parse(text, expected):
    assert Version.parse(text) == expected


def test_ordering():
    assert Version.parse("11.5(1)SU2") < Version.parse("11.5(1)SU3") < Version.parse("12.0(1)")
    assert str(Version.parse("11.5(1)SU3")) == "11.5(1)SU3"


def test_bad_version_names_the_format():
    with pytest.raises(ConfigError, match="11.5\\(1\\)SU3"):
        Version.parse("eleven")


@pytest.mark.parametrize("version, refresh, sso, flows", [
    ("10.0(1)", True, True, []),
    ("10.5(2)", False, False, []),
    ("10.5(2)", False, True, ["implicit"]),
    ("11.5(1)SU2", True, True, ["implicit"]),
    ("11.5(1)SU3", False, False, []),
    ("11.5(1)SU3", True, False, ["authorization_code", "refresh_token"]),
    ("12.0(1)", True, True, ["authorization_code", "refresh_token", "implicit"]),
])
def test_grant_flows_by_release(version, refresh, sso, flows):
    assert grant_flows(Version.parse(version), refresh_enabled=refresh, sso_enabled=sso) == flows


def test_refresh_range_by_release():
    assert refresh_expiry_max_days(Version.parse("12.0(1)")) == 90
    assert refresh_expiry_max_days(Version.parse("12.5(1)")) == 365
