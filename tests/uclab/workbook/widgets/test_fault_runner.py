"""uclab.workbook.widgets.fault_runner, driven in plain pytest without a kernel
(NOTEBOOK-TOOLING.md section 7.1): set values, click buttons, and assert the lab state and what
the panel shows.

Assertions on the ladder figure itself need uclab.workbook.views; they are skipped while it is
missing.
"""

import importlib.util
import threading

import ipywidgets
import pytest

from uclab import faults
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.workbook import widgets
from uclab.workbook.widgets import fault_runner

HAS_VIEWS = importlib.util.find_spec("uclab.workbook.views") is not None
needs_views = pytest.mark.skipif(not HAS_VIEWS,
                                 reason="uclab.workbook.views (ladder) not written yet")


def text_of(out: ipywidgets.Output) -> str:
    """Everything an Output holds as stdout text."""
    return "".join(o.get("text", "") for o in out.outputs if o.get("output_type") == "stream")


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
    (logs,) = panel.logs_output.outputs  # folded: the error line shown and highlighted
    assert "doesn't offer any SASL authentication mechanism" in logs["data"]["text/plain"]
    assert "<details>" in logs["data"]["text/html"]
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
    assert meta["failed_hop"] is not None and "no supported SASL mechanism" in meta["failure"]


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

    monkeypatch.setattr(fault_runner, "sign_in_and_use", slow_probe)
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
