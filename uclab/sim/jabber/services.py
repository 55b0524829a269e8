"""Jabber's use of MRA services with its bearer token (UDS, voicemail), refreshing an expired
token first, and the wake from hibernation: an affected build lets several modules reconnect
with the expired token before refreshing, which intrusion protection can block (S8, S11)."""

from __future__ import annotations

import requests

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts import CUCM_HTTPS_PORT, HTTPS_DEFAULT_PORT, UDS_USER_DEVICES, VM_INBOX_PATH
from uclab.protocols.edge_urls import proxied_url
from uclab.sim.jabber.outcome import Outcome
from uclab.sim.jabber.token_refresh import TokenRefresh
from uclab.sim.transport import LabResponse

#: modules of an affected build that reconnect with the expired token after a wake (a lab
#: number, see the registry entry; tests patch this module-level copy)
MODULES_RECONNECTING_ON_WAKE = int(facts.MODULES_RECONNECTING_ON_WAKE)


class Services(TokenRefresh):
    """Services over MRA (part of :class:`~uclab.sim.jabber.client.Jabber`)."""

    def use_service(self, service: str = "uds") -> Outcome:
        """Call a service over MRA with the bearer token, refreshing it first if expired."""
        try:
            return self._use_service(service)
        except requests.ConnectionError as exc:
            return Outcome(False, "network", str(exc))

    def _use_service(self, service: str) -> Outcome:
        with self.lock:
            if self.mode == "credentials" and self.state == "signed-in":
                resp = self._service_request(service)
                return Outcome(resp.status_code == 200, service, f"HTTP {resp.status_code}")
            if self.state != "signed-in" or not self.tokens.access_token:
                return Outcome(False, service, "not signed in")
            if self.ctx.clock.now() >= self.tokens.access_expires_at:
                refreshed = self.refresh()
                if not refreshed:
                    return refreshed
            resp = self._service_request(service)
            if resp.status_code in (401, 403):
                refreshed = self.refresh()
                if not refreshed:
                    return refreshed
                resp = self._service_request(service)
            return Outcome(resp.status_code == 200, service, f"HTTP {resp.status_code}")

    def resume_after_hibernate(self, hours: float = 2) -> Outcome:
        """The laptop sleeps, wakes up, and Jabber's modules reconnect (S8, S11)."""
        with self.lock:
            self.ctx.advance(hours=hours)
            try:
                if not self.refreshes_before_reconnect:
                    for _ in range(MODULES_RECONNECTING_ON_WAKE):
                        self._service_request("uds")
                return self.use_service("uds")
            except requests.ConnectionError as exc:
                return Outcome(False, "network", str(exc))

    def _service_request(self, service: str) -> LabResponse:
        host = (self.edge or "").split(":")[0]
        if service == "uds":
            url = proxied_url(host, self.domain, "https", self.uds_host, CUCM_HTTPS_PORT,
                              UDS_USER_DEVICES.format(user=self.user).lstrip("/"))
        elif service == "voicemail":
            unity = self.ctx.peers.get("unity")
            if unity is None:
                raise ConfigError("this lab has no Unity Connection")
            url = proxied_url(host, self.domain, "https", unity.host, HTTPS_DEFAULT_PORT,
                              str(VM_INBOX_PATH))
        else:
            raise ConfigError(f"unknown service {service!r}: use 'uds' or 'voicemail'")
        if self.mode == "credentials":
            return self.session.get(url, auth=(self.user, self.password))
        return self.session.get(url, headers=self._bearer())
