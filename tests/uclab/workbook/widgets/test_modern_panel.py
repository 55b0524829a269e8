"""uclab.workbook.widgets.modern: the profile and attack switch of notebook 11 section 7; every
change reruns the attempt and redraws the ladder and the decision log."""

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.workbook import widgets
from uclab.workbook.probes import nb11_modern as m
from uclab.workbook.widgets.output import BAD, OK


def _log_text(panel) -> str:
    return "".join(o.get("text", "") for o in panel.log_output.outputs)


def test_the_panel_starts_on_the_cisco_interception_and_redraws_on_change():
    panel = widgets.modern_oauth_panel()
    assert panel.result.profile == "cisco" and panel.result.attack == m.WRONG_VERIFIER
    assert BAD in panel.status.value and "got tokens" in panel.status.value
    assert "present, not checked" in _log_text(panel)
    first = panel.figure
    panel.profile.value = "rfc9700"
    assert panel.result.profile == "rfc9700" and OK in panel.status.value
    assert "invalid_grant" in panel.status.value and panel.figure is not first
    panel.attack.value = m.REDIRECT
    assert "redirect_uri" in _log_text(panel) and panel.result.attack == m.REDIRECT


def test_the_ladder_hover_carries_the_decision_log():
    panel = widgets.ModernOAuthPanel(profile="rfc9700", attack=m.PLAIN)
    hovers = [h for t in panel.figure.data for h in (t.hovertext or ())]
    assert any("AuthZ authorize decisions" in h and "only S256" in h for h in hovers)


def test_select_changes_both_at_once_and_runs_once():
    panel = widgets.modern_oauth_panel()
    assert panel.select(profile="rfc9700", attack=m.IMPLICIT)
    assert (panel.result.profile, panel.result.attack) == ("rfc9700", m.IMPLICIT)
    assert "unsupported_response_type" in panel.status.value
    assert repr(panel).startswith("ModernOAuthPanel(profile='rfc9700', attack='implicit grant'")


@settings(max_examples=20, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=30)))
def test_bad_names_show_in_the_status_and_change_nothing(name):
    panel = widgets.modern_oauth_panel()
    before = panel.result
    if name not in m.ATTACKS:
        assert not panel.select(attack=name)
        assert "Unknown attack" in panel.status.value and panel.result is before
    if name not in ("cisco", "rfc9700"):
        assert not panel.select(profile=name)
        assert "Unknown profile" in panel.status.value and panel.result is before


def test_a_bad_starting_choice_falls_back_to_the_default():
    panel = widgets.ModernOAuthPanel(profile="strict")
    assert panel.result.profile == "cisco" and panel.result.attack == m.WRONG_VERIFIER


def test_the_replay_player_shows_a_hop_s_decision_log():
    result = m.attempt("rfc9700", m.WRONG_VERIFIER)
    player = widgets.replay_player(result.lab.trace("code interception, rfc9700"))
    assert "AuthZ decision log" in player.text  # hop 1: the authorization request
    assert "bound to the code" in player.text
    player.step(1)
    assert "AuthZ decision log" not in player.text  # hop 2, the login form: none kept
    player.step(1)
    assert "FAIL pkce: S256(code_verifier) does not match" in player.text
    assert "code_verifier=<CONCEALED>" in player.text
