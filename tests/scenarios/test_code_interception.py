"""Scenario: the authorization code interception attack (RFC 7636 §1; RFC 8252 §8.1) against
both OAuth profiles, through the public helper ``uclab.testing.code_interception``.

The attacker saw the code but not the verifier. Under ``cisco`` it gets tokens, and the AuthZ
decision log says PKCE was not checked, labelled a lab assumption (no Cisco source documents
PKCE). Under the lab-only ``rfc9700`` profile it gets ``invalid_grant`` (RFC 7636 §4.6).
"""

from __future__ import annotations

import pytest

from uclab.core.errors import ConfigError
from uclab.testing import code_interception


def test_under_cisco_the_intercepted_code_gets_tokens_and_the_log_says_not_checked():
    result = code_interception("cisco")
    assert result.got_tokens and result.status == 200 and result.error is None
    (decision,) = result.decisions
    assert decision["check"] == "pkce" and decision["ok"] is True
    assert "not checked" in decision["detail"] and "lab assumption" in decision["detail"]
    assert "got tokens" in result.report()


def test_under_rfc9700_the_intercepted_code_is_invalid_grant():
    result = code_interception("rfc9700")
    assert not result.got_tokens
    assert (result.status, result.error) == (400, "invalid_grant")
    (decision,) = result.decisions
    assert decision["ok"] is False and "lab-only" in decision["detail"]
    assert "refused: 400 invalid_grant" in result.report()


def test_the_scenario_is_deterministic_and_rejects_an_unknown_profile():
    assert code_interception("rfc9700", seed=7) == code_interception("rfc9700", seed=7)
    with pytest.raises(ConfigError, match="'cisco', 'rfc9700'"):
        code_interception("strict")
