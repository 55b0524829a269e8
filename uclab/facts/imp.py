"""IM&P: services, the SASL offer, Centralized Deployment, EPAS and ports (fact sheet 3.4, 4.1;
S3, S15, S23, S26-S28, S35).

The XCP_JABBERD log lines and the XMPP stream header are in :mod:`uclab.facts.imp_xcp`."""

from uclab.facts.entry import SEED, Fact, Number

# --- services (Cisco Unified IM and Presence Serviceability) ------------------------------------
SVC_XCP_AUTH = Fact("Cisco XCP Authentication Service", "S3, S15, S35", kind="service",
                    note="restart it on all IM&P nodes after an AuthZ key regeneration (S3, S15)")
SVC_XCP_CM = Fact("Cisco XCP Connection Manager", "S35, S23", kind="service")
SVC_XCP_ROUTER = Fact("Cisco XCP Router", "S35", kind="service")
SVC_TOMCAT = Fact("Cisco Tomcat", "S1, S35", kind="service")
SVC_SIP_PROXY = Fact("Cisco SIP Proxy", "S23", kind="service")
SVC_PRESENCE_ENGINE = Fact("Cisco Presence Engine", "S23", confirmed=False, kind="service",
                           note='S23 writes "Presence Engine"; the "Cisco " prefix follows the '
                           "other service names")
SVC_CLIENT_PROFILE_AGENT = Fact("Cisco Client Profile Agent", "S35", confirmed=False,
                                kind="service",
                                note='S35 writes "Client Profile Agent"; the "Cisco " prefix '
                                "follows the other service names")
IMP_RESTARTED = Fact("{service} restarted on {host}", "lab wording", confirmed=False, kind="cli")
IMP_RESTARTED_KEYS = Fact("{service} restarted on {host}: AuthZ keys reloaded from the database",
                          "lab wording", confirmed=False, kind="cli",
                          note="what the restart does is S3/S15's; the wording is the lab's")
IMP_RESTARTED_STREAMS = Fact("{service} restarted on {host}: {dropped} XMPP stream(s) dropped",
                             "lab wording", confirmed=False, kind="cli")
IMP_RESTARTED_EPAS = Fact("{service} restarted on {host}: EPAS sessions dropped", "lab wording",
                          confirmed=False, kind="cli")

# --- ports ---------------------------------------------------------------------------------------
XMPP_PORT = Number(5222, "S17, S33, S31", kind="port",
                   note="XCP Connection Manager (fact sheet 3.1)")
IMP_HTTPS_PORT = Number(8443, "S28", kind="port",
                        note="Cisco Tomcat: EPAS at https://<imp>:8443 (fact sheet 3.4)")

# --- SASL offer ----------------------------------------------------------------------------------
MECH_VTG = Fact("CISCO-VTG-TOKEN", "S27, S26, S28",
                note="Cisco-specific; payload format from two independent third-party "
                "implementations (S28)")
#: The CISCO-VTG-TOKEN message (S28; fact sheet 3.4 [C]).
VTG_FORMAT = Fact("userid={user}@{domain}\0token={token}", "S28",
                  note="two independent third-party implementations agree", kind="format")
OAUTHBEARER_CONDITION = Fact(
    "OAUTHBEARER is offered while OAuth with Refresh Login Flow is Enabled",
    f"S26, S27; {SEED}",
    confirmed=False,
    note="S26 saw an IM&P offer PLAIN, CISCO-VTG-TOKEN and OAUTHBEARER; S27 saw PLAIN and "
    "CISCO-VTG-TOKEN without OAuth; that the offer follows the refresh-login parameter (of the "
    "home cluster, or of a synchronized telephony cluster for a central cluster) is inferred")

# --- System > Centralized Deployment (S15) -------------------------------------------------------
MENU_CENTRALIZED = Fact("System > Centralized Deployment", "S15")
BUTTON_ADD_NEW = Fact("Add New", "S15")
FIELD_PEER_ADDRESS = Fact("Peer Address", "S15")
FIELD_AXL_USERNAME = Fact("AXL Username", "S15")
FIELD_AXL_PASSWORD = Fact("AXL Password", "S15")
BUTTON_SAVE_SYNC = Fact("Save and Synchronize", "S15")
STATUS_SYNCHRONIZED = Fact("Synchronized", "S15",
                           note="shown when the telephony cluster supports OAuth refresh logins")
STATUS_UNSYNCHRONIZED = Fact(
    "Unsynchronized", "S15",
    note="S15: a CUCM at 11.5(1)SU3 or earlier shows Unsynchronized but still works with SSO/LDAP "
    "login; 11.5(1)SU3 is also the release that introduced refresh logins (S1, S2), so the "
    "sources are in tension; uclab follows S15")
UNSYNC_UP_TO = Fact("11.5(1)SU3", "S15", note="last release that shows Unsynchronized")
AXL_AUTH_FAILED = Fact(
    "Unable to synchronize with {peer}: the AXL credentials were rejected ({detail})",
    "lab wording", confirmed=False, note="the IM&P page's real error text is not documented",
    kind="format")

# --- EPAS SOAP (legacy one-time tokens for CISCO-VTG-TOKEN) --------------------------------------
EPAS_PATH = Fact("/EPASSoap/service/v80", "S28", note="https://<imp>:8443, third-party code",
                 kind="path")
EPAS_OP_LOGIN = Fact("login", "S28")
EPAS_OP_OTP = Fact("get-onetime-password", "S28")
EPAS_NS = Fact("urn:cisco:epas:soap", "S28 (third-party script)", confirmed=False,
               kind="namespace")
EPAS_SOAPACTION_LOGIN = Fact("urn:cisco:epas:soap/EpasSoapServiceInterface/login",
                             "S28 (third-party script)", confirmed=False, kind="namespace")
EPAS_SHAPE = Fact(
    "<login-resp><success><session-key>..</session-key></success></login-resp>; "
    "<get-onetime-password-resp><success><password>..</password></success>"
    "</get-onetime-password-resp>", "S28 (third-party script), lab model", confirmed=False,
    note="the element paths follow what a third-party script reads; the exact SOAP bodies are a "
    "lab model")
EPAS_CLIENT_TYPE = Fact("CUPC", "lab model", confirmed=False,
                        note='client-type="CUPC" force="true" on the login request; the EPAS '
                        "request bodies are a lab model")
EPAS_INVALID = Fact("Invalid request", "S28 (third-party script)", confirmed=False,
                    note="the script looks for this text in failed EPAS answers")
EPAS_BAD_LOGIN = Fact("Invalid username or password", "lab wording", confirmed=False)
EPAS_OTP_TTL_SECONDS = Number(300, "lab choice", confirmed=False,
                              note="lifetime of an EPAS one-time token; not documented")
NS_SOAP12 = Fact("http://www.w3.org/2003/05/soap-envelope", "S28; SOAP 1.2 (W3C)",
                 confirmed=False, kind="namespace",
                 note="the fact sheet says only that EPAS is SOAP; the SOAP 1.2 envelope is the "
                 "lab's reading of the third-party code")
