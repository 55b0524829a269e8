"""SAML SSO over MRA faults (issue 11 item 3): the documented failures of the IdP's side of
the trust, each seen in the lab as Jabber's embedded browser meets it over MRA.

* the IdP signing certificate rolled over (AD FS auto-rollover) while the SPs keep the old
  metadata: SIG-22, T217268, CSCuj66703;
* the IdP's clock is off (NTP not shared), the assertion is outside NotBefore/NotOnOrAfter:
  SIG-23, T217268;
* no claim rule sends ``uid``: SIG-24, S8 (MRA125), MRA guide.

Over MRA the SP is Expressway (MRASSO): its uid text is published (S8), its texts for the other
two are not, so the lab writes modelled ones (``uclab.facts.sso``); inside the network the same
faults give CUCM's real ssosp lines (``lab.configure_sso`` + a browser login to CUCM,
:mod:`uclab.workbook.probes.nb11_sso`).
"""

from __future__ import annotations

from uclab import facts
from uclab.faults.model import Fault
from uclab.faults.probes import failed, sign_in_and_use
from uclab.lab import Lab


def _sso(lab: Lab) -> None:
    lab.configure_sso("adfs")


def _roll_over(lab: Lab) -> None:
    _sso(lab)
    lab.idp.saml.roll_over_signing_certificate()


def _reimport_metadata(lab: Lab) -> None:
    """Download the IdP metadata again and import it on CUCM and on Expressway-C."""
    metadata = lab.idp.saml.metadata()
    lab.cucm.saml_sp.import_idp_metadata(metadata)
    lab.expc.saml_sp.import_idp_metadata(metadata)


def _idp_clock_slow(lab: Lab) -> None:
    _sso(lab)
    lab.idp.saml.clock_offset = -(int(facts.ASSERTION_LIFETIME) + 600)


def _same_ntp(lab: Lab) -> None:
    lab.idp.saml.clock_offset = 0


def _no_uid_rule(lab: Lab) -> None:
    _sso(lab)
    lab.idp.saml.sends_uid = False


def _add_uid_rule(lab: Lab) -> None:
    lab.idp.saml.sends_uid = True


def _mra_sign_in(lab: Lab) -> object:
    return sign_in_and_use(lab, "alice", xmpp=False, services=("uds",))


FAULTS = (
    Fault("sso-idp-cert-rollover", "SAML: the IdP's signing certificate rolled over",
          "SAML IdP",
          "AD FS rolled its token-signing certificate over (auto-rollover), and CUCM and "
          "Expressway-C still hold the IdP metadata with the old one.",
          "T217268, ENTRA, S6, FORMATS.md §5 SIG-22",
          "Over MRA Jabber's browser gets an error page after the IdP login (Expressway's text is "
          f"not published); inside, ssosp logs \"{facts.ERR_SIGNING_CERT}\" (SIG-22).",
          "Download the IdP metadata again (one signing certificate) and import it on CUCM "
          f"(System > SAML Single Sign-On) and on Expressway-C ({facts.EXPC_IDP_PAGE}); re-run "
          "the SSO test.",
          _roll_over, _reimport_metadata, _mra_sign_in,
          failed("saml", str(facts.EXPC_SIG_INVALID)),
          signature="edge-saml-signing-cert"),
    Fault("sso-idp-clock-skew", "SAML: the IdP's clock is off (NotOnOrAfter passed)",
          "SAML IdP",
          "The IdP does not use the NTP source of CUCM and Expressway: its clock is 70 minutes "
          "slow, so every assertion it signs has expired (NotOnOrAfter) when it arrives.",
          "T217268, S6, FORMATS.md §5 SIG-23",
          "Over MRA the sign-in fails after the IdP login; inside, ssosp logs "
          f"\"{facts.MSG_TIME_VALID.format(valid='false')}\" (SIG-23).",
          "Point the IdP, CUCM and Expressway at the same NTP source.",
          _idp_clock_slow, _same_ntp, _mra_sign_in,
          failed("saml", str(facts.EXPC_TIME_INVALID)),
          signature="edge-saml-time"),
    Fault("sso-no-uid-claim", "SAML: no claim rule sends uid", "SAML IdP",
          "The relying party trusts have no claim rule with uid as the Outgoing Claim Type, so "
          "the assertion carries no uid attribute.",
          "S8, MRASSO, T217268, FORMATS.md §5 SIG-24",
          f"Expressway-C: \"{facts.EXPC_INVALID_SAML}\" / \"{facts.EXPC_NO_UID}\" (SIG-24); on "
          "CUCM the AttributeStatement is missing.",
          f"Add a claim rule to each relying party trust: {facts.ADFS_CLAIM_RULE}, the AD "
          f"attribute users sign in with (SAMAccountName or email) as {facts.UID_ATTRIBUTE} "
          f"(Entra ID: claim uid = {facts.ENTRA_UID_SOURCE}).",
          _no_uid_rule, _add_uid_rule, _mra_sign_in,
          failed("saml", str(facts.EXPC_NO_UID)),
          signature="sig-24"),
)
