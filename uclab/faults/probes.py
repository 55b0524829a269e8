"""What a user does to notice a fault, and how a probe's outcome shows its symptom."""

from __future__ import annotations

from collections.abc import Callable

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome


def sign_in_and_use(lab: Lab, user: str = "alice", xmpp: bool = True,
                    services: tuple[str, ...] = ("uds", "voicemail")) -> Outcome:
    """A fresh Jabber signs in over MRA, then opens its contact data (UDS) and voicemail."""
    client = lab.jabber(user)
    outcome = client.sign_in(xmpp=xmpp)
    if not outcome:
        return outcome
    for service in services:
        used = client.use_service(service)
        if not used:
            return used
    return outcome


def keep_using(lab: Lab, after_minutes: float = 0) -> Outcome:
    """The learner's signed-in client goes on working (after some time passes)."""
    if after_minutes:
        lab.advance(minutes=after_minutes)
    return lab.client.use_service("uds")


def prt_has(lab: Lab, text: str) -> bool:
    return any(text in ln.render() for ln in lab.logs if ln.dialect == facts.PRT_LOG_NAME)


def signed_in(lab: Lab) -> None:
    if not lab.client.sign_in():
        raise ConfigError("the working lab did not sign in; fix the baseline first")


def sign_in_and_use_no_xmpp(lab: Lab, user: str) -> Outcome:
    """Sign-in and UDS only: the user's own IM&P and Unity are not part of the lab."""
    return sign_in_and_use(lab, user, xmpp=False, services=("uds",))


def succeeded(_: Lab, outcome: Outcome) -> bool:
    return bool(outcome)


def failed(stage: str, *words: str) -> Callable[[Lab, Outcome], bool]:
    def shows(_: Lab, outcome: Outcome) -> bool:
        return not outcome and outcome.stage == stage and all(w in outcome.detail for w in words)
    return shows
