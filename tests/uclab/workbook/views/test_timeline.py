"""uclab.workbook.views.timeline: the token timeline, asserted on the figure object."""


import pytest
from views_labs import configured

import uclab
from uclab.workbook import views
from uclab.workbook.usage import simulate_usage


@pytest.fixture(scope="module")
def usage():
    return simulate_usage(configured(), days=61)


def test_timeline_draws_every_event(usage):
    fig = views.token_timeline(usage)
    counts = fig.layout.meta["counts"]
    assert counts["sign-in"] == 1 and counts["re-login"] == 1 and counts["refresh-failed"] == 1
    for kind, count in counts.items():
        trace = next(t for t in fig.data if (t.meta or {}).get("role") == kind)
        assert len(trace.x) == count
    uses = next(t for t in fig.data if (t.meta or {}).get("role") == "use")
    assert [usage[i].kind for i in uses.customdata] == ["use"] * len(uses.x)


def test_timeline_bars(usage):
    fig = views.token_timeline(usage)
    refresh = next(t for t in fig.data if (t.meta or {}).get("role") == "refresh token")
    access = next(t for t in fig.data if (t.meta or {}).get("role") == "access token")
    assert len(refresh.x) == 2  # the first sign-in's token and the re-login's
    assert refresh.base[0] == pytest.approx(0, abs=1e-3)
    assert refresh.x[0] == pytest.approx(60, abs=1e-3)
    assert len(access.x) == sum(e.ok and e.kind in ("sign-in", "re-login", "refresh")
                                for e in usage)
    assert all(w == pytest.approx(1 / 24, abs=1e-4) for w in access.x)


def test_timeline_marks_expiry_and_forced_re_login(usage):
    fig = views.token_timeline(usage)
    texts = [a.text for a in fig.layout.annotations]
    assert any(t.startswith("refresh token expires (day 60.00)") for t in texts)
    (forced,) = [a for a in fig.layout.annotations if a.text.startswith("forced re-login")]
    assert 60 <= forced.x < 61
    assert any(s.type == "line" and s.x0 == pytest.approx(60, abs=1e-3)
               for s in fig.layout.shapes)


def test_timeline_of_nothing_explains():
    fig = views.token_timeline([])
    assert fig.layout.meta["empty"] is True and "simulate_usage" in fig.layout.annotations[0].text


@pytest.mark.parametrize("bad", [None, "events", 3, [1, 2]])
def test_timeline_rejects_what_is_not_usage_events(bad):
    with pytest.raises(uclab.ConfigError, match="UsageEvent"):
        views.token_timeline(bad)
