"""uclab.workbook.views.figure: what every view shares (one small explicit template, same input
same figure)."""

import json

import pytest
from views_labs import configured, login_trace

from uclab.workbook import views
from uclab.workbook.usage import simulate_usage


@pytest.fixture(scope="module")
def login():
    return login_trace()


@pytest.fixture(scope="module")
def usage():
    return simulate_usage(configured(), days=61)


def test_same_seed_same_figures():
    (lab1, t1), (lab2, t2) = login_trace(7), login_trace(7)
    assert views.ladder(t1, highlight=2).to_dict() == views.ladder(t2, highlight=2).to_dict()
    for lab in (lab1, lab2):
        lab.cucm.regen_key("encryption")
    assert views.deployment_map(lab1).to_dict() == views.deployment_map(lab2).to_dict()
    e1 = simulate_usage(configured(7), days=3)
    e2 = simulate_usage(configured(7), days=3)
    assert views.token_timeline(e1).to_dict() == views.token_timeline(e2).to_dict()


def test_figures_use_the_small_explicit_template(login, usage):
    lab, trace = login
    for fig in (views.ladder(trace), views.deployment_map(lab), views.token_timeline(usage),
                views.ladder([])):
        d = fig.to_dict()
        assert d["layout"]["template"] == views.TEMPLATE.to_plotly_json()
        assert len(json.dumps(d["layout"]["template"])) < 1500
        assert "uid" not in json.dumps(d["data"])
