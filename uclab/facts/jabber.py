"""Jabber: client id, service discovery, releases and what the client sends (fact sheet 1.3, 3.1,
3.3; S1, S6, S11, S17, S25, S30, S33; seed article).

The PRT log lines (loggers, functions, texts) are in :mod:`uclab.facts.jabber_prt`."""

from uclab.facts.entry import SEED, Fact, Number

JABBER_CLIENT_ID = Fact(
    "C41eb54529dd9907e01d3744ead3a991ba9cc4c772b0497ebe8a103fa69fe81a8", "S25", confirmed=False,
    note="third-party app; the seed's Jabber for Windows trace shows another id of the same "
    "form, so the id may differ by build or platform",
)
JABBER_REDIRECT_URI = Fact("ciscojabber://oauth/callback", "lab choice", confirmed=False,
                           note="Jabber's registered redirect URI is not in the fact sheet")
JABBER_CLIENT_NAME = Fact("Cisco Jabber", "lab choice", confirmed=False,
                          note="the name of Jabber's client registration in the lab's CUCM")

# --- service discovery (S17, S33, S8, S31; fact sheet 2.3, 3.1) ----------------------------------
SRV_COLLAB_EDGE = Fact("_collab-edge._tls", "S17, S33, S8", kind="srv")
SRV_CISCO_UDS = Fact("_cisco-uds._tcp", "S17, S33, S8", kind="srv")
DISCOVERY_SUCCESS = Fact("SUCCESS", "S30", confirmed=False, kind="code",
                         note="third-party analyser rules")
DISCOVERY_EDGE_CREDS_NOT_SET = Fact("FAILED_EDGE_CREDENTIALS_NOT_SET", "S30", confirmed=False,
                                    kind="code", note="third-party analyser rules")
DISCOVERY_UCM90_CREDS_NOT_SET = Fact("FAILED_UCM90_CREDENTIALS_NOT_SET", "S1", kind="code")
EDGE_CONFIG_INTERNAL_ERROR = Fact("INTERNAL_ERROR", "S17", kind="code",
                                  note="Failed to retrieve EdgeConfig with error:INTERNAL_ERROR")

# --- what the client sends (seed article) --------------------------------------------------------
JABBER_USER_AGENT = Fact("Jabber/{version} ({platform};)", SEED, confirmed=False, kind="format",
                         note='the seed shows "Jabber/ (Windows;)" with the version concealed')
JABBER_VERSION = Fact("14.3", "lab choice", confirmed=False,
                      note="the Jabber release the lab's client claims in its User-Agent")
JABBER_PLATFORM = Fact("Windows", SEED, confirmed=False,
                       note="the seed's traces are from Jabber for Windows")
AUTHENTICATOR_ID = Fact("1001", SEED, confirmed=False,
                        note="the authenticator id in the seed's Single-Sign-On-Logger lines")

# --- releases (S6, S11, S13; fact sheet 1.1) -----------------------------------------------------
JABBER_REFRESH = Fact("11.9", "S6, S11, S13", note="Jabber 11.9+ for refresh logins")
JABBER_IMPLICIT = Fact("10.6", "S6", note="Jabber 10.6+ for simple OAuth over MRA")

# --- the known problem after a wake (S8, S11) ----------------------------------------------------
MODULES_RECONNECTING_ON_WAKE = Number(
    6, "S8, S11; lab model", confirmed=False,
    note='"some Jabber modules" send the expired token after a hibernate and more than 5 '
    "failures block the IP; how many modules reconnect is not published, 6 is the lab's number")
