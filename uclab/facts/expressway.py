"""Expressway-C/E: MRA Access Control, Unified CM servers, edge requests and URLs, intrusion
protection, the releases MRA OAuth needs (fact sheet section 2; S6, S7, S8, S17, S18; seed).

The xConfiguration names appear only in the seed article (field observation); uclab's mapping
of them to GUI fields is an inference [U]."""

from uclab.facts.entry import SEED, Fact, Number

# --- MRA Access Control (S6, S7; fact sheet 2.1) -------------------------------------------------
MRA_PAGE = Fact("Configuration > Unified Communications > Configuration > MRA Access Control",
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
ACTIVATION_CODE = Fact("Allow activation code onboarding", "S6, S7")
WEBEX_BROWSER = Fact("WebEx Client Embedded Browser Support", "S6")
ON = Fact("On", "S6, S7")
OFF = Fact("Off", "S6, S7")
YES = Fact("Yes", "S6, S7")
NO = Fact("No", "S6, S7")
AUTH_PATH_DEFAULT = Fact("UCM/LDAP basic authentication", "S6, S7",
                         note="the default once MRA is on (None before)")
OAUTH_REFRESH_DEFAULT = Fact("On", "S6, S7")
OAUTH_TOKEN_DEFAULT = Fact("Off", "S6, S7")
USER_CREDS_DEFAULT = Fact("Off", "S6, S7")
CHECK_INTERNAL_DEFAULT = Fact("No", "S6, S7", note="also the value after an upgrade from X8.9")
IOS_SAFARI_DEFAULT = Fact("No", "S6, S7")
SIP_TOKEN_TTL_DEFAULT = Number(0, "S6, S7", note="seconds")
XCONF_PREFIX = Fact("*c xConfiguration ", SEED, confirmed=False,
                    note="how the seed's xConfiguration listing starts each line")
XCONF_OAUTH_LOCAL = Fact("CollaborationEdge OAuthLocal", SEED, confirmed=False,
                         note="mapped by uclab to 'Authorize by OAuth token with refresh' "
                         "(inference; the Jabber guide's old label is 'O-Auth local "
                         "authentication', S11)")
XCONF_LEGACY_CRED = Fact("CollaborationEdge LegacyCred", SEED, confirmed=False,
                         note="mapped by uclab to 'Authorize by user credentials' (inference)")

# --- Unified CM servers and IM&P nodes (S6, S7, S2; fact sheet 2.2) ------------------------------
UCM_PAGE = Fact("Configuration > Unified Communications > Unified CM servers", "S6")
REFRESH_SERVERS = Fact("Refresh servers", "S6, S7, S2")
UCM_STATUS_ACTIVE = Fact("Active", "lab wording", confirmed=False,
                         note="the page's status texts are not in the fact sheet")
UCM_STATUS_NOT_REFRESHED = Fact("Not refreshed", "lab wording", confirmed=False)
UCM_STATUS_UNREACHABLE = Fact("Failed: cannot reach {host}", "lab wording", confirmed=False,
                              kind="format")
UCM_STATUS_REFUSED = Fact("Failed: the account was refused", "lab wording", confirmed=False)
STALE_REALM = Fact("Failed to query auth component for SASL mechanisms", "S8")

# --- Edge requests and URLs (S17, S18, S6, S7; seed; fact sheet 2.3) -----------------------------
EDGE_HTTPS_PORT = Number(8443, "S17, S18", kind="port",
                         note="https://<Expressway-E>:8443/<base64url(domain)>/<request>")
EDGE_XMPP_PORT = Number(
    5222, "RFC 6120 §14.7", confirmed=False, kind="port",
    note="the fact sheet gives 5222 only for IM&P's XCP Connection Manager (3.1); that the edge "
    "takes Jabber's XMPP there too is assumed from the registered port")
EXPC_HTTPS_PORT = Number(8443, "lab choice", confirmed=False, kind="port",
                         note="Expressway-C takes the relayed edge requests on the edge's port; "
                         "the traversal zone's ports are not in the fact sheet")
EXPC_XMPP_PORT = Number(5222, "lab choice", confirmed=False, kind="port",
                        note="Expressway-C takes the relayed XMPP on the client port; the "
                        "traversal zone's ports are not in the fact sheet")
GET_EDGE_SSO = Fact("get_edge_sso", "S6, S7, S29", kind="request",
                    note="carries the user identity (get_edge_sso?email=, S29)")
GET_EDGE_CONFIG = Fact("get_edge_config", "S18, S17", kind="request")
GET_EDGE_CONFIG_QUERY = Fact("?service_name=_cisco-uds&service_name=_cuplogin", SEED,
                             confirmed=False, kind="request")
EDGE_SERVICE_UDS = Fact("_cisco-uds", SEED, confirmed=False, kind="srv",
                        note="a service_name of get_edge_config, and of its answer")
EDGE_SERVICE_CUPLOGIN = Fact("_cuplogin", SEED, confirmed=False, kind="srv",
                             note="a service_name of get_edge_config, and of its answer")
EDGE_AUTHORIZE = Fact("authorize", f"S25; {SEED}", confirmed=False,
                      note="the edge authorize request (third-party test app, seed trace)")
EDGE_AUTHORIZE_REALM = Fact("local", f"S25; {SEED}", confirmed=False,
                            note="realm=local on the edge authorize request")
EDGE_LOCAL_AUTH = Fact("localauthentication", SEED, confirmed=False, kind="request",
                       note="the login form's POST target on the edge")
SSO_RESULT = Fact("SSOResult", SEED, confirmed=False,
                  note="the get_edge_sso answer's XML is shown only in the seed article")
SSO_RESULT_XML = Fact(
    "<?xml version='1.0' encoding='UTF-8'?>\n<SSOResult version=\"1.0\">\n"
    "  <Status enabled=\"{enabled}\"/>\n  <Token reuse=\"{reuse}\"/>\n</SSOResult>", SEED,
    confirmed=False, kind="format",
    note="the seed's get_edge_sso answer (field observation); indentation is the lab's")
OAUTH_CALLBACK = Fact("/OAuthcb", SEED, confirmed=False, kind="path")
OAUTH_CALLBACK_PAGE = Fact(
    "<html><head><Title>Authorization Complete</Title></head><body>"
    "<script language=\"javascript\">\ndocument.write(\"Authorization Complete\");"
    "\n</script></body></html>", SEED, confirmed=False,
    note="the seed shows the title and the document.write line; the rest of the page is the lab's")
EDGE_TOKEN_REQUEST = Fact("access_token", SEED, confirmed=False,
                          note="the seed names the request; its edge path is concealed there")
EDGE_CONFIG_RESPONSE = Fact("getEdgeConfigResponse", "lab model", confirmed=False,
                            note="the get_edge_config body is not in the fact sheet")
OAUTH_VALIDATOR = Fact("/oauthvalidator", SEED, confirmed=False,
                       note="the seed names the OAuthvalidator request and conceals its URL; "
                       "uclab logs it with this path and validates in-process", kind="path")
AUTH_FAILED = Fact("Failed to authenticate user against server", "S17")
EDGE_REALM = Fact("Cisco-Edge", "S17, S18", note='Basic realm="Cisco-Edge"')

# --- Automated intrusion protection on Expressway-E (S8, S11; fact sheet 3.2) -------------------
INTRUSION_CATEGORY = Fact("HTTP proxy authorization failure", "S8")
INTRUSION_TRIGGER_LEVEL = Number(5, "S8", note="more than 5 failures block the client IP")
INTRUSION_RAISED_TRIGGER = Number(10, "S8, S11", note="Cisco's workaround raises 5 to 10")
INTRUSION_BLOCK_SECONDS = Number(600, "S8", note="10 minutes")
INTRUSION_DETECTION_WINDOW_S = Number(60, "lab choice", confirmed=False,
                                      note="the detection window is not in the fact sheet")

# --- Releases for OAuth over MRA (S6, S11, S2, S13; fact sheet 1.1) ------------------------------
EXPRESSWAY_REFRESH = Fact(
    "X8.10", "S6, S11, S2, S13",
    note="Expressway X8.10 or later for refresh logins over MRA; one guide says X8.10.1",
)
EXPRESSWAY_REFRESH_ALT = Fact(
    "X8.10.1", "S6, S11, S2, S13", confirmed=False,
    note="one of the guides gives X8.10.1 instead of X8.10; the fact sheet does not say which, "
    "so an Expressway between the two is uncertain [U]",
)
EXPRESSWAY_IMPLICIT = Fact(
    "any", "not found", confirmed=False,
    note="no source in the fact sheet gives the Expressway release that simple OAuth over MRA "
    "needs; uclab does not check it",
)
