"""Probes of notebook 11 section 6: Unity Connection as an OAuth client of Microsoft for
unified messaging with Office 365 (CUCUM15, MSCLIENTCREDS; lab model in
:mod:`uclab.sim.microsoft` and :mod:`uclab.sim.unity.unified_messaging`)."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.lab import Lab
from uclab.workbook.probes.registry import probe

#: the variants section 6's panel switches between
O365_VARIANTS = ("working", "wrong client secret", "no admin consent")


def office365(seed: int = 1, variant: str = "working") -> tuple[Lab, tuple[bool, str],
                                                                list[Exchange]]:
    """Unity Connection syncs one voicemail of alice to Office 365, in one of
    :data:`O365_VARIANTS`; returns the lab, (ok, what happened) and the exchanges."""
    if variant not in O365_VARIANTS:
        raise ConfigError(f"unknown variant {variant!r}: use one of {', '.join(O365_VARIANTS)}")
    lab = Lab(seed=seed)
    service = lab.add_office365(consented=variant != "no admin consent")
    if variant == "wrong client secret":
        service.set_secret("not-the-secret-the-portal-showed")
    start = len(lab.exchanges)
    result = service.sync_voicemail("alice")
    return lab, result, lab.exchanges[start:]


@probe
def o365_token_has_refresh_token(seed: int) -> str:
    """Does Microsoft's answer to Unity Connection's token request carry a refresh token?"""
    _, result, exchanges = office365(seed)
    if not result[0]:
        raise ConfigError(f"the working variant failed: {result[1]}")
    answer = exchanges[0].response.json()
    return "yes" if "refresh_token" in answer else "no"


#: the parties of exercise 11-microsoft-oauth-client, by label, and their lab node names
NB11_O365_PARTIES = {"Unity Connection": "cuc-pub", "Microsoft Entra ID": "ms-login",
                     "Exchange Online (the mail API)": "ms-graph", "CUCM": "cucm-pub"}


@probe
def o365_oauth_client(seed: int) -> str:
    """Who is the OAuth client, the party that asks for the token?"""
    _, _, exchanges = office365(seed)
    for label, name in NB11_O365_PARTIES.items():
        if exchanges[0].src == name:
            return label
    raise ConfigError(f"the token request came from {exchanges[0].src}")
