"""What Jabber's own logs look like: the desktop PRT line grammar (current and older styles), the
Webex app's iOS Swift lines and the Android logcat-style grammar (``shared/real-logs/FORMATS.md``
§1.2, §1.3; samples ``jabber-*.log``); TC/CE and third-party XMPP clients are in
:mod:`uclab.facts.endpoint_logs`.

Sources: the fact-sheet keys where the document is one of them (S1 = TAC 212794, S8 = MRA guide
X12.5, S10 = TAC 215572, S17 = TAC 117811, S20 = TAC 223101), otherwise the FORMATS.md key
(:data:`uclab.facts.sources.LOG_SOURCES`: T221845, CJLV).
"""

from uclab.facts.entry import Fact, Number

# --- Jabber desktop PRT line (FORMATS.md §1.2) ---------------------------------------------------
PRT_LEVELS = Fact("TRACE DEBUG INFO WARN ERROR FATAL", "S1, S10, S19; T221845", confirmed=False,
                  note="DEBUG, INFO, WARN and ERROR are seen; TRACE and FATAL are log4cxx's "
                  "other levels, accepted in case (inferred)")
PRT_LEVEL_WIDTH = Number(5, "S1", note="the level is padded to 5 characters (INFO , WARN ); "
                         "HTML copies in TAC documents collapse the padding (FORMATS.md §1.2)")
PRT_SOURCE_WIDTH = Number(40, "S1, S10, S19, S20; T221845", confirmed=False,
                          note="all 61 distinct path(line) fields FORMATS.md measured are exactly "
                          "40 characters, the path cut from the left (inferred from samples)")
PRT_THREAD_DIGITS = Number(8, "S1, S20; T221845",
                           note="csf thread ids are 0x and 8 hex digits (0x0000264c)")
PRT_OLD_LEVEL_WARNING = Fact("WARNING", "S17", note="the older PRT style writes WARNING with a "
                             "decimal thread: WARNING [9134000] - [csf.edge][...] (Jabber 9.x/10.x "
                             "by its 2014 date, inferred)")
PRT_XMPPSDK_DLL = Fact("XmppSDK.dll", "S8", kind="module",
                       note="older Jabber's XMPP library lines, written with no time: "
                       "XmppSDK.dll #0, 201, Recv:<iq ...>")
PRT_SIP_SENT = Fact("sipio-sent--->", "S10", note="a SIP message Jabber sent follows on the "
                    "next lines, with no prefix")
PRT_SIP_RECV = Fact("sipio-recv<---", "S10", note="a SIP message Jabber received follows")
PRT_DEVICE_CONFIG = Fact("Device Config:", "T221845", confirmed=False,
                         note="the device configuration XML follows on lines with no prefix "
                         "(FORMATS.md §1.2)")

# --- Jabber for Android, logcat style (FORMATS.md §1.3, [U]) -------------------------------------
ANDROID_LEVELS = Fact("V D I W E F A", "CJLV", confirmed=False,
                      note="logcat's one-letter priorities; the Jabber Android grammar is read "
                      "from the CJLV viewer's source, no Cisco sample (FORMATS.md §1.3 [U])")

# --- the line grammars, each with its evidence ---------------------------------------------------
PRT_LINE = Fact("{date} {time},{ms} {level:<5} [0x{thread}] [{source}({line})] [{logger}] "
                "[{function}] - {message}", "S1, S10, S19, S20; T221845", kind="format",
                note="Jabber desktop (and the Webex app's csf lines on iOS); TAC copies drop the "
                "date, the time or both, and collapse the level padding")
PRT_OLD_LINE = Fact("{level} [{decimal thread}] - [{logger}][{function}] {message}", "S17",
                    kind="format", note="older Jabber (9.x/10.x by its 2014 date, inferred)")
XMPPSDK_LINE = Fact("XmppSDK.dll #{session}, {message}", "S8", kind="format",
                    note="older Jabber's XMPP library, no time")
IOS_SWIFT_LINE = Fact("{date}T{time}.{ms}Z <{Level}> [0x{thread}][{category}]{file}.swift:{line} "
                      "{function}:{message}", "S20", kind="format",
                      note="Webex app on iOS, UTC; interleaved with csf lines")
ANDROID_LINE = Fact("{MM-dd} {HH:mm:ss.SSS} {pid} {tid} {L} {tag} [{source}] [{category}] "
                    "[{method}] - {message}", "CJLV", confirmed=False, kind="format",
                    note="Jabber for Android as the CJLV viewer reads it; no year; no Cisco "
                    "sample (FORMATS.md §1.3 [U])")
