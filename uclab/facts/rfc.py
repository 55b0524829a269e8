"""Protocol standards the products follow: SASL mechanisms, XMPP namespaces and default ports
(RFC 4616, RFC 6120, RFC 7628, RFC 9110, RFC 1035), each with what the fact sheet adds."""

from uclab.facts.entry import Fact, Number

# --- SASL mechanism names ------------------------------------------------------------------------
MECH_PLAIN = Fact("PLAIN", "RFC 4616 §2; S27",
                  note="offered by IM&P without OAuth (Pidgin log against IM&P, S27)")
MECH_OAUTHBEARER = Fact(
    "OAUTHBEARER", "RFC 7628 §7.1; S26",
    note="an IM&P offered it in a 2019 report (S26); the seed article says IM&P's offer is "
    "required for OAuth (field observation)")

# --- XMPP (RFC 6120) ------------------------------------------------------------------------------
NS_SASL = Fact("urn:ietf:params:xml:ns:xmpp-sasl", "RFC 6120 §6.4; S27", kind="namespace")
NS_STREAMS = Fact("http://etherx.jabber.org/streams", "RFC 6120 §4.8.1; S27", kind="namespace")
NS_STREAM_ERRORS = Fact("urn:ietf:params:xml:ns:xmpp-streams", "RFC 6120 §4.9.2",
                        kind="namespace")
NS_JABBER_CLIENT = Fact("jabber:client", "RFC 6120 §4.8.3; S27", kind="namespace",
                        note="the content namespace of a client stream")
FAILURE_TEXT = Fact("<text>", "RFC 6120 §6.4.5", confirmed=False,
                    note="IM&P's observed failures carry no <text> (S27); the lab adds one "
                    "naming the reason")

# --- default ports --------------------------------------------------------------------------------
HTTPS_DEFAULT_PORT = Number(443, "RFC 9110 §4.2.2", kind="port")
HTTP_DEFAULT_PORT = Number(80, "RFC 9110 §4.2.1", kind="port")
XMPP_CLIENT_PORT = Number(5222, "RFC 6120 §14.7", kind="port")
DNS_PORT = Number(53, "RFC 1035 §4.2", kind="port")
