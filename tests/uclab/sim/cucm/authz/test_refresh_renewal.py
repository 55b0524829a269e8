"""CUCM 15's refresh-token renewal for Webex clients (S3 chunk 241): a new refresh token at a
refresh once 50 % of its lifetime has passed, only for a Webex client, only on CUCM 15 or later,
only when enabled in CUCM and in the app; the Webex app's sign-in is Jabber's flow."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab

HALF = int(facts.PARAM_REFRESH_EXPIRY_DEFAULT) * 86400 * int(facts.RENEWAL_PERCENT) // 100


def _signed_in(client="webex", version="15.0(1)", on_cucm=True, on_app=True):
    lab = Lab(seed=3, cucm_version=version, client=client, client_renewal=on_app)
    lab.configure_oauth()
    if on_cucm:
        lab.cucm.enable_refresh_token_renewal()
    assert lab.client.sign_in(xmpp=False)
    return lab, lab.client


def _refresh_at(lab, client, seconds_after_sign_in, start):
    lab.advance(seconds=start + seconds_after_sign_in - lab.now)
    before = client.tokens.refresh_token
    assert client.refresh()
    return client.tokens.refresh_token != before


def test_the_webex_app_signs_in_with_jabber_s_hops():
    jabber = Lab(seed=2)
    jabber.configure_oauth()
    webex = Lab(seed=2, client="webex")
    webex.configure_oauth()
    assert jabber.client.sign_in() and webex.client.sign_in()

    def shape(lab, name):
        return [h.replace(name, "CLIENT").split("?")[0] for h in lab.hops()]

    assert shape(jabber, "jabber-alice") == shape(webex, "webex-alice")
    sent = webex.exchanges[2].request.headers["user-agent"]
    assert sent.startswith("Webex/") and webex.client.client_id != str(facts.JABBER_CLIENT_ID)


def test_renewal_happens_exactly_from_50_percent_and_only_then():
    lab, client = _signed_in()
    start = lab.now
    rows_before = len(lab.cucm.refresh_token_rows())
    assert not _refresh_at(lab, client, HALF - 1, start)
    assert len(lab.cucm.refresh_token_rows()) == rows_before
    first_expiry = client.tokens.refresh_expires_at
    assert _refresh_at(lab, client, HALF, start)
    assert client.tokens.refresh_expires_at == lab.now + \
        int(facts.PARAM_REFRESH_EXPIRY_DEFAULT) * 86400 > first_expiry
    assert len(lab.cucm.refresh_token_rows()) == rows_before + 1
    # the new token is young: the next refresh does not renew again
    assert not _refresh_at(lab, client, HALF + 3600, start)


def test_the_refresh_hop_carries_the_new_refresh_token_back_through_expressway():
    lab, client = _signed_in()
    lab.advance(seconds=HALF)
    start = len(lab.exchanges)
    assert client.refresh()
    hops = lab.hops(start)
    assert hops == ["webex-alice -> expe: POST /ZXhhbXBsZS5jb20/access_token -> 200",
                    "expe -> expc: POST /ZXhhbXBsZS5jb20/access_token -> 200",
                    "expc -> cucm-pub: POST /ssosp/oauth/token -> 200"]
    answer = lab.exchanges[-1].response.json()
    assert answer["refresh_token"] and answer["refresh_token_expires_in"] == \
        int(facts.PARAM_REFRESH_EXPIRY_DEFAULT) * 86400


def test_the_old_refresh_token_stays_valid_until_it_expires_a_lab_model():
    lab, client = _signed_in()
    old = client.tokens.refresh_token
    lab.advance(seconds=HALF)
    assert client.refresh() and client.tokens.refresh_token != old
    assert str(facts.RENEWAL_OLD_TOKEN.source) == "lab model"
    client.tokens.refresh_token = old
    assert client.refresh()  # the lab does not revoke it: S3 does not say


@pytest.mark.parametrize(("client", "version", "on_cucm", "on_app"), [
    ("jabber", "15.0(1)", True, False),     # Jabber: not a Webex client
    ("webex", "15.0(1)", True, False),      # the app's side off
    ("webex", "15.0(1)", False, True),      # CUCM's side off
    ("webex", "14.0(1)SU3", False, True),   # CUCM 14: no renewal at all
])
def test_no_renewal_unless_a_webex_app_on_cucm_15_with_both_sides_on(client, version, on_cucm,
                                                                     on_app):
    lab, jab = _signed_in(client, version, on_cucm, on_app)
    assert not _refresh_at(lab, jab, HALF + 86400, lab.now)


def test_cucm_before_15_refuses_the_setting():
    lab = Lab(seed=1)
    with pytest.raises(ConfigError, match="Release 15"):
        lab.cucm.enable_refresh_token_renewal()
    lab.cucm.upgrade("15.0(1)")
    lab.cucm.enable_refresh_token_renewal()
    assert lab.cucm.refresh_token_renewal


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(), st.none(), st.booleans()),
       st.one_of(st.booleans(), st.integers(), st.text(max_size=5), st.none()))
def test_a_wrong_client_kind_or_renewal_setting_is_a_config_error(kind, renewal):
    good = kind in ("jabber", "webex") and isinstance(renewal, bool) and \
        (kind == "webex" or renewal is False)
    if good:
        Lab(seed=1, client=kind, client_renewal=renewal)
        return
    with pytest.raises(ConfigError):
        Lab(seed=1, client=kind, client_renewal=renewal)


@settings(max_examples=20, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=5), st.none()))
def test_the_cucm_switch_takes_only_a_bool(value):
    lab = Lab(seed=1, cucm_version="15.0(1)")
    with pytest.raises(ConfigError):
        lab.cucm.enable_refresh_token_renewal(value)
