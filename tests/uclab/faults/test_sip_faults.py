"""The two SIP OAuth faults (S10; FORMATS.md SIG-39, SIG-40): registered in the catalogue with
symptom, source, fix and a log-only signature; each shows its symptom, and its repair makes the
line register."""

import pytest

from uclab import facts, faults
from uclab.diagnose import rule
from uclab.faults import sip

IDS = [f.id for f in sip.FAULTS]


def test_both_are_in_the_catalogue_with_a_sip_register_signature():
    assert IDS == ["sip-oauth-port-mismatch", "sip-oauth-unknown-ca"]
    for fault in sip.FAULTS:
        assert faults.get(fault.id) is fault
        assert "S10" in fault.source and fault.symptom and fault.fix
        assert rule(fault.signature).step == "sip-register"
        assert rule(fault.signature).kind == "match"


@pytest.mark.parametrize("fault_id", IDS)
def test_the_symptom_shows_and_the_repair_registers_the_line(fault_id):
    fault = faults.get(fault_id)
    lab = fault.build(seed=2)
    outcome = fault.probe(lab)
    assert fault.shows(lab, outcome) and outcome.stage == "sip-register"
    fault.repair(lab)
    assert fault.probe(lab)


def test_the_port_mismatch_symptom_is_the_products_403_warning():
    fault = faults.get("sip-oauth-port-mismatch")
    outcome = fault.probe(fault.build(seed=1))
    assert f'"{facts.SIP_PORT_MISMATCH}"' in outcome.detail and "403 Forbidden" in outcome.detail
