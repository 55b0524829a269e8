"""Where each rule's fact comes from: the source keys of ``shared/real-logs/FORMATS.md`` (its
"Sources" table, copied with the addresses), the fact sheet's S-ids (:mod:`uclab.facts.sources`)
and ``uclab simulator`` for lines only the lab writes (modelled, not published)."""

from __future__ import annotations

import re

from uclab.facts.sources import SOURCES as FACT_SHEET

_DOC = "https://www.cisco.com/c/en/us/support/docs/unified-communications/"
_TD = "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/"

#: FORMATS.md source key -> (title, address)
LOG_SOURCES: dict[str, tuple[str, str]] = {
    "T117811": ("TAC 117811 Configure MRA through Expressway/VCS in a Multi-Domain Deployment",
                _DOC + "expressway-series/117811-configure-vcs-00.html"),
    "T211304": ("TAC 211304 Collaboration Edge TC-based Endpoints Configuration Example",
                _DOC + "unified-communications-manager-callmanager/"
                "211304-Collaboration-Edge-TC-based-Endpoints-Co.html"),
    "T212081": ("TAC 212081 Jabber Log in Failure Due To Proxy Settings",
                _DOC + "jabber/212081-Jabber-Log-in-Failure-Due-To-Proxy-Setti.html"),
    "T212180": ("TAC 212180 Troubleshoot Jabber for Windows auto-update over MRA",
                _DOC + "jabber-windows/212180-Troubleshoot-Jabber-for-Windows-auto-upd.html"),
    "T212794": ("TAC 212794 Authorization Code Grant Flow - OAuth Enhancement 12.0",
                _DOC + "jabber/212794-cisco-collaboration-solutions-12-0-oaut.html"),
    "T213360": ("TAC 213360 Collect Expressway/VCS Diagnostic Log for Expressway MRA",
                _DOC + "expressway/213360-collect-expressway-vcs-diagnostic-log-fo.html"),
    "T215572": ("TAC 215572 Cisco Jabber and SIP OAuth Mode",
                _DOC + "jabber/215572-cisco-jabber-and-sip-oauth-mode.html"),
    "T217268": ("TAC 217268 Configure and Troubleshoot SSO on CUCM",
                _DOC + "unified-communications-manager-callmanager/"
                "217268-configure-and-troubleshoot-sso-on-cisco.html"),
    "T220225": ("TAC 220225 Troubleshoot Jabber Log in Problems - Non MRA",
                _DOC + "unified-communications-applications/"
                "220225-troubleshoot-jabber-log-in-problems-n.html"),
    "T220242": ("TAC 220242 Configure and Integrate CUAC Standard IM and Presence Integration",
                _DOC + "unified-attendant-console-standard/"
                "220242-configure-and-integrate-cuac-standard-im.html"),
    "T221845": ("TAC 221845 Troubleshoot Jabber Log in - Common Issues",
                _DOC + "jabber/221845-troubleshoot-jabber-log-in-common-issu.html"),
    "T223101": ("TAC 223101 Troubleshoot Phone Services SSO Login Failure on iOS Webex App",
                _DOC + "webex-calling-app/223101-troubleshoot-phone-services-sso-login.html"),
    "T225746": ("TAC 225746 Troubleshoot Common Issues with Certificate Renewal in CUCM",
                _DOC + "unified-communications-manager-version-15/"
                "225746-troubleshoot-common-issues-with.html"),
    "MRA125": ("Expressway MRA Deployment Guide X12.5, Troubleshooting",
               _TD + "expressway/config_guide/X12-5/exwy_b_mra-expressway-deployment-guide/"
               "exwy_b_mra-expressway-deployment-guide_chapter_01101.html"),
    "MRASSO": ("Expressway MRA Deployment Guide, Single Sign-On (SSO) over the Collaboration "
               "Edge", _TD + "expressway/config_guide/X12-5/"
               "exwy_b_mra-expressway-deployment-guide.html"),
    "ENTRA": ("SAML SSO Microsoft Entra ID Identity Provider",
              _TD + "cucm/SAML_SSO_deployment_guide/Azure/"
              "cucm_b_saml-sso-microsoft-azure-idp.html"),
    "CUC14": ("Unity Connection 14 Troubleshooting Guide, Troubleshooting Authorization Code "
              "Grant Flow", _TD + "connection/14/troubleshooting/guide/b_14cuctsg/"
              "b_14cuctsg_chapter_0100011.html"),
    "J14P": ("Jabber 14.0 Parameters Reference",
             _TD + "jabber/14_0/cjab_book_parameters-reference-guide-for-cisco-jabber-14_0/"
             "cjab_b_parameter-reference-guide-jabber-129_chapter_0111.html"),
    "SEED": ("Cisco Community, Understanding OAuth and MRA (the project's seed article)",
             "shared/seed/000_b163ef8d0ccd633a.txt"),
    "BLUCK7": ("GitHub bluck7/expressway-mra-callflow, static/small_mra_expe.txt",
               "https://github.com/bluck7/expressway-mra-callflow/blob/"
               "fd0dea4b46dc74a47dfee0c92b935e7786207478/static/small_mra_expe.txt"),
    "PIDGIN": ("a public Pidgin debug log quoted in FORMATS.md §3 SIG-30 (no address kept)", ""),
    "UDSSYS": ("Cisco DevNet, User Data Services: System Resources (clusterUser)",
               "https://developer.cisco.com/docs/user-data-services/system-resources/"),
}
#: the source of lines only the simulator writes: modelled on the products, not published
SIMULATOR = "uclab simulator"

_KEY = re.compile(r"[A-Z][A-Z0-9]+|S\d+")


def keys(source: str) -> list[str]:
    """The source keys a rule's ``source`` field cites, in order (``T221845, S6`` -> both)."""
    text = source.replace(SIMULATOR, "")
    return _KEY.findall(text)


def resolve(key: str) -> tuple[str, str]:
    """(title, address) of a source key; a ``KeyError`` for a key no table has."""
    if key in LOG_SOURCES:
        return LOG_SOURCES[key]
    if key in FACT_SHEET:
        return FACT_SHEET[key], "shared/facts/cisco-uc-oauth.md"
    raise KeyError(key)


def urls(source: str) -> list[str]:
    """The addresses of every key ``source`` cites (empty ones left out)."""
    return [u for u in (resolve(k)[1] for k in keys(source)) if u]
