"""uclab.sim.cucm.params: enterprise parameters with their exact names, defaults and ranges
(S23)."""

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts.releases import Version
from uclab.sim.cucm.params import EnterpriseParameters

REFRESH = str(facts.PARAM_REFRESH_FLOW)
ACCESS = str(facts.PARAM_ACCESS_EXPIRY)
RT_DAYS = str(facts.PARAM_REFRESH_EXPIRY)


def params(v="14.0(1)"):
    return EnterpriseParameters(Version.parse(v))


def test_exact_names_and_defaults():
    p = params()
    assert p["OAuth with Refresh Login Flow"] == "Disabled"
    assert p["OAuth Access Token Expiry Timer (minutes)"] == 60
    assert p["OAuth Refresh Token Expiry Timer (days)"] == 60
    assert p["SSO Login Behavior for iOS"] == "Use Embedded Browser"
    assert p["Redirect URIs for Third Party SSO Client"] == ""
    assert not p.refresh_enabled and p.access_lifetime_s == 3600


def test_out_of_range_names_the_range():
    p = params()
    with pytest.raises(ConfigError, match="range 1-1440 minutes"):
        p.set(ACCESS, 1441)
    with pytest.raises(ConfigError, match="range 1-1440"):
        p.set(ACCESS, 0)
    with pytest.raises(ConfigError, match="whole number"):
        p.set(ACCESS, "60")


def test_refresh_range_differs_by_release():
    params("14.0(1)").set(RT_DAYS, 365)
    with pytest.raises(ConfigError, match="1-90 days on CUCM 12.0"):
        params("12.0(1)").set(RT_DAYS, 91)


def test_choice_values():
    p = params()
    p.set(REFRESH, "Enabled")
    assert p.refresh_enabled
    with pytest.raises(ConfigError, match="Enabled or Disabled"):
        p.set(REFRESH, "On")


def test_refresh_parameters_absent_before_11_5_su3():
    p = params("11.5(1)SU2")
    with pytest.raises(ConfigError, match="does not exist on CUCM 11.5"):
        p.set(REFRESH, "Enabled")
    assert not p.refresh_enabled


def test_access_token_timer_shown_from_10_5_2_only():
    """No source dates the access-token timer; uclab shows it from 10.5(2), the first release
    with OAuth (S6), an inference [U] (issue 11 item 8: it was shown for 10.0(1))."""
    old = params("10.0(1)")
    assert ACCESS not in old.table()
    with pytest.raises(ConfigError, match=r"does not exist on CUCM 10.0\(1\).*10.5\(2\)"):
        old.set(ACCESS, 30)
    assert params("10.5(2)")[ACCESS] == 60 and ACCESS in params("10.5(2)").table()


def test_unknown_parameter_lists_known_ones():
    with pytest.raises(ConfigError, match="OAuth with Refresh Login Flow"):
        params().set("OAuth Thing", 1)


def test_third_party_redirect_uris_list():
    p = params()
    p.set(str(facts.PARAM_REDIRECT_URIS), "https://a.example/cb, https://b.example/cb")
    assert p.third_party_redirect_uris == ["https://a.example/cb", "https://b.example/cb"]
    assert "SSO and OAuth Configuration" in p.table()
