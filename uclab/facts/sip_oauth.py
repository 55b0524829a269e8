"""SIP OAuth mode: Jabber registers its TLS SIP line with its OAuth access token instead of an
LSC (fact sheet 1.7; S10 = TAC 215572, S6, S36; FORMATS.md §1.8, SIG-39, SIG-40).

CUCM settings, CLI, the device config file fields and the registration exchange are S10's. What
no source shows is labelled: how CUCM prints SIP in its SDI trace (FORMATS.md §1.5 [U]) is the
lab's model, written in the real SDI line grammar; the Jabber PRT source locations are modelled
(line 0), as elsewhere in :mod:`uclab.facts.jabber_prt`.
"""

from uclab.facts.entry import Fact, Number
from uclab.facts.unity import TOMCAT_TRUST  # noqa: F401  (S10: CallManager checks it on 5091)

# --- CUCM configuration (S10; fact sheet 1.7) ----------------------------------------------------
CLI_SIP_OAUTH_ENABLE = Fact("utils sipOAuth-mode enable", "S10", kind="cli",
                            note="run on the publisher; then restart Cisco CallManager")
SVC_CALLMANAGER = Fact("Cisco CallManager", "S10, S2", kind="service",
                       note="restart it after enabling SIP OAuth mode and after regenerating "
                       "the Tomcat certificate (S10)")
SIP_OAUTH_DB_PARAM = Fact("ClusterSIPOAuthMode", "S10", kind="text",
                          note="processconfig paramname; 0 = off (the default), 1 = on")
SIP_OAUTH_SQL = Fact("run sql select paramvalue FROM processconfig WHERE paramname = "
                     "'ClusterSIPOAuthMode'", "S10", kind="cli")
SIP_OAUTH_OFF = Number(0, "S10", note="ClusterSIPOAuthMode and sipOAuthMode: SIP OAuth disabled "
                       "(the default)")
SIP_OAUTH_ON = Number(1, "S10", note="ClusterSIPOAuthMode and sipOAuthMode: SIP OAuth enabled")
SIP_PORTS_PAGE = Fact("System > Cisco Unified CM", "S10",
                      note="the two OAuth ports are set per CUCM node on this page")
SIP_PHONE_OAUTH_PORT = Fact("SIP Phone OAuth Port", "S10",
                            note="on-premises Jabber registers here over TLS")
SIP_PHONE_OAUTH_PORT_DEFAULT = Number(5090, "S10", kind="port")
SIP_MRA_PORT = Fact("SIP Mobile and Remote Access Port", "S10",
                    note="Expressway-C brings MRA registrations here over mutual TLS")
SIP_MRA_PORT_DEFAULT = Number(5091, "S10", kind="port")
SIP_OAUTH_PORT_MIN = Number(1024, "S10", note="range of both OAuth ports")
SIP_OAUTH_PORT_MAX = Number(49151, "S10", note="range of both OAuth ports")
SHOW_OPEN_PORTS = Fact("show open ports regexp", "S10", kind="cli",
                       note="S10 verifies with 'show open ports regexp 5090' and '... 5091'; "
                       "the output lines uclab prints are the lab's [U]")
PHONE_SECURITY_PAGE = Fact("System > Security > Phone Security Profile", "S10")
ENABLE_OAUTH_AUTH = Fact("Enable OAuth Authentication", "S10",
                         note="a check box of the phone security profile")
DEVICE_SECURITY_MODE = Fact("Device Security Mode", "S10")
SECURITY_MODE_ENCRYPTED = Fact("Encrypted", "S10")
TRANSPORT_TYPE = Fact("Transport Type", "S10")
TRANSPORT_TLS = Fact("TLS", "S10")
CSF_PRODUCT = Fact("Cisco Unified Client Services Framework", "S10",
                   note="product type of a Jabber desktop (CSF) device and its profile")
LAB_SIP_PROFILE = Fact("Cisco Unified Client Services Framework - SIP OAuth", "lab choice",
                       confirmed=False, note="the lab's profile name; S10's screenshot uses "
                       "'... - OAuth auth'")
LAB_CSF_DEVICE = Fact("CSF{user}", "lab choice", confirmed=False, kind="format",
                      note="the lab names each Jabber desktop device CSF + user id (upper case)")
EXPC_CONFIG_PAGE = Fact("Device > Expressway-C", "S10",
                        note="from 12.5(1)SU1: the Expressway-C certificate names CUCM holds")
EXPC_CONFIG_SQL = Fact("run sql select * from expresswaycconfiguration", "S10", kind="cli")
NOT_WITH_SIP_OAUTH = Fact("Enable Digest Authentication and TFTP Encrypted Config", "S10",
                          note="not supported when SIP OAuth mode is enabled")

# --- the device config file (S10; FORMATS.md §1.8) -----------------------------------------------
TFTP_PORT = Number(6970, "S10, S19", kind="port",
                   note="http://<cucm>:6970/<CSF-device>.cnf.xml")
CNF_PATH = Fact("/{device}.cnf.xml", "S10", kind="format")
CNF_SIP_OAUTH_MODE = Fact("sipOAuthMode", "S10", note="0 = off, 1 = on; Jabber reads it")
CNF_SIP_OAUTH_PORT = Fact("sipOAuthPort", "S10", note="the port on-premises Jabber uses")
CNF_SIP_MRA_PORT = Fact("sipMRAOAuthPort", "S10", note="the port used over MRA")
LEGACY_SIP_PORTS = Fact("5060 / 5061", "S10",
                        note="with SIP OAuth off Jabber registers on the legacy non-secure "
                        "(5060) or secure (5061) port")

# --- the registration exchange (S10; FORMATS.md §1.8, SIG-39) ------------------------------------
SIP_REALM = Fact("ccmsipline", "S10", note="realm of CUCM's Bearer challenge; the CUCM Security "
                 "Guide 11.5(1)SU10, 'Configure SIP Station Realm', gives it as that service "
                 "parameter's default (Digest)")
SIP_CHALLENGE = Fact('Bearer realm="{realm}"', "S10", kind="format",
                     note="the Proxy-Authenticate value of CUCM's 407")
SIP_CREDENTIALS = Fact('Bearer token="{token}"', "S10", kind="format",
                       note="the Proxy-Authorization value of Jabber's second REGISTER")
SIP_407 = Number(407, "S10, RFC 3261 §21.4.8", kind="code")
SIP_407_REASON = Fact("Proxy Authentication Required", "S10, RFC 3261 §21.4.8")
SIP_403_REASON = Fact("Forbidden", "S10, RFC 3261 §21.4.4")
SIP_PORT_MISMATCH = Fact("SIP OAuth Registration port Mismatch", "S10",
                         note="CUCM's 403 Warning text: OAuth not enabled globally or in the "
                         "profile, or TLS instead of mTLS")
SIP_WARNING = Fact('399 {node} "{text}"', "S10, RFC 3261 §20.43", kind="format",
                   note="the Warning header of the 403")
TLS_UNKNOWN_CA = Fact("unknown CA", "S10, RFC 8446 §6.2",
                      note="the TLS alert on 5091 when a side does not trust the other's "
                      "signer (unknown_ca)")
TOMCAT_CERT = Fact("tomcat", "S10", note="CallManager presents the Tomcat certificate on both "
                   "OAuth ports")
CEOAUTH_ZONE = Fact("CEOAuth {ucm}", "S6, S10", kind="format",
                    note="the zone Refresh servers creates on Expressway-C when SIP OAuth is on "
                    "(X12.5+): a TLS zone even if CUCM is not in mixed mode")
CEOAUTH_PRIORITY = Number(45, "S6", note="search rule priority of the CEOAuth zone")

# --- Expressway ports of the SIP leg -------------------------------------------------------------
EDGE_SIP_TLS_PORT = Number(5061, "BLUCK7 (FORMATS.md §1.1)", kind="port",
                           note="Expressway-E takes the MRA endpoint's SIP over TLS here")
TRAVERSAL_PORT = Number(7001, "T117811 (FORMATS.md SIG-14)", confirmed=False, kind="port",
                        note="the Unified Communications traversal zone port in T117811's "
                        "log (Dst-port=7001); uclab sends the SIP leg from Expressway-E to "
                        "Expressway-C there")
SIP_503_REASON = Fact("Service Unavailable", "RFC 3261 §21.5.4, lab model", confirmed=False,
                      note="what the lab's Expressway-C answers when its leg to CUCM fails; the "
                      "real response is not published")

# --- Jabber PRT (S10; FORMATS.md §1.2, §1.8) -----------------------------------------------------
LOGGER_SIP = Fact("csf.sip-call-control", "FORMATS.md §1.2", confirmed=False,
                  kind="module", note="a logger seen in real PRTs; that the sipio lines are "
                  "its lines is uclab's reading [U]")
PRT_SIP_OAUTH_MODE = Fact("sip OAuth Mode={mode}", "S10", kind="format")
PRT_SIP_OAUTH_MODE_FN = Fact("CSFUnified::TelephonyAdapter::applySipOAuthMode", "lab model",
                             confirmed=False, kind="location")
PRT_SIP_AT = Fact(r"phony\src\sip\SipTransportService.cpp(0)", "lab model", confirmed=False,
                  kind="location", note="a 40-character path with line 0 (modelled)")
PRT_SIP_IO_FN = Fact("sipio", "lab model", confirmed=False, kind="text",
                      note="the function field of the sipio lines (modelled)")
PRT_SIP_SENT_LINE = Fact("sipio-sent---> {message}", "S10", kind="format",
                         note="the SIP message follows on lines with no prefix")
PRT_SIP_RECV_LINE = Fact("sipio-recv<--- {message}", "S10", kind="format")

# --- CUCM SDI (real line grammar S18; SIP text modelled, FORMATS.md §1.5 [U]) --------------------
SDI_SIP_PROCESS = Fact("SIPStationD", "S18", kind="process",
                       note="the CallManager process S18's TLS lines name")
SDI_SIP_IN = Fact("sipOAuth: {message_kind} received on port {port} ({transport}) from {peer}",
                  "lab model", confirmed=False, kind="format",
                  note="the SIP message follows on lines with no prefix; CUCM's real SDI SIP "
                  "layout was not captured (FORMATS.md §1.5)")
SDI_SIP_OUT = Fact("sipOAuth: {message_kind} sent on port {port} to {peer}", "lab model",
                   confirmed=False, kind="format")
SDI_TOKEN_OK = Fact("sipOAuth: token of {user} accepted ({reason}), device {device}",
                    "lab model", confirmed=False, kind="format")
SDI_TOKEN_BAD = Fact("sipOAuth: token refused ({reason}), device {device}", "lab model",
                     confirmed=False, kind="format")
SDI_TLS_UNKNOWN_CA = Fact(
    "validTLSConnection:TLS handshake failed on port {port} from {peer}: peer certificate "
    "issuer {issuer} not in tomcat-trust, alert unknown CA", "lab model", confirmed=False,
    kind="format", note="modelled on S18's validTLSConnection lines; S10 shows the alert only "
    "in a packet capture (FORMATS.md SIG-40)")
SDI_TLS_NAME = Fact(
    "validTLSConnection:TLS peer certificate names {names} are not Expressway-C entries "
    "(expresswaycconfiguration) on port {port}", "lab model", confirmed=False, kind="format")

# --- CLI output the sources do not show (lab wording) -------------------------------------------
CLI_SIP_OAUTH_DONE = Fact("{param} = {mode}; restart {service} on every node for it to take "
                          "effect", "lab wording", confirmed=False, kind="format",
                          note="what utils sipOAuth-mode enable prints is not in the sources")
OPEN_PORT_LINE = Fact("ccm  tcp  0.0.0.0:{port}  LISTEN", "lab wording", confirmed=False,
                      kind="format", note="the layout of show open ports is not in the sources")
EXPC_CONFIG_COLUMNS = Fact("name subjectnames", "lab model", confirmed=False,
                           note="the expresswaycconfiguration table's column names are not in "
                           "the sources; the lab shows the Expressway-C and its CN/SAN")

# --- what a user reports when the line does not register (lab wording, as uclab.facts.drill) -----
USER_SAYS_NO_PHONE = Fact(
    "Jabber signs in and chat works, but I cannot make or take calls: the phone shows it is "
    "not connected.", "lab wording", confirmed=False,
    note="no Cisco source gives Jabber's text for an unregistered line; what a user tells the "
    "help desk is the lab's wording")
