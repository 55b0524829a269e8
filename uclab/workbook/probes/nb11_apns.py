"""Probes of notebook 11 section 4: push notifications to a suspended iOS client over MRA
(IMPPUSH14, S9, S6; the lab model in :mod:`uclab.sim.push`)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.lab import Lab
from uclab.sim.push import Delivery
from uclab.workbook.probes.registry import probe

#: how long the iPhone has been unused before the IM arrives, in hours: within the access
#: token's lifetime, and past it (default 60 minutes, S23)
HOURS_AWAY = (0.5, 2.0)


def ios_im(seed: int = 1, *, suspended: bool = True, push: bool = True,
           hours: float = 2.0) -> tuple[Lab, Delivery]:
    """alice's Jabber on an iPhone signs in over MRA; ``hours`` later, suspended or not, bob
    sends her an IM; IM&P delivers it with or without push."""
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 <= hours <= 48:
        raise ConfigError(f"hours is a number of hours 0-48 (got {hours!r})")
    lab = Lab(seed=seed)
    lab.configure_oauth()
    pushes = lab.add_push(enabled=push)
    client = lab.jabber("alice", platform=facts.WEBEX_PLATFORM_IOS)
    if not client.sign_in():
        raise ConfigError("the iPhone did not sign in")
    lab.advance(hours=hours)
    return lab, pushes.deliver_im(client, sender="bob", suspended=suspended)


def delivery_exchanges(lab: Lab, delivery: Delivery) -> list[Exchange]:
    return [lab.exchanges[i] for i in delivery.exchanges]


@probe
def im_reaches_suspended_without_push(seed: int) -> str:
    """The app is suspended and push is not configured: does bob's IM reach alice before she
    opens the app?"""
    _, delivery = ios_im(seed, suspended=True, push=False)
    return "yes" if delivery else "no"


@probe
def cucm_requests_on_push_wake(seed: int) -> int:
    """Woken by push two hours after the last use (access token expired): how many requests
    reach CUCM while the app gets the IM?"""
    lab, delivery = ios_im(seed, suspended=True, push=True, hours=2.0)
    if not delivery:
        raise ConfigError(f"the IM was not delivered: {delivery.path}")
    cucm = {lab.network.name_of(n.host) for n in lab.cucm.nodes}
    return sum(ex.dst in cucm for ex in delivery_exchanges(lab, delivery))


#: the nodes of exercise 11-apns-who-pushes, by the label the question uses
NB11_PUSH_SENDERS = {"CUCM": "cucm-pub", "IM&P": "imp-pub", "Expressway-C": "expc",
                     "Expressway-E": "expe"}


@probe
def who_sends_the_im_push(seed: int) -> str:
    """Which node sends the push for an instant message to a suspended client?"""
    lab, delivery = ios_im(seed, suspended=True, push=True)
    first = delivery_exchanges(lab, delivery)[0]
    for label, name in NB11_PUSH_SENDERS.items():
        if first.src == name:
            return label
    raise ConfigError(f"the push came from {first.src}")
