"""Jabber PRT lines (``csf-unified.log``): loggers, functions, source locations and texts (fact
sheet 3.3, 3.4; S1, S8, S17, S30; seed article).

The truncated source paths and line numbers are copied from real lines (S1, T221845, the seed
article) where one shows them; where none does, uclab writes a 40-character path with line 0
(lab choice, modelled) [U]. Names: ``PRT_<MESSAGE>`` is the text, ``..._FN`` the function,
``..._AT`` the source location."""

from uclab.facts.entry import SEED, Fact

PRT_LOG_NAME = Fact("csf-unified", "S8", kind="process",
                    note="Jabber for Windows writes csf-unified.log")

# --- loggers --------------------------------------------------------------------------------------
LOGGER_SSO = Fact("Single-Sign-On-Logger", f"S1; {SEED}", kind="module")
LOGGER_PROFILE = Fact("UserProfileManager", SEED, confirmed=False, kind="module")
LOGGER_PLUGIN = Fact("PluginUtils", SEED, confirmed=False, kind="module")
LOGGER_EDGE = Fact("csf.edge", "S17", kind="module")
LOGGER_DISCOVERY = Fact("service-discovery", "S1", kind="module")
LOGGER_JWCPP = Fact("csf.jwcpp", SEED, confirmed=False, kind="module")

# --- Single-Sign-On-Logger and the browser (seed article, S1) -----------------------------------
PRT_TOKEN_REUSE = Fact("TokenReuse enabled for {authenticator}", SEED, confirmed=False,
                       kind="format")
PRT_TOKEN_REUSE_FN = Fact("CSFUnified::SingleSignOn::Impl::isAuthenticatorTokenReuseEnabled",
                          SEED, confirmed=False, kind="location")
PRT_TOKEN_REUSE_AT = Fact(r"rvices\impl\system\SingleSignOn.cpp(206)", SEED,
                          confirmed=False, kind="location")
PRT_CREDS_FOR_AUTH = Fact("for authenticator: {authenticator}", SEED, confirmed=False,
                          kind="format")
PRT_CREDS_FOR_AUTH_FN = Fact(
    "CSFUnified::UserProfileManager::Impl::getCredentialsForAuthenticator", SEED,
    confirmed=False, kind="location")
PRT_CREDS_FOR_AUTH_AT = Fact(r"\impl\system\UserProfileManager.cpp(153)", SEED,
                             confirmed=False, kind="location")
PRT_NEEDS_AUTHZ = Fact("creds->getSecureOAuthToken().empty() for service: {authenticator}",
                       SEED, confirmed=False, kind="format")
PRT_NEEDS_AUTHZ_FN = Fact("CSFUnified::SingleSignOn::Impl::currentServiceNeedsAuthorization",
                          SEED, confirmed=False, kind="location")
PRT_NEEDS_AUTHZ_AT = Fact(r"vices\impl\system\SingleSignOn.cpp(2044)", SEED,
                          confirmed=False, kind="location")
PRT_NAVIGATE = Fact("Enter - url = {url}", SEED, confirmed=False, kind="format")
PRT_NAVIGATE_FN = Fact("BrowserController::NavigateTo", SEED, confirmed=False, kind="location")
PRT_NAVIGATE_AT = Fact(r"bwindowplugin\browsercontroller.cpp(167)", SEED,
                       confirmed=False, kind="location")
PRT_REFRESH_FAILURE = Fact(
    "Failed to get valid access token from refresh token, maybe server issue.", "S1",
    note="S1's line is WARN  [0x0000264c] [vices\\impl\\system\\SingleSignOn.cpp(1186)]")
PRT_REFRESH_FAILURE_FN = Fact("CSFUnified::SingleSignOn::Impl::handleRefreshTokenFailure", "S1",
                              kind="location")
PRT_REFRESH_FAILURE_AT = Fact(r"vices\impl\system\SingleSignOn.cpp(1186)", "S1",
                              kind="location")
PRT_REFRESH_FAILURE_LEVEL = Fact("WARN", "S1", note="the real line is WARN, not ERROR")

# --- edge configuration and service discovery (S17, S1, S30) -------------------------------------
PRT_EDGE_CONFIG_FAILED = Fact(
    "Failed to retrieve EdgeConfig with error:{error}", "S17",
    note="logger, function and text from S17; source file and line are uclab's [U]",
    kind="format")
PRT_EDGE_CONFIG_FAILED_FN = Fact("executeEdgeConfigRequest", "S17", kind="location")
PRT_EDGE_CONFIG_FAILED_AT = Fact(r"vices\impl\edge\EdgeConfigRequest.cpp(0)", "lab choice",
                                 confirmed=False, kind="location",
                                 note="modelled: not published; 40 characters like every real "
                                 "path(line) field (FORMATS.md §1.2)")
PRT_DISCOVERY_RESULT = Fact(
    "ServiceDiscoveryHandlerResult return code {code}", "S1, S30; T221845",
    note="SUCCESS and FAILED_* codes from S1/S30; the Windows line from T221845", kind="format")
PRT_DISCOVERY_RESULT_FN = Fact(
    "CSFUnified::DiscoveryHandlerImpl::evaluateServiceDiscoveryResult", "T221845; S1",
    kind="location", note="Jabber for Windows 14.1.3 (T221845) prints the qualified name; the "
    "bare evaluateServiceDiscoveryResult is the iOS line (S20)")
PRT_DISCOVERY_RESULT_AT = Fact(r"vices\impl\DiscoveryHandlerImpl.cpp(668)", "T221845",
                               kind="location")

# --- the XMPP library (seed article) --------------------------------------------------------------
PRT_XMPP_RECV = Fact("@XmppSDK: #0, {length}, Recv:{stanza}", SEED, confirmed=False,
                     kind="format")
PRT_XMPP_RECV_FN = Fact("gloox::CTriClient::HandleXmlTag", SEED, confirmed=False,
                        kind="location")
PRT_XMPP_RECV_AT = Fact(r"jwcpp\xmppcore\patch\TriClient.cpp(1636)", SEED, confirmed=False,
                        kind="location")
PRT_SASL_TOKEN_EMPTY = Fact("@XmppSDK: #0, SASL token empty:{empty}", SEED, confirmed=False,
                            kind="format")
PRT_SASL_TOKEN_EMPTY_AT = Fact(r"jwcpp\xmppcore\patch\TriClient.cpp(1110)", SEED,
                               confirmed=False, kind="location")
PRT_SASL_MECHANISM = Fact("@XmppSDK: #0, SASL mechanism:{mechanism}", SEED, confirmed=False,
                          kind="format")
PRT_SASL_MECHANISM_AT = Fact(r"jwcpp\xmppcore\patch\TriClient.cpp(1111)", SEED,
                             confirmed=False, kind="location")
PRT_STREAM_FEATURES_FN = Fact("gloox::CTriClient::HandleStreamFeatures", SEED, confirmed=False,
                              kind="location", note="the function of both SASL lines above")
PRT_NO_SASL = Fact("@XmppSDK: #0, The server doesn't offer any SASL authentication "
                   "mechanism that we can support", SEED, confirmed=False,
                   note="not found in any Cisco document (fact sheet 6.9)")
PRT_NO_SASL_FN = Fact("gloox::Client::handleNormalNode", SEED, confirmed=False, kind="location")
PRT_NO_SASL_AT = Fact(r"rwerx\jwcpp\xmppcore\src\client.cpp(192)", SEED, confirmed=False,
                      kind="location")
