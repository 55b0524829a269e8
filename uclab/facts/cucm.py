"""CUCM: enterprise parameters, the AuthZ (ssosp) and UDS URLs, the CLI, token and release facts
(fact sheet section 1; S1, S2, S5, S6, S23, S24, S25)."""

from uclab.facts.entry import SEED, Fact, Number

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
RTMT_TRUE = Fact("True", "S23", note="default of Use SSO for RTMT on a fresh install")
RTMT_FALSE = Fact("False", "S23", note="value of Use SSO for RTMT after an upgrade; from which "
                  "release an upgrade gives False, and whether it overrides a value an admin set, "
                  "is not documented [U]; uclab's upgrade keeps every value")
PARAM_ACCESS_EXPIRY_DEFAULT = Number(60, "S23, S1", note="minutes")
PARAM_ACCESS_EXPIRY_MIN = Number(1, "S23, S1", note="minutes")
PARAM_ACCESS_EXPIRY_MAX = Number(1440, "S23, S1", note="minutes")
PARAM_REFRESH_EXPIRY_DEFAULT = Number(60, "S23, S2, S9, S1", note="days, in every source")
PARAM_REFRESH_EXPIRY_MIN = Number(1, "S2, S9, S1", note="days")
PARAM_REFRESH_EXPIRY_MAX_90 = Number(
    90, "S1", note="days, TAC 212794 for 12.0; uclab applies it before 12.5 (an inference [U])")
PARAM_REFRESH_EXPIRY_MAX_365 = Number(
    365, "S2, S9", note="days, the 12.5 guides; uclab applies it from 12.5 on (an inference [U])")

# --- CUCM AuthZ (ssosp) URLs --------------------------------------------------------------------
CUCM_HTTPS_PORT = Number(8443, "S1, S2", kind="port",
                         note="Cisco Tomcat: ssosp and UDS (fact sheet 1.4, 1.6)")
SSOSP_BASE = Fact("/ssosp", "S24, S25, S2", kind="path",
                  note="the ssosp web application under Cisco Tomcat (fact sheet 1.6)")
SSOSP_AUTHORIZE = Fact("/ssosp/oauth/authorize", "S24, S25", note="implicit-grant authorize URL",
                       kind="path")
SSOSP_TOKEN = Fact(
    "/ssosp/oauth/token", "lab choice", confirmed=False,
    note="no source gives the code-grant token path (fact sheet 1.6); uclab uses this one",
    kind="path",
)
SSOSP_LOGIN = Fact(
    "/ssosp/oauth/login", "lab choice", confirmed=False,
    note="the CUCM login form's POST target is not documented; uclab uses this one", kind="path",
)
SSOSP_AUTHORIZE_PROXY = Fact(
    "/ssosp/oauth/authorize_proxy", SEED, confirmed=False,
    note="the request name authorize_proxy is seen in the seed article's Expressway-C trace; "
    "its path is concealed there, so this path is the lab's", kind="path",
)
AUTHORIZE_PROXY_REQUEST = Fact("authorize_proxy", SEED, confirmed=False, kind="request",
                               note="Expressway-C's request to CUCM that returns the "
                               "authorization code (seed article)")
HEADER_X_CREDENTIALS = Fact("X-Credentials", SEED, confirmed=False,
                            note="header on authorize_proxy, concealed in the seed's trace")
UDS_CLUSTER_USER = Fact(
    "/cucm-uds/clusterUser", "UDSSYS; seed article (field observation)", kind="path",
    note="GET https://{host}:8443/cucm-uds/clusterUser?username={userId} (or email=, "
    "useridentifier=; no authentication; at least one filter); UDS scans the local cluster, "
    "then fans out to remote clusters (DevNet UDS System Resources). The seed shows "
    "Expressway-C's edgeconfigprovision lookup answered with <clusterUser version=...>",
)
SSOSP_REVOKE = Fact("/ssosp/token/revoke", "S2, S4, S1", kind="path")
SSOSP_SAML_ACS = Fact(
    "/ssosp/saml/SSO/alias/", "lab choice", confirmed=False,
    note="SAML assertion consumer path of the lab's CUCM; real CUCM paths differ by release",
    kind="path",
)
CUCM_SP_ENTITY_ID = Fact("https://{host}:8443/ssosp", "lab choice", confirmed=False,
                         kind="format", note="the lab CUCM's SAML entity id; CUCM's real one is "
                         "not in the fact sheet")
SCOPE_UC = Fact("UnifiedCommunications:readwrite", "S24, S25")
AUDIENCE_UC = Fact(
    "UnifiedCommunications", "lab choice", confirmed=False,
    note="the inner (encrypted) claims of a CUCM access token are not published; uclab's "
    "claim names and the aud value derived from the scope name are a lab model",
)
BAD_REQUEST_TEXT = Fact(
    "The request is missing a required parameter, includes an invalid parameter value, "
    "includes a parameter more than once, or is otherwise malformed.",
    "S24, RFC 6749 §4.1.2.1",
    note='S24 shows the code unquoted and upper case ("error":INVALID_REQUEST); uclab sends '
    'the RFC 6749 form "invalid_request"',
)

# --- the CUCM login page (lab) -------------------------------------------------------------------
CUCM_LOGIN_TITLE = Fact("Cisco Unified Communications Manager - Sign In", "lab wording",
                        confirmed=False, note="the CUCM login page the seed shows in step 4 is "
                        "not reproduced in any source")
CUCM_LOGIN_ERROR = Fact("Invalid username or password.", "lab wording", confirmed=False)
LOGIN_FIELD_USER = Fact("j_username", "lab choice", confirmed=False,
                        note="servlet form-login field names; CUCM's form is not in the sources")
LOGIN_FIELD_PASSWORD = Fact("j_password", "lab choice", confirmed=False,
                            note="servlet form-login field names; CUCM's form is not in the "
                            "sources")

# --- UDS -----------------------------------------------------------------------------------------
UDS_USER_PREFIX = Fact("/cucm-uds/user/", "S17, S18", kind="path",
                       note="UDS user resource https://<cucm>:8443/cucm-uds/user/<userid>/devices")
UDS_USER_DEVICES = Fact("/cucm-uds/user/{user}/devices", "S17, S18", kind="format")
UDS_USER_XML = Fact(
    '<user version="{version}"><userName>{user}</userName><homeCluster>{home}</homeCluster>'
    "</user>", "lab model", confirmed=False, kind="format",
    note="the body of a UDS user answer is not in the fact sheet")
UDS_CLUSTER_USER_XML = Fact(
    '<clusterUser version="{version}" uri="https://{host}/cucm-uds/clusterUser?{query}">',
    "UDSSYS; seed article (field observation)", kind="format",
    note="the documented root (DevNet UDS System Resources, clusterUser; its uri has no port "
    'there); the seed shows version="11.5.1". Which host and release each placeholder stands '
    "for is the lab's reading: the asked node, the asked cluster's release [U]")

# --- HTTP authentication challenges ------------------------------------------------------------
CUCM_BASIC_REALM = Fact("Cisco Web Services Realm", "S17, S18",
                        note="CUCM's Basic challenge (UDS); uclab uses it for every CUCM web API")
SSOSP_CLIENT_REALM = Fact("ssosp", "lab choice", confirmed=False,
                          note="the realm of the token endpoint's Basic challenge is not published")

# --- CUCM CLI (S5, S1) ---------------------------------------------------------------------------
CLI_SHOW_SIGNING = Fact("show key authz signing", "S5, S1", kind="cli")
CLI_SHOW_ENCRYPTION = Fact("show key authz encryption", "S5, S1", kind="cli")
CLI_REGEN_SIGNING = Fact("set key regen authz signing", "S5, S1", kind="cli")
CLI_REGEN_ENCRYPTION = Fact("set key regen authz encryption", "S5, S1", kind="cli")
CLI_CHECKSUM_FORMAT = Fact(
    "{name} key checksum: {checksum}", "lab choice", confirmed=False,
    note="the output format of show key authz is not published (fact sheet 6.5); the CLI "
    "prints a checksum, not the key", kind="cli",
)
CLI_NO_KEY = Fact("{host}: no authz {kind} key", "lab wording", confirmed=False, kind="cli")
CLI_REGEN_PROMPT = Fact(
    "Regenerating the key invalidates every access and refresh token; all users must sign in "
    "again. Continue (yes/no)? ", "lab wording", confirmed=False, kind="cli",
    note="the command asks for yes (S5, S1); the prompt's wording is the lab's")
CLI_REGEN_DONE = Fact("authz {kind} key regenerated: {checksum_line}", "lab wording",
                      confirmed=False, kind="cli")
KID_FORMAT = Fact(
    "<uuid>:<64 hex>", "S1 (decoded from the sample)",
    note="that the uuid is the cluster id and the hex the key checksum is an inference [U]",
)
REFRESH_TABLE = Fact("refreshtokendetails", "S1")
REFRESH_TABLE_COLUMNS = Fact("pkid,refreshtokenindex,userid,clientid,validity,state", "S1",
                             note="the columns S1's run sql query selects")
REFRESH_PURGE_TIME = Fact("02:00", "S1", note="expired refresh tokens are purged daily")

# --- Releases (S1, S2, S6, S11, S13) -------------------------------------------------------------
RELEASE_IMPLICIT = Fact("10.5(2)", "S6", note="simple OAuth over MRA: CUCM/IM&P/CUC 10.5(2)+")
RELEASE_REFRESH = Fact("11.5(1)SU3", "S1, S2, S6, S11, S13", note="also 12.0")
RELEASE_REFRESH_RANGE_365 = Fact(
    "12.5(1)", "S2, S9", confirmed=False,
    note="first release whose guide gives 1-365 days for the refresh timer (inference)",
)
SSO_IMPLICIT = Fact("SAML SSO", "S6", note="simple OAuth over MRA works only with SAML SSO")

# --- Users and roles -----------------------------------------------------------------------------
ROLE_AXL = Fact("Standard AXL API Access", "CUCM role name", confirmed=False,
                note="the revoke API is protected by AXL credentials (S2, S4)")
