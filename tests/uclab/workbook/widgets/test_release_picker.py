"""uclab.workbook.widgets.release_picker: the release selector over compat.which_flow."""

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.workbook import compat, widgets
from uclab.workbook.compat import FLOW_CREDENTIALS, FLOW_IMPLICIT, FLOW_REFRESH


def test_release_selector_answers_on_every_change():
    sel = widgets.release_selector()
    assert sel.answer.flow == FLOW_REFRESH and FLOW_REFRESH in sel.result.value
    sel.cucm.value = "11.5(1)SU2"
    assert sel.answer.flow == FLOW_CREDENTIALS
    sel.sso.value = True
    assert sel.answer.flow == FLOW_IMPLICIT and "S6" in sel.result.value
    sel.cucm.value = "11.5(1)SU3"
    assert sel.answer.flow == FLOW_REFRESH
    sel.refresh.value = False
    assert sel.answer.flow == FLOW_IMPLICIT
    sel.refresh.value = True
    sel.jabber.value = "11.8"
    assert sel.answer.flow == FLOW_IMPLICIT and "Jabber 11.8 &lt; 11.9" in sel.result.value
    sel.jabber.value = "11.9"
    sel.expressway.value = "X8.9"
    assert sel.answer.flow == FLOW_IMPLICIT and "X8.9 &lt; X8.10" in sel.result.value
    sel.expressway.value = "X8.10.1"
    assert sel.answer.flow == FLOW_REFRESH


@pytest.mark.parametrize(("kwargs", "flow", "source"), [
    ({"cucm": "10.0(1)", "jabber": "10.5", "expressway": "X8.9", "sso": True},
     FLOW_CREDENTIALS, "S6"),
    ({"cucm": "10.5(2)", "jabber": "10.6", "expressway": "X8.9", "sso": True},
     FLOW_IMPLICIT, "S6"),
    ({"cucm": "15.0(1)", "jabber": "14.3", "expressway": "X14.3"}, FLOW_REFRESH, "S13"),
])
def test_release_selector_combinations_name_their_sources(kwargs, flow, source):
    sel = widgets.release_selector(**kwargs)
    assert sel.answer.flow == flow
    assert all("(S" in r for r in sel.answer.reasons)
    assert source in sel.result.value


def test_release_selector_uses_the_fact_constants():
    sel = widgets.release_selector()
    assert sel.refresh.description == f"{facts.PARAM_REFRESH_FLOW} = {facts.ENABLED}"
    assert sel.sso.description == str(compat.SSO_IMPLICIT)
    assert tuple(sel.cucm.options) == widgets.CUCM_RELEASES
    with pytest.raises(ConfigError, match="choose one of"):
        widgets.release_selector(cucm="9.1")


def test_no_label_of_the_selector_is_cut():
    """ipywidgets gives a description 80 px unless told otherwise: "CUCM / IM&P / CUC" was cut
    to "CUCM / IM…". Every control sizes its label to its text."""
    sel = widgets.release_selector()
    for control in (sel.cucm, sel.jabber, sel.expressway, sel.sso, sel.refresh):
        assert control.style.description_width == "initial", control.description
    assert sel.cucm.description == "CUCM / IM&P / CUC" and sel.cucm.layout.width == "auto"
    assert all(row.layout.flex_flow == "row wrap" for row in sel.children[:2])
