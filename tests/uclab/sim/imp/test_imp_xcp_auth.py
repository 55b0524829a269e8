"""uclab.sim.imp.xcp_auth: the database copy follows a key regeneration, the XCP
Authentication Service's copy only after its restart (S2, S3, S5)."""

from imp_helpers import bearer, expect_oauth_failure, imp_of, send, token_for

from uclab.sim.imp.services import SVC_XCP_AUTH
from uclab.testing import make_lab


def test_key_regen_fails_until_xcp_authentication_restarts():
    lab = make_lab(46)
    imp = imp_of(lab)
    pub = lab.cucm.publisher
    assert imp.cli("show key authz signing") == pub.cli("show key authz signing")
    old = token_for(lab)
    lab.cucm.regen_key("signing")
    new = token_for(lab)
    # the database copy followed the regen (S2, S3), so the CLI agrees with CUCM ...
    assert imp.show_key("signing") == pub.show_key("signing")
    assert "<- restart Cisco XCP Authentication Service" in imp.key_report()
    # ... but the running service still validates with the old keys
    expect_oauth_failure(lab, new, "signing key")
    assert imp.last_validation.failed.check == "signing key"
    assert "unknown kid" in imp.last_validation.failed.detail
    assert "AuthZ keys reloaded" in imp.restart_service(SVC_XCP_AUTH)
    assert "restart" not in imp.key_report()
    assert send(lab, bearer(new))[0].kind == "success"
    expect_oauth_failure(lab, old, "signing key")
