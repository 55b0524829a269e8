"""The SSO-over-MRA switcher of notebook 11 (section 3): each variant redraws the ladder of
Alice's MRA sign-in, the browser in its own lane; the benefit probe shows MFA once and no
IdP hop afterwards."""

from uclab.workbook.probes import nb11_sso
from uclab.workbook.views.ladder import lane_order
from uclab.workbook.widgets.sso import sso_switcher


def test_each_variant_redraws_with_its_outcome():
    switcher = sso_switcher(seed=1)
    assert bool(switcher.outcome)
    first = switcher.figure
    for variant, (_, fault_id) in nb11_sso.VARIANTS.items():
        assert switcher.select(variant)
        assert switcher.dropdown.value == variant
        assert bool(switcher.outcome) == (fault_id is None), variant
        assert switcher.figure is not None and switcher.figure is not first
        lanes = lane_order(switcher.exchanges)
        assert lanes[0] == "jabber-alice-embedded-browser", lanes
        assert "jabber-alice" in lanes and "idp" in lanes


def test_an_unknown_variant_is_named_and_changes_nothing():
    switcher = sso_switcher(seed=1, variant="uid missing")
    before = switcher.exchanges
    assert not switcher.select("Okta")
    assert "Okta" in switcher.status.value and switcher.exchanges is before


def test_the_dropdown_drives_the_switcher():
    switcher = sso_switcher(seed=1)
    switcher.dropdown.value = "clock skew"
    assert not switcher.outcome and switcher.outcome.stage == "saml"


def test_benefit_mfa_once_then_no_idp_hop():
    seen = nb11_sso.benefit(2, idp="entra", refreshes=2)
    assert seen["prompts_at_sign_in"] == 2 and seen["prompts_later"] == 0
    assert seen["idp_hops_later"] == 0
    assert sum("/ssosp/oauth/token" in h for h in seen["hops"]) == 2
