"""uclab.workbook.views.key_map: the deployment map, asserted on the figure object (the key
inventory it draws is tests/uclab/workbook/test_inventory.py)."""


import pytest
from views_labs import configured

import uclab
from uclab.workbook import views


def by_name(fig, name):
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


def test_map_of_a_configured_lab_is_all_current():
    lab = configured()
    fig = views.deployment_map(lab)
    assert fig.layout.meta["stale"] == []
    assert len(by_name(fig, views.MAP_STALE).x) == 0
    current = by_name(fig, views.MAP_CURRENT)
    pub = lab.cucm.publisher.keys
    texts = list(current.text)
    assert all(f"signing {pub.signing_checksum[:8]}" in t for t in texts)
    assert all(f"encryption {pub.encryption_checksum[:8]}" in t for t in texts)
    assert set(current.customdata) == {"expc:cucm-pub", "cucm-pub", "cucm-sub1",
                                       "imp-pub:db:cucm-pub", "imp-pub:xcp:cucm-pub",
                                       "cuc-pub:CUCM"}
    assert set(by_name(fig, views.MAP_NOKEYS).customdata) == {"jabber", "expe"}


def test_map_left_to_right_internet_to_inside():
    fig = views.deployment_map(configured())
    x = {}
    for t in fig.data:
        if t.customdata is not None:
            x.update(zip(t.customdata, t.x, strict=True))
    assert x["jabber"] < x["expe"] < x["expc:cucm-pub"] < x["cucm-pub"] < x["imp-pub:db:cucm-pub"]
    assert x["cucm-pub"] == x["cucm-sub1"] and x["cuc-pub:CUCM"] == x["imp-pub:xcp:cucm-pub"]


def test_map_marks_expressway_red_after_a_signing_regen_without_refresh():
    lab = configured()
    old = lab.cucm.publisher.keys
    lab.cucm.regen_key("signing")
    fig = views.deployment_map(lab)
    stale = by_name(fig, views.MAP_STALE)
    assert stale.marker.color == views.STALE_COLOR
    keys = list(stale.customdata)
    assert "expc:cucm-pub" in keys
    text = stale.text[keys.index("expc:cucm-pub")]
    assert f"signing {old.signing_checksum[:8]} stale" in text
    assert f"encryption {old.encryption_checksum[:8]}" in text
    assert "Refresh servers" in stale.hovertext[keys.index("expc:cucm-pub")]
    # the regen reached the subscriber and IM&P's database, not the running XCP service or CUC
    assert set(keys) == {"expc:cucm-pub", "imp-pub:xcp:cucm-pub", "cuc-pub:CUCM"}
    assert "3 copies stale or missing" in fig.layout.annotations[-1].text

    lab.expc.refresh_servers()
    assert "expc:cucm-pub" not in views.deployment_map(lab).layout.meta["stale"]


def test_map_shows_none_for_missing_copies():
    lab = uclab.Lab(seed=1)  # Expressway-C never refreshed, no Authz server on Unity
    fig = views.deployment_map(lab)
    stale = by_name(fig, views.MAP_STALE)
    keys = list(stale.customdata)
    assert keys == ["expc:cucm-pub", "cuc-pub:-"]
    assert all("signing none" in t and "encryption none" in t for t in stale.text)


def test_map_does_not_create_a_client():
    lab = configured()
    views.deployment_map(lab)
    assert lab._client is None


def test_map_rejects_what_is_not_a_lab():
    with pytest.raises(uclab.ConfigError, match="uclab.Lab"):
        views.deployment_map("lab")
