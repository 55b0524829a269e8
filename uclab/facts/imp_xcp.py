"""IM&P's XCP_JABBERD log lines and XMPP stream header (seed article, field observation; S17,
S27)."""

from uclab.facts.entry import SEED, Fact

# --- XCP_JABBERD log lines (seed article, field observation) -------------------------------------
XCP_PROCESS = Fact("XCP_JABBERD", f"{SEED}; S17", kind="process")
XCP_MODULE = Fact("Jabber", f"{SEED}; S17", kind="module")
XCP_LEVEL_VBOSE = Fact("VBOSE", SEED, confirmed=False)
XCP_LEVEL_INFO = Fact("INFO ", "S17 (the padding); lab choice (the level)", confirmed=False,
                      note="XCP pads its levels to 5 characters, as Level=\"INFO \" in S17's "
                      "XCP_JABBERD lines shows (FORMATS.md §1.1); that the auth-outcome lines "
                      "are INFO is the lab's choice: IM&P's real XCP texts are unknown")
DELIVER_LOCATION = Fact("deliver.c:1171", SEED, confirmed=False, kind="location")
DELIVER_DETAIL = Fact("DELIVER: type:{type}, host:{host}, packet:{packet}", SEED, confirmed=False,
                      kind="format")
AUTH_COMPONENT = Fact("auth-1", SEED, confirmed=False,
                      note="component names are <name>.<host with dots as dashes>, as the seed's "
                      "'auth-1.lab2-imp-lab-com' suggests (inferred)")
CONNECT_AUTH_COMPONENT = Fact("connect-auth-1", SEED, confirmed=False)
SDNS_COMPONENT = Fact("sdns_plugin-1", SEED, confirmed=False)
CM_COMPONENT = Fact("cm-1_jsmcp-1", SEED, confirmed=False,
                    note="seen for the Expressway-E connection manager; used for IM&P's own by "
                    "analogy")
XDB_QUERY_ID = Fact("conauth{n}-jtx_{m}", SEED, confirmed=False, kind="format")
XDB_AUTH_ID = Fact("jtx_{m}", SEED, confirmed=False, kind="format")
SECRET_MASK = Fact("XXXXXXX", SEED, confirmed=False,
                   note="how the seed's XCP_JABBERD lines show the SASL payload")
AUTH_OK_DETAIL = Fact("SASL {mechanism} authentication succeeded for {who}", "lab wording",
                      confirmed=False, note="no source shows IM&P's XCP authentication log texts",
                      kind="format")
AUTH_FAIL_DETAIL = Fact("SASL {mechanism} authentication failed for {who}: {reason}",
                        "lab wording", confirmed=False,
                        note="no source shows IM&P's XCP authentication log texts", kind="format")

# --- XMPP stream header (S27) and the seed's extension namespace ---------------------------------
NS_DOMAIN_BASED_NAME = Fact("urn:xmpp:domain-based-name:0", SEED, confirmed=False,
                            note="also in third-party Cisco client test code", kind="namespace")
STREAM_HEADER_XML = Fact(
    "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client' "
    "xml:lang='en-US.UTF-8' id='{id}' from='{domain}' version='1.0'>", "S27 (Pidgin log)",
    confirmed=False, note="the shape of an IM&P stream header in a Pidgin debug log; the id "
    "there is 12 upper-case hex digits", kind="format")
