"""uclab.workbook.widgets: every builder returns its panel and displays nothing itself."""

import ipywidgets
import pytest

from uclab.lab import Lab
from uclab.trace.file import Trace
from uclab.workbook import widgets


@pytest.fixture(scope="module")
def signin_trace() -> Trace:
    lab = Lab(seed=1)
    lab.configure_oauth()
    ex_start, log_start = len(lab.exchanges), len(lab.logs)
    assert lab.client.sign_in()
    return lab.trace("mra-sign-in", ex_start, log_start)


def test_builders_return_widgets_and_print_nothing(capsys, signin_trace):
    built = [widgets.fault_panel(), widgets.replay_player(signin_trace),
             widgets.token_inspector(), widgets.release_selector()]
    assert all(isinstance(w, ipywidgets.VBox) for w in built)
    assert capsys.readouterr().out == ""
    assert [repr(w).split("(")[0] for w in built] == [
        "FaultPanel", "ReplayPlayer", "TokenInspector", "ReleaseSelector"]
