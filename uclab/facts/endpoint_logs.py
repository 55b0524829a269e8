"""What TC/CE video endpoints and two third-party XMPP clients (Cisco Unified Attendant Console
Standard, Pidgin) write in their logs (``shared/real-logs/FORMATS.md`` §1.4, §1.9; samples
``tc-*.log``, ``cuac-*.log``). Sources: S18 = TAC 211304, S27 = the Pidgin forum log, T220242 =
the CUAC TAC document (:data:`uclab.facts.sources.LOG_SOURCES`)."""

from uclab.facts.entry import Fact

# --- TC/CE endpoints (FORMATS.md §1.4) ---------------------------------------------------------
TC_COMPONENT_HTTPCLIENT = Fact("HttpClient", "S18", kind="module")
TC_COMPONENT_PROV = Fact("PROV", "S18",
                         note="provisioning; an XML response can follow on the same line")
TC_COMPONENT_CERT = Fact("CertificateVerification", "S18", kind="module")
TC_AUTHORIZATION_MASK = Fact("xxxxxx", "S18",
                             note="how a TC endpoint prints an Authorization header value; its "
                             "Cookie: JSESSIONIDSSO= value is printed in clear")
TC_SESSION_COOKIE = Fact("JSESSIONIDSSO", "S18",
                         note="the session cookie a TC endpoint logs in clear (FORMATS.md §1.4, "
                         "§2): concealed on reading")

# --- third-party XMPP clients (FORMATS.md §1.9) ------------------------------------------------
CUAC_XMPP_LOGGER = Fact("XMPP", "T220242", confirmed=False,
                        note="CUAC Standard's log4net logger of its XMPP wrapper")
CUAC_XMPP_WRAPPER = Fact("XMPPWrapper", "T220242", confirmed=False)
PIDGIN_JABBER = Fact("jabber", "S27",
                     note="the Pidgin debug category of XMPP lines: (HH:MM:SS) jabber: Recv "
                     "(ssl)(n): <stanza>")
PIDGIN_SASL = Fact("sasl", "S27",
                   note="Pidgin's SASL category: sasl: Mechs found: PLAIN CISCO-VTG-TOKEN, "
                   "sasl: No worthy mechs found")

# --- the line grammars, each with its evidence ---------------------------------------------------
TC_LINE = Fact("{seconds since boot}.{centiseconds} {Component} {message}", "S18", kind="format",
               note="no wall-clock time: relative only")
CUAC_LINE = Fact("{date} {time},{ms} [{thread}] {LEVEL} {logger} - {message}", "T220242",
                 kind="format", note="as CUAC Standard's lines show it (log4net's usual "
                 "pattern, inferred); local time with no offset")
PIDGIN_LINE = Fact("({HH:MM:SS}) {category}: {message}", "S27", kind="format",
                   note="Pidgin's debug log: time of day only")
