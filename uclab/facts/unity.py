"""Unity Connection: Authz Servers pages, the CUPI Authorization Server object, its error
messages, the key-rotation alert and the voicemail API (fact sheet 4.2; S12, S13, S14)."""

from uclab.facts.cucm import DISABLED, PARAM_REFRESH_FLOW, PARAM_SECTION
from uclab.facts.entry import Fact, Number

# --- Connection Administration pages (S13, S12) -------------------------------------------------
PAGE_ENTERPRISE_PARAMETERS = Fact("System Settings > Enterprise Parameters", "S13")
PAGE_AUTHZ_SERVERS = Fact("System Settings > Authz Servers", "S13, S12")
PAGE_SEARCH = Fact("Search Authz Servers", "S12",
                   note='S12 also writes "Search Authz Server page" once')
PAGE_NEW = Fact("New Authz Server", "S12")
PAGE_EDIT = Fact("Edit Authz Server", "S12")
ACTION_ADD_NEW = Fact("Add New", "S13, S12")
ACTION_DELETE_SELECTED = Fact("Delete Selected", "S13, S12")
ACTION_SYNC_KEYS = Fact("Sync Keys", "S13, S12")
LABEL_IGNORE_CERTIFICATE_ERRORS = Fact(
    "Ignore Certificate Errors", "S13, S12",
    note="the only GUI label of the page the sources give; the others are not known [U]",
)
TOMCAT_TRUST = Fact("tomcat-trust", "S12, S13")
LABEL_DISPLAY_NAME = Fact("Display Name", "lab choice", confirmed=False,
                          note="GUI labels beyond Ignore Certificate Errors are not known (fact "
                          "sheet 4.2); uclab names them after the CUPI fields (S14)")
LABEL_SERVER_NODE_ADDRESS = Fact("Server Node Address", "lab choice", confirmed=False,
                                 note="named after the CUPI field ServerNodeAddress")
LABEL_USERNAME = Fact("Username", "lab choice", confirmed=False)
LABEL_PASSWORD = Fact("Password", "lab choice", confirmed=False)
LABEL_PORT = Fact("Port", "lab choice", confirmed=False)

# --- CUPI "Authorization Server" object (S14) -----------------------------------------------------
VMREST_BASE = Fact("/vmrest/", "S14", kind="path", note="root of the CUPI REST paths")
REST_AUTHZ_SERVER = Fact("/vmrest/authz/server/", "S14", kind="path")
XML_LIST = Fact("AuthzServers", "S14", note='list element with a total="n" attribute')
XML_ITEM = Fact("AuthzServer", "S14")
FIELD_OBJECT_ID = Fact("ObjectId", "S14")
FIELD_DISPLAY_NAME = Fact("DisplayName", "S14")
FIELD_IGNORE_CERT = Fact("IgnoreCertificateError", "S14")
FIELD_USERNAME = Fact("ServerUsername", "S14")
FIELD_PASSWORD = Fact("ServerPassword", "S14", note="returned empty (<ServerPassword />)")
FIELD_ADDRESS = Fact("ServerNodeAddress", "S14")
FIELD_PORT = Fact("Port", "S14")
FIELD_LAST_SYNC = Fact("LastSyncStatus", "S14")
UNITY_AUTHZ_DEFAULT_PORT = Number(8443, "S14", kind="port",
                                  note="Port of an Authz server (the CUCM publisher's Tomcat)")
UNITY_HTTPS_PORT = Number(8443, "lab choice", confirmed=False, kind="port",
                          note="the lab's Unity Connection also answers on 8443; the fact sheet "
                          "gives Unity Connection's own ports nowhere")
SYNC_PASSED = Fact("Passed", "S14", note='sample "Passed - May 12,2017 07:00:53 AM GMT"')
SYNC_FAILED = Fact("Failed", "lab choice", confirmed=False,
                   note="only the Passed form is published (S14); the failed form is the lab's")
SYNC_DATE_FORMAT = Fact(
    "{month} {day:02d},{year} {hour12:02d}:{minute:02d}:{second:02d} {ampm} GMT", "S14",
    confirmed=False, kind="format",
    note="shape read from one sample (May 12,2017 07:00:53 AM GMT); zero-padding of a "
    "one-digit day and the zone shown for a non-GMT server are guesses",
)

# --- Error messages of the Authz Server pages (S12) ---------------------------------------------
ERR_CONNECT_NETWORK = Fact(
    "Failed to connect to Authz Server. Check network connectivity with Authz Server. "
    "For more details, check error log", "S12",
    note="uclab shows it when the name does not resolve or the port does not answer",
)
ERR_CONNECT = Fact(
    "Failed to connect to Authz Server", "S12",
    note="S12 does not say which cause shows the short form; uclab shows it when the host "
    "answers but offers no Authz key service (not CUCM, or CUCM before 11.5(1)SU3) [U]",
)
ERR_NOT_AUTHORIZED = Fact("Not authorized - Invalid Username or Password", "S12")
ERR_CERT_UNTRUSTED = Fact(
    "Failed to validate certificates. Make sure proper tomcat certificates are uploaded for "
    "the Authz Server", "S12")
ERR_CERT_NOT_YET_VALID = Fact(
    "Failed to validate certificates. Tomcat certificates uploaded for the Authz Server are "
    "not yet valid", "S12", note="the fact sheet elides the prefix; full text from S12")
ERR_CERT_EXPIRED = Fact(
    "Failed to validate certificates. Tomcat certificates uploaded for the Authz Server have "
    "expired", "S12", note="the fact sheet elides the prefix; full text from S12")

# --- CiscoSyslog alert (S12) ----------------------------------------------------------------------
CISCO_SYSLOG_PATH = Fact("/var/log/active/syslog/CiscoSyslog", "S12", kind="path")
ALARM_KEY_ROTATION = Fact("EvtAuthzKeyRotation", "S12")
CISCOLOG_FORMAT = Fact(
    "<Mon dd HH:MM:SS> <host> <facility> <sev> : <seq>: <fqdn>: <Mon DD YYYY HH:MM:SS.mmm> UTC :  "
    "%<APP>-<sev>-<NAME>: %[tag=value]...: <text>",
    "lab model; CiscoLog format per the CUCM Managed Services Guide (outside the fact sheet)",
    confirmed=False,
    note="the CiscoLog part is documented; the syslog prefix, the facility and the spacing "
    "are the lab's reading of field files (rendered by uclab.trace.logline, dialect ciscosyslog)",
)
CISCOLOG_FACILITY = Fact("local7", "lab choice", confirmed=False,
                         note="facility seen in UC CiscoSyslog files; not documented here")
CISCOLOG_APP = Fact("UC_CUC", "lab choice", confirmed=False,
                    note="the APPNAME under which CUC writes the alert is not published")
ALARM_KEY_ROTATION_SEVERITY = Number(4, "lab choice", confirmed=False,
                                     note="4 = warning; the alarm catalogue is not in hand")
ALARM_KEY_ROTATION_TEXT = Fact(
    "Authorization keys have changed on Cisco Unified CM; Unity Connection cannot validate "
    f"Jabber tokens until the keys are synchronized ({PAGE_AUTHZ_SERVERS} > {ACTION_SYNC_KEYS})",
    "S12 (paraphrased by the lab)", confirmed=False,
    note="the alert's own description text is not published; this paraphrases S12",
)

# --- Lab traces and the voicemail API -------------------------------------------------------------
TRACE_AUTHZ = Fact("cuc-authz:", "lab choice", confirmed=False, kind="process",
                   note="S12 names diagnostic traces for the Authz server but not their "
                   "component name or line format; this process name is the lab's")
TRACE_VMREST = Fact("cuc-vmrest:", "lab choice", confirmed=False, kind="process",
                    note="lab trace of the voicemail REST API's token decisions")
VM_INBOX_PATH = Fact(
    "/vmrest/mailbox/folders/inbox/messages", "lab choice", confirmed=False, kind="path",
    note="a CUMI inbox path; the exact request Jabber's voicemail makes is not in the fact "
    "sheet",
)
VM_MESSAGES_XML = Fact(
    '<Messages total="{total}">{items}</Messages>', "lab choice", confirmed=False, kind="format",
    note="modelled on CUMI's <Messages total=...> list; the fields inside are the lab's",
)
OAUTH_OFF_TEXT = Fact(
    f"{PARAM_REFRESH_FLOW} is {DISABLED} on this Unity Connection server "
    f"({PAGE_ENTERPRISE_PARAMETERS} > {PARAM_SECTION}), so it accepts no OAuth access "
    "token", "lab choice", confirmed=False,
    note="the real server's answer to a Bearer token with the feature off is not documented",
)
ROLE_SYSTEM_ADMIN = Fact("System Administrator", "CUC role name", confirmed=False,
                         note="CUC administrator role; not in the fact sheet")
