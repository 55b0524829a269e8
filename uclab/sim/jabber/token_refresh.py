"""Jabber's token requests over MRA: the access_token request for a code or a refresh token,
the bearer header, and the silent refresh; when the refresh token has expired, was revoked, or
the keys changed, the user must sign in again (S2, S1) and PRT shows
``handleRefreshTokenFailure`` (S1)."""

from __future__ import annotations

from uclab.facts import EDGE_TOKEN_REQUEST, RENEWAL_CLIENT_FIELD, TOKEN_REFRESH_EXPIRES_IN
from uclab.sim.jabber.discovery import Discovery
from uclab.sim.jabber.outcome import Outcome
from uclab.trace.dialects import jabber_prt as prt


class TokenRefresh(Discovery):
    """Token requests and refresh (part of :class:`~uclab.sim.jabber.client.Jabber`)."""

    def _token_request(self, form: dict[str, str]) -> Outcome:
        auth = (self.client_id, self.client_secret)
        resp = self.session.post(self._edge(EDGE_TOKEN_REQUEST), data=form, auth=auth)
        stage = "refresh" if form.get("grant_type") == "refresh_token" else EDGE_TOKEN_REQUEST
        if resp.status_code != 200:
            try:
                err = resp.json()
                why = f"{err.get('error')}: {err.get('error_description')}"
            except ValueError:
                why = resp.text[:160]
            return Outcome(False, stage, f"HTTP {resp.status_code} {why}")
        body = resp.json()
        now = self.ctx.clock.now()
        self.tokens.access_token = body["access_token"]
        self.tokens.access_expires_at = now + int(body.get("expires_in", 3600))
        if body.get("refresh_token"):
            self.tokens.refresh_token = body["refresh_token"]
            self.tokens.refresh_expires_at = now + int(body.get(str(TOKEN_REFRESH_EXPIRES_IN), 0))
        return Outcome(True, stage)

    def _bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.access_token}"}

    def refresh(self) -> Outcome:
        """Trade the refresh token for a new access token; on failure the user must sign in."""
        with self.lock:
            if not self.tokens.refresh_token:
                return Outcome(False, "refresh", "no refresh token: sign in")
            form = {"grant_type": "refresh_token", "refresh_token": self.tokens.refresh_token}
            if self.refresh_token_renewal:
                # the Webex app's renewal setting is on (S3); how it tells CUCM is the lab's
                form[str(RENEWAL_CLIENT_FIELD)] = "true"
            got = self._token_request(form)
            if not got:
                self._log(prt.REFRESH_FAILURE)
                self.tokens.clear()
                self.state = "needs-login"
            return got
