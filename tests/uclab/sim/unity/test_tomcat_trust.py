"""uclab.sim.unity.tomcat_trust: CUC trusts CUCM's Tomcat certificate only once uploaded, within
its validity, unless "Ignore Certificate Errors" is ticked (S12, S13)."""

import pytest
from _unity import CUCM, MSG_CERT, MSG_EXPIRED, MSG_NOT_YET, cuc_lab, failed_add
from hypothesis import given
from hypothesis import strategies as st

from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import (
    ERR_CERT_EXPIRED,
    ERR_CERT_NOT_YET_VALID,
    ERR_CERT_UNTRUSTED,
    TRUST_DEFAULT_SECONDS,
)
from uclab.sim.unity.tomcat_trust import TomcatTrust


def test_ignore_certificate_errors_skips_the_trust_check():
    lab, cuc = cuc_lab(add=False)
    server = cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD,
                                  ignore_certificate_errors=True)
    assert server.last_sync_status.startswith("Passed - ")


def test_s12_certificate_errors():
    lab, cuc = cuc_lab(add=False)
    assert str(failed_add(cuc)) == MSG_CERT and failed_add(cuc).message is ERR_CERT_UNTRUSTED
    cuc.upload_tomcat_trust(CUCM, valid_from=lab.now + 3600)
    assert str(failed_add(cuc)) == MSG_NOT_YET
    assert failed_add(cuc).message is ERR_CERT_NOT_YET_VALID
    cuc.upload_tomcat_trust(CUCM, valid_from=lab.now - 7200, valid_until=lab.now - 60)
    error = failed_add(cuc)
    assert str(error) == MSG_EXPIRED and error.message is ERR_CERT_EXPIRED
    assert "valid 2026-03-02 07:00:00 UTC to 2026-03-02 08:59:00 UTC" in error.detail


def test_upload_defaults_to_five_years_from_now_and_replaces_an_earlier_one():
    lab, cuc = cuc_lab(add=False)
    first = cuc.upload_tomcat_trust(CUCM.upper())
    assert (first.host, first.valid_from, first.valid_until) == (
        CUCM, lab.now, lab.now + TRUST_DEFAULT_SECONDS)
    again = cuc.upload_tomcat_trust(CUCM, valid_from=lab.now - 10)
    assert cuc.tomcat_trust == {CUCM: again}


def test_the_window_edges_are_valid():
    trust = TomcatTrust()
    trust.add(TomcatTrust.certificate(CUCM, 1000, 1000, 2000))
    assert [trust.check(CUCM, False, t)[0] for t in (999, 1000, 2000, 2001)] == [
        ERR_CERT_NOT_YET_VALID, None, None, ERR_CERT_EXPIRED]
    assert trust.check("other.example.com", False, 1500)[0] is ERR_CERT_UNTRUSTED
    assert trust.check("other.example.com", True, 1500)[0] is None


@given(start=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text()),
       end=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text()))
def test_upload_validity_is_a_certificate_or_a_config_error(start, end):
    try:
        cert = TomcatTrust.certificate(CUCM, 1_772_442_000, start, end)
    except ConfigError:
        return
    assert isinstance(cert.valid_from, int) and isinstance(cert.valid_until, int)
    assert cert.valid_from < cert.valid_until


def test_bad_validity_is_refused():
    with pytest.raises(ConfigError, match="epoch seconds"):
        TomcatTrust.certificate(CUCM, 1000, valid_from=True)
