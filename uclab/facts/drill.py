"""The troubleshooting drill's own values: what a user says, what each investigation costs, the
red herrings and the labels of modelled output. Every entry is lab-only: no product has them."""

from uclab.facts.cucm import PARAM_ACCESS_EXPIRY, PARAM_RTMT_SSO
from uclab.facts.entry import Fact, Number
from uclab.facts.expressway import IOS_SAFARI

# --- what a user reports, by the step where the login stopped (lab wording) ----------------------
_USER = "lab wording"
_USER_NOTE = ("no Cisco source gives Jabber's OAuth error texts (fact sheet 3.2); what a user "
              "tells the help desk is the lab's wording")
USER_SAYS_DISCOVERY = Fact("Jabber cannot find the server when I sign in from home.", _USER,
                           confirmed=False, note=_USER_NOTE)
USER_SAYS_AFTER_PASSWORD = Fact(
    "I type my password on the Jabber sign-in page, and then Jabber says it cannot sign in.",
    _USER, confirmed=False, note=_USER_NOTE)
USER_SAYS_NO_IM = Fact("Jabber signs in, but IM doesn't work: no chat, no presence.", _USER,
                       confirmed=False, note=_USER_NOTE)
USER_SAYS_NO_CONTACTS = Fact("Jabber signs in, but my contacts and phone settings do not load.",
                             _USER, confirmed=False, note=_USER_NOTE)
USER_SAYS_NO_VOICEMAIL = Fact("Jabber works, but voicemail doesn't: it asks again or stays empty.",
                              _USER, confirmed=False, note=_USER_NOTE)
USER_SAYS_SIGNED_OUT = Fact("Jabber was working, then it signed me out and wants my password "
                            "again.", _USER, confirmed=False, note=_USER_NOTE)
USER_SAYS_NO_CONNECTION = Fact("After my laptop woke up, Jabber cannot connect at all.", _USER,
                               confirmed=False, note=_USER_NOTE)
USER_SAYS_OTHER = Fact("Jabber does not work for me.", _USER, confirmed=False, note=_USER_NOTE)

# --- minutes each investigation takes in an outage (lab choice) -------------------------------
_COST = "lab choice"
_COST_NOTE = "an estimate for the drill's score, not a measured time"
MINUTES_PRT = Number(10, _COST, confirmed=False, note="the user creates and sends the PRT; "
                     + _COST_NOTE)
MINUTES_DIAG_LOG = Number(15, _COST, confirmed=False,
                          note="start, reproduce, stop, collect, download; " + _COST_NOTE)
MINUTES_DIAG_TCPDUMP = Number(20, _COST, confirmed=False, note="the same with tcpdump; "
                              + _COST_NOTE)
MINUTES_SHOW_KEY = Number(5, _COST, confirmed=False, note="ssh to the node, both commands; "
                          + _COST_NOTE)
MINUTES_PAGE = Number(3, _COST, confirmed=False, note="open one admin page; " + _COST_NOTE)
MINUTES_XCONF = Number(5, _COST, confirmed=False, note="ssh to Expressway-C; " + _COST_NOTE)
MINUTES_NTP = Number(3, _COST, confirmed=False, note=_COST_NOTE)
MINUTES_REFRESH = Number(5, _COST, confirmed=False, note=_COST_NOTE)
MINUTES_TEST_LOGIN = Number(5, _COST, confirmed=False, note=_COST_NOTE)
MINUTES_IMP_TRACE = Number(15, _COST, confirmed=False, note="collect the trace files; "
                           + _COST_NOTE)
MINUTES_SYSLOG = Number(5, _COST, confirmed=False, note=_COST_NOTE)
MINUTES_FIX = Number(10, _COST, confirmed=False, note="apply the fix and ask the user to try "
                     "again; " + _COST_NOTE)

# --- red herrings: harmless oddities, each a real setting at a non-default value (lab model) ----
_HERRING = "lab model"
HERRING_ACCESS_EXPIRY = Number(
    30, _HERRING, confirmed=False,
    note=f"'{PARAM_ACCESS_EXPIRY}' at 30 instead of 60: Jabber refreshes twice as often, "
    "silently (S2); no fault of the catalogue depends on it")
HERRING_RTMT_SSO = Fact(
    "False", _HERRING, confirmed=False,
    note=f"'{PARAM_RTMT_SSO}' False: S23 gives True on a fresh install and False after an "
    "upgrade (which upgrades, not documented [U]); the drill sets it directly; it concerns RTMT, "
    "not Jabber")
HERRING_IOS_SAFARI = Fact(
    "Yes", _HERRING, confirmed=False,
    note=f"'{IOS_SAFARI}' Yes: only Jabber for iOS uses it (S6, S11); the drill's user runs "
    "Jabber for Windows")

# --- labels of modelled output -------------------------------------------------------------------
LAB_NTP_SERVER = Fact("192.0.2.5", "lab choice", confirmed=False,
                      note="the lab's NTP server (RFC 5737 documentation address)")
TCPDUMP_MODELLED = Fact(
    "tcpdump (modelled): one line per packet exchange the lab recorded while logging; the real "
    "capture is a .pcap file", "lab model", confirmed=False)
IMP_TRACE_MODELLED = Fact(
    "modelled lines: no real XCP Authentication trace line is published (FORMATS.md 1.6)",
    "lab model", confirmed=False)
CUC_TRACES_MODELLED = Fact(
    "modelled lines: S12 names Unity Connection's diagnostic traces for the Authz server, not "
    "their component names or line format", "lab model", confirmed=False)
MINUTES_CUC_TRACES = Number(15, _COST, confirmed=False, note="collect the trace files; "
                            + _COST_NOTE)
