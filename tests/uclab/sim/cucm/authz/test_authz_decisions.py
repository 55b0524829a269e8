"""The AuthZ decision log (uclab.sim.cucm.authz.decisions): filed in the exchange's metadata
through ``Response.meta``, only when there is something to record, never with a secret."""

from __future__ import annotations

import json

from uclab.core.wire import Response
from uclab.sim.cucm.authz.decisions import META_KEY, AuthzDecisions, with_decisions
from uclab.testing import configured_lab, make_app, make_lab

VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_a_login_without_pkce_parameters_files_no_decisions():
    """The default lab's flows send no PKCE parameter: their exchanges (and traces) are as
    before."""
    lab = configured_lab(1)
    assert lab.client.sign_in().ok
    app = make_app(lab)
    app.tokens()
    assert all(META_KEY not in ex.metadata for ex in lab.network.exchanges)


def test_decisions_go_to_the_exchange_not_the_wire():
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.authorize(code_challenge=CHALLENGE, code_challenge_method="S256")
    ex = lab.network.exchanges[-1]
    meta = ex.metadata[META_KEY]
    assert meta["endpoint"] == "authorize" and meta["profile"] == "cisco"
    assert meta["lab_only"] is False and "[U" in meta["decisions"][0]["detail"]
    assert "(S256)" in meta["decisions"][0]["detail"]
    assert META_KEY not in json.dumps(ex.response.to_state())  # never sent on the wire
    assert "authz" not in str(dict(resp.headers)).lower()
    assert ex.to_state()["metadata"][META_KEY] == meta  # saved with the trace


def test_no_verifier_or_challenge_value_is_logged():
    for profile in ("cisco", "rfc9700"):
        lab = make_lab(1, profile=profile)
        app = make_app(lab)
        code = app.code(code_challenge=CHALLENGE, code_challenge_method="S256")
        app.token(grant_type="authorization_code", code=code, redirect_uri=app.redirect_uri,
                  code_verifier=VERIFIER)
        logged = json.dumps([ex.metadata for ex in lab.network.exchanges])
        assert VERIFIER not in logged and CHALLENGE not in logged and code not in logged


def test_report_and_with_decisions():
    log = AuthzDecisions("token", "rfc9700", "lab-only profile", True)
    empty = with_decisions(Response.make(200, {}), log)
    assert empty.meta == {}
    log.add("pkce", False, "mismatch")
    assert not log.ok
    assert log.report().splitlines() == ["AuthZ token decisions, lab-only profile",
                                         "  FAIL pkce: mismatch"]
    assert with_decisions(Response.make(400, {}), log).meta[META_KEY]["decisions"] == [
        {"check": "pkce", "ok": False, "detail": "mismatch"}]
