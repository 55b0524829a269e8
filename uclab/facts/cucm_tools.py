"""CUCM troubleshooting tools the drill uses: the Enterprise Parameters page and the platform
CLI's ``utils ntp status`` (S5, S23; public TAC and Community NTP documents, outside the fact
sheet).

``utils ntp status`` is in the CLI Reference Guide (S5), which the fact sheet cites only for the
AuthZ key commands; its output shape is taken from the published samples named in each note
[U]."""

from uclab.facts import server_grammar
from uclab.facts.entry import Fact

_NTP_SAMPLES = ("S5; output shape from Cisco TAC 215537 'Network Time Protocol (NTP) on CUCM' "
                "and Cisco Community doc 3166570 'Troubleshooting NTP issues on CUCM and UC apps'")

CUCM_PAGE_ENTERPRISE_PARAMETERS = Fact("System > Enterprise Parameters", "S23, S9",
                                       note="Cisco Unified CM Administration")
#: the command itself is the server grammars' entry (one entry per product string)
CLI_NTP_STATUS = server_grammar.CLI_NTP_STATUS
NTP_DAEMON_RUNNING = server_grammar.CLI_NTP_RUNNING
NTP_PEER_HEADER = Fact(
    "     remote           refid      st t when poll reach   delay   offset  jitter",
    _NTP_SAMPLES, confirmed=False, kind="cli",
    note="the ntpq peer table; column spacing in the published copies varies")
NTP_PEER_RULE = Fact("=" * 78, _NTP_SAMPLES, confirmed=False, kind="cli")
NTP_SYNCHRONISED = Fact("synchronised to NTP server ({server}) at stratum {stratum}",
                        _NTP_SAMPLES, confirmed=False, kind="format")
NTP_CORRECT_WITHIN = Fact("   time correct to within {ms} ms", _NTP_SAMPLES, confirmed=False,
                          kind="format")
NTP_POLLING = Fact("   polling server every {seconds} s", _NTP_SAMPLES, confirmed=False,
                   kind="format")
NTP_PEER_ROW = Fact(
    "{mark}{remote:<15} {refid:<16} {stratum:>2} u   37   64  377    0.412    0.031   0.012",
    f"{_NTP_SAMPLES}; lab model", confirmed=False, kind="format",
    note="one peer row: the layout of the published samples with the lab's numbers")
NTP_REFID_GPS = Fact(".GPS.", _NTP_SAMPLES, confirmed=False,
                     note="refid of a stratum-1 server in the published sample")

# --- the refresh-token table and the end user (S1, S2) --------------------------------------------
CLI_REFRESH_TOKENS = Fact(
    "run sql select pkid,refreshtokenindex,userid,clientid,dbinfo('utc_to_datetime',validity) "
    "as validity,state from refreshtokendetails", "S1", kind="cli",
    note="the output is a column table; its exact spacing is the lab's")
CUCM_PAGE_END_USER = Fact("User Management > End User", "S2", confirmed=False,
                          note="the page the LDAP-synchronised user's status shows on; its "
                          "field texts below are the lab's wording")
END_USER_STATUS = Fact("User Status", "lab wording", confirmed=False)
END_USER_ACTIVE = Fact("Active LDAP Synchronized User", "lab wording", confirmed=False,
                       note="S2 says only that a removed user shows inactive after the sync")
END_USER_INACTIVE = Fact("Inactive LDAP Synchronized User", "lab wording", confirmed=False)
