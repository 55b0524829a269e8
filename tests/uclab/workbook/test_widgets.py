"""uclab.workbook.widgets, driven in plain pytest without a kernel (NOTEBOOK-TOOLING.md section
7.1):
set values, click buttons, and assert the lab state and what the panels show.

Assertions on the ladder figure itself need uclab.workbook.views; they are skipped while it is
missing.
"""

import base64
import importlib.util
import json
import threading

import ipywidgets
import pytest

from uclab import facts, faults
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.testing import make_app, make_lab
from uclab.trace.file import Trace
from uclab.trace.logline import CONCEALED
from uclab.workbook import compat, widgets
from uclab.workbook.compat import FLOW_CREDENTIALS, FLOW_IMPLICIT, FLOW_REFRESH

HAS_VIEWS = importlib.util.find_spec("uclab.workbook.views") is not None
needs_views = pytest.mark.skipif(not HAS_VIEWS,
                                 reason="uclab.workbook.views (ladder) not written yet")


def text_of(out: ipywidgets.Output) -> str:
    """Everything an Output holds as stdout text."""
    return "".join(o.get("text", "") for o in out.outputs if o.get("output_type") == "stream")


# == fault panel ==================================================================================
def test_fault_panel_lists_every_fault_of_the_registry():
    panel = widgets.fault_panel()
    assert isinstance(panel, ipywidgets.VBox)
    labels = [label for label, _ in panel.dropdown.options]
    assert labels[0] == widgets.WORKING_LAB
    assert labels[1:] == [f.title for f in faults.FAULTS.values()]
    assert panel.fault is None and "Run login" in panel.status.value


def test_selecting_a_fault_shows_its_fields():
    panel = widgets.fault_panel()
    assert panel.select("refresh-token-revoked")
    fault = faults.FAULTS["refresh-token-revoked"]
    assert panel.dropdown.value == fault.id
    for text in (fault.component, fault.source, "Symptom", "Fix"):
        assert text in panel.details.value


def test_seed_case_fails_at_xmpp_then_the_fix_works():
    panel = widgets.fault_panel(seed=1)
    panel.select("expc-oauthlocal-off")
    outcome = panel.run()
    assert outcome is panel.outcome and not outcome and outcome.stage == "xmpp"
    assert "FAILED at xmpp" in panel.status.value and "documented symptom" in panel.status.value
    assert "CISCO-VTG-TOKEN" in text_of(panel.output)
    assert "doesn't offer any SASL authentication mechanism" in text_of(panel.logs_output)
    lab = panel.lab
    assert lab is not None and lab.expc.xconfig.oauth_local is False
    assert panel.exchanges and all(ex in lab.exchanges for ex in panel.exchanges)
    assert f"Hops ({len(panel.exchanges)})" in text_of(panel.output)

    after = panel.fix()
    assert after and after is panel.outcome and panel.lab is lab
    assert "OK at xmpp" in panel.status.value
    assert lab.expc.xconfig.oauth_local is True
    assert "Apply the fix" in text_of(panel.output)


@needs_views
def test_the_ladder_shows_the_exchanges_of_the_probe():
    panel = widgets.fault_panel()
    panel.select("expc-oauthlocal-off")
    panel.run()
    meta = panel.figure.layout.meta
    assert meta["view"] == "ladder" and meta["total"] == len(panel.exchanges)
    assert "jabber-alice" in meta["lanes"] and len(panel.ladder_output.outputs) == 1


def test_buttons_drive_the_same_actions():
    panel = widgets.fault_panel()
    panel.dropdown.value = "expc-not-refreshed"
    panel.run_button.click()
    assert panel.outcome is not None and panel.outcome.stage == "access_token"
    assert panel.lab.expc.keys == []
    panel.fix_button.click()
    assert panel.outcome and panel.lab.expc.keys


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
def test_every_fault_runs_and_is_fixed_through_the_panel(fault_id):
    panel = widgets.fault_panel()
    assert panel.select(fault_id)
    assert not panel.run() and "FAILED" in panel.status.value
    assert panel.fix() and "OK at" in panel.status.value


def test_the_working_lab_signs_in_and_has_nothing_to_fix():
    panel = widgets.fault_panel()
    assert panel.run() and "OK at" in panel.status.value
    assert panel.fix() is None and "no fault to fix" in panel.status.value


def test_unknown_fault_and_fix_before_run_are_messages():
    panel = widgets.fault_panel()
    panel.select("expc-oauthlocal-off")
    assert panel.select("no-such-fault") is False
    assert "Unknown fault" in panel.status.value and "expc-oauthlocal-off" in panel.status.value
    assert panel.dropdown.value == "expc-oauthlocal-off"
    assert panel.select(42) is False
    assert panel.fix() is None and "Run login" in panel.status.value


def test_reselecting_resets_the_panel():
    panel = widgets.fault_panel()
    panel.select("expc-oauthlocal-off")
    panel.run()
    panel.select("expc-oauthlocal-off")
    assert panel.lab is None and panel.outcome is None and panel.output.outputs == ()
    panel.select(None)
    assert panel.fault is None and "configure_oauth" in panel.details.value


def test_a_lab_error_is_shown_not_raised(monkeypatch):
    def broken(self):
        raise ConfigError("the lab refused")

    monkeypatch.setattr(Lab, "configure_oauth", broken)
    panel = widgets.fault_panel()
    assert panel.run() is None
    assert "Could not run the login: the lab refused" in panel.status.value


def test_two_threads_running_the_panel_leave_it_consistent():
    panel = widgets.fault_panel()
    panel.select("expc-oauthlocal-off")
    barrier = threading.Barrier(3)
    results, errors = [], []

    def work(action):
        barrier.wait()
        try:
            results.append(action())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(panel.run,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(results) == 3
    assert all(r is not None and r.stage == "xmpp" for r in results)
    # the panel shows one run, whole: its lab, outcome, hops and status belong together
    assert panel.outcome in results
    assert all(ex in panel.lab.exchanges for ex in panel.exchanges)
    assert len(panel.output.outputs) == 1
    assert str(panel.outcome) in text_of(panel.output) and "FAILED at xmpp" in panel.status.value


def test_the_panel_lock_serialises_callbacks(monkeypatch):
    entered, release = [], threading.Event()
    real = faults.sign_in_and_use

    def slow_probe(lab):
        entered.append(threading.current_thread().name)
        release.wait(timeout=30)
        return real(lab)

    monkeypatch.setattr(widgets, "sign_in_and_use", slow_probe)
    panel = widgets.fault_panel()
    first = threading.Thread(target=panel.run, name="first")
    second = threading.Thread(target=panel.run, name="second")
    first.start()
    for _ in range(200):
        if entered:
            break
        threading.Event().wait(0.01)
    second.start()
    second.join(timeout=0.3)
    assert entered == ["first"] and second.is_alive()  # waits for the panel's lock
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert entered == ["first", "second"] and panel.outcome


# == replay player ================================================================================
@pytest.fixture(scope="module")
def signin_trace() -> Trace:
    lab = Lab(seed=1)
    lab.configure_oauth()
    ex_start, log_start = len(lab.exchanges), len(lab.logs)
    assert lab.client.sign_in()
    return lab.trace("mra-sign-in", ex_start, log_start)


def _hop_with(trace: Trace, header: str) -> int:
    return next(i for i, ex in enumerate(trace.exchanges) if ex.request.headers.get(header))


def test_replay_player_steps_through_the_hops(signin_trace):
    player = widgets.replay_player(signin_trace)
    n = len(signin_trace.exchanges)
    assert player.index == 0 and player.slider.max == n - 1
    first = signin_trace.exchanges[0]
    assert f"Hop 1 of {n}" in player.text and first.request.url in player.text
    assert player.step(1) == 1 and "Hop 2 of" in text_of(player.hop_output)
    player.next_button.click()
    assert player.index == 2
    player.prev_button.click()
    assert player.index == 1
    assert player.step(-5) == 0
    assert player.goto(10_000) == n - 1
    player.slider.value = 3
    assert player.index == 3 and signin_trace.exchanges[3].request.method in player.text
    assert "--- response ---" in player.text and "HTTP " in player.text


def test_replay_player_bad_steps_are_messages(signin_trace):
    player = widgets.replay_player(signin_trace)
    player.goto(2)
    assert player.goto("x") == 2 and "goto() takes a hop number" in player.status.value
    assert player.step(1.5) == 2 and "whole number" in player.status.value


def test_replay_conceals_secrets_until_revealed(signin_trace):
    i = _hop_with(signin_trace, "Authorization")
    token_header = signin_trace.exchanges[i].request.headers["Authorization"]
    player = widgets.replay_player(signin_trace)
    player.goto(i)
    assert f"Authorization: {CONCEALED}" in player.text and token_header not in player.text
    player.reveal.value = True
    assert token_header in player.text
    secrets = {raw for ln in signin_trace.logs for raw, _ in ln.secrets if raw}
    player.reveal.value = False
    for hop in range(len(signin_trace.exchanges)):
        player.goto(hop)
        assert not any(s in player.text or s in player.logs_text for s in secrets), hop


def test_replay_shows_the_log_lines_until_the_next_hop(signin_trace):
    player = widgets.replay_player(signin_trace)
    exs = signin_trace.exchanges
    total = 0
    for i in range(len(exs)):
        lines = player.logs_for(i)
        total += len(lines)
        if i > 0:
            assert all(ln.ms >= exs[i].started_ms for ln in lines)
        if i + 1 < len(exs):
            assert all(ln.ms < exs[i + 1].started_ms for ln in lines)
    assert total == len(signin_trace.logs)  # every line belongs to exactly one hop
    busy = max(range(len(exs)), key=lambda i: len(player.logs_for(i)))
    player.goto(busy)
    assert player.logs_for(busy)[0].render() in text_of(player.logs_output)


@needs_views
def test_replay_ladder_highlights_the_current_hop(signin_trace):
    player = widgets.replay_player(signin_trace)
    player.goto(4)
    assert player.figure.layout.meta["highlight"] == 4


def test_replay_from_a_jsonl_file(signin_trace, tmp_path, monkeypatch):
    path = signin_trace.save(tmp_path / "mra-sign-in.jsonl")
    player = widgets.replay_player(str(path))
    assert player.trace.name == "mra-sign-in" and player.error == ""
    assert len(player.exchanges) == len(signin_trace.exchanges)
    monkeypatch.setattr(widgets, "TRACES_DIR", tmp_path)  # names resolve in data/traces/
    assert widgets.replay_player("mra-sign-in").trace is not None


@pytest.mark.parametrize(("content", "expected"), [
    (None, "cannot read trace"),
    ("", "empty file"),
    ("garbage\n", "not JSON"),
    ('{"format": "other"}\n', "not a uclab trace header"),
])
def test_replay_bad_path_or_file_shows_the_trace_error(tmp_path, content, expected):
    path = tmp_path / "t.jsonl"
    if content is not None:
        path.write_text(content)
    player = widgets.replay_player(path)
    assert player.trace is None and expected in player.status.value
    assert player.next_button.disabled and player.slider.disabled
    assert player.step(1) == 0 and player.goto(3) == 0
    assert widgets.replay_player(42).trace is None


def test_replay_of_an_empty_trace():
    player = widgets.replay_player(Trace("empty"))
    assert "has no exchanges" in player.status.value and player.step(1) == 0


# == token inspector ==============================================================================
@pytest.fixture()
def lab_tokens():
    lab = make_lab(1)
    return lab, make_app(lab).tokens()


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_inspector_decodes_and_validates_an_access_token(lab_tokens):
    lab, tokens = lab_tokens
    inspector = widgets.token_inspector(lab)
    report = inspector.inspect(tokens["access_token"])
    assert report.kind == "access" and report.validation.ok and not report.error
    assert report.header["alg"] == "RS256" and report.inner_header["enc"] == "A128CBC-HS256"
    assert report.claims["sub"] == "alice" and report.claims["ctyp"] == "access"
    assert report.times["exp (inner claims)"].startswith("2026-03-02 10:00:00 UTC")
    assert "ACCEPTED" in inspector.status.value
    assert "<td>signature</td>" in inspector.decisions.value
    shown = text_of(inspector.output)
    assert "Inner JWE header" in shown and "Decrypted inner claims" in shown
    assert tokens["access_token"] not in shown  # the raw token is not echoed


def test_inspector_validates_a_refresh_token(lab_tokens):
    lab, tokens = lab_tokens
    report = widgets.token_inspector(lab).inspect(tokens["refresh_token"])
    assert report.kind == "refresh" and report.validation.kind == "refresh"
    assert report.validation.ok and report.payload["ctyp"] == "refresh"
    assert report.times["exp (payload)"].startswith("2026-05-01")  # 60 days (S23)


def test_inspector_names_the_failed_check_of_a_tampered_token(lab_tokens):
    lab, tokens = lab_tokens
    inspector = widgets.token_inspector(lab)
    header, payload, sig = tokens["access_token"].split(".")
    flipped = sig[:40] + ("A" if sig[40] != "A" else "B") + sig[41:]
    report = inspector.inspect(".".join([header, payload, flipped]))
    assert report.failed.check == "signature" and not report.validation.ok
    assert "REJECTED at check &#x27;signature" in inspector.status.value
    assert "Failed check: signature" in text_of(inspector.output)
    assert report.claims is not None and any("REJECTED" in n for n in report.notes)
    # a refresh token whose exp was pushed out: decodes, but the signature no longer matches
    h, p, s = tokens["refresh_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    claims["exp"] += 365 * 86400
    forged = widgets.inspect_token(".".join([h, _b64(claims), s]), lab)
    assert forged.kind == "refresh" and forged.failed.check == "signature"


def test_inspector_shows_expiry_in_lab_time(lab_tokens):
    lab, tokens = lab_tokens
    lab.advance(minutes=62)
    report = widgets.token_inspector(lab).inspect(tokens["access_token"])
    assert report.failed.check == "expiry"
    assert "expired 2 min 0 s ago" in report.times["exp (inner claims)"]


def test_inspector_with_another_labs_keys_fails_at_the_signing_key(lab_tokens):
    _, tokens = lab_tokens
    report = widgets.inspect_token(tokens["access_token"], make_lab(2))
    assert report.failed.check == "signing key" and "unknown kid" in report.failed.detail


def test_inspector_without_a_lab_decodes_only(lab_tokens):
    _, tokens = lab_tokens
    inspector = widgets.token_inspector()
    inspector.textarea.value = "Bearer " + tokens["access_token"][:700] + "\n" + \
        tokens["access_token"][700:]
    inspector.inspect_button.click()
    report = inspector.report
    assert report.kind == "access" and report.validation is None and report.claims is None
    assert "not validated" in inspector.status.value


@pytest.mark.parametrize(("token", "expected"), [
    ("", "the box is empty"),
    ("   ", "the box is empty"),
    ("abc", "3 parts separated by '.', this has 1"),
    ("a.b", "this has 2"),
    ("a.b.c.d.e", "this has 5 parts: a JWE"),
    ("eyJ!.e30.sig", "header (part 1) is not base64url: character '!'"),
    ("a.e30.sig", "header (part 1) is not base64url: a length of 1"),
    ("bm90IGpzb24.e30.sig", "header (part 1) decodes, but not to JSON"),
    ("WzFd.e30.sig", "header (part 1) is JSON but not an object"),
    ("e30.e30.si+g", "signature (part 3) is not base64url"),
    ("x" * 9000, "over the 8192-character limit"),
])
def test_inspector_explains_garbage(token, expected):
    inspector = widgets.token_inspector(make_lab(1))
    report = inspector.inspect(token)
    assert expected in report.error
    assert "Cannot decode" in inspector.status.value and "Cannot decode" in \
        text_of(inspector.output)


def test_inspector_refuses_non_text():
    assert "paste the token as text" in widgets.inspect_token(None).error
    assert "paste the token as text" in widgets.inspect_token(b"e30.e30.e30").error


# == release selector =============================================================================
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


def test_builders_return_widgets_and_print_nothing(capsys, signin_trace):
    built = [widgets.fault_panel(), widgets.replay_player(signin_trace),
             widgets.token_inspector(), widgets.release_selector()]
    assert all(isinstance(w, ipywidgets.VBox) for w in built)
    assert capsys.readouterr().out == ""
    assert [repr(w).split("(")[0] for w in built] == [
        "FaultPanel", "ReplayPlayer", "TokenInspector", "ReleaseSelector"]
