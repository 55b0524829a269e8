"""uclab.sim.unity.rest_api: CUPI's Authorization Server object with admin Basic auth (S14) and
the voicemail inbox with a Bearer token (RFC 6750 §3.1) or Basic credentials."""

from _unity import INBOX, LIST, XML_HEAD, cuc_lab, inbox

from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import CUC_ADMIN
from uclab.testing import make_app


def test_voicemail_200_with_a_lab_token():
    lab, cuc = cuc_lab()
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/xml"
    assert r.text == (f'{XML_HEAD}<Messages total="1"><Message><Subject>Lab voice message for '
                      "alice</Subject><Read>false</Read></Message></Messages>")
    assert cuc.validate(token).report().startswith("access token ACCEPTED by cuc-pub.example.com")


def test_oauth_off_on_cuc_gives_401():
    lab, cuc = cuc_lab(oauth=False)
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == (
        'Bearer realm="cuc-pub.example.com", error="invalid_token", error_description="OAuth '
        "with Refresh Login Flow is Disabled on this Unity Connection server (System Settings "
        '> Enterprise Parameters > SSO and OAuth Configuration), so it accepts no OAuth access '
        'token"')
    assert r.json()["error"] == "invalid_token"
    assert 'Check="oauth disabled"' in lab.render_logs(host=cuc.host)


def test_http_edges_never_crash():
    lab, cuc = cuc_lab()
    s = lab.session()
    assert s.get(LIST).status_code == 401
    assert s.get(LIST).headers["WWW-Authenticate"] == 'Basic realm="cuc-pub.example.com"'
    assert s.get(LIST, auth=(CUC_ADMIN, "wrong")).status_code == 401
    assert s.get(LIST, auth=("alice", LAB_PASSWORD)).status_code == 401  # no CUC admin role
    assert s.get(LIST, headers={"Authorization": "Basic !!!"}).status_code == 401
    assert s.get(LIST + "no-such-id", auth=(CUC_ADMIN, LAB_PASSWORD)).status_code == 404
    assert s.post(LIST, auth=(CUC_ADMIN, LAB_PASSWORD)).status_code == 405
    assert s.get("https://cuc-pub.example.com/vmrest/other").status_code == 404
    bare = s.get(INBOX)
    assert bare.status_code == 401 and bare.headers["WWW-Authenticate"] == (
        'Bearer realm="cuc-pub.example.com", Basic realm="cuc-pub.example.com"')
    assert s.get(INBOX, auth=("alice", LAB_PASSWORD)).text.count("alice") == 1
    assert s.get(INBOX, auth=("alice", "nope")).status_code == 401
    assert s.get(INBOX, auth=(AXL_USER, LAB_PASSWORD)).status_code == 401  # no mailbox
    nested = "W" * 12 + "." + "e30" + ".x"
    for junk in ["", "x", "a.b.c", "é", "e" * 9000, nested, "eyJraWQiOjF9.e30.c2ln"]:
        r = inbox(lab, junk) if junk.isascii() else s.get(INBOX, headers={
            "Authorization": "Bearer " + junk.encode().decode("latin-1")})
        assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    assert all(ex.response is not None and "exception" not in ex.metadata
               for ex in lab.exchanges)


def test_inbox_without_oauth_offers_only_basic():
    lab, _ = cuc_lab(oauth=False)
    bare = lab.session().get(INBOX)
    assert (bare.status_code, bare.headers["WWW-Authenticate"]) == (
        401, 'Basic realm="cuc-pub.example.com"')
