"""Expressway-C's MRA Access Control page and the xConfiguration names the seed shows.

Page: Configuration > Unified Communications > Configuration > MRA Access Control (S6, S7).
Field names, options and defaults are those of the fact sheet (section 2.1). The
xConfiguration names ``CollaborationEdge OAuthLocal`` and ``LegacyCred`` appear only in the
seed article (field observation); which GUI field each maps to is not documented, and uclab's
mapping (OAuthLocal = "Authorize by OAuth token with refresh", LegacyCred = "Authorize by user
credentials") is an inference [U].
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from uclab.core.errors import ConfigError
from uclab.facts import SEED, Fact

PAGE = Fact("Configuration > Unified Communications > Configuration > MRA Access Control",
            "S6, S7")
AUTH_PATH = Fact("Authentication path", "S6, S7")
PATH_SAML = Fact("SAML SSO authentication", "S6")
PATH_UCM = Fact("UCM/LDAP basic authentication", "S6")
PATH_BOTH = Fact("SAML SSO and UCM/LDAP", "S6")
PATH_NONE = Fact("None", "S6")
OAUTH_REFRESH = Fact("Authorize by OAuth token with refresh", "S6, S7")
OAUTH_TOKEN = Fact("Authorize by OAuth token", "S6, S7", note='previously "SSO Mode"')
USER_CREDS = Fact("Authorize by user credentials", "S6, S7",
                  note='the GUI spelling varies between "credential" and "credentials"')
CHECK_INTERNAL = Fact("Check for internal authentication availability", "S6, S7")
IOS_SAFARI = Fact("Allow Jabber iOS clients to use embedded Safari", "S6, S11")
SIP_TOKEN_TTL = Fact("SIP token extra time to live", "S6")
ACTIVATION_CODE = Fact("Allow activation code onboarding", "S6, S34")
WEBEX_BROWSER = Fact("WebEx Client Embedded Browser Support", "S6")
XCONF_OAUTH_LOCAL = Fact("CollaborationEdge OAuthLocal", SEED, confirmed=False,
                         note="mapped by uclab to 'Authorize by OAuth token with refresh' "
                         "(inference; the Jabber guide's old label is 'O-Auth local "
                         "authentication', S11)")
XCONF_LEGACY_CRED = Fact("CollaborationEdge LegacyCred", SEED, confirmed=False,
                         note="mapped by uclab to 'Authorize by user credentials' (inference)")

PATHS = (str(PATH_SAML), str(PATH_UCM), str(PATH_BOTH), str(PATH_NONE))


@dataclass(frozen=True)
class MraAccessControl:
    """The values on the MRA Access Control page (defaults once MRA is on, S6, S7)."""

    authentication_path: str = str(PATH_UCM)
    authorize_by_oauth_token_with_refresh: bool = True
    authorize_by_oauth_token: bool = False
    authorize_by_user_credentials: bool = False
    check_for_internal_authentication_availability: bool = False
    allow_jabber_ios_embedded_safari: bool = False
    sip_token_extra_time_to_live: int = 0

    @property
    def saml_path(self) -> bool:
        return self.authentication_path in (str(PATH_SAML), str(PATH_BOTH))

    @property
    def ucm_path(self) -> bool:
        return self.authentication_path in (str(PATH_UCM), str(PATH_BOTH))

    def changed(self, **values: object) -> MraAccessControl:
        """A copy with the given fields changed, checked as the page checks them."""
        names = {f.name for f in fields(self)}
        bad = set(values) - names
        if bad:
            raise ConfigError(f"no MRA Access Control field {sorted(bad)}; fields: "
                              f"{', '.join(sorted(names))}")
        new = replace(self, **values)  # type: ignore[arg-type]
        new.check()
        return new

    def check(self) -> None:
        for f in fields(self):  # a truthy "Off" must not silently turn an option On
            value = getattr(self, f.name)
            if isinstance(f.default, bool) and not isinstance(value, bool):
                raise ConfigError(f"{f.name} takes True (On/Yes) or False (Off/No) "
                                  f"(got {value!r})")
        if self.authentication_path not in PATHS:
            raise ConfigError(f"{AUTH_PATH} takes one of {', '.join(PATHS)} "
                              f"(got {self.authentication_path!r})")
        if self.authorize_by_oauth_token and not self.saml_path:
            raise ConfigError(f"'{OAUTH_TOKEN}' needs a SAML {AUTH_PATH} (S6)")
        if self.authorize_by_user_credentials and not self.ucm_path:
            raise ConfigError(f"'{USER_CREDS}' needs a UCM/LDAP {AUTH_PATH} (S6)")
        if self.check_for_internal_authentication_availability and not (
                self.authorize_by_oauth_token_with_refresh or self.authorize_by_oauth_token):
            raise ConfigError(f"'{CHECK_INTERNAL}' applies only when an OAuth option is On (S6)")
        if isinstance(self.sip_token_extra_time_to_live, bool) or \
                not isinstance(self.sip_token_extra_time_to_live, int) or \
                self.sip_token_extra_time_to_live < 0:
            raise ConfigError(f"'{SIP_TOKEN_TTL}' is a number of seconds >= 0")

    def rows(self) -> list[tuple[str, str]]:
        """The page as label/value rows."""
        def onoff(v: bool) -> str:
            return "On" if v else "Off"

        def yesno(v: bool) -> str:
            return "Yes" if v else "No"

        return [
            (str(AUTH_PATH), self.authentication_path),
            (str(OAUTH_REFRESH), onoff(self.authorize_by_oauth_token_with_refresh)),
            (str(OAUTH_TOKEN), onoff(self.authorize_by_oauth_token)),
            (str(USER_CREDS), onoff(self.authorize_by_user_credentials)),
            (str(CHECK_INTERNAL), yesno(self.check_for_internal_authentication_availability)),
            (str(IOS_SAFARI), yesno(self.allow_jabber_ios_embedded_safari)),
            (str(SIP_TOKEN_TTL), str(self.sip_token_extra_time_to_live)),
        ]


@dataclass(frozen=True)
class XConfiguration:
    """The running ``xConfiguration CollaborationEdge`` values the XCP side uses."""

    oauth_local: bool
    legacy_cred: bool

    @classmethod
    def from_page(cls, page: MraAccessControl) -> XConfiguration:
        return cls(page.authorize_by_oauth_token_with_refresh, page.authorize_by_user_credentials)

    def listing(self) -> str:
        """As ``xConfiguration CollaborationEdge`` prints it in the seed article."""
        return "\n".join([
            f"*c xConfiguration {XCONF_LEGACY_CRED}: {'On' if self.legacy_cred else 'Off'}",
            f"*c xConfiguration {XCONF_OAUTH_LOCAL}: {'On' if self.oauth_local else 'Off'}",
        ])
