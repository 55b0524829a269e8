"""Probes of notebook 03: the AuthZ key copies after a regeneration, and their fixes."""

from __future__ import annotations

from collections.abc import Callable

from uclab import facts
from uclab.faults import FAULTS
from uclab.lab import Lab
from uclab.workbook.probes.labs import signed_in, the_one_fix
from uclab.workbook.probes.registry import probe

#: the choices of exercise 03-stale-after-regen
NB03_COPY_CHOICES = (
    "the CUCM subscriber",
    f"IM&P (its running {facts.SVC_XCP_AUTH})",
    "Expressway-C",
    "Unity Connection",
)


@probe
def stale_copies_after_signing_regen(seed: int) -> list[str]:
    """After ``set key regen authz signing`` and no other admin action, which key copies
    differ from the publisher's?"""
    lab, _ = signed_in(seed)
    lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    current = lab.cucm.publisher.keys.signing_checksum
    held = {
        NB03_COPY_CHOICES[0]: [n.keys for n in lab.cucm.subscribers],
        NB03_COPY_CHOICES[1]: [c.keys for c in lab.imp.xcp_auth_keys()],
        NB03_COPY_CHOICES[2]: list(lab.expc.keys),
        NB03_COPY_CHOICES[3]: lab.unity.held_keys(),
    }
    return [choice for choice, copies in held.items()
            if not copies or any(k is None or k.signing_checksum != current for k in copies)]


#: the candidate fixes of exercise 03-fix-expc: choice text -> the admin action
NB03_EXPC_FIX_CANDIDATES: dict[str, Callable[[Lab], object]] = {
    f"{facts.UCM_PAGE.rsplit(' > ', 1)[-1]} > {facts.REFRESH_SERVERS} on Expressway-C":
        lambda lab: lab.expc.refresh_servers(),
    f"Restart {facts.SVC_XCP_AUTH} on IM&P":
        lambda lab: lab.imp.restart_service(str(facts.SVC_XCP_AUTH)),
    f"{facts.PAGE_AUTHZ_SERVERS.rsplit(' > ', 1)[-1]} > {facts.ACTION_SYNC_KEYS} on Unity "
    "Connection": lambda lab: lab.unity.sync_keys(),
    f"Run {facts.CLI_REGEN_SIGNING} again on the publisher":
        lambda lab: lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True),
}


@probe
def expc_fix_after_regen(seed: int) -> str:
    """Try each candidate on a fresh lab of fault keys-regen-expc-stale; exactly one works."""
    return the_one_fix("keys-regen-expc-stale", NB03_EXPC_FIX_CANDIDATES, seed)


@probe
def imp_stale_failing_stage(seed: int) -> str:
    """Regen, Expressway-C refreshed, Unity synced, XCP Authentication not restarted: where
    does a fresh sign-in (then UDS, then voicemail) stop?"""
    lab = FAULTS["imp-stale-keys"].build(seed)
    return FAULTS["imp-stale-keys"].probe(lab).stage
