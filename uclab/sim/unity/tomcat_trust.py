"""Unity Connection's tomcat-trust: the CUCM Tomcat certificates an admin uploaded, and the
certificate check CUC makes before it fetches keys from an Authz server (S12, S13).

tomcat-trust starts empty: CUC does not trust the CUCM Tomcat certificate until an admin uploads
it (Cisco Unified OS Administration > Security > Certificate Management > Upload Certificate)
or ticks "Ignore Certificate Errors" (S12, S13). An upload is valid for 5 years unless told
otherwise [U lab value].
"""

from __future__ import annotations

from dataclasses import dataclass

from uclab.core.clock import epoch_to_iso
from uclab.core.errors import ConfigError
from uclab.facts import (
    ERR_CERT_EXPIRED,
    ERR_CERT_NOT_YET_VALID,
    ERR_CERT_UNTRUSTED,
    LABEL_IGNORE_CERTIFICATE_ERRORS,
    TOMCAT_TRUST,
    Fact,
)

#: How long an uploaded Tomcat certificate stays valid unless told otherwise [U lab value].
TRUST_DEFAULT_SECONDS = 5 * 365 * 86400


@dataclass(frozen=True)
class TrustedCertificate:
    """A CUCM Tomcat certificate in CUC's tomcat-trust, with its validity (epoch seconds)."""

    host: str
    valid_from: int
    valid_until: int


class TomcatTrust:
    """CUC's tomcat-trust store: CUCM host (lower case) -> uploaded certificate."""

    def __init__(self) -> None:
        self._certs: dict[str, TrustedCertificate] = {}

    @staticmethod
    def certificate(host: str, now: int, valid_from: int | None = None,
                    valid_until: int | None = None) -> TrustedCertificate:
        """The certificate an upload of ``host``'s would add: valid from ``valid_from`` (default
        ``now``) to ``valid_until`` (default 5 years later), epoch seconds."""
        if any(isinstance(v, bool) or not isinstance(v, int)
               for v in (valid_from, valid_until) if v is not None):
            raise ConfigError("valid_from and valid_until are epoch seconds (int)")
        start = now if valid_from is None else valid_from
        end = start + TRUST_DEFAULT_SECONDS if valid_until is None else valid_until
        if end <= start:
            raise ConfigError(f"valid_until ({end}) must be after valid_from ({start})")
        return TrustedCertificate(host, start, end)

    def add(self, cert: TrustedCertificate) -> None:
        """Keep ``cert``, replacing an earlier upload for the same host."""
        self._certs[cert.host] = cert

    def as_dict(self) -> dict[str, TrustedCertificate]:
        return dict(self._certs)

    def check(self, host: str, ignore: bool, now: int) -> tuple[Fact | None, str]:
        """CUC checks the CUCM Tomcat certificate against its tomcat-trust (S12, S13):
        (S12 message or None, detail)."""
        if ignore:
            return None, f"{LABEL_IGNORE_CERTIFICATE_ERRORS} is ticked: certificate not checked"
        cert = self._certs.get(host)
        if cert is None:
            return ERR_CERT_UNTRUSTED, f"no certificate for {host} in {TOMCAT_TRUST}"
        window = f"valid {epoch_to_iso(cert.valid_from)} to {epoch_to_iso(cert.valid_until)}"
        if now < cert.valid_from:
            return ERR_CERT_NOT_YET_VALID, f"{host}: {window}, now {epoch_to_iso(now)}"
        if now > cert.valid_until:
            return ERR_CERT_EXPIRED, f"{host}: {window}, now {epoch_to_iso(now)}"
        return None, f"{host}: {window}"
