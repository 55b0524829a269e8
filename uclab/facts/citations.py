# ruff: noqa: E501  (the links are the fact sheet's, verbatim; a URL cannot be wrapped)
"""Where the notebooks' public sources can be read: the fact sheet's links for its S-ids
(``shared/facts/cisco-uc-oauth.md``, "Sources"), the titles of the RFCs and other standards the
workbook cites, and the grammar of one citation (``"S6"``, ``"RFC 6749 §4.1"``,
``"OpenID Connect Core 1.0 §2"``, ``"seed article (field observation)"``).

:func:`parse` checks a citation against that grammar and these tables; the references page
(``notebooks/REFERENCES.md``, written by ``scripts/make_references.py``) is
:func:`references_markdown`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from uclab.core.errors import ConfigError
from uclab.facts.entry import SEED
from uclab.facts.sources import SOURCES

#: the fact sheet's links, per S-id (S-ids without one have none in the sheet either)
LINKS: dict[str, tuple[str, ...]] = {
    "S1": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/jabber/212794-cisco-collaboration-solutions-12-0-oaut.html",),
    "S2": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1/systemConfig/cucm_b_system-configuration-guide-1251/cucm_b_system-configuration-guide-1251_chapter_0111000.html",),
    "S3": ("https://mcdewey.supported.systems/c/cucm%3A%3Av15%3A%3Asecurity-guide%3A%3Asecurity-guide%3A%3A70",),
    "S4": ("https://community.cisco.com/t5/unified-communications-infrastructure/is-it-possible-to-block-and-kick-a-user-from-the-application/m-p/4974864",),
    "S6": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/config_guide/X14-0/mra/exwy_b_mra-deployment-guide-14/exwy_m_basic-configuration.html",),
    "S7": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/config_guide/X14-2/mra/exwy_b_mra-deployment-guide-x142/exwy_m_post-upgrade-tasks-for-mra-deployments.html",),
    "S8": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/config_guide/X12-5/exwy_b_mra-expressway-deployment-guide/exwy_b_mra-expressway-deployment-guide_chapter_01101.html",),
    "S10": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/jabber/215572-cisco-jabber-and-sip-oauth-mode.html",),
    "S11": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/jabber/12_8/cjab_b_planning-guide-cisco-jabber-128/cjab_m_planning-user-management-128.html",
        "https://test-gsx.cisco.com/c/en/us/td/docs/voice_ip_comm/jabber/12_6/cjab_b_planning-guide-for-cisco-jabber-12-6/cjab_b_planning-guide-for-cisco-jabber-12-6_chapter_0100.html",),
    "S12": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/connection/14/troubleshooting/guide/b_14cuctsg/b_14cuctsg_chapter_0100011.html",),
    "S13": ("https://mcdewey.supported.systems/c/unity-connection%3A%3Av15%3A%3Aadmin-guide%3A%3Aadmin-guide%3A%3A240",),
    "S14": ("https://mcdewey.supported.systems/c/unity-connection%3A%3Arest-api%3A%3Acupi%3A%3Acupi%3A%3A704",),
    "S15": ("https://cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/im_presence/configAdminGuide/12_5_1_su4/cup0_b_config-and-admin-guide-1251su4/cup0_b_config-and-admin-guide-1251su3_chapter_01000.html",),
    "S16": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/expressway/213360-collect-expressway-vcs-diagnostic-log-fo.html",),
    "S17": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/expressway-series/117811-configure-vcs-00.html",),
    "S18": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/unified-communications-manager-callmanager/211304-Collaboration-Edge-TC-based-Endpoints-Co.html",),
    "S19": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/jabber-windows/212180-Troubleshoot-Jabber-for-Windows-auto-upd.html",),
    "S20": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/webex-calling-app/223101-troubleshoot-phone-services-sso-login.html",),
    "S21": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/unified-communications-manager-version-15/225746-troubleshoot-common-issues-with.html",),
    "S24": ("https://devnetsupport.cisco.com/hc/en-us/articles/115011082767-Bad-Request-for-SSO-Request-URI-",),
    "S26": ("https://github.com/araditc/Artalk.Xmpp/issues/2",),
    "S31": ("https://profcollab.wordpress.com/2015/11/28/problems-with-user-logging-into-cisco-impresence/",),
    "S32": ("https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/expressway/config_guide/X15-0/mra/exwy_b_mra-deployment-guide-x150/exwy_m_mra-overview-and-planning.html",),
    "S33": ("https://www.cisco.com/c/en/us/support/docs/unified-communications/telepresence-video-communication-server-vcs/119398-configure-mra-00.html",),
}

#: RFCs the workbook cites, with their titles (rfc-editor.org)
RFC_TITLES: dict[int, str] = {
    1035: "Domain Names - Implementation and Specification",
    2782: "A DNS RR for specifying the location of services (DNS SRV)",
    3261: "SIP: Session Initiation Protocol",
    3986: "Uniform Resource Identifier (URI): Generic Syntax",
    4422: "Simple Authentication and Security Layer (SASL)",
    4616: "The PLAIN Simple Authentication and Security Layer (SASL) Mechanism",
    4648: "The Base16, Base32, and Base64 Data Encodings",
    5737: "IPv4 Address Blocks Reserved for Documentation",
    5801: "Using Generic Security Service Application Program Interface (GSS-API) Mechanisms "
          "in Simple Authentication and Security Layer (SASL): The GS2 Mechanism Family",
    6120: "Extensible Messaging and Presence Protocol (XMPP): Core",
    6121: "Extensible Messaging and Presence Protocol (XMPP): Instant Messaging and Presence",
    6265: "HTTP State Management Mechanism",
    6335: "Internet Assigned Numbers Authority (IANA) Procedures for the Management of the "
          "Service Name and Transport Protocol Port Number Registry",
    6749: "The OAuth 2.0 Authorization Framework",
    6750: "The OAuth 2.0 Authorization Framework: Bearer Token Usage",
    6819: "OAuth 2.0 Threat Model and Security Considerations",
    7009: "OAuth 2.0 Token Revocation",
    7235: "Hypertext Transfer Protocol (HTTP/1.1): Authentication",
    7515: "JSON Web Signature (JWS)",
    7516: "JSON Web Encryption (JWE)",
    7517: "JSON Web Key (JWK)",
    7518: "JSON Web Algorithms (JWA)",
    7519: "JSON Web Token (JWT)",
    7522: "Security Assertion Markup Language (SAML) 2.0 Profile for OAuth 2.0 Client "
          "Authentication and Authorization Grants",
    7617: "The 'Basic' HTTP Authentication Scheme",
    7628: "A Set of Simple Authentication and Security Layer (SASL) Mechanisms for OAuth",
    7636: "Proof Key for Code Exchange by OAuth Public Clients",
    7662: "OAuth 2.0 Token Introspection",
    8252: "OAuth 2.0 for Native Apps",
    8414: "OAuth 2.0 Authorization Server Metadata",
    8446: "The Transport Layer Security (TLS) Protocol Version 1.3",
    8705: "OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens",
    8725: "JSON Web Token Best Current Practices",
    9068: "JSON Web Token (JWT) Profile for OAuth 2.0 Access Tokens",
    9110: "HTTP Semantics",
    9449: "OAuth 2.0 Demonstrating Proof of Possession (DPoP)",
    9700: "Best Current Practice for OAuth 2.0 Security",
}

#: other public standards the workbook cites: name -> (title, link)
STANDARDS: dict[str, tuple[str, str]] = {
    "OpenID Connect Core 1.0": ("OpenID Connect Core 1.0 (OpenID Foundation)",
                                "https://openid.net/specs/openid-connect-core-1_0.html"),
    "SAML 2.0 Core": ("Assertions and Protocols for the OASIS Security Assertion Markup "
                      "Language (SAML) V2.0",
                      "https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf"),
    "SAML 2.0 Profiles": ("Profiles for the OASIS Security Assertion Markup Language (SAML) "
                          "V2.0",
                          "https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf"),
}

#: the seed article (``shared/seed/``): its title and author; the fact sheet gives no link
SEED_TITLE = ('"Overview: What is OAuth" (also cited as "Understanding OAuth and MRA"), '
              "Ayodeji Okanlawon, Cisco Community")

_SECTION = r"(?: §(?P<section>\d+(?:\.\d+)*))?"
_SID = re.compile(r"^S(?P<n>\d+)$")
_RFC = re.compile(r"^RFC (?P<n>\d{3,5})" + _SECTION + "$")
_STANDARD = re.compile(r"^(?P<name>" + "|".join(re.escape(s) for s in STANDARDS) + ")"
                       + _SECTION + "$")
#: an S-id, an RFC or a standard, anywhere in a text (what notebooks and exercises cite)
_IN_TEXT = re.compile(r"\bS\d{1,2}\b|\bRFC ?\d{3,5}\b|OpenID Connect Core|SAML 2\.0 (?:Core|Profiles)")


@dataclass(frozen=True)
class Citation:
    """One parsed citation: ``kind`` is ``sid``, ``rfc``, ``standard`` or ``seed``; ``key`` is
    ``"S6"``, ``"RFC 6749"``, ``"OpenID Connect Core 1.0"`` or :data:`SEED`; ``section`` is
    ``"4.1"`` or ``""``."""

    kind: str
    key: str
    section: str = ""

    @property
    def title(self) -> str:
        if self.kind == "sid":
            return SOURCES[self.key]
        if self.kind == "rfc":
            return RFC_TITLES[int(self.key.split()[1])]
        if self.kind == "standard":
            return STANDARDS[self.key][0]
        return SEED_TITLE

    @property
    def links(self) -> tuple[str, ...]:
        if self.kind == "sid":
            return LINKS.get(self.key, ())
        if self.kind == "rfc":
            number = self.key.split()[1]
            anchor = f"#section-{self.section}" if self.section else ""
            return (f"https://www.rfc-editor.org/rfc/rfc{number}{anchor}",)
        if self.kind == "standard":
            return (STANDARDS[self.key][1],)
        return ()


def parse(text: str) -> Citation:
    """One citation, checked: a known S-id, an RFC of :data:`RFC_TITLES` with an optional
    ``§`` section, a standard of :data:`STANDARDS`, or the seed article. Anything else is a
    :class:`~uclab.core.errors.ConfigError` naming the citation."""
    if not isinstance(text, str):
        raise ConfigError(f"a citation is a string, not {type(text).__name__}")
    if text == SEED:
        return Citation("seed", SEED)
    if m := _SID.match(text):
        if text not in SOURCES:
            raise ConfigError(f"unknown source {text!r}: the fact sheet has S1..S{len(SOURCES)}")
        return Citation("sid", text)
    if m := _RFC.match(text):
        if int(m["n"]) not in RFC_TITLES:
            raise ConfigError(f"RFC {m['n']} is not in uclab.facts.citations.RFC_TITLES")
        return Citation("rfc", f"RFC {m['n']}", m["section"] or "")
    if m := _STANDARD.match(text):
        return Citation("standard", m["name"], m["section"] or "")
    raise ConfigError(f"malformed citation {text!r}: expected an S-id ('S6'), 'RFC 6749' or "
                      f"'RFC 6749 §4.1', one of {', '.join(STANDARDS)} (optional '§n'), or "
                      f"{SEED!r}")


def cited_in(text: str) -> list[str]:
    """The sources a free text names, in order, normalised: ``"S6"``, ``"RFC 6749"``,
    ``"OpenID Connect Core 1.0"``, ``"SAML 2.0 Core"`` (sections dropped)."""
    found = []
    for raw in _IN_TEXT.findall(text):
        if raw.startswith("RFC"):
            raw = "RFC " + raw[3:].strip()
        elif raw == "OpenID Connect Core":
            raw = "OpenID Connect Core 1.0"
        found.append(raw)
    return found


def _order(key: str) -> tuple[int, int, str]:
    if key.startswith("S") and key[1:].isdigit():
        return (0, int(key[1:]), "")
    if key.startswith("RFC "):
        return (1, int(key[4:]), "")
    return (2, 0, key)


def references_markdown(cited: Mapping[str, Iterable[str]]) -> str:
    """The references page: every source of the fact sheet, then every RFC and standard that
    ``cited`` names, each with its title, links and where it is cited. ``cited`` maps a source
    key (as :func:`cited_in` gives it) to the places citing it (``"notebook 05"``)."""
    where = {key: sorted(set(places)) for key, places in cited.items()}
    for key in where:
        if not (key in SOURCES or key in STANDARDS or key.startswith("RFC ")):
            raise ConfigError(f"unknown source key {key!r}")
        if key.startswith("RFC "):
            parse(key)
    lines = ["# References", "",
             "Every public source the workbook cites. Generated by `scripts/make_references.py` "
             "from `uclab/facts/sources.py` and `uclab/facts/citations.py`; do not edit by "
             "hand.", "",
             "Cisco product facts come from the project's fact sheet; its sources are S1…"
             f"S{len(SOURCES)}. Some are third-party (a mirror, a forum, code on GitHub): the "
             "notebooks say so where they rely on one. Sources without a link are named by "
             "title only in the fact sheet too. \"cited in\" names the notebooks, the exercise "
             "files, the interview bank (notebook 10) and the fault catalogue (the fault "
             "panel).", "",
             "## Fact-sheet sources (S-ids)", ""]

    def entry(cite: Citation, key: str) -> list[str]:
        links = ", ".join(f"<{u}>" for u in cite.links) or "(no public link in the fact sheet)"
        cited_by = ", ".join(where.get(key, ())) or "not cited yet"
        return [f"- **{key}** — {cite.title}", f"  - link: {links}", f"  - cited in: {cited_by}"]

    for sid in sorted(SOURCES, key=_order):
        lines += entry(Citation("sid", sid), sid)
    lines += ["", "## Standards (RFCs and others)", ""]
    for key in sorted((k for k in where if k not in SOURCES), key=_order):
        cite = parse(key)
        lines += entry(cite, key)
    lines += ["", "## The seed article", "",
              f"- {SEED_TITLE}. The project's origin (`shared/seed/`); facts only it shows are "
              "labelled *field observation* in the notebooks. The fact sheet gives no public "
              "link.", ""]
    return "\n".join(lines)
