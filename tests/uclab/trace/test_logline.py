"""uclab.trace.logline: product dialects, concealment by default (seed article, S17, S18, S1)."""

import pytest

from uclab.trace.logline import CONCEALED, LogLine, http_message

MS = 1585089060962  # 2020-03-24 22:31:00.962 UTC, the seed's first line


def test_traffic_server_line_matches_the_seed_shape():
    line = LogLine(MS, "expe.example.com", "traffic_server", "traffic_server[16087]:", (
        ("UTCTime", None), ("Module", "network.http.trafficserver"), ("Level", "INFO"),
        ("Detail", "Receive Request"), ("Txn-id", "2004"), ("Src-ip", "192.0.2.10"),
        ("Src-port", "59252"), ("Msg", "GET https://expe/ZXhhbXBsZS5jb20/get_edge_sso HTTP/1.1")))
    assert line.render() == (
        '2020-03-24T22:31:00.962+00:00 expe traffic_server[16087]: UTCTime="2020-03-24 '
        '22:31:00,962" Module="network.http.trafficserver" Level="INFO": Detail="Receive '
        'Request" Txn-id="2004" Src-ip="192.0.2.10" Src-port="59252" Msg="GET '
        'https://expe/ZXhhbXBsZS5jb20/get_edge_sso HTTP/1.1"')


def test_secrets_concealed_unless_revealed():
    msg = http_message("POST /x HTTP/1.1", [("Authorization", "Bearer abc.def")])
    line = LogLine(MS, "expc.example.com", "edgeconfigprovisioning", "edgeconfigprovisioning",
                   (("UTCTime", None), ("Module", "network.http.sso.server"),
                    ("Level", "DEBUG"), ("Action", "Send")), msg,
                   (("Bearer abc.def", CONCEALED),))
    assert "Authorization: <CONCEALED>" in line.render()
    assert "abc.def" not in line.render() and "abc.def" in line.render(reveal=True)
    assert line.render().startswith("2020-03-24T22:31:00.962+00:00 expc edgeconfigprovisioning "
                                    'UTCTime="2020-03-24 22:31:00,962"')


def test_jabber_prt_line():
    line = LogLine(MS, "jabber-alice", "csf-unified", "", (
        ("level", "ERROR"), ("thread", "0x000006c8"),
        ("source", r"rwerx\jwcpp\xmppcore\src\client.cpp(192)"), ("logger", "csf.jwcpp"),
        ("function", "gloox::Client::handleNormalNode"), ("message", "@XmppSDK: #0, hello")))
    assert line.render() == (r"2020-03-24 22:31:00,962 ERROR [0x000006c8] [rwerx\jwcpp\xmppcore"
                             r"\src\client.cpp(192)] [csf.jwcpp] [gloox::Client::"
                             "handleNormalNode] - @XmppSDK: #0, hello")


def test_state_round_trip():
    line = LogLine(MS, "h", "syslog", "p:", (("a", "1"),), "m", (("s", "x"),), 4)
    assert LogLine.from_state(line.to_state()) == line


def test_clip_never_cuts_through_a_secret():
    from uclab.trace.logline import clip

    text = "a=1&refresh_token=" + "X" * 500 + "&b=2&c=" + "y" * 100
    secret = "X" * 500
    clipped = clip(text, 100, [(secret, CONCEALED)])
    assert clipped.endswith(secret) and len(clipped) == len("a=1&refresh_token=") + 500
    assert clip(text[:-100], 100, [(secret, CONCEALED)]).endswith("&b=2&c=")  # short tail
    assert clip("short", 100) == "short" and clip("abcdef", 3) == "abc"


def test_refresh_request_lines_conceal_the_whole_token():
    import uclab

    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    lab.client.sign_in(xmpp=False)
    refresh = lab.client.tokens.refresh_token
    lab.advance(minutes=61)
    assert lab.client.use_service("uds").ok
    shown = lab.render_logs()
    assert refresh[:30] not in shown and refresh[-30:] not in shown


def test_render_goes_through_the_one_redaction():
    """A secret-shaped value the line did not declare is concealed too (security checklist F9),
    and a product's own mask stays as it is."""
    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln"
    line = LogLine(MS, "h", "syslog", "p:", (("Detail", f"token {token}"),
                                             ("Redirect", "/OAuthcb#code=Hidden")))
    assert token not in line.render() and "code=Hidden" in line.render()
    assert token in line.render(reveal=True)


@pytest.mark.parametrize("change, why", [
    ({"ms": "1"}, "'ms' must be a int"), ({"ms": True}, "'ms' must be a int"),
    ({"ms": -1}, "not a time"), ({"host": None}, "'host' must be a str"),
    ({"fields": [["a"]]}, "fields"), ({"fields": "ab"}, "'fields' must be a list"),
    ({"secrets": [["a", 1]]}, "secrets"), ({"exchange_id": "4"}, "exchange_id"),
    ({"dialect": "csf-unified"}, "needs the fields level"),
])
def test_from_state_names_what_is_wrong(change, why):
    state = {**LogLine(MS, "h", "syslog", "p:", (("a", "1"),)).to_state(), **change}
    with pytest.raises(ValueError, match=why):
        LogLine.from_state(state)
