"""The cluster variants panel (notebook 11, section 2): each variant redraws the text and the
ladder from uclab.workbook.probes.nb11_clusters; bad input is said in the status."""

import pytest

from uclab.workbook.probes import nb11_clusters
from uclab.workbook.probes.nb11_clusters import VARIANTS
from uclab.workbook.widgets.clusters import cluster_panel


def _text(panel):
    return "".join(o.get("text", "") for o in panel.text.outputs)


@pytest.fixture(scope="module")
def panel():
    return cluster_panel(seed=1)


def test_it_starts_with_one_cluster_and_a_ladder(panel):
    assert repr(panel) == f"ClusterPanel(variant={VARIANTS[0]!r}, seed=1)"
    assert "every user signed in" in panel.status.value
    assert panel.figure is not None and panel.ladder.outputs


def test_the_unrefreshed_variant_shows_who_failed_and_what_each_was_told(panel):
    panel.dropdown.value = VARIANTS[2]  # as a click does
    text = _text(panel)
    assert panel.variant.name == VARIANTS[2]
    assert "bob    via expe2.example.com      FAILED at access_token" in text
    assert "expc2.example.com (its edge expe2.example.com)" in text and "Keys: none" in text
    assert "others did not" in panel.status.value


def test_the_two_cucm_variant_signs_dave_in_at_his_home(panel):
    variant = panel.select(VARIANTS[3])
    assert variant is panel.variant and [u for u, _, _ in variant.outcomes] == ["alice", "dave"]
    assert "cucm2-pub" in {ex.dst for ex in variant.exchanges}
    assert "cucm2-pub.example.com" in _text(panel)


def test_an_unknown_variant_is_said_not_raised(panel):
    before = panel.variant
    assert panel.select("three clusters") is None
    assert "unknown variant" in panel.status.value and panel.variant is before


def test_the_variants_are_deterministic():
    a, b = (nb11_clusters.run_variant(VARIANTS[2], 2) for _ in range(2))
    assert a.summary() == b.summary()
    assert [e.request.path for e in a.exchanges] == [e.request.path for e in b.exchanges]


def test_run_variant_refuses_an_unknown_name():
    with pytest.raises(nb11_clusters.ConfigError, match="unknown variant"):
        nb11_clusters.run_variant("x")
