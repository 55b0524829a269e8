"""The PKCE secret is concealed like a code (RFC 7636 §4.5, §7.1); an S256 challenge, which is
public by design (§7.2), is left readable."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.trace.redact import CONCEALED, redact

_VERIFIER = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~",
                    min_size=43, max_size=128)


@settings(max_examples=50, deadline=None)
@given(_VERIFIER)
def test_a_code_verifier_in_a_form_or_json_is_concealed(verifier):
    form = f"grant_type=authorization_code&code_verifier={verifier}&redirect_uri=x"
    assert verifier not in redact(form)
    assert f"code_verifier={CONCEALED}&" in redact(form)
    assert verifier not in redact(f'{{"code_verifier": "{verifier}"}}')
    assert redact(form, reveal=True) == form


def test_an_s256_challenge_stays_readable():
    query = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    assert redact(query) == query
