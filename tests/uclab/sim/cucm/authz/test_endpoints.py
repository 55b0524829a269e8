"""uclab.sim.cucm.authz.endpoints: metadata, JWKS, the SSO paths and the implicit grant."""

from uclab.testing import make_app, make_lab, redirect_params


def test_metadata_follows_rfc8414_and_the_cluster_state():
    lab = make_lab(1, refresh=False)
    s = lab.session()
    url = "https://cucm-pub.example.com:8443/.well-known/oauth-authorization-server/ssosp"
    meta = s.get(url).json()
    assert meta["issuer"] == "https://cucm-pub.example.com:8443/ssosp"
    assert meta["token_endpoint"].endswith("/ssosp/oauth/token")
    assert meta["response_types_supported"] == []
    lab.cucm.enable_refresh_logins()
    meta = s.get(url).json()
    assert meta["response_types_supported"] == ["code"]
    assert meta["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert "lab extension" in meta["uclab_note"]


def test_code_flow_through_saml_sso():
    lab = make_lab(1)
    lab.cucm.enable_sso(lab.idp)
    app = make_app(lab)
    s = app.session
    r = app.authorize()
    assert r.status_code == 302 and r.headers["Location"].startswith("https://idp.example.com/")
    form = s.get(r.headers["Location"])
    from uclab.testing import login_fields

    fields = login_fields(form.text)
    bad = s.post("https://idp.example.com/idp/login",
                 data={**fields, "username": "alice", "password": "wrong"})
    assert bad.status_code == 401
    posted = s.post("https://idp.example.com/idp/login",
                    data={**fields, "username": "alice", "password": "Lab-Passw0rd!"})
    assert posted.status_code == 200 and "SAMLResponse" in posted.text
    back = login_fields(posted.text)
    acs = "https://cucm-pub.example.com:8443/ssosp/saml/SSO/alias/cucm-pub.example.com"
    done = s.post(acs, data=back, allow_redirects=False)
    assert done.status_code == 302
    params = redirect_params(done.headers["Location"])
    assert params["state"] == "s-123" and params["code"]
    replay = s.post(acs, data=back, allow_redirects=False)
    assert replay.status_code == 403 and "Location" not in replay.headers


def test_login_failure_shows_the_form_again():
    lab = make_lab(1)
    app = make_app(lab)
    page = app.authorize()
    r = app.login(page, "alice", "wrong")
    assert r.status_code == 401 and "Invalid username or password." in r.text
    assert app.login(r, "alice").status_code == 302  # the same form can be retried


def test_unknown_path_is_404_json():
    lab = make_lab(1)
    r = lab.session().get("https://cucm-pub.example.com:8443/ssosp/nothing")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
