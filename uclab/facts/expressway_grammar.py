"""The Expressway diagnostic-log grammar: block markers, processes, fields and the response lines
the renderer writes and the parser reads (``shared/real-logs/FORMATS.md`` §1.1; seed article).

Source keys other than S-ids are FORMATS.md's: T117811 = S17, T211304 = S18, T225746 = S21,
BLUCK7 = the ``bluck7/expressway-mra-callflow`` sample log (FORMATS.md source table).
"""

from uclab.facts.entry import SEED, Fact, Number

_F11 = "FORMATS.md §1.1"

# --- multi-line blocks (FORMATS.md §1.1 "Multi-line entries") -------------------------------------
HTTPMSG_MARKER = Fact("HTTPMSG:", f"S17, S21 ({_F11})", kind="text",
                      note="on its own line after the key=value pairs, or inline before the "
                      "message (TAC 117811)")
SIPMSG_MARKER = Fact(" SIPMSG:", f"BLUCK7 ({_F11})", kind="text",
                     note="with a leading space; its first message line starts ' |'")
BLOCK_FIRST = Fact("|", f"S21, BLUCK7; {SEED} ({_F11})", kind="text",
                   note="the first message line of a block starts with it")
BLOCK_END = Fact("|", f"S21, BLUCK7; {SEED} ({_F11})", confirmed=False, kind="text",
                 note="real blocks end with a line ' |' or '|', or '|' glued to the last line "
                 "(seed); which of the two lines an HTTPMSG block ends with is not shown "
                 "apart: uclab writes '|' [U]")
BLOCK_INDENT = Fact(" ", f"S21, BLUCK7 ({_F11})", kind="text",
                    note="every message line after the first starts with one space; a line "
                    "holding only it parts headers from body")

# --- processes besides traffic_server, edgeconfigprovisioning, credentialmanager, XCP ---------
PROC_TVCS = Fact("tvcs", f"BLUCK7, S17 ({_F11})", kind="process",
                 note="the SIP/H.323 core: network.sip, developer.sip.leg, ...")
PROC_REPLICATION = Fact("replication", f"{_F11}", confirmed=False, kind="process")

# --- traffic_server response lines (seed article; S17, S18, S21) ------------------------------
DETAIL_SENDING_RESPONSE_HEAD = Fact(
    "Sending Response", f"S17, S18, S21; {SEED}", kind="text",
    note="the seed's lines with it carry Txn-id, Dst-ip, Dst-port and an HTTPMSG block with the "
    "status line and headers (its 302 lines), no Response-code")
RESPONSE_BODY_LINE = Fact(
    "Sending response / Response-code", SEED, confirmed=False, kind="text",
    note="the seed's 200 lines say 'Sending response' with Response-code and show the body "
    "without the status line; uclab writes one such line after the 'Sending Response' line "
    "when a response has a body: the pairing is uclab's reading of the seed [U, inferred]")
DETAIL_SENDING_REQUEST = Fact("Sending Request", "S17, S18, S21", kind="text")
FIELD_LAST_VIA = Fact("Last-via-addr", SEED, confirmed=False, kind="text",
                      note="on Expressway-C's Receive Request INFO line (seed, value scrubbed); "
                      "uclab writes the Expressway-E address there")

# --- edgeconfigprovisioning event lines (seed article) ----------------------------------------
EVENT_LOCAL_PORT = Number(22111, SEED, confirmed=False, kind="value",
                          note="Local-port of the seed's Edge OAuth/SSO event lines; what the "
                          "port is was not found in any source [U]")
