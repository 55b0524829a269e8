"""The drill panel, driven without a frontend."""

from uclab.workbook.widgets import DrillPanel, drill_panel


def test_the_panel_runs_actions_folds_outputs_and_answers():
    panel = drill_panel(3)
    assert isinstance(panel, DrillPanel) and "The user says" in panel.report.value
    assert panel.act("diaglog", "expc") and panel.act("test-login", "-")
    assert len(panel.outputs.children) == 2
    assert panel.outputs.get_title(0) == "diaglog expc (15 min)"
    assert "20 minutes" in panel.minutes.value
    assert not panel.card.outputs
    assert panel.submit("expc-not-refreshed", "F3")
    assert "Report card" in panel.card.outputs[0]["text"] and "Solved" in panel.status.value
    marked = panel.outputs.children[0].outputs[0]["text"]
    assert "» " in marked and "holds no AuthZ keys" in next(
        ln for ln in marked.splitlines() if "holds no AuthZ keys" in ln)


def test_bad_input_shows_in_the_status():
    panel = drill_panel(3)
    assert not panel.act("nope") and "unknown action" in panel.status.value
    assert not panel.act("diaglog", "cucm-pub") and "unknown node" in panel.status.value
    assert not panel.submit("nope", "F1") and "unknown cause" in panel.status.value
    assert panel.submit("expc-not-refreshed", "F3")
    assert not panel.submit("expc-not-refreshed", "F3") and "answered" in panel.status.value


def test_choosing_an_action_offers_its_nodes():
    panel = drill_panel(3)
    panel.action.value = "show-key"
    assert "cucm-pub" in panel.node.options and not panel.node.disabled
    panel.action.value = "prt"
    assert panel.node.disabled
