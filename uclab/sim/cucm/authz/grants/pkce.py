"""PKCE (RFC 7636) in CUCM's AuthZ service, as the lab's OAuth profile decides
(:mod:`..profiles`), each decision written to the request's AuthZ decision log
(:mod:`..decisions`).

* profile ``cisco``: no Cisco source documents PKCE on CUCM's AuthZ, so ``code_challenge`` and
  ``code_verifier`` are ignored, and the log says they were present and not checked [U, lab
  assumption];
* profile ``rfc9700`` (lab-only): ``/authorize`` requires ``code_challenge`` with
  ``code_challenge_method=S256`` (RFC 9700 §2.1.1; RFC 7636 §4.3, §4.4.1: else
  ``invalid_request``); the token endpoint requires the matching ``code_verifier`` (RFC 7636
  §4.5, §4.6: a mismatch is ``invalid_grant``) and refuses a verifier for a code that had no
  challenge (RFC 9700 §4.8.2, PKCE downgrade); the implicit grant is refused (RFC 9700 §2.1.2).

A missing or malformed verifier is ``invalid_request`` (RFC 6749 §5.2; checklist B10, B11 leave
the code to the server; oauthlib and Authlib use it too). A failed check does not use the code up.
"""

from __future__ import annotations

from typing import Any

from uclab.core.errors import InvalidGrant, InvalidRequest, OAuthError, UnsupportedResponseType
from uclab.facts import (
    CHECK_IMPLICIT,
    CHECK_PKCE,
    CHECK_PKCE_BOUND,
    CHECK_PKCE_CHALLENGE_IGNORED,
    CHECK_PKCE_REFUSED,
    CHECK_PKCE_VERIFIED,
    CHECK_PKCE_VERIFIER_IGNORED,
    PARAM_CODE_CHALLENGE,
    PARAM_CODE_CHALLENGE_METHOD,
    PARAM_CODE_VERIFIER,
    PKCE_PLAIN,
    PKCE_S256,
)
from uclab.protocols.pkce import is_valid_s256_challenge, is_valid_verifier, verifier_matches
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.grants.base import GrantBase
from uclab.sim.cucm.authz.store import CodeGrant


class PkceChecks(GrantBase):
    """PKCE and the profile's refusals (part of :class:`~..service.AuthzService`)."""

    def new_log(self, endpoint: str) -> AuthzDecisions:
        """An empty decision log for one request under this cluster's profile."""
        p = self.cluster.profile
        return AuthzDecisions(endpoint, p.name, p.label, p.lab_only)

    def _refuse(self, log: AuthzDecisions | None, check: str, error: type[OAuthError],
                reason: str) -> OAuthError:
        """Log a refusal and return the error, its description labelled with the profile
        (``error_description`` is ASCII only, RFC 6749 §5.2: reasons write "section")."""
        text = CHECK_PKCE_REFUSED.format(reason=reason, label=self.cluster.profile.label)
        if log is not None:
            log.add(check, False, text)
        return error(text)

    def _profile_implicit(self, log: AuthzDecisions | None) -> None:
        """The rfc9700 profile refuses ``response_type=token`` (RFC 9700 §2.1.2)."""
        if not self.cluster.profile.implicit_allowed:
            raise self._refuse(log, str(CHECK_IMPLICIT), UnsupportedResponseType,
                "the implicit grant (response_type=token) is refused: RFC 9700 section 2.1.2 "
                "says clients SHOULD NOT use it; use response_type=code with PKCE")

    def _pkce_authorize(self, q: Any, log: AuthzDecisions | None) -> tuple[str | None, str | None]:
        """The ``(code_challenge, method)`` to bind to the code, or ``(None, None)``."""
        challenge = q.get(str(PARAM_CODE_CHALLENGE))
        method = q.get(str(PARAM_CODE_CHALLENGE_METHOD))
        if not self.cluster.profile.pkce_enforced:
            if (challenge is not None or method is not None) and log is not None:
                shown = f" ({method})" if method in (PKCE_S256, PKCE_PLAIN) else ""
                log.add(str(CHECK_PKCE), True, CHECK_PKCE_CHALLENGE_IGNORED.format(method=shown))
            return None, None
        if challenge is None:
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_CHALLENGE} is required (RFC 9700 section 2.1.1; RFC 7636 "
                "section 4.4.1)")
        if method is None or method == PKCE_PLAIN:
            why = ("is missing, so it would default to plain (RFC 7636 section 4.3)"
                   if method is None else "is plain")
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_CHALLENGE_METHOD} {why}; only {PKCE_S256} is accepted "
                "(RFC 9700 section 2.1.1)")
        if method != PKCE_S256:
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_CHALLENGE_METHOD} {method[:20]!r} is not supported; only "
                f"{PKCE_S256} (RFC 7636 section 4.4.1)")
        if not is_valid_s256_challenge(challenge):
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_CHALLENGE} is not an S256 challenge: 43 base64url characters "
                f"without padding (RFC 7636 section 4.2); got {len(challenge)} characters")
        if log is not None:
            log.add(str(CHECK_PKCE), True, CHECK_PKCE_BOUND.format(label=log.label))
        return challenge, str(PKCE_S256)

    def _pkce_token(self, form: Any, grant: CodeGrant, log: AuthzDecisions | None) -> None:
        """Check the token request's ``code_verifier`` against the code's challenge."""
        verifier = form.get(str(PARAM_CODE_VERIFIER))
        if not self.cluster.profile.pkce_enforced:
            if verifier is not None and log is not None:
                log.add(str(CHECK_PKCE), True, str(CHECK_PKCE_VERIFIER_IGNORED))
            return
        if grant.code_challenge is None:
            if verifier is not None:  # RFC 9700 §4.8.2: PKCE downgrade
                raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                    f"{PARAM_CODE_VERIFIER} was sent but the code was issued without a "
                    f"{PARAM_CODE_CHALLENGE} (RFC 9700 section 4.8.2, PKCE downgrade)")
            return
        if verifier is None:
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_VERIFIER} is required: the code was issued with a "
                f"{PARAM_CODE_CHALLENGE} (RFC 7636 section 4.5)")
        if not is_valid_verifier(verifier):
            raise self._refuse(log, str(CHECK_PKCE), InvalidRequest,
                f"{PARAM_CODE_VERIFIER} must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ "
                f"(RFC 7636 section 4.1); got {len(verifier)} characters")
        if not verifier_matches(verifier, grant.code_challenge):
            raise self._refuse(log, str(CHECK_PKCE), InvalidGrant,
                f"S256({PARAM_CODE_VERIFIER}) does not match the code's {PARAM_CODE_CHALLENGE} "
                "(RFC 7636 section 4.6)")
        if log is not None:
            log.add(str(CHECK_PKCE), True, CHECK_PKCE_VERIFIED.format(label=log.label))
