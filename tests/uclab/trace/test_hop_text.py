"""uclab.trace.hop_text: each hop read in its own protocol (HTTP, XMPP, DNS)."""

from uclab.core.wire import Exchange, Request, Response
from uclab.trace import hop_text as hop_labels


def xmpp(body, answer):
    return Exchange(1, "jabber-alice", "expe",
                    Request.make("XMPP", "xmpp://expe.example.com:5222/", body=body),
                    Response(200, body=answer))


def test_xmpp_hops_are_labelled_by_their_stanzas():
    opened = xmpp(b"<stream:stream to='example.com' xmlns='jabber:client'>",
                  b"<stream:stream id='1'><stream:features><mechanisms xmlns='urn:ietf:params:"
                  b"xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism><mechanism>OAUTHBEARER"
                  b"</mechanism></mechanisms></stream:features>")
    assert hop_labels.request_label(opened) == "XMPP <stream:stream>"
    assert hop_labels.outcome(opened).short == "<stream:features> PLAIN OAUTHBEARER"
    auth = xmpp(b"<auth mechanism='OAUTHBEARER'>x</auth>", b"<success/>")
    assert hop_labels.request_label(auth) == "XMPP <auth mechanism='OAUTHBEARER'>"
    assert not hop_labels.outcome(auth).failed
    assert hop_labels.summary(auth) == ("jabber-alice -> expe: XMPP <auth mechanism='OAUTHBEARER'>"
                                        " -> <success/>")
    refused = xmpp(b"<auth mechanism='OAUTHBEARER'>x</auth>",
                   b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>")
    out = hop_labels.outcome(refused)
    assert out.failed and out.short == "<failure/> not-authorized"
    assert hop_labels.first_failure([opened, auth, refused]) == 2


def test_http_hops_fail_on_4xx_and_on_an_error_redirect():
    def http(status, body=b"", headers=None):
        return Exchange(1, "a", "cucm-pub",
                        Request.make("GET", "https://cucm-pub.example.com/ssosp/oauth/authorize"),
                        Response(status, headers=headers or {}, body=body))

    ok = http(200)
    assert hop_labels.outcome(ok).short == "200" and not hop_labels.outcome(ok).failed
    bad = hop_labels.outcome(http(400, b'{"error": "invalid_grant", "error_description": "x"}'))
    assert bad.failed and bad.reason == "HTTP 400 invalid_grant: x"
    redirect = hop_labels.outcome(http(302, headers={
        "Location": "https://app.example.net/cb?error=unsupported_response_type&state=s"}))
    assert redirect.failed and "error=unsupported_response_type" in redirect.reason
    gone = Exchange(2, "a", "b", Request.make("GET", "https://b.example.com/"), None,
                    error="unknown host")
    assert hop_labels.outcome(gone).transport_error and hop_labels.first_failure([ok, gone]) == 1


def test_a_dns_lookup_answers_with_its_rcode_and_nxdomain_is_no_failure():
    lookup = Exchange(1, "jabber-alice", "public-dns",
                      Request.make("SRV", "dns://dns.example.net/_cisco-uds._tcp.example.com"),
                      Response(200, body=b'{"name": "_cisco-uds._tcp.example.com", '
                                         b'"rcode": "NXDOMAIN", "answers": []}'))
    out = hop_labels.outcome(lookup)
    assert out.short == "NXDOMAIN" and not out.failed
    assert hop_labels.summary(lookup).endswith("-> NXDOMAIN")


def test_lab_hops_speak_each_hop_s_protocol():
    from uclab.testing import configured_lab

    lab = configured_lab(1)
    assert lab.client.sign_in()
    hops = lab.hops()
    assert hops[0] == "jabber-alice -> public-dns: SRV /_cisco-uds._tcp.example.com -> NXDOMAIN"
    assert "jabber-alice -> expe: XMPP <auth mechanism='OAUTHBEARER'> -> <success/>" in hops
    assert not any(h.startswith("jabber-alice -> expe: XMPP") and h.endswith("-> 200")
                   for h in hops)
    assert lab.trace("t").hops() == hops
