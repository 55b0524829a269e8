"""The SIP OAuth panel (notebook 11): each variant redraws the ladder of the registration and
says how Jabber's registration ended; an unknown variant is a message, never a traceback."""

from uclab.workbook.probes.nb11_sip import NB11_SIP_VARIANTS
from uclab.workbook.widgets.sip import sip_oauth_panel


def _ladder_json(panel):
    (entry,) = panel.out.outputs
    return entry["data"]


def test_each_variant_redraws_the_ladder_and_the_status():
    panel = sip_oauth_panel()
    assert "OK at sip-register" in panel.status.value and panel.last.outcome
    for label in NB11_SIP_VARIANTS:
        panel.choice.value = label
        assert panel.last is not None and len(panel.out.outputs) == 1
        # outside a kernel a text line stands in for the figure (widgets.output.show_figure)
        assert _ladder_json(panel)["text/plain"] == f"<plotly figure: SIP OAuth: {label}>"
        assert label in panel.status.value
    assert "unknown CA" in panel.status.value  # the last variant


def test_an_unknown_variant_is_said_in_the_status():
    panel = sip_oauth_panel()
    before = panel.last
    assert panel.run("sometimes") is None
    assert "variant must be one of" in panel.status.value and panel.last is before
