"""uclab.workbook.widgets.http_text: one hop's raw HTTP as text, and its credentials concealed."""

from uclab.core.wire import Exchange, Request, Response
from uclab.trace.logline import CONCEALED
from uclab.workbook.widgets import conceal_http, render_exchange
from uclab.workbook.widgets.http_text import BODY_LIMIT


def test_render_exchange_shows_request_and_response():
    ex = Exchange(1, "jabber-alice", "expe",
                  Request.make("POST", "https://expe.example.com/x?a=1",
                               headers={"Authorization": "Bearer abcdefgh"}, body=b"k=v"),
                  Response(200, body=b'{"ok": true}'))
    text = render_exchange(ex)
    assert text.splitlines()[:2] == ["--- request ---", "POST https://expe.example.com/x?a=1"]
    assert "Authorization: Bearer abcdefgh" in text  # not concealed: that is conceal_http's job
    assert "\nk=v\n--- response ---\nHTTP 200" in text and text.endswith('{"ok": true}')


def test_render_exchange_of_a_transport_error_and_a_long_body():
    ex = Exchange(1, "learner", "nosuch", Request.make("GET", "https://nosuch.example.com/"),
                  None, error="unknown host")
    assert render_exchange(ex).endswith("(no response) transport error: unknown host")
    long = Exchange(2, "a", "b", Request.make("GET", "https://b.example.com/"),
                    Response(200, body=b"x" * (BODY_LIMIT + 10)))
    assert render_exchange(long).endswith("… (10 more characters)")


def test_conceal_http_masks_every_kind_of_credential():
    raw = "\n".join([
        "Authorization: Bearer eyJhbGciOi", "Cookie: JSESSIONID=abc", "Set-Cookie: x=y",
        "POST /t?code=XYZ123&state=s HTTP/1.1", "j_password=hunter22&user=alice",
        '{"access_token": "tok", "expires_in": 3600}',
        "<auth mechanism='X-OAUTH2'>c2VjcmV0</auth>", "the raw secret s3cr3t-value"])
    out = conceal_http(raw, ["s3cr3t-value", "short"])
    for secret in ("eyJhbGciOi", "JSESSIONID", "x=y", "XYZ123", "hunter22", '"tok"', "c2VjcmV0",
                   "s3cr3t-value"):
        assert secret not in out, secret
    assert f"Authorization: {CONCEALED}" in out and f"code={CONCEALED}&state=s" in out
    assert f'"access_token": "{CONCEALED}", "expires_in": 3600' in out
    assert f"<auth mechanism='X-OAUTH2'>{CONCEALED}</auth>" in out
    assert "user=alice" in out


def test_conceal_http_ignores_secrets_too_short_to_mask_safely():
    assert conceal_http("GET /alice", ["alice"]) == "GET /alice"


PAYLOAD = b"bixhPWFsaWNlQGV4YW1wbGUuY29tLAFhdXRoPUJlYXJlciBleUo="


def test_an_xmpp_hop_is_shown_as_its_stanzas_without_the_lab_s_stream_header():
    ex = Exchange(1, "jabber-alice", "expe",
                  Request.make("XMPP", "xmpp://expe.example.com:5222/",
                               body=b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                                    b"mechanism='OAUTHBEARER'>" + PAYLOAD + b"</auth>"),
                  Response(200, headers={"Content-Type": "application/xml",
                                         "X-Uclab-Stream": "928F6CC7C488"},
                           body=b"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"))
    text = render_exchange(ex)
    assert text.splitlines() == [
        "--- sent (XMPP, to expe.example.com:5222) ---",
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='OAUTHBEARER'>"
        + PAYLOAD.decode() + "</auth>",
        "--- received (XMPP) ---", "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"]
    assert PAYLOAD.decode() not in conceal_http(text)  # the SASL payload is a secret


def test_the_lab_s_own_headers_never_show_in_an_http_message():
    ex = Exchange(1, "a", "b", Request.make("GET", "https://b.example.com/"),
                  Response(200, headers={"X-Uclab-Stream": "1", "Content-Type": "text/plain"}))
    text = render_exchange(ex)
    assert "X-Uclab-Stream" not in text and "Content-Type: text/plain" in text
