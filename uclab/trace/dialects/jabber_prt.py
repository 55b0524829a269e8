"""Jabber PRT lines (``csf-unified.log``): loggers, functions and texts with their sources.

Line format, loggers and functions come from S1, S10, S17, S19, S20 and the seed article. The
truncated source paths and line numbers are copied from the seed article's lines where it shows
them; where no source shows the line for a message, uclab writes the file with line 0 and
says so in the fact's note [U].
"""

from __future__ import annotations

from dataclasses import dataclass

from uclab.facts import SEED, Fact
from uclab.trace.logline import LogLine


@dataclass(frozen=True)
class PrtMessage:
    level: str
    source: str
    logger: str
    function: str
    text: Fact


SSO = r"rvices\impl\system\SingleSignOn.cpp"
TOKEN_REUSE = PrtMessage("INFO", SSO + "(206)", "Single-Sign-On-Logger",
                         "CSFUnified::SingleSignOn::Impl::isAuthenticatorTokenReuseEnabled",
                         Fact("TokenReuse enabled for {authenticator}", SEED, confirmed=False))
CREDS_FOR_AUTH = PrtMessage("INFO", r"\impl\system\UserProfileManager.cpp(153)",
                            "UserProfileManager",
                            "CSFUnified::UserProfileManager::Impl::getCredentialsForAuthenticator",
                            Fact("for authenticator: {authenticator}", SEED, confirmed=False))
NEEDS_AUTHZ = PrtMessage("DEBUG", r"vices\impl\system\SingleSignOn.cpp(2044)",
                         "Single-Sign-On-Logger",
                         "CSFUnified::SingleSignOn::Impl::currentServiceNeedsAuthorization",
                         Fact("creds->getSecureOAuthToken().empty() for service: {authenticator}",
                              SEED, confirmed=False))
NAVIGATE = PrtMessage("DEBUG", r"bwindowplugin\browsercontroller.cpp(167)", "PluginUtils",
                      "BrowserController::NavigateTo",
                      Fact("Enter - url = {url}", SEED, confirmed=False))
REFRESH_FAILURE = PrtMessage(
    "ERROR", SSO + "(0)", "Single-Sign-On-Logger",
    "CSFUnified::SingleSignOn::Impl::handleRefreshTokenFailure",
    Fact("Failed to get valid access token from refresh token, maybe server issue.", "S1",
         note="the message is S1's; its source line is not published (written as line 0) [U]"))
EDGE_CONFIG_FAILED = PrtMessage(
    "ERROR", r"services\impl\edge\EdgeConfigRequest.cpp(0)", "csf.edge",
    "executeEdgeConfigRequest",
    Fact("Failed to retrieve EdgeConfig with error:{error}", "S17",
         note="logger, function and text from S17; source file and line are uclab's [U]"))
DISCOVERY_RESULT = PrtMessage(
    "INFO", r"services\impl\discovery\ServiceDiscoveryHandler.cpp(0)", "service-discovery",
    "evaluateServiceDiscoveryResult",
    Fact("ServiceDiscoveryHandlerResult return code {code}", "S1, S30",
         note="SUCCESS and FAILED_* codes from S1/S30; source file and line are uclab's [U]"))
XMPP_RECV = PrtMessage("INFO", r"jwcpp\xmppcore\patch\TriClient.cpp(1636)", "csf.jwcpp",
                       "gloox::CTriClient::HandleXmlTag",
                       Fact("@XmppSDK: #0, {length}, Recv:{stanza}", SEED, confirmed=False))
SASL_TOKEN_EMPTY = PrtMessage("INFO", r"jwcpp\xmppcore\patch\TriClient.cpp(1110)", "csf.jwcpp",
                              "gloox::CTriClient::HandleStreamFeatures",
                              Fact("@XmppSDK: #0, SASL token empty:{empty}", SEED,
                                   confirmed=False))
SASL_MECHANISM = PrtMessage("INFO", r"jwcpp\xmppcore\patch\TriClient.cpp(1111)", "csf.jwcpp",
                            "gloox::CTriClient::HandleStreamFeatures",
                            Fact("@XmppSDK: #0, SASL mechanism:{mechanism}", SEED,
                                 confirmed=False))
NO_SASL = PrtMessage("ERROR", r"rwerx\jwcpp\xmppcore\src\client.cpp(192)", "csf.jwcpp",
                     "gloox::Client::handleNormalNode",
                     Fact("@XmppSDK: #0, The server doesn't offer any SASL authentication "
                          "mechanism that we can support", SEED, confirmed=False,
                          note="not found in any Cisco document (fact sheet 6.9)"))


def prt_line(ms: int, host: str, thread: str, msg: PrtMessage, secrets: tuple = (),
             **values: object) -> LogLine:
    return LogLine(ms, host, "csf-unified", "", (
        ("level", msg.level), ("thread", thread), ("source", msg.source),
        ("logger", msg.logger), ("function", msg.function),
        ("message", str(msg.text).format(**values))), secrets=secrets)
