"""The lab model of IM&P push to a suspended iOS client (IMPPUSH14, S9, S6): foreground needs no
push, suspended without push gets nothing, suspended with push wakes and reconnects over MRA,
and only the refresh reaches CUCM because Expressway and IM&P validate the token themselves."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.workbook.probes import nb11_apns


def test_suspended_with_push_wakes_refreshes_and_reconnects():
    lab, delivery = nb11_apns.ios_im(1, suspended=True, push=True, hours=2.0)
    assert delivery and delivery.refreshed
    hops = [lab.exchanges[i] for i in delivery.exchanges]
    assert [(h.src, h.dst) for h in hops[:2]] == [("imp-pub", "cisco-push"),
                                                 ("cisco-push", "apns")]
    assert [h.dst for h in hops if h.dst.startswith("cucm")] == ["cucm-pub"]
    assert "OAUTHBEARER" in lab.hops(delivery.exchanges[-1])[0]


def test_no_refresh_when_the_access_token_is_still_valid():
    lab, delivery = nb11_apns.ios_im(1, suspended=True, push=True, hours=0.5)
    assert delivery and not delivery.refreshed
    assert not any(lab.exchanges[i].dst.startswith("cucm") for i in delivery.exchanges)


def test_without_push_nothing_reaches_the_suspended_app_and_foreground_needs_none():
    lab, delivery = nb11_apns.ios_im(1, suspended=True, push=False)
    assert not delivery and delivery.exchanges == []
    lab, delivery = nb11_apns.ios_im(1, suspended=False, push=True)
    assert delivery and delivery.exchanges == []


def test_the_clouds_are_labelled_lab_models():
    for entry in (facts.PUSH_CLOUD_HOST, facts.APNS_HOST, facts.PUSH_PATH):
        assert entry.evidence == "lab-only"
    assert facts.PUSH_SUSPENDED_MODE.evidence == "documented"


def test_a_bad_push_request_gets_a_4xx():
    lab = Lab(seed=1)
    lab.add_push()
    s = lab.session()
    url = f"https://{facts.PUSH_CLOUD_HOST}{facts.PUSH_PATH}"
    assert s.post(url, data=b"not json").status_code == 400
    assert s.post(url, json={"kind": "im"}).status_code == 400
    assert s.get(url).status_code == 404


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.text(max_size=4), st.integers(), st.none(), st.floats(allow_nan=True)),
       st.one_of(st.text(max_size=3), st.integers(min_value=2), st.none()))
def test_bad_scenario_inputs_are_config_errors(hours, suspended):
    good_hours = isinstance(hours, int | float) and not isinstance(hours, bool) \
        and 0 <= hours <= 48
    if good_hours:
        hours = "x"
    with pytest.raises(ConfigError):
        nb11_apns.ios_im(1, suspended=True, hours=hours)
    lab = Lab(seed=1)
    lab.configure_oauth()
    push = lab.add_push()
    client = lab.jabber("alice")
    with pytest.raises(ConfigError):
        push.deliver_im(client, sender="bob", suspended=False)  # not signed in
    assert client.sign_in()
    with pytest.raises(ConfigError):
        push.deliver_im(client, sender="bob", suspended=suspended)
    with pytest.raises(ConfigError):
        lab.add_push(enabled=suspended)
