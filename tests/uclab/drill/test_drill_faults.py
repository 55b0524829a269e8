"""Every fault of the catalogue as a drill: its shortest path shows its evidence, the right
answer solves it (the login works after), a wrong fix leaves the login failing."""

import pytest

from uclab import drill
from uclab.drill.evidence import evidence, label, minutes, normalise
from uclab.drill.triage import rivals, row_of, triage_map
from uclab.faults import FAULTS


@pytest.mark.parametrize("fault_id", list(FAULTS))
def test_the_shortest_path_shows_the_evidence_in_a_drill(fault_id):
    path = row_of(fault_id).tools[fault_id]
    assert path, f"no investigation tells {fault_id} apart"
    ev = evidence(fault_id)
    assert any(ev.lines[p] for p in path)
    d = drill.drill_for(fault_id, 1)
    shown = set()
    for action, node in path:
        shown |= {normalise(ln) for ln in d.do(action, node or None).output.splitlines()}
    wanted = {normalise(ln) for p in path for ln in ev.lines[p]}
    assert wanted & shown, f"{fault_id}: the path's outputs in a live drill miss the evidence"
    assert d.minutes == minutes(path)


@pytest.mark.parametrize("fault_id", list(FAULTS))
def test_the_right_cause_and_fix_solve_it(fault_id):
    d = drill.drill_for(fault_id, 1)
    assert not d.report_outcome
    grade = d.answer(fault_id, "fix")
    assert grade.solved and grade.cause_right and grade.fix_right and grade.login_works
    assert fault_id in grade.card and "Shortest path" in grade.card
    assert row_of(fault_id).name in grade.card
    assert d.fault.id == fault_id


@pytest.mark.parametrize("fault_id", list(FAULTS))
def test_a_wrong_fix_leaves_the_login_failing(fault_id):
    wrong = "F5" if fault_id == "expc-oauthlocal-off" else "F1"
    for fix in (wrong, "H1"):
        d = drill.drill_for(fault_id, 1)
        grade = d.answer(fault_id, fix)
        assert not grade.login_works and not grade.solved and not grade.fix_right, fix


def test_the_wrong_cause_is_not_solved_even_when_the_login_works():
    d = drill.drill_for("expc-not-refreshed", 1)
    grade = d.answer("keys-regen-expc-stale", "F3")
    assert grade.login_works and not grade.cause_right and not grade.solved


def test_refresh_servers_is_noticed_as_the_fix_attempt():
    d = drill.drill_for("expc-not-refreshed", 1)
    assert d.do("refresh-servers").fix_attempt
    grade = d.answer("expc-not-refreshed", "H2")
    assert grade.fixed_by_attempt == "refresh-servers" and grade.login_works
    assert "fix attempt" in grade.card


def test_the_fault_stays_hidden_until_the_answer():
    d = drill.start(5)
    step = d.do("diaglog", "expe")
    with pytest.raises(drill.session.ConfigError, match="hidden"):
        _ = d.fault
    with pytest.raises(drill.session.ConfigError, match="after you answer"):
        d.marked(step)
    d.answer("imp-stale-keys", "F4")
    assert "» " in d.marked(step)
    assert all(f not in repr(d) for f in FAULTS)


@pytest.mark.parametrize("seed", [1, 2, "x"])
def test_a_seed_gives_the_same_drill(seed):
    a, b = drill.start(seed), drill.start(seed)
    assert a.report == b.report and a._fault is b._fault and a._herring is b._herring
    assert a.do("prt").output == b.do("prt").output
    assert a.do("diaglog", "expc").output == b.do("diaglog", "expc").output


def test_seeds_draw_every_fault_of_the_pool_and_herrings_sometimes():
    from uclab.drill.menu import POOL

    drills = [drill.start(s) for s in range(60)]
    assert {d._fault.id for d in drills} == set(POOL)
    herrings = [d._herring for d in drills]
    assert any(h is None for h in herrings) and any(h is not None for h in herrings)


@pytest.mark.parametrize("herring", list(drill.HERRINGS))
@pytest.mark.parametrize("fault_id", list(FAULTS))
def test_a_red_herring_never_changes_the_outcome(fault_id, herring):
    plain, odd = drill.drill_for(fault_id, 1), drill.drill_for(fault_id, 1, herring)
    # the same failure at the same stage, the same report (a token's age may read differently)
    assert (plain.report_outcome.ok, plain.report_outcome.stage, plain.report) == \
        (odd.report_outcome.ok, odd.report_outcome.stage, odd.report)
    assert plain.answer(fault_id, "fix").login_works == odd.answer(fault_id, "fix").login_works


def test_the_herring_shows_where_it_says_and_chasing_it_is_counted():
    d = drill.drill_for("imp-stale-keys", 1, "ios-safari-yes")
    assert "Yes" in d.do("mra-page").output.split("embedded Safari")[1].splitlines()[0]
    grade = d.answer("imp-stale-keys", "H3")
    assert grade.herrings_chased == 1 and not grade.login_works and "chased it" in grade.card


def test_the_triage_map_covers_the_catalogue_once():
    rows = triage_map()
    assert sorted(f for r in rows for f in r.faults) == sorted(FAULTS)
    for row in rows:
        for fid in row.faults:
            assert set(row.faults) <= set(rivals(fid))
            assert all(label(p) for p in row.tools[fid])
            assert row_of(fid).name == row.name and row_of(fid).tools[fid] == row.tools[fid]
