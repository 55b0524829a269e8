"""The ladder's hover shows a hop's AuthZ decision log (uclab.sim.cucm.authz.decisions) and
nothing more for hops without one, so the default lab's ladders are drawn as before."""

from views_labs import login_trace

from uclab.sim.cucm.authz.decisions import META_KEY
from uclab.testing import make_app, make_lab
from uclab.workbook import views


def _hovers(fig) -> list[str]:
    return [h for t in fig.data for h in (t.hovertext or ())]


def test_a_default_login_ladder_has_no_decision_lines():
    _, trace = login_trace()
    assert not any("AuthZ" in h for h in _hovers(views.ladder(trace)))


def test_a_hop_with_a_decision_log_shows_it_in_its_hover():
    lab = make_lab(1, profile="rfc9700")
    app = make_app(lab)
    app.authorize(code_challenge_method="plain", code_challenge="x" * 43)
    fig = views.ladder(lab.exchanges)
    (hover,) = {h for h in _hovers(fig) if "AuthZ" in h}
    assert "<b>AuthZ authorize decisions</b>, rfc9700:" in hover
    assert "FAIL pkce: code_challenge_method is plain" in hover


def test_a_malformed_log_in_a_loaded_trace_is_skipped():
    lab = make_lab(1)
    make_app(lab).authorize()
    lab.exchanges[-1].metadata[META_KEY] = {"decisions": "not a list"}
    assert not any("AuthZ" in h for h in _hovers(views.ladder(lab.exchanges)))

