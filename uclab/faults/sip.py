"""SIP OAuth faults (fact sheet 1.7; S10 = TAC 215572; FORMATS.md SIG-39, SIG-40): a working
SIP OAuth deployment (:meth:`uclab.lab.Lab.configure_sip_oauth`) with one step left out.

The probe signs a fresh Jabber in over MRA and registers its line; each fault's symptom is the
registration's answer as the product gives it.
"""

from __future__ import annotations

from uclab import facts
from uclab.faults.model import Fault
from uclab.faults.probes import failed
from uclab.lab import Lab
from uclab.sim.cucm.sip_oauth import LAB_EXPC_CA
from uclab.sim.jabber.client import Outcome

#: "Phone Security Profile", the page's name (S10)
_PROFILE_PAGE = facts.PHONE_SECURITY_PAGE.rsplit(" > ", 1)[-1]


def sign_in_and_register(lab: Lab, user: str = "alice") -> Outcome:
    """A fresh Jabber signs in over MRA (XMPP included), then registers its SIP line."""
    client = lab.jabber(user)
    outcome = client.sign_in()
    if not outcome:
        return outcome
    return client.register_sip()


def _profile_unticked(lab: Lab) -> None:
    lab.configure_sip_oauth("profile-no-oauth")


def _tick_profile(lab: Lab) -> None:
    lab.cucm.sip.set_profile_oauth(str(facts.LAB_SIP_PROFILE), True)


def _expc_ca_untrusted(lab: Lab) -> None:
    lab.configure_sip_oauth("unknown-ca")


def _trust_expc_ca(lab: Lab) -> None:
    lab.cucm.sip.tomcat_trust.add(LAB_EXPC_CA)
    lab.cucm.sip.restart_callmanager()


FAULTS: tuple[Fault, ...] = (
    Fault("sip-oauth-port-mismatch",
          "SIP OAuth: the phone security profile lacks \"Enable OAuth Authentication\"",
          "CUCM",
          f"SIP OAuth mode is on ({facts.CLI_SIP_OAUTH_ENABLE}, {facts.SVC_CALLMANAGER} "
          f"restarted) and Jabber reads {facts.CNF_SIP_OAUTH_MODE}=1, but the {_PROFILE_PAGE} "
          f"of its CSF device does not have \"{facts.ENABLE_OAUTH_AUTH}\" ticked.",
          "S10 (FORMATS.md SIG-39)",
          "Jabber signs in over MRA and chat works, but the phone line does not register: CUCM "
          f"answers REGISTER with 403 {facts.SIP_403_REASON} and Warning: 399 <node> "
          f"\"{facts.SIP_PORT_MISMATCH}\" (the same answer as OAuth off globally or TLS "
          "instead of mTLS on the MRA port).",
          f"{facts.PHONE_SECURITY_PAGE} > the device's profile: tick \"{facts.ENABLE_OAUTH_AUTH}"
          "\" and save; Jabber registers again.",
          _profile_unticked, _tick_profile, sign_in_and_register,
          failed("sip-register", "403", str(facts.SIP_PORT_MISMATCH)),
          signature="sip-oauth-port-mismatch"),
    Fault("sip-oauth-unknown-ca",
          "SIP OAuth over MRA: CUCM does not trust Expressway-C's signer (unknown CA on the "
          "MRA port)",
          "CUCM / Expressway-C",
          f"On the {facts.SIP_MRA_PORT} ({facts.SIP_MRA_PORT_DEFAULT}) CallManager checks "
          f"Expressway-C's client certificate against {facts.TOMCAT_TRUST}; the CA that "
          "signed Expressway-C's certificate was never uploaded there.",
          "S10 (FORMATS.md SIG-40)",
          "MRA Jabber in SIP OAuth mode does not register: the mutual-TLS handshake from "
          f"Expressway-C to CUCM on {facts.SIP_MRA_PORT_DEFAULT} ends with the TLS alert "
          f"\"{facts.TLS_UNKNOWN_CA}\" (S10 shows it in a packet capture; no REGISTER reaches "
          "CallManager).",
          f"Upload the CA that signed Expressway-C's certificate to CUCM as "
          f"{facts.TOMCAT_TRUST}, then restart {facts.SVC_CALLMANAGER} (S10; FORMATS.md "
          "SIG-12 gives the same exchange of CAs).",
          _expc_ca_untrusted, _trust_expc_ca, sign_in_and_register,
          failed("sip-register", str(facts.TLS_UNKNOWN_CA)),
          signature="sip-oauth-unknown-ca"),
)
