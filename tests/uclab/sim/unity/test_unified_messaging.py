"""Unity Connection as an OAuth client of the (modelled) Microsoft identity platform: the client
credentials grant, no refresh token (MSCLIENTCREDS), the token cached, the errors as 4xx with an
OAuth error body, the client secret concealed in what is rendered."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.trace import hop_text
from uclab.workbook.probes import nb11_microsoft


def test_client_credentials_then_the_mail_api_and_the_token_is_reused():
    lab = Lab(seed=1)
    service = lab.add_office365()
    assert service.sync_voicemail("alice") == (True, "HTTP 201")
    assert service.sync_voicemail("bob")[0]
    assert lab.hops() == [
        "cuc-pub -> ms-login: POST /example.onmicrosoft.com/oauth2/v2.0/token -> 200",
        "cuc-pub -> ms-graph: POST /v1.0/users/alice/messages -> 201",
        "cuc-pub -> ms-graph: POST /v1.0/users/bob/messages -> 201"]
    form = lab.exchanges[0].request.form()
    assert form.get("grant_type") == str(facts.MS_GRANT_CLIENT_CREDENTIALS)
    assert form.get("scope") == str(facts.MS_GRAPH_DEFAULT_SCOPE)
    assert "refresh_token" not in lab.exchanges[0].response.json()


def test_an_expired_token_is_fetched_again():
    lab = Lab(seed=1)
    service = lab.add_office365()
    assert service.sync_voicemail("alice")[0]
    lab.advance(seconds=int(facts.MS_TOKEN_LIFETIME) + 1)
    assert service.sync_voicemail("alice")[0]
    assert sum("oauth2/v2.0/token" in h for h in lab.hops()) == 2


@pytest.mark.parametrize(("variant", "status", "error"), [
    ("wrong client secret", 401, "invalid_client"), ("no admin consent", 400, "invalid_grant")])
def test_the_failures_are_oauth_errors(variant, status, error):
    _, (ok, why), exchanges = nb11_microsoft.office365(1, variant)
    assert not ok and len(exchanges) == 1
    assert exchanges[0].response.status == status
    assert exchanges[0].response.json()["error"] == error and error in why


def test_the_secret_and_the_token_are_concealed_when_rendered():
    lab = Lab(seed=1)
    service = lab.add_office365()
    service.sync_voicemail("alice")
    secret = lab.exchanges[0].request.form().get("client_secret")
    token = lab.exchanges[0].response.json()["access_token"]
    rendered = "\n".join(hop_text.summary(ex) for ex in lab.exchanges) + lab.trace("o365").dumps()
    assert secret not in rendered and token not in rendered


def test_a_wrong_token_is_refused_by_the_mail_api():
    lab = Lab(seed=1)
    lab.add_office365()
    s = lab.session()
    url = f"https://{facts.MS_GRAPH_HOST}{facts.MS_GRAPH_MESSAGES.format(user='alice')}"
    resp = s.post(url, headers={"Authorization": "Bearer nope"}, data="{}")
    assert resp.status_code == 401 and resp.json()["error"] == "invalid_token"


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.text(max_size=20), st.integers(), st.none()))
def test_bad_inputs_are_config_errors_or_oauth_errors(value):
    lab = Lab(seed=1)
    if not (isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9.-]+", value)):
        with pytest.raises(ConfigError):
            lab.add_office365(value)
    service = lab.add_office365()
    if not (isinstance(value, str) and value and "/" not in value):
        with pytest.raises(ConfigError):
            service.sync_voicemail(value)
    if not (isinstance(value, str) and value):
        with pytest.raises(ConfigError):
            service.set_secret(value)
    resp = lab.session().post(f"https://{facts.MS_LOGIN_HOST}/t/oauth2/v2.0/token",
                              data={"grant_type": str(value)})
    assert resp.status_code == 400 and "error" in resp.json()
