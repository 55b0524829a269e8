"""uclab.workbook.widgets.output inside a kernel: a figure goes INTO the panel's Output widget.

A plotly figure has ``_ipython_display_``; handing it to ``Output.append_display_data`` makes
IPython publish it to the current cell and leaves an empty entry in the Output (the ladder of a
clicked panel would never show). The panel stores the figure's mime bundle instead.
"""

import IPython
import ipywidgets
import plotly.io as pio
import pytest

from uclab.workbook import widgets
from uclab.workbook.widgets import output


@pytest.fixture
def in_kernel(monkeypatch):
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")


def test_the_ladder_lands_in_the_output_widget(in_kernel, capsys):
    panel = widgets.fault_panel()
    panel.select("expc-oauthlocal-off")
    panel.run()
    (entry,) = panel.ladder_output.outputs
    assert entry["output_type"] == "display_data"
    data = entry["data"]["application/vnd.plotly.v1+json"]
    assert data["layout"]["meta"]["view"] == "ladder"
    assert capsys.readouterr().out == ""  # nothing printed or published elsewhere


def test_a_figure_without_a_bundle_falls_back(in_kernel, monkeypatch):
    out = ipywidgets.Output()
    seen = []
    monkeypatch.setattr(out, "append_display_data", seen.append, raising=False)
    output.show_figure(out, "not a figure")
    assert seen == ["not a figure"]
