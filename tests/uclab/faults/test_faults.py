"""uclab.faults: every fault shows its symptom, and its fix (a real admin action) clears it."""

import pytest

from uclab import faults
from uclab.core.errors import ConfigError


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
def test_symptom_appears_and_fix_clears_it(fault_id):
    result = faults.check(fault_id, seed=1)
    assert not result.before, f"{fault_id}: the probe should fail with the fault in place"
    assert result.symptom_seen, f"{fault_id}: unexpected symptom {result.before}"
    assert result.after, f"{fault_id}: still failing after the fix: {result.after}"
    assert result.proven


def test_registry_has_the_required_faults_with_every_field():
    required = {"expc-oauthlocal-off", "refresh-flow-mismatch", "expc-not-refreshed",
                "keys-regen-expc-stale", "imp-stale-keys", "unity-not-synced",
                "refresh-token-expired", "refresh-token-revoked", "ldap-user-deactivated",
                "cucm-below-11-5-su3", "expressway-ntp", "check-internal-no-mixed",
                "intrusion-expired-tokens", "central-imp-unsynchronized"}
    assert required <= set(faults.FAULTS) and len(faults.FAULTS) >= 14
    for row in faults.table():
        assert all(row[k] for k in ("id", "title", "component", "symptom", "fix", "source"))


def test_the_working_lab_passes_every_probe():
    from uclab import Lab

    lab = Lab(seed=1)
    lab.configure_oauth()
    assert faults.sign_in_and_use(lab)


def test_unknown_fault_names_the_known_ones():
    with pytest.raises(ConfigError, match="known faults: expc-oauthlocal-off"):
        faults.get("no-such-fault")
    with pytest.raises(ConfigError, match="unknown fault"):
        faults.get(None)
