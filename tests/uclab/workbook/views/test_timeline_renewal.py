"""The token timeline draws CUCM 15's refresh-token renewal (S3): a green line and label at each
renewing refresh, the old token's bar cut there, no expiry line it never meets, meta counting
the renewals; without renewal the figure is what notebook 07 draws."""

import pytest

from uclab.workbook import views
from uclab.workbook.probes import nb11_webex
from uclab.workbook.views.timeline import renewals


@pytest.fixture(scope="module")
def renewing():
    return nb11_webex.renewal_usage(1, days=70)


@pytest.fixture(scope="module")
def plain():
    return nb11_webex.renewal_usage(1, days=70, client_renewal=False)


def test_the_renewal_is_drawn(renewing):
    found = renewals(renewing)
    assert [round(e.day, 2) for e in found] == [30.25, 60.25]
    fig = views.token_timeline(renewing)
    assert fig.layout.meta["renewals"] == [e.day for e in found]
    texts = [a.text for a in fig.layout.annotations]
    assert sum(t.startswith("refresh token renewed") for t in texts) == 2
    assert not any(t.startswith("refresh token expires") for t in texts)
    refresh = next(t for t in fig.data if (t.meta or {}).get("role") == "refresh token")
    assert len(refresh.x) == 3
    assert refresh.x[0] == pytest.approx(30.25, abs=1e-3)  # held until the renewal
    assert fig.layout.meta["counts"]["re-login"] == 0


def test_without_renewal_nothing_of_it_is_drawn(plain):
    assert renewals(plain) == []
    fig = views.token_timeline(plain)
    assert "renewals" not in fig.layout.meta
    texts = [a.text for a in fig.layout.annotations]
    assert not any("renewed" in t for t in texts)
    assert any(t.startswith("refresh token expires (day 60") for t in texts)
    assert fig.layout.meta["counts"]["re-login"] == 1


def test_the_hover_text_says_which_bar_was_replaced(renewing):
    fig = views.token_timeline(renewing)
    refresh = next(t for t in fig.data if (t.meta or {}).get("role") == "refresh token")
    access = next(t for t in fig.data if (t.meta or {}).get("role") == "access token")
    assert ["replaced by a renewed one" in h for h in refresh.hovertext] == [True, True, False]
    assert not any("replaced" in h for h in access.hovertext)
