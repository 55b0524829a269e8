"""The triage map picture: every fault, every row, links from the data, the highlight."""

import plotly.graph_objects as go

from uclab.drill import triage_map
from uclab.faults import FAULTS
from uclab.workbook.views import triage_figure


def test_the_sankey_has_every_fault_and_row():
    fig = triage_figure(1)
    assert isinstance(fig, go.Figure) and fig.layout.meta["view"] == "triage"
    sankey = fig.data[0]
    labels = set(sankey.node.label)
    assert set(FAULTS) <= labels
    assert fig.layout.meta["rows"] == len(triage_map(1))
    assert len(sankey.link.source) == len(sankey.link.target) == len(sankey.link.color)


def test_the_highlight_colours_only_that_fault_and_the_figure_is_deterministic():
    lit = triage_figure(1, highlight="expressway-ntp")
    assert lit.to_dict() == triage_figure(1, highlight="expressway-ntp").to_dict()
    plain = triage_figure(1)
    assert lit.to_dict() != plain.to_dict()
    assert len(set(lit.data[0].link.color)) == 2 and len(set(plain.data[0].link.color)) == 1
