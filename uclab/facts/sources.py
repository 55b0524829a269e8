"""The fact sheet's source keys (``shared/facts/cisco-uc-oauth.md``, "Sources"), so that every
S-id an entry cites can be named and checked. Titles are shortened; the sheet has the links."""

from __future__ import annotations

import re

SOURCES: dict[str, str] = {
    "S1": 'Cisco TAC doc 212794, "Deploy And Troubleshoot Authorization Code Grant Flow - OAuth '
          'Enhancement: Cisco Collaboration Solutions 12.0"',
    "S2": 'CUCM System Configuration Guide 12.5(1), chapter "Configure Cisco Jabber"',
    "S3": "CUCM Security Guide Release 15 (third-party mirror)",
    "S4": "Cisco Community thread quoting the sysconfig guide's revoke API",
    "S5": "CLI Reference Guide for Cisco Unified Communications Solutions (show key authz, "
          "set key regen authz)",
    "S6": 'Expressway MRA Deployment Guide X14.0, chapter "MRA Configuration"',
    "S7": 'Expressway MRA Deployment Guide X14.2, chapter "Post-Upgrade Tasks for MRA '
          'Deployments"',
    "S8": 'Expressway MRA Deployment Guide X12.5, chapter "Troubleshooting"',
    "S9": 'CUCM configuration guide, section "Configure OAuth Refresh Logins"',
    "S10": 'Cisco TAC doc 215572, "Cisco Jabber and SIP OAuth Mode"',
    "S11": 'Planning Guide for Cisco Jabber 12.8, chapter "User Management"',
    "S12": 'Troubleshooting Guide for Cisco Unity Connection 14, chapter "Troubleshooting '
           'Authorization Code Grant Flow"',
    "S13": 'Unity Connection System Administration Guide, section "Authz Server"',
    "S14": 'Unity Connection CUPI API, "Authorization Server" (third-party mirror)',
    "S15": 'IM&P Configuration and Administration Guide, chapter "Configure Centralized '
           'Deployment"',
    "S16": 'Cisco TAC doc 213360, "Collect Expressway/VCS Diagnostic Log for Expressway MRA"',
    "S17": 'Cisco TAC doc 117811, "Configure MRA through Expressway/VCS in a Multi-Domain '
           'Deployment"',
    "S18": 'Cisco TAC doc 211304, "Collaboration Edge TC-based Endpoints Configuration Example"',
    "S19": 'Cisco TAC doc 212180, "Troubleshoot Jabber for Windows auto-update over MRA"',
    "S20": 'Cisco TAC doc 223101, "Troubleshoot Phone Services SSO Login Failure on iOS Webex '
           'App"',
    "S21": 'Cisco TAC doc 225746, "Troubleshoot Common Issues with Certificate Renewal in CUCM"',
    "S22": 'Expressway Administrator Guide (X14.x), section "Managing SSO tokens"',
    "S23": 'CUCM guide, "Common Enterprise Parameters" table (SSO and OAuth Configuration)',
    "S24": 'DevNet support article, "Bad Request for SSO Request URI"',
    "S25": "Public GitHub iOS test app (2017) by a Jabber QA engineer (third-party)",
    "S26": 'GitHub issue araditc/Artalk.Xmpp#2, "Fail to connect to Cisco Jabber" (2019)',
    "S27": 'Forum thread "Cisco Jabber as a client" (2016), with a Pidgin debug log against IM&P',
    "S28": "Third-party code that uses CISCO-VTG-TOKEN (IM&P login-test script, SASL tests)",
    "S29": "Third-party Python parsers for Expressway-E syslog",
    "S30": "Third-party Jabber-log analyser rule files",
    "S31": 'Blog post "Problems with user login into Cisco IM&Presence" (2015)',
    "S32": 'Expressway MRA Deployment Guide X15.0, "MRA Overview" change history',
    "S33": 'Cisco TAC doc 119398, "Configure an MRA Hybrid Deployment"',
    "S34": 'CUCM "what\'s new" text for activation-code onboarding over MRA',
    "S35": 'IM&P troubleshooting text, "Common IM and Presence Issues via Trace"',
    "S36": 'Cisco doc on secure Jabber registration, "Solution 2: SIP OAuth for Jabber"',
}

_SID = re.compile(r"\bS\d+\b")


def cited(source: str) -> list[str]:
    """The S-ids a source string names, in order (``"S23, S2, S1"`` -> ``['S23', 'S2', 'S1']``)."""
    return _SID.findall(source)


#: Source keys of ``shared/real-logs/FORMATS.md`` ("Sources") that have no S-id in the fact
#: sheet, and the public pages the log grammars cite (:mod:`uclab.facts.server_grammar`,
#: :mod:`uclab.facts.endpoint_grammar`); an entry may cite these instead of an S-id (the others
#: map to S-ids: T212794 = S1, T117811 = S17, ...), and the public pages notebook 11's push,
#: Webex and Microsoft topics cite (:mod:`uclab.facts.apns`, :mod:`uclab.facts.microsoft`).
LOG_SOURCES: dict[str, str] = {
    "T217268": 'Cisco TAC doc 217268, "Configure and Troubleshoot SSO on CUCM"',
    "ENTRA": 'CUCM "SAML SSO Microsoft Entra ID Identity Provider" deployment guide',
    "NTP3166570": 'Cisco Community doc 3166570, "Troubleshooting NTP issues on CUCM and UC '
                  'apps" (utils ntp status output)',
    "NTPTS15": 'Cisco doc "Troubleshoot NTP on Unified Communications Manager" (CUCM 15, '
               'third-party mirror; utils ntp status output)',
    "T221845": 'Cisco TAC doc 221845, "Troubleshoot Jabber Log in - Common Issues"',
    "T220242": 'Cisco TAC doc 220242, "Configure and Integrate CUAC Standard IM and Presence '
               'Integration"',
    "CJLV": "GitHub missdeer/cjlv (Cisco Jabber Log Viewer), its two line grammars",
    "IMPPUSH14": 'IM and Presence Service Configuration and Administration Guide 14SU2, chapter '
                 '"Configure Push Notifications" <https://cisco.com/c/en/us/td/docs/voice_ip_'
                 'comm/cucm/im_presence/configAdminGuide/14_su2/cup0_b_config-and-admin-guide-'
                 '14su2/cup0_b_config-and-admin-guide-1401_chapter_01101.html>',
    "CUCMPUSH14": 'CUCM System Configuration Guide 14SU2, push notifications chapter <https://'
                  'test-gsx.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/14/systemConfig/'
                  'cucm_b_system-configuration-guide-14su2/cucm_b_system-configuration-guide-'
                  '14_chapter_01111.html>',
    "CUCUM15": '"Unified Messaging Guide for Cisco Unity Connection Release 15" (2023-12-18), '
               'its table of contents as a third-party copy shows it; no Cisco link was checked',
    "MSCLIENTCREDS": 'Microsoft identity platform, "Microsoft identity platform and the OAuth 2.0 '
                     'client credentials flow" <https://learn.microsoft.com/en-us/entra/identity-'
                     'platform/v2-oauth2-client-creds-grant-flow>',
    "SFBS2S": 'Microsoft Learn, "Manage server-to-server authentication (OAuth) and partner '
              'applications in Skype for Business Server" <https://learn.microsoft.com/en-gb/'
              'skypeforbusiness/manage/authentication/server-to-server-and-partner-applications>',
    "SFBPARTNER": 'Microsoft Learn, "New-CsPartnerApplication" <https://learn.microsoft.com/en-ie/'
                  'powershell/module/skypeforbusiness/new-cspartnerapplication?view=skype-ps>',
    "MRASSO": 'Expressway MRA Deployment Guide, "Single Sign-On (SSO) over the Collaboration '
              'Edge" (https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/'
              'config_guide/X12-5/exwy_b_mra-expressway-deployment-guide.html)',
    "MSENTRA": 'Microsoft Learn, "Microsoft Entra SSO integration with Cisco Unified '
               'Communications Manager" (https://learn.microsoft.com/en-gb/azure/'
               'active-directory/saas-apps/cisco-unified-communications-manager-tutorial)',
    "UDSSYS": 'Cisco DevNet, User Data Services "System Resources" (clusterUser), '
              "https://developer.cisco.com/docs/user-data-services/system-resources/",
    "UDSPROD": 'Cisco DevNet, User Data Services "How To Build a Production Ready Environment", '
               "https://developer.cisco.com/site/user-data-services/learn/how-to/"
               "build-a-production-environment/",
}

_LOG_KEY = re.compile(r"\b(?:" + "|".join(LOG_SOURCES) + r")\b")


def cited_logs(source: str) -> list[str]:
    """The :data:`LOG_SOURCES` keys a source string names, in order."""
    return _LOG_KEY.findall(source)
