"""The SAML service-provider half the lab's SPs share: CUCM's ssosp (SSO inside the network,
T217268) and Expressway-C (SSO over MRA, where the IdP's relying parties are the Expressway-Es
and Expressway-C holds the IdP metadata: MRA guide, "Single Sign-On (SSO) over the
Collaboration Edge", source MRASSO).

:meth:`ServiceProvider.check` runs the checks in the order ssosp logs them (T217268 sample):
the binding, the signing certificate against the imported IdP metadata (SIG-22), the
signature, the status (SIG-25), destination and audience, the time window with the clock
allowance (SIG-23, ``Time Valid?``), the ``uid`` attribute (SIG-24), one-time use. Each step is
returned as a :class:`Step` so that each product can write it in its own log grammar.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from urllib.parse import urlencode

from uclab import facts
from uclab.protocols.saml import AuthnRequest, SamlError, read_response


@dataclass(frozen=True)
class IdpMetadata:
    """What an SP imported from the IdP's metadata file."""

    entity_id: str
    sso_url: str
    signing_cert: str


@dataclass(frozen=True)
class Step:
    """One check as a log line: its level, the ssosp logger, the text, an exception block."""

    level: str
    logger: str
    text: str
    block: str = ""


@dataclass
class Verdict:
    """What the SP concluded: ``failure`` is ``""`` on success, else one of
    ``signature-cert``, ``signature``, ``status``, ``audience``, ``time``, ``uid``, ``replay``,
    ``unknown-request``."""

    user: str = ""
    request_id: str = ""
    failure: str = ""
    reason: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failure


class ServiceProvider:
    """One SAML SP: its entity id and consumer URL, the IdP metadata it imported."""

    def __init__(self, entity_id: str, acs_url: str, clock) -> None:
        self.entity_id = entity_id
        self.acs_url = acs_url
        self._clock = clock
        self.idp: IdpMetadata | None = None
        #: seconds of clock difference accepted on NotBefore / NotOnOrAfter [U lab choice]
        self.skew = int(facts.CLOCK_SKEW_ALLOWANCE)
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def import_idp_metadata(self, metadata: IdpMetadata) -> None:
        self.idp = metadata

    def authn_request(self, request_id: str, relay: str) -> tuple[str, list[Step]]:
        """The IdP URL the browser is redirected to, and the ``SPSSOFederate`` lines."""
        if self.idp is None:
            raise SamlError("no IdP metadata is imported on this SP")
        req = AuthnRequest(request_id, self.entity_id, self.acs_url, self.idp.sso_url,
                           self._clock.now())
        url = self.idp.sso_url + "?" + urlencode({"SAMLRequest": req.encode(),
                                                  "RelayState": relay})
        log = str(facts.LOG_SAML)
        steps = [Step("DEBUG", log, facts.MSG_SP_ENTITY.format(sp=self.entity_id)),
                 Step("DEBUG", log, facts.MSG_IDP_ENTITY.format(idp=self.idp.entity_id)),
                 Step("DEBUG", log, facts.MSG_SSO_URL.format(url=self.idp.sso_url)),
                 Step("DEBUG", log, facts.MSG_ACS.format(url=self.acs_url)),
                 Step("DEBUG", log, facts.MSG_ACS_BINDING.format(binding=facts.BINDING_POST))]
        return url, steps

    def check(self, saml_response: str, relay: str, pending: set[str]) -> Verdict:
        """Check a posted ``SAMLResponse`` (``pending``: the AuthnRequest ids this SP still
        waits for). A message that cannot be read raises :class:`SamlError` (a 400)."""
        received = read_response(saml_response)
        a = received.assertion
        v = Verdict(request_id=a.in_response_to)
        auth = str(facts.LOG_AUTHENTICATOR)
        v.steps.append(Step("DEBUG", str(facts.LOG_SAML),
                            facts.MSG_VERIFY.format(binding=facts.BINDING_POST)))

        def fail(kind: str, reason: str) -> Verdict:
            v.failure, v.reason = kind, reason
            v.steps.append(Step("ERROR", auth, facts.MSG_PROCESS_ERROR.format(reason=reason),
                                f"{facts.SAML2_EXCEPTION}: {reason}"))
            return v

        if self.idp is None or received.document_cert != self.idp.signing_cert:
            return fail("signature-cert", str(facts.ERR_SIGNING_CERT))
        if not received.signature_valid(self.idp.signing_cert):
            return fail("signature", str(facts.ERR_SIGNING_CERT))
        if a.status != facts.STATUS_SUCCESS:
            return fail("status", str(facts.ERR_STATUS))
        if a.destination != self.acs_url or a.audience != self.entity_id or \
                a.issuer != self.idp.entity_id:
            return fail("audience", "the response names another SP or IdP")
        now = self._clock.now()
        valid = a.not_before - self.skew <= now < a.not_on_or_after + self.skew
        v.steps.append(Step("DEBUG", auth, facts.MSG_TIME_VALID.format(
            valid=str(valid).lower())))
        if not valid:
            return fail("time", str(facts.ERR_TIME))
        v.steps.append(Step("DEBUG", auth, str(facts.MSG_TIME_END)))
        shown = ", ".join(f"{k}=[{', '.join(vs)}]" for k, vs in a.attributes.items())
        v.steps.append(Step("DEBUG", auth, facts.MSG_ATTRIBUTES.format(
            attributes="{" + shown + "}")))
        uid = a.attributes.get(str(facts.UID_ATTRIBUTE)) or []
        if not uid or not uid[0]:
            return fail("uid", str(facts.ERR_NO_UID))
        if a.in_response_to not in pending:
            return fail("unknown-request", "the response answers no pending AuthnRequest")
        with self._lock:
            if received.response_id in self._seen:
                return fail("replay", "the response was already used")
            self._seen.add(received.response_id)
        v.user = uid[0]
        v.steps.append(Step("DEBUG", auth, facts.MSG_USERID.format(user=v.user)))
        v.steps.append(Step("DEBUG", auth, facts.MSG_RELAY_STATE.format(relay=relay)))
        return v
