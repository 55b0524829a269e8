"""Notebook 11, section 1 (SIP OAuth): the variants the section's panel switches, and the
probes of its exercises (``uclab/workbook/exercises/11-sip.toml``). Facts: S10 (TAC 215572),
fact sheet 1.7."""

from __future__ import annotations

from dataclasses import dataclass

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome
from uclab.sim.sip_oauth_setup import VARIANTS
from uclab.trace import hop_text
from uclab.workbook.probes.registry import probe

#: the panel's choices: label -> variant of Lab.configure_sip_oauth
NB11_SIP_VARIANTS = {"SIP OAuth off": "off", "SIP OAuth on": "on",
                     "port mismatch (profile without OAuth)": "profile-no-oauth",
                     "unknown CA on the MRA port": "unknown-ca"}
#: the hops of the REGISTER leg, as exercise 11-sip-unknown-ca-hop names them
NB11_SIP_HOPS = {("jabber-alice", "expe"): "Jabber -> Expressway-E",
                 ("expe", "expc"): "Expressway-E -> Expressway-C",
                 ("expc", "cucm-pub"): "Expressway-C -> CUCM"}


@dataclass
class SipRun:
    """One variant run: the lab, what Jabber's registration returned, the steps applied, and
    where the registration's exchanges start in ``lab.exchanges``."""

    lab: Lab
    outcome: Outcome
    steps: list[str]
    start: int

    @property
    def exchanges(self) -> list[Exchange]:
        return self.lab.exchanges[self.start:]


def run_variant(variant: str = "on", seed: int = 1) -> SipRun:
    """A lab with OAuth, SIP OAuth configured as ``variant``, alice signed in; then her line
    registers. ``variant`` is a value (or a label) of :data:`NB11_SIP_VARIANTS`."""
    variant = NB11_SIP_VARIANTS.get(variant, variant)
    if variant not in VARIANTS:
        raise ConfigError(f"variant must be one of {', '.join(VARIANTS)} (got {variant!r})")
    lab = Lab(seed=seed)
    lab.configure_oauth()
    steps = lab.configure_sip_oauth(variant)
    if not lab.client.sign_in():
        raise ConfigError("the lab did not sign in; the SIP run needs a signed-in Jabber")
    start = len(lab.exchanges)
    return SipRun(lab, lab.client.register_sip(), steps, start)


def _sip_hops(run: SipRun) -> list[Exchange]:
    return [ex for ex in run.exchanges if hop_text.is_sip(ex)]


@probe
def sip_mra_port(seed: int) -> int:
    """The port Expressway-C sends the MRA REGISTER to on CUCM (the default)."""
    run = run_variant("on", seed)
    return next(ex.request.port for ex in _sip_hops(run) if ex.src == "expc")


@probe
def sip_first_answer(seed: int) -> str:
    """What CUCM answers the first REGISTER, which carries no credentials."""
    first = _sip_hops(run_variant("on", seed))[0].response
    if first is None:
        raise ConfigError("the first REGISTER got no answer")
    challenge = first.headers.get("proxy-authenticate") or ""
    return f"{first.status} with Proxy-Authenticate: {challenge}" if challenge else \
        str(first.status)


@probe
def sip_profile_unticked(seed: int) -> str:
    """The answer Jabber's REGISTER gets when the profile lacks Enable OAuth Authentication."""
    resp = _sip_hops(run_variant("profile-no-oauth", seed))[0].response
    if resp is None:
        raise ConfigError("the REGISTER got no answer")
    warning = resp.headers.get("warning") or ""
    if facts.SIP_PORT_MISMATCH in warning:
        return f"{resp.status} with Warning \"{facts.SIP_PORT_MISMATCH}\""
    return str(resp.status)


@probe
def sip_unknown_ca_hop(seed: int) -> str:
    """The first hop of the REGISTER leg that fails when CUCM lacks Expressway-C's signer."""
    hops = _sip_hops(run_variant("unknown-ca", seed))
    failing = [ex for ex in hops if hop_text.outcome(ex).failed]
    if not failing:
        raise ConfigError("no hop failed")
    # in time: the innermost hop ends first, each proxy's answer follows it outwards
    first = min(failing, key=lambda ex: ex.ended_ms)
    return NB11_SIP_HOPS[(first.src, first.dst)]
