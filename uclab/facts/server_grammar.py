"""The CUCM server-side log grammars the parsers read: the CallManager SDI trace, the ssosp log4j
log and pasted platform CLI output (``shared/real-logs/FORMATS.md`` §1.5; S18, S21, T217268,
ENTRA; ``utils ntp status`` from NTP3166570 and NTPTS15).

The parsers are :mod:`uclab.trace.dialects.cucm_sdi`, :mod:`~uclab.trace.dialects.cucm_ssosp`
and :mod:`~uclab.trace.dialects.cucm_cli`; the output of ``show key authz`` is the lab's own
(:data:`uclab.facts.cucm.CLI_CHECKSUM_FORMAT`: the real format is not published).
"""

from uclab.facts.entry import Fact

# --- CallManager SDI trace (S18 = TAC 211304) ----------------------------------------------------
SDI_LINE_FORMAT = Fact(
    "{seq}.{sub} |{time} |{category} |{text}", "S18 (FORMATS.md §1.5)", kind="format",
    note="an 8-digit sequence number, a 3-digit sub-number, HH:MM:SS.mmm with no date (the "
    "date comes from the file or RTMT; local time [I]), the category padded with spaces")
SDI_APPINFO = Fact("AppInfo", "S18")
SDI_ALARMERR = Fact("AlarmErr", "S18",
                    note="an alarm: AlarmClass, AlarmName, AlarmSeverity, ... as 'Key: value, '")

# --- ssosp log4j (T217268, S21 = TAC 225746, ENTRA) ----------------------------------------------
SSOSP_LINE_FORMAT = Fact(
    "{date} {time},{ms} {level} [{thread}] {logger} - {message}", "T217268, S21, ENTRA",
    kind="format",
    note="local time with no offset (09:00:53 next to IssueInstant 13:00:53Z in T217268) [I]; "
    "a line that does not start with a date (a Java stack trace, SAML XML) belongs to the "
    "entry before it; stack frames are indented in T217268 and not in ENTRA")
SAML_RESPONSE_MARK = Fact(
    "SAML Response is ::", "T217268",
    note="at DEBUG the whole base64 SAML response follows on the line (several kB)")
SAML_GOT_RESPONSE_MARK = Fact(
    "SPACSUtils.getResponse: got response=", "T217268",
    note="at DEBUG the SAML response XML follows; the decrypted assertion is logged too")

# --- Pasted platform CLI output (T217268; NTP3166570, NTPTS15) -----------------------------------
CLI_PROMPT = Fact("admin:", "T217268", kind="cli",
                  note="the platform CLI prompt is the OS administrator's name and a colon")
CLI_SSO_STATUS = Fact("utils sso status", "T217268", kind="cli")
CLI_SSO_STATUS_LABEL = Fact("SSO Status", "T217268", kind="cli",
                            note="first line of utils sso status: 'SSO Status: SAML SSO Enabled'")
CLI_SSO_ENABLED = Fact("SAML SSO Enabled", "T217268", kind="cli",
                       note="the disabled wording is not in the sources; uclab reads a value "
                       "ending in 'Disabled' as off [U]")
CLI_SSO_DATE = Fact(
    "Fri Apr 09 09:09:00 EDT 2021", "T217268", kind="cli",
    note="how utils sso status writes its dates: local time with a zone abbreviation")
CLI_RUN_SQL = Fact("run sql", "T217268, S1", kind="cli",
                   note="output: a header row, a row of '=' runs under each column, the rows")
CLI_NTP_STATUS = Fact("utils ntp status", "NTP3166570, NTPTS15", kind="cli")
CLI_NTP_RUNNING = Fact("ntpd (pid {pid}) is running...", "NTP3166570, NTPTS15", kind="format")
CLI_NTP_COLUMNS = Fact("remote refid st t when poll reach delay offset jitter",
                       "NTP3166570, NTPTS15", kind="cli",
                       note="the ntpq peer table; '*' before the remote marks the server in use")
CLI_NTP_SYNCED = Fact("synchronised to NTP server ({server}) at stratum {stratum}",
                      "NTP3166570", kind="format")
CLI_NTP_UNSYNCED = Fact("unsynchronised", "NTPTS15", kind="cli",
                        note="'unsynchronised' then 'time server re-starting'")
CLI_NTP_WITHIN = Fact("time correct to within {ms} ms", "NTP3166570", kind="format")
CLI_NTP_POLLING = Fact("polling server every {seconds} s", "NTP3166570, NTPTS15",
                       kind="format")
CLI_FILE_VIEW = Fact("file view activelog", "S1, S2", kind="cli",
                     note="e.g. file view activelog platform/log/ssoApp.log")
CLI_FILE_GET = Fact("file get activelog", "T217268, S21", kind="cli",
                    note="e.g. file get activelog tomcat/logs/ssosp/log4j/*")
CLI_SAMLTRACE_DEBUG = Fact("set samltrace level debug", "S1, S2, T217268", kind="cli",
                           note="raises the ssosp SAML trace detail; run it on every node")
