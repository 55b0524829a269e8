"""uclab.sim.expressway.settings: the MRA Access Control page (S6, S7) and xConfiguration (seed)."""

import dataclasses

import pytest

import uclab
from uclab.facts import SEED, Fact
from uclab.sim.expressway import settings
from uclab.sim.expressway.settings import MraAccessControl, XConfiguration

# Fact sheet 2.1: field labels exactly as the GUI shows them, with their defaults once MRA is on.
DEFAULT_ROWS = [
    ("Authentication path", "UCM/LDAP basic authentication"),
    ("Authorize by OAuth token with refresh", "On"),
    ("Authorize by OAuth token", "Off"),
    ("Authorize by user credentials", "Off"),
    ("Check for internal authentication availability", "No"),
    ("Allow Jabber iOS clients to use embedded Safari", "No"),
    ("SIP token extra time to live", "0"),
]
# Seed article: the stuck running configuration, as Expressway-C printed it.
SEED_STUCK_LISTING = ("*c xConfiguration CollaborationEdge LegacyCred: On\n"
                      "*c xConfiguration CollaborationEdge OAuthLocal: Off")


def test_defaults_equal_the_fact_sheet():
    page = MraAccessControl()
    assert page.authentication_path == "UCM/LDAP basic authentication"
    assert page.authorize_by_oauth_token_with_refresh is True
    assert page.authorize_by_oauth_token is False
    assert page.authorize_by_user_credentials is False
    assert page.check_for_internal_authentication_availability is False
    assert page.allow_jabber_ios_embedded_safari is False
    assert page.sip_token_extra_time_to_live == 0
    page.check()  # the defaults are a valid page
    assert uclab.Lab(seed=1).expc.access == page  # a new Expressway-C has them


def test_rows_show_the_page_with_the_fact_labels():
    rows = MraAccessControl().rows()
    assert rows == DEFAULT_ROWS
    constants = [settings.AUTH_PATH, settings.OAUTH_REFRESH, settings.OAUTH_TOKEN,
                 settings.USER_CREDS, settings.CHECK_INTERNAL, settings.IOS_SAFARI,
                 settings.SIP_TOKEN_TTL]
    assert [label for label, _ in rows] == constants
    assert all(isinstance(c, Fact) and c.source.startswith("S6") for c in constants)


def test_rows_render_on_off_and_yes_no():
    page = MraAccessControl().changed(
        authentication_path="SAML SSO and UCM/LDAP", authorize_by_oauth_token_with_refresh=False,
        authorize_by_oauth_token=True, authorize_by_user_credentials=True,
        check_for_internal_authentication_availability=True,
        allow_jabber_ios_embedded_safari=True, sip_token_extra_time_to_live=30)
    assert [value for _, value in page.rows()] == [
        "SAML SSO and UCM/LDAP", "Off", "On", "On", "Yes", "Yes", "30"]


def test_path_options_and_what_they_allow():
    assert settings.PATHS == ("SAML SSO authentication", "UCM/LDAP basic authentication",
                              "SAML SSO and UCM/LDAP", "None")
    kinds = {p: (MraAccessControl(authentication_path=p).saml_path,
                 MraAccessControl(authentication_path=p).ucm_path) for p in settings.PATHS}
    assert kinds == {"SAML SSO authentication": (True, False),
                     "UCM/LDAP basic authentication": (False, True),
                     "SAML SSO and UCM/LDAP": (True, True), "None": (False, False)}


def test_changed_returns_a_new_page_and_keeps_the_old():
    page = MraAccessControl()
    new = page.changed(authorize_by_user_credentials=True)
    assert new.authorize_by_user_credentials is True
    assert page.authorize_by_user_credentials is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.authorize_by_user_credentials = True  # type: ignore[misc]


@pytest.mark.parametrize("values, message", [
    ({"authentication_path": "LDAP"},
     "Authentication path takes one of SAML SSO authentication, UCM/LDAP basic authentication, "
     "SAML SSO and UCM/LDAP, None (got 'LDAP')"),
    ({"authorize_by_oauth_token": True},
     "'Authorize by OAuth token' needs a SAML Authentication path (S6)"),
    ({"authentication_path": "SAML SSO authentication", "authorize_by_user_credentials": True},
     "'Authorize by user credentials' needs a UCM/LDAP Authentication path (S6)"),
    ({"authorize_by_oauth_token_with_refresh": False,
      "check_for_internal_authentication_availability": True},
     "'Check for internal authentication availability' applies only when an OAuth option is "
     "On (S6)"),
    ({"sip_token_extra_time_to_live": -1}, "'SIP token extra time to live' is a number of "
                                           "seconds >= 0"),
    ({"sip_token_extra_time_to_live": 1.5}, "'SIP token extra time to live' is a number of "
                                            "seconds >= 0"),
    ({"sip_token_extra_time_to_live": True}, "'SIP token extra time to live' is a number of "
                                             "seconds >= 0"),
])
def test_check_refuses_each_constraint_with_its_message(values, message):
    with pytest.raises(uclab.ConfigError) as err:
        MraAccessControl().changed(**values)
    assert str(err.value) == message
    page = MraAccessControl(**values)  # built directly, the same check refuses it
    with pytest.raises(uclab.ConfigError):
        page.check()


@pytest.mark.parametrize("values", [
    {"authentication_path": "SAML SSO authentication", "authorize_by_oauth_token": True},
    {"authentication_path": "SAML SSO and UCM/LDAP", "authorize_by_oauth_token": True,
     "authorize_by_user_credentials": True},
    {"authorize_by_oauth_token_with_refresh": False, "authorize_by_user_credentials": True},
    {"check_for_internal_authentication_availability": True},
    {"authentication_path": "None", "authorize_by_oauth_token_with_refresh": False},
])
def test_check_accepts_valid_combinations(values):
    MraAccessControl().changed(**values).check()


@pytest.mark.parametrize("field", ["authorize_by_oauth_token_with_refresh",
                                   "authorize_by_oauth_token", "authorize_by_user_credentials",
                                   "check_for_internal_authentication_availability",
                                   "allow_jabber_ios_embedded_safari"])
@pytest.mark.parametrize("value", ["Off", "No", 0, None])
def test_on_off_fields_take_booleans_only(field, value):
    # "Off" is a truthy string: accepting it would silently turn the option On.
    with pytest.raises(uclab.ConfigError, match=f"{field} takes True .On/Yes. or False"):
        MraAccessControl().changed(**{field: value})


def test_unknown_field_names_are_refused_with_the_known_ones():
    with pytest.raises(uclab.ConfigError) as err:
        MraAccessControl().changed(sso_mode=True, oauth_local=True)
    assert str(err.value) == (
        "no MRA Access Control field ['oauth_local', 'sso_mode']; fields: "
        "allow_jabber_ios_embedded_safari, authentication_path, authorize_by_oauth_token, "
        "authorize_by_oauth_token_with_refresh, authorize_by_user_credentials, "
        "check_for_internal_authentication_availability, sip_token_extra_time_to_live")


def test_from_page_maps_oauth_refresh_and_user_credentials():
    assert XConfiguration.from_page(MraAccessControl()) == XConfiguration(
        oauth_local=True, legacy_cred=False)
    page = MraAccessControl().changed(authorize_by_oauth_token_with_refresh=False,
                                      authorize_by_user_credentials=True)
    assert XConfiguration.from_page(page) == XConfiguration(oauth_local=False, legacy_cred=True)
    other = MraAccessControl().changed(authentication_path="SAML SSO and UCM/LDAP",
                                       authorize_by_oauth_token=True,
                                       check_for_internal_authentication_availability=True,
                                       allow_jabber_ios_embedded_safari=True)
    # the other fields have no xConfiguration name in any source
    assert XConfiguration.from_page(other) == XConfiguration(oauth_local=True, legacy_cred=False)


def test_listing_is_in_the_seed_form():
    assert XConfiguration(oauth_local=False, legacy_cred=True).listing() == SEED_STUCK_LISTING
    assert XConfiguration(oauth_local=True, legacy_cred=True).listing() == (
        "*c xConfiguration CollaborationEdge LegacyCred: On\n"
        "*c xConfiguration CollaborationEdge OAuthLocal: On")
    assert XConfiguration(oauth_local=True, legacy_cred=False).listing() == (
        "*c xConfiguration CollaborationEdge LegacyCred: Off\n"
        "*c xConfiguration CollaborationEdge OAuthLocal: On")


def test_xconfiguration_names_are_labelled_field_observations():
    for name in (settings.XCONF_OAUTH_LOCAL, settings.XCONF_LEGACY_CRED):
        assert name.source == SEED and name.label == "[U]" and "inference" in name.note
    assert settings.XCONF_OAUTH_LOCAL == "CollaborationEdge OAuthLocal"
    assert settings.XCONF_LEGACY_CRED == "CollaborationEdge LegacyCred"
    assert settings.PAGE == ("Configuration > Unified Communications > Configuration > "
                             "MRA Access Control")
