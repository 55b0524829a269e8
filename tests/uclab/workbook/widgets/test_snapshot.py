"""The static picture a saved (untrusted) notebook shows in place of a uclab panel."""

import ipywidgets as widgets
from IPython.core.formatters import DisplayFormatter

from uclab.workbook.widgets import fault_panel, snapshot_html, token_inspector


def test_a_panel_snapshot_shows_its_controls_and_status_without_script():
    panel = fault_panel(seed=1)
    html = snapshot_html(panel)
    assert "Run login" in html and "Apply the fix" in html
    assert "no fault (working lab)" in html and "press &#x27;Run login&#x27;" in html
    assert "<script" not in html.lower()
    assert "run the notebook's cells" in html


def test_a_snapshot_conceals_what_the_panel_conceals_and_escapes_text():
    inspector = token_inspector()
    inspector.textarea.value = "<b>not a token</b>"
    html = snapshot_html(inspector)
    assert "<b>not a token</b>" not in html and "&lt;b&gt;not a token" in html


def test_only_uclab_panels_get_a_snapshot():
    assert snapshot_html(widgets.VBox([widgets.Button(description="x")])) is None


def test_a_display_formatter_adds_the_snapshot_to_the_widget_bundle():
    formatter = DisplayFormatter()
    formatter.formatters["text/html"].for_type(widgets.Box, snapshot_html)
    data, _ = formatter.format(fault_panel(seed=1))
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "uclab-snapshot" in data["text/html"]
