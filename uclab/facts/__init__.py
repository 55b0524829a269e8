"""Every product-facing string of the lab, each in one place with its source.

The source keys (S1, S2, ...) are those of the project's fact sheet
(``shared/facts/cisco-uc-oauth.md``); ``confirmed=False`` marks an [U] fact: inferred,
third-party, a field observation from the seed article, or a choice the lab had to make
where no source exists. Code and notebooks refer to these constants, never to a retyped copy.

A :class:`Fact` *is* its text (a ``str`` subclass), so it can be used wherever the plain
string is expected, and still answers ``.source``, ``.confirmed`` and ``.note``.
"""

from __future__ import annotations

SEED = "seed article (field observation)"


class Fact(str):
    """A product string together with where it comes from."""

    source: str
    confirmed: bool
    note: str

    def __new__(cls, text: str, source: str, confirmed: bool = True, note: str = "") -> Fact:
        self = super().__new__(cls, text)
        self.source = source
        self.confirmed = confirmed
        self.note = note
        return self

    @property
    def label(self) -> str:
        """``[C]`` for a confirmed fact, ``[U]`` for an uncertain one (fact-sheet labels)."""
        return "[C]" if self.confirmed else "[U]"

    def cite(self) -> str:
        """The text with its label and source, as a notebook shows it."""
        extra = f" — {self.note}" if self.note else ""
        return f"{str(self)!r} {self.label} ({self.source}){extra}"


# --- CUCM enterprise parameters (System > Enterprise Parameters) -------------------------------
PARAM_SECTION = Fact(
    "SSO and OAuth Configuration", "S23, S15",
    note='some procedures and the Jabber guide call the section "SSO Configuration" (S2, S11); '
    "which release renamed it is unknown",
)
PARAM_REFRESH_FLOW = Fact("OAuth with Refresh Login Flow", "S23, S2, S1")
PARAM_ACCESS_EXPIRY = Fact("OAuth Access Token Expiry Timer (minutes)", "S23, S1")
PARAM_REFRESH_EXPIRY = Fact(
    "OAuth Refresh Token Expiry Timer (days)", "S23, S2, S9, S1",
    note="range 1-90 in TAC 212794 for 12.0 (S1), 1-365 in the 12.5 guides (S2, S9); "
    "uclab applies 1-90 before 12.5 and 1-365 from 12.5 on, an inference [U]",
)
PARAM_IOS_SSO = Fact("SSO Login Behavior for iOS", "S23")
PARAM_RTMT_SSO = Fact("Use SSO for RTMT", "S23")
PARAM_REDIRECT_URIS = Fact("Redirect URIs for Third Party SSO Client", "S23, S24")
ENABLED = Fact("Enabled", "S23")
DISABLED = Fact("Disabled", "S23")
IOS_EMBEDDED = Fact("Use Embedded Browser", "S23")
IOS_NATIVE = Fact("Use Native Browser", "S23")

# --- CUCM AuthZ (ssosp) URLs --------------------------------------------------------------------
CUCM_HTTPS_PORT = 8443  # Cisco Tomcat, S1/S2 [C]
SSOSP_AUTHORIZE = Fact("/ssosp/oauth/authorize", "S24, S25", note="implicit-grant authorize URL")
SSOSP_TOKEN = Fact(
    "/ssosp/oauth/token", "lab choice", confirmed=False,
    note="no source gives the code-grant token path (fact sheet 1.6); uclab uses this one",
)
SSOSP_LOGIN = Fact(
    "/ssosp/oauth/login", "lab choice", confirmed=False,
    note="the CUCM login form's POST target is not documented; uclab uses this one",
)
SSOSP_AUTHORIZE_PROXY = Fact(
    "/ssosp/oauth/authorize_proxy", SEED, confirmed=False,
    note="the request name authorize_proxy is seen in the seed article's Expressway-C trace; "
    "its path is concealed there, so this path is the lab's",
)
HEADER_X_CREDENTIALS = Fact("X-Credentials", SEED, confirmed=False,
                            note="header on authorize_proxy, concealed in the seed's trace")
UDS_CLUSTER_USER = Fact(
    "/cucm-uds/clusterUser", SEED, confirmed=False,
    note="the seed shows Expressway-C's edgeconfigprovision lookup answered with "
    "<clusterUser version=...>; the query path and parameters are the lab's",
)
SSOSP_REVOKE = Fact("/ssosp/token/revoke", "S2, S4, S1")
SSOSP_SAML_ACS = Fact(
    "/ssosp/saml/SSO/alias/", "lab choice", confirmed=False,
    note="SAML assertion consumer path of the lab's CUCM; real CUCM paths differ by release",
)
LAB_METADATA = Fact(
    "/.well-known/oauth-authorization-server/ssosp", "RFC 8414 §3 (lab extension)",
    confirmed=False, note="CUCM publishes no RFC 8414 metadata; this is a uclab extension",
)
LAB_JWKS = Fact(
    "/ssosp/oauth/jwks", "RFC 7517 (lab extension)", confirmed=False,
    note="CUCM publishes no JWKS; uclab publishes the public signing key for generic clients",
)
SCOPE_UC = Fact("UnifiedCommunications:readwrite", "S24, S25")
AUDIENCE_UC = Fact(
    "UnifiedCommunications", "lab choice", confirmed=False,
    note="the inner (encrypted) claims of a CUCM access token are not published; uclab's "
    "claim names and the aud value derived from the scope name are a lab model",
)
JABBER_CLIENT_ID = Fact(
    "C41eb54529dd9907e01d3744ead3a991ba9cc4c772b0497ebe8a103fa69fe81a8", "S25", confirmed=False,
    note="third-party app; the seed's Jabber for Windows trace shows another id of the same "
    "form, so the id may differ by build or platform",
)
BAD_REQUEST_TEXT = Fact(
    "The request is missing a required parameter, includes an invalid parameter value, "
    "includes a parameter more than once, or is otherwise malformed.",
    "S24, RFC 6749 §4.1.2.1",
    note='S24 shows the code unquoted and upper case ("error":INVALID_REQUEST); uclab sends '
    'the RFC 6749 form "invalid_request"',
)

# --- HTTP authentication challenges ------------------------------------------------------------
CUCM_BASIC_REALM = Fact("Cisco Web Services Realm", "S17, S18",
                        note="CUCM's Basic challenge (UDS); uclab uses it for every CUCM web API")
SSOSP_CLIENT_REALM = Fact("ssosp", "lab choice", confirmed=False,
                          note="the realm of the token endpoint's Basic challenge is not published")

# --- CUCM CLI (S5, S1) ---------------------------------------------------------------------------
CLI_SHOW_SIGNING = Fact("show key authz signing", "S5, S1")
CLI_SHOW_ENCRYPTION = Fact("show key authz encryption", "S5, S1")
CLI_REGEN_SIGNING = Fact("set key regen authz signing", "S5, S1")
CLI_REGEN_ENCRYPTION = Fact("set key regen authz encryption", "S5, S1")
CLI_CHECKSUM_FORMAT = Fact(
    "{name} key checksum: {checksum}", "lab choice", confirmed=False,
    note="the output format of show key authz is not published (fact sheet 6.5); the CLI "
    "prints a checksum, not the key",
)
KID_FORMAT = Fact(
    "<uuid>:<64 hex>", "S1 (decoded from the sample)",
    note="that the uuid is the cluster id and the hex the key checksum is an inference [U]",
)
REFRESH_TABLE = Fact("refreshtokendetails", "S1")
REFRESH_PURGE_TIME = Fact("02:00", "S1", note="expired refresh tokens are purged daily")

# --- Releases (S1, S2, S6, S11, S13) -------------------------------------------------------------
RELEASE_IMPLICIT = Fact("10.5(2)", "S6", note="simple OAuth over MRA: CUCM/IM&P/CUC 10.5(2)+")
RELEASE_REFRESH = Fact("11.5(1)SU3", "S1, S2, S6, S11, S13", note="also 12.0")
RELEASE_REFRESH_RANGE_365 = Fact(
    "12.5(1)", "S2, S9", confirmed=False,
    note="first release whose guide gives 1-365 days for the refresh timer (inference)",
)

# --- Users and roles -----------------------------------------------------------------------------
ROLE_AXL = Fact("Standard AXL API Access", "CUCM role name", confirmed=False,
                note="the revoke API is protected by AXL credentials (S2, S4)")
