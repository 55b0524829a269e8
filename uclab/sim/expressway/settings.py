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
from uclab.facts import (
    AUTH_PATH,
    AUTH_PATH_DEFAULT,
    CHECK_INTERNAL,
    CHECK_INTERNAL_DEFAULT,
    IOS_SAFARI,
    IOS_SAFARI_DEFAULT,
    MRA_PAGE,
    NO,
    OAUTH_REFRESH,
    OAUTH_REFRESH_DEFAULT,
    OAUTH_TOKEN,
    OAUTH_TOKEN_DEFAULT,
    OFF,
    ON,
    PATH_BOTH,
    PATH_NONE,
    PATH_SAML,
    PATH_UCM,
    SIP_TOKEN_TTL,
    SIP_TOKEN_TTL_DEFAULT,
    USER_CREDS,
    USER_CREDS_DEFAULT,
    XCONF_LEGACY_CRED,
    XCONF_OAUTH_LOCAL,
    XCONF_PREFIX,
    YES,
)

#: The page's name, as tests read it (``settings.PAGE``); the registry calls it MRA_PAGE.
PAGE = MRA_PAGE
PATHS = (str(PATH_SAML), str(PATH_UCM), str(PATH_BOTH), str(PATH_NONE))


@dataclass(frozen=True)
class MraAccessControl:
    """The values on the MRA Access Control page (defaults once MRA is on, S6, S7)."""

    authentication_path: str = str(AUTH_PATH_DEFAULT)
    authorize_by_oauth_token_with_refresh: bool = OAUTH_REFRESH_DEFAULT == ON
    authorize_by_oauth_token: bool = OAUTH_TOKEN_DEFAULT == ON
    authorize_by_user_credentials: bool = USER_CREDS_DEFAULT == ON
    check_for_internal_authentication_availability: bool = CHECK_INTERNAL_DEFAULT == YES
    allow_jabber_ios_embedded_safari: bool = IOS_SAFARI_DEFAULT == YES
    sip_token_extra_time_to_live: int = int(SIP_TOKEN_TTL_DEFAULT)

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
            return str(ON if v else OFF)

        def yesno(v: bool) -> str:
            return str(YES if v else NO)

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
            f"{XCONF_PREFIX}{XCONF_LEGACY_CRED}: {ON if self.legacy_cred else OFF}",
            f"{XCONF_PREFIX}{XCONF_OAUTH_LOCAL}: {ON if self.oauth_local else OFF}",
        ])
