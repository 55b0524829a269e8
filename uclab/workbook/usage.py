"""Days of Jabber use in virtual time: sign-in, silent refreshes, expiry and the forced re-login.

:func:`simulate_usage` drives the lab's own client (``lab.client``) the way a user would: sign
in once, then use a service (UDS over MRA) at regular times for weeks. Nothing sleeps: the lab
clock is moved to each use. Every action becomes a :class:`UsageEvent`, which
:func:`uclab.workbook.views.token_timeline` draws.

What the learner sees with CUCM's defaults (access token 60 minutes, refresh token 60 days; S2,
S1): each use after the first hour refreshes the access token silently; on day 60 the refresh
token has expired, the refresh fails (``invalid_grant``), Jabber clears its tokens and the user
must sign in again. With ``Lab(client="webex", client_renewal=True)`` on CUCM 15 with the
renewal on (:meth:`~uclab.sim.cucm.cluster.CucmCluster.enable_refresh_token_renewal`), the
refresh after half the refresh token's life brings a new one too (S3), so no re-login comes.

Used in: notebooks/07 (refresh, expiry, revocation), notebooks/11 section 5 (the Webex app).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError

if TYPE_CHECKING:
    from uclab.lab import Lab
    from uclab.sim.jabber.client import Jabber, Outcome

#: The kinds of :class:`UsageEvent`, in the order they can happen at one use.
KINDS = ("sign-in", "refresh", "refresh-failed", "re-login", "use")
#: Bounds that keep a run a few seconds at most (each refresh mints and validates a token).
MAX_DAYS = 400
MAX_USES_PER_DAY = 96
MIN_HOURS_BETWEEN = 0.25
MAX_USES = 10_000
_DAY_MS = 86_400_000


@dataclass(frozen=True)
class UsageEvent:
    """One thing that happened to the client during :func:`simulate_usage`.

    ``at`` is lab time (epoch seconds, comparable with ``exp``); ``day`` counts days since the
    run started. ``access_expires_at`` / ``refresh_expires_at`` are what the client believes
    after the action (epoch seconds; 0 when it holds no such token).
    """

    kind: str
    at: int
    day: float
    ok: bool
    outcome: str
    access_expires_at: int
    refresh_expires_at: int


def _check_args(lab: object, days: object, uses_per_day: object,
                hours_between: object) -> float:
    """Validate the arguments; return the hours between two uses."""
    from uclab.lab import Lab

    if not isinstance(lab, Lab):
        raise ConfigError(f"simulate_usage needs a uclab.Lab (got {type(lab).__name__})")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ConfigError(f"days must be a whole number of days 1-{MAX_DAYS} (got {days!r})")
    if hours_between is None:
        if (isinstance(uses_per_day, bool) or not isinstance(uses_per_day, int)
                or not 1 <= uses_per_day <= MAX_USES_PER_DAY):
            raise ConfigError(f"uses_per_day must be a whole number 1-{MAX_USES_PER_DAY} "
                              f"(got {uses_per_day!r})")
        return 24 / uses_per_day
    if isinstance(hours_between, bool) or not isinstance(hours_between, int | float) \
            or not MIN_HOURS_BETWEEN <= hours_between <= 24 * (days + 1):
        raise ConfigError(f"hours_between must be a number of hours from {MIN_HOURS_BETWEEN} "
                          f"to {24 * (days + 1)} (got {hours_between!r})")
    return float(hours_between)


def simulate_usage(lab: Lab, *, days: int = 60, uses_per_day: int = 2,
                   hours_between: float | None = None) -> list[UsageEvent]:
    """Sign ``lab.client`` in, then use UDS over MRA at regular times until the end of day
    ``days``; return what happened, in order.

    Day 0 is the sign-in day, and the run covers the whole of day ``days`` (so the default run
    reaches the day the default 60-day refresh token runs out). Uses are spread evenly, in the
    middle of each slot of ``24 / uses_per_day`` hours (or ``hours_between`` hours when given),
    so that no use falls on the very second a token expires. Before each use whose access token
    has expired the client refreshes it ("refresh" / "refresh-failed"); when the refresh fails,
    or the client is signed out, the user signs in again ("re-login"). Sign-ins skip XMPP: only
    the tokens matter here.

    Deterministic for a seeded lab; moves the lab clock forward by about ``days + 1`` days.
    Raises :class:`~uclab.core.errors.ConfigError` for a non-Lab or out-of-range argument.
    RFC 6749 §1.5 and §6; CUCM lifetimes: S2, S1.
    """
    hours = _check_args(lab, days, uses_per_day, hours_between)
    slot_ms = round(hours * 3_600_000)
    count = int(((days + 1) * _DAY_MS) // slot_ms)
    if count > MAX_USES:
        raise ConfigError(f"{count} uses is more than a run may make ({MAX_USES}); use fewer "
                          "days or fewer uses per day")
    with lab.lock:
        client = lab.client
        return _Run(lab, client).go(count, slot_ms)


class _Run:
    """The bookkeeping of one :func:`simulate_usage` run."""

    def __init__(self, lab: Lab, client: Jabber) -> None:
        self.lab = lab
        self.client = client
        self.start_ms = lab.clock.ms
        self.events: list[UsageEvent] = []

    def record(self, kind: str, outcome: Outcome) -> bool:
        tokens = self.client.tokens
        ms = self.lab.clock.ms
        self.events.append(UsageEvent(kind, ms // 1000, round((ms - self.start_ms) / _DAY_MS, 6),
                                      bool(outcome), str(outcome), tokens.access_expires_at,
                                      tokens.refresh_expires_at))
        return bool(outcome)

    def sign_in(self, kind: str) -> bool:
        return self.record(kind, self.client.sign_in(xmpp=False))

    def go(self, count: int, slot_ms: int) -> list[UsageEvent]:
        self.sign_in("sign-in")
        for k in range(count):
            target = self.start_ms + k * slot_ms + slot_ms // 2
            if self.lab.clock.ms < target:
                self.lab.clock.advance(ms=target - self.lab.clock.ms)
            self.use_once()
        return self.events

    def use_once(self) -> None:
        client, tokens = self.client, self.client.tokens
        if client.state == "signed-in" and client.mode == "oauth" and tokens.access_token \
                and self.lab.now >= tokens.access_expires_at:
            refreshed = client.refresh()
            self.record("refresh" if refreshed else "refresh-failed", refreshed)
        if client.state != "signed-in" and not self.sign_in("re-login"):
            return
        before = tokens.access_expires_at
        used = client.use_service("uds")
        if not used and used.stage == "refresh":
            # the service refused the token (401/403, e.g. after a key regen) and the refresh
            # Jabber then tried failed too: the user signs in again and retries once
            self.record("refresh-failed", used)
            if not self.sign_in("re-login"):
                return
            used = client.use_service("uds")
        elif tokens.access_expires_at != before and client.mode == "oauth":
            from uclab.sim.jabber.client import Outcome

            # refreshed inside use_service: the service had refused the old token (401/403)
            self.record("refresh", Outcome(True, "refresh", "the service refused the old "
                                           "access token"))
        self.record("use", used)
