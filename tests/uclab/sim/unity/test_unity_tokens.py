"""uclab.sim.unity.tokens: CUC validates a Jabber token with its own key copies; the user-active
check asks the cluster whose keys signed it (S2 order)."""

import base64
import json

from _unity import cuc_lab, inbox
from hypothesis import given
from hypothesis import strategies as st

from uclab.sim.unity.tokens import server_for, token_kid
from uclab.testing import make_app


def test_user_active_is_asked_of_the_issuing_cluster():
    lab, cuc = cuc_lab()
    token = make_app(lab).tokens()["access_token"]
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()
    r = inbox(lab, token)
    assert r.status_code == 401 and "user 'alice' is inactive" in r.json()["error_description"]


def _header(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def test_the_kid_picks_the_server_whose_copy_signed_the_token():
    lab, cuc = cuc_lab()
    [server] = cuc.authz_servers
    token = make_app(lab).tokens()["access_token"]
    assert token_kid(token) == server.keys.signing_kid
    assert server_for(token, cuc.authz_servers) is server
    assert token_kid(_header({"kid": 1}) + ".e30.x") is None
    assert token_kid(_header(["kid"]) + ".e30.x") is None
    assert token_kid(_header({"kid": "other"}) + ".e30.x") == "other"
    assert server_for(_header({"kid": "other"}) + ".e30.x", cuc.authz_servers) is None


@given(st.one_of(st.none(), st.integers(), st.binary(), st.text(max_size=200)))
def test_token_kid_never_raises(token):
    assert token_kid(token) is None or isinstance(token_kid(token), str)
