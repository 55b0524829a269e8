"""Third-party XMPP clients: CUAC (T220242) and Pidgin (S27) lines
(uclab.trace.dialects.xmpp_clients), and the PLAIN password they may log."""

import base64
from datetime import datetime, time

from uclab.protocols.sasl import encode_plain, find_plain, plain_in_base64
from uclab.trace.dialects import xmpp_clients
from uclab.trace.parsing import split
from uclab.trace.redact import CONCEALED, redact

# S27: a Pidgin debug log against IM&P (the stanza shortened)
PIDGIN = ["(12:40:52) jabber: Recv (ssl)(190): <stream:features><mechanisms "
          "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism><mechanism>"
          "CISCO-VTG-TOKEN</mechanism></mechanisms></stream:features>",
          "(12:40:52) sasl: Mechs found: PLAIN CISCO-VTG-TOKEN",
          "(12:40:52) sasl: No worthy mechs found"]
CUAC = ("2016-05-24 15:51:19,799 [1] INFO XMPP - XMPPWrapper.IsValidLogin: Log Event:Creating "
        "new instance of _xmppClient")


def read(lines):
    return list(split(lines, xmpp_clients.GRAMMARS, source="client.log"))


def test_pidgin_lines_read_their_category_and_a_time_of_day_only():
    recs = read(PIDGIN)
    assert [(r.product, r.grammar, r.component) for r in recs] == [
        ("xmpp-client", "pidgin", "jabber"), ("xmpp-client", "pidgin", "sasl"),
        ("xmpp-client", "pidgin", "sasl")]
    assert all(r.time is None and r.extra["time_of_day"] == time(12, 40, 52) for r in recs)
    assert recs[2].text == "No worthy mechs found"


def test_a_pidgin_time_of_day_takes_a_date_read_before_it():
    recs = read([CUAC, PIDGIN[1]])
    assert recs[1].time == datetime(2016, 5, 24, 12, 40, 52)


def test_a_cuac_line_reads_thread_level_logger_and_function():
    (rec,) = read([CUAC])
    assert (rec.grammar, rec.level, rec.component) == ("cuac", "INFO", "XMPP")
    assert rec.get("thread") == "1" and rec.get("function") == "XMPPWrapper.IsValidLogin"
    assert rec.get("direction") is None


def test_plain_is_recognised_by_decoding_not_by_shape():
    payload = base64.b64encode(encode_plain("alice", "s3cret!")).decode()
    assert plain_in_base64(payload).authcid == "alice"
    assert plain_in_base64(base64.b64encode(b"just some bytes").decode()) is None
    assert plain_in_base64(base64.b64encode(b"\0\0pw").decode()) is None  # no authcid
    assert plain_in_base64(base64.b64encode(b"\0a\0p\nw").decode()) is None  # control char
    assert [c.authcid for _, c in find_plain(f"x {payload} y CSFUnifiedLogger")] == ["alice"]
    assert redact(f"SASL data {payload}.") == f"SASL data {CONCEALED}."
    assert redact("CSFUnified::SingleSignOn") == "CSFUnified::SingleSignOn"


def test_clear_passwords_names_each_record_that_holds_one():
    payload = base64.b64encode(encode_plain("bob", "pw", authzid="bob@example.com")).decode()
    line = (f"2016-05-24 15:51:32,762 [33] INFO XMPP - XMPPWrapper.IsValidLogin: Log Event:SEND: "
            f'<auth mechanism="PLAIN" xmlns="urn:ietf:params:xml:ns:xmpp-sasl">{payload}</auth>')
    recs = read([CUAC, line])
    ((rec, creds),) = xmpp_clients.clear_passwords(recs)
    assert rec is recs[1] and (creds.authcid, creds.authzid) == ("bob", "bob@example.com")
    assert payload not in redact(rec.raw)
