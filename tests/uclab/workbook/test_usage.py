"""uclab.workbook.usage: days of Jabber use in virtual time, the silent refreshes and the day-60
re-login."""


import pytest

import uclab
from uclab.testing import configured_lab
from uclab.workbook.usage import KINDS, UsageEvent, simulate_usage


def configured(seed=1):
    return configured_lab(seed)


@pytest.fixture(scope="module")
def run():
    lab = configured()
    start = lab.now
    return lab, start, simulate_usage(lab)


def test_signs_in_first_then_uses_twice_a_day(run):
    _, _, events = run
    assert events[0].kind == "sign-in" and events[0].ok
    assert all(isinstance(e, UsageEvent) and e.kind in KINDS for e in events)
    uses = [e for e in events if e.kind == "use"]
    assert len(uses) == 2 * 61  # days 0..60, two uses a day
    assert all(e.ok for e in uses)
    days = [e.day for e in events]
    assert days == sorted(days) and days[-1] <= 61


def test_access_tokens_are_refreshed_silently(run):
    _, _, events = run
    refreshes = [e for e in events if e.kind == "refresh"]
    # every use is 12 h after the last: the 60-minute access token has always expired
    assert len(refreshes) == 2 * 61 - 1
    assert all(r.ok and r.access_expires_at - r.at == 3600 for r in refreshes)


def test_refresh_token_runs_out_around_day_60_and_forces_a_re_login(run):
    _, start, events = run
    failed = [e for e in events if e.kind == "refresh-failed"]
    relogins = [e for e in events if e.kind == "re-login"]
    assert len(failed) == 1 and len(relogins) == 1
    assert 60 <= failed[0].day < 61
    assert "invalid_grant" in failed[0].outcome and "expir" in failed[0].outcome
    assert failed[0].refresh_expires_at == 0  # Jabber cleared its tokens
    assert events.index(relogins[0]) == events.index(failed[0]) + 1
    assert relogins[0].ok
    assert events[0].refresh_expires_at - start == 60 * 86400
    assert relogins[0].refresh_expires_at > events[0].refresh_expires_at  # a new refresh token


def test_no_use_falls_on_the_expiry_second(run):
    _, _, events = run
    expiry = events[0].refresh_expires_at
    assert all(e.at != expiry for e in events)


def test_deterministic_for_a_seed():
    assert simulate_usage(configured(), days=3) == simulate_usage(configured(), days=3)


def test_hours_between_overrides_uses_per_day():
    events = simulate_usage(configured(), days=1, hours_between=0.5)
    uses = [e for e in events if e.kind == "use"]
    assert len(uses) == 96  # 48 hours / 0.5
    # uses every 30 minutes: only every second use finds the access token expired
    assert 40 <= sum(e.kind == "refresh" for e in events) <= 50


def test_credentials_only_deployment_has_no_tokens():
    lab = uclab.Lab(seed=1)  # MRA with user credentials only: Jabber signs in with Basic
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False,
                                authorize_by_user_credentials=True)
    lab.expc.refresh_servers()
    events = simulate_usage(lab, days=1)
    assert events[0].ok and events[0].refresh_expires_at == events[0].access_expires_at == 0
    assert not any(e.kind.startswith("refresh") for e in events)
    assert all(e.ok for e in events if e.kind == "use")


def test_a_lab_that_refuses_sign_in_gives_failed_re_logins_not_an_exception():
    lab = uclab.Lab(seed=1)  # OAuth on at the edge, but Expressway-C never refreshed
    events = simulate_usage(lab, days=1, uses_per_day=3)
    assert [e.kind for e in events] == ["sign-in"] + ["re-login"] * 6
    assert not any(e.ok for e in events)
    assert "localauthentication" in events[0].outcome


def test_a_61_day_run_covers_every_day():
    """(Its speed is measured by bench/bench_notebooks.py, never asserted here.)"""
    events = simulate_usage(configured(), days=61, uses_per_day=2)
    assert sum(e.kind == "use" for e in events) == 2 * 62


def test_moves_the_lab_clock_only_forward():
    lab = configured()
    before = lab.now
    simulate_usage(lab, days=2)
    assert 2 * 86400 < lab.now - before <= 3 * 86400


@pytest.mark.parametrize("kwargs, words", [
    ({"days": 0}, "days"), ({"days": 1.5}, "days"), ({"days": True}, "days"),
    ({"days": 10_000}, "days"), ({"uses_per_day": 0}, "uses_per_day"),
    ({"uses_per_day": "2"}, "uses_per_day"), ({"hours_between": 0}, "hours_between"),
    ({"hours_between": -1.0}, "hours_between"), ({"hours_between": "6"}, "hours_between"),
])
def test_bad_arguments_are_config_errors(kwargs, words):
    lab = uclab.Lab(seed=1)
    with pytest.raises(uclab.ConfigError, match=words):
        simulate_usage(lab, **kwargs)


def test_not_a_lab_is_a_config_error():
    with pytest.raises(uclab.ConfigError, match="uclab.Lab"):
        simulate_usage("lab")  # type: ignore[arg-type]


def test_usage_event_is_frozen(run):
    _, _, events = run
    with pytest.raises(AttributeError):
        events[0].kind = "use"  # type: ignore[misc]
