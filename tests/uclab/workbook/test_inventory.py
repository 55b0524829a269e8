"""uclab.workbook.inventory: which node holds which copy of the AuthZ keys, as plain data."""

import dataclasses

import pytest

import uclab
from uclab import faults
from uclab.testing import configured_lab
from uclab.workbook import views
from uclab.workbook.inventory import (
    APPLICATIONS,
    CLIENT,
    CUCM,
    DMZ,
    EXPRESSWAY_C,
    KeyCopy,
    cluster_of,
    key_copies,
)


def by_key(lab):
    return {c.key: c for c in key_copies(lab)}


def test_a_configured_lab_holds_current_copies_everywhere():
    lab = configured_lab(1)
    copies = key_copies(lab)
    pub = lab.cucm.publisher.keys
    assert [c.key for c in copies] == ["jabber", "expe", "expc:cucm-pub", "cucm-pub", "cucm-sub1",
                                       "imp-pub:db:cucm-pub", "imp-pub:xcp:cucm-pub",
                                       "cuc-pub:CUCM"]
    assert [c.tier for c in copies] == [CLIENT, DMZ, EXPRESSWAY_C, CUCM, CUCM, APPLICATIONS,
                                        APPLICATIONS, APPLICATIONS]
    for c in copies:
        assert dataclasses.is_dataclass(c) and isinstance(c, KeyCopy)
        if c.holds_keys:
            assert c.status == "current" and c.stale_kinds == ()
            assert (c.signing, c.encryption) == (pub.signing_checksum, pub.encryption_checksum)
            assert c.expected("signing") == pub.signing_checksum
        else:
            assert c.status == "nokeys" and c.signing is None and c.note
    assert [c.key for c in copies if c.reference] == ["cucm-pub"]


def test_the_checksums_are_what_show_key_authz_prints():
    lab = configured_lab(1)
    printed = lab.cucm.publisher.cli("show key authz signing")
    assert by_key(lab)["cucm-pub"].signing in printed


def test_origins_name_copies_of_the_inventory():
    copies = by_key(configured_lab(1))
    assert {c.origin for c in copies.values() if c.origin} <= set(copies)
    assert copies["imp-pub:xcp:cucm-pub"].origin == "imp-pub:db:cucm-pub"


def test_a_signing_regen_leaves_three_stale_copies_with_their_fixes():
    lab = configured_lab(1)
    old = lab.cucm.publisher.keys
    lab.cucm.regen_key("signing")
    copies = by_key(lab)
    stale = {k for k, c in copies.items() if c.status == "stale"}
    assert stale == {"expc:cucm-pub", "imp-pub:xcp:cucm-pub", "cuc-pub:CUCM"}
    expc = copies["expc:cucm-pub"]
    assert expc.stale_kinds == ("signing",) and expc.signing == old.signing_checksum
    assert expc.expected_signing == lab.cucm.publisher.keys.signing_checksum
    assert expc.encryption == expc.expected_encryption
    assert "Refresh servers" in expc.fix
    lab.expc.refresh_servers()
    assert by_key(lab)["expc:cucm-pub"].status == "current"


def test_missing_copies_are_none():
    copies = by_key(uclab.Lab(seed=1))  # Expressway-C never refreshed, no Authz server on Unity
    assert [k for k, c in copies.items() if c.status == "none"] == ["expc:cucm-pub", "cuc-pub:-"]
    assert copies["cuc-pub:-"].fix.startswith("Authz Servers > Add New")


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
def test_the_deployment_map_draws_the_inventory(fault_id):
    lab = faults.FAULTS[fault_id].build(1)
    meta = views.deployment_map(lab).layout.meta
    copies = key_copies(lab)
    assert meta["copies"] == {c.key: c.status for c in copies}
    assert meta["stale"] == [c.key for c in copies if c.status in ("stale", "none")]


def test_taking_the_inventory_creates_no_client_and_needs_a_lab():
    lab = configured_lab(1)
    key_copies(lab)
    assert lab._client is None
    with pytest.raises(uclab.ConfigError, match="key_copies needs a uclab.Lab"):
        key_copies("lab")


def test_cluster_of_finds_a_node_by_address():
    lab = configured_lab(1)
    assert cluster_of(lab, lab.cucm.publisher.host.upper()) is lab.cucm
    assert cluster_of(lab, "nosuch.example.com") is None
