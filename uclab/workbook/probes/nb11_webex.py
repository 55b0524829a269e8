"""Probes of notebook 11 section 5: the Webex app as the client, and CUCM 15's refresh-token
renewal for Webex clients (S3 chunk 241; :mod:`uclab.facts.webex_app`)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.workbook.probes.registry import probe
from uclab.workbook.usage import UsageEvent, simulate_usage
from uclab.workbook.views.timeline import renewals

#: the CUCM releases section 5 compares: one before the renewal, one with it (S3)
CUCM_BEFORE, CUCM_WITH = "14.0(1)SU3", "15.0(1)"
#: the client kinds, as the section names them
CLIENT_LABELS = {"jabber": "Jabber", "webex": "the Webex app"}


def renewal_lab(seed: int, *, client: str = "webex", cucm_version: str = CUCM_WITH,
                cucm_renewal: bool = True, client_renewal: bool = True) -> Lab:
    """A working lab (Lab.configure_oauth) whose own client is ``client``, with the renewal
    switched on in CUCM and / or in the client as asked. A setting the product does not have
    (renewal on CUCM 14, or in Jabber) is a :class:`ConfigError` naming it."""
    lab = Lab(seed=seed, cucm_version=cucm_version, client=client,
              client_renewal=client_renewal)
    lab.configure_oauth()
    if cucm_renewal:
        lab.cucm.enable_refresh_token_renewal()
    return lab


def renewal_usage(seed: int = 1, *, days: int = 100, **setup: object) -> list[UsageEvent]:
    """``days`` of use, twice a day, of :func:`renewal_lab`'s client (for the timeline)."""
    lab = renewal_lab(seed, **setup)  # type: ignore[arg-type]
    return simulate_usage(lab, days=days, uses_per_day=2)


def _renews_after(seed: int, days: float, **setup: object) -> bool:
    """Sign in, wait ``days``, refresh once: did the refresh bring a new refresh token?"""
    lab = renewal_lab(seed, **setup)  # type: ignore[arg-type]
    client = lab.client
    if not client.sign_in(xmpp=False):
        raise ConfigError("the renewal lab did not sign in")
    before = client.tokens.refresh_token
    lab.advance(days=days)
    if not client.refresh():
        raise ConfigError(f"the refresh after {days} days failed")
    return client.tokens.refresh_token != before


@probe
def webex_first_renewal_day(seed: int) -> int:
    """The Webex app on CUCM 15, renewal on in both, default timers, used twice a day: on which
    day (whole days since the sign-in) does it first get a new refresh token?"""
    found = renewals(renewal_usage(seed, days=45))
    if not found:
        raise ConfigError("no renewal in 45 days")
    return int(found[0].day)


#: the setups of exercise 11-webex-which-renews, each with (client, CUCM, CUCM on, app on)
NB11_RENEWAL_SETUPS = {
    "Jabber on CUCM 15, renewal on in CUCM": ("jabber", CUCM_WITH, True, False),
    "the Webex app on CUCM 14, renewal on in the app": ("webex", CUCM_BEFORE, False, True),
    "the Webex app on CUCM 15, renewal on in CUCM only": ("webex", CUCM_WITH, True, False),
    "the Webex app on CUCM 15, renewal on in CUCM and in the app": ("webex", CUCM_WITH, True,
                                                                     True),
}


@probe
def which_setup_renews(seed: int) -> str:
    """Which setup gives the client a new refresh token at a refresh on day 31?"""
    renewing = [text for text, (client, version, on_cucm, on_app) in NB11_RENEWAL_SETUPS.items()
                if _renews_after(seed, 31, client=client, cucm_version=version,
                                 cucm_renewal=on_cucm, client_renewal=on_app)]
    if len(renewing) != 1:
        raise ConfigError(f"expected exactly one renewing setup, got {renewing}")
    return renewing[0]


@probe
def renews_just_before_half(seed: int) -> str:
    """Renewal on in both, CUCM 15: does a refresh one hour before the refresh token's 50 %
    point bring a new refresh token?"""
    half_days = int(facts.PARAM_REFRESH_EXPIRY_DEFAULT) * int(facts.RENEWAL_PERCENT) / 100
    return "yes" if _renews_after(seed, half_days - 1 / 24) else "no"
