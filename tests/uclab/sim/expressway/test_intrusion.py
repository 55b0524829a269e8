"""uclab.sim.expressway.intrusion: automated intrusion protection on Expressway-E (S8, S11)."""

import pytest

import uclab
from uclab.sim.expressway.intrusion import CATEGORY, DETECTION_WINDOW_S, IntrusionProtection

IP = "198.51.100.23"
T0 = 1_772_442_000  # epoch seconds; the protection only compares times it is given


def fail(prot, n, at=T0, ip=IP):
    """Record ``n`` failures at time ``at``; the results, one per failure."""
    return [prot.record_failure(ip, at) for _ in range(n)]


def test_category_and_defaults_are_s8():
    assert CATEGORY == "HTTP proxy authorization failure" and CATEGORY.source == "S8"
    prot = IntrusionProtection()
    assert (prot.trigger_level, prot.block_duration_s) == (5, 600)  # 5 failures, 10 minutes
    assert prot.detection_window_s == DETECTION_WINDOW_S == 60  # [U] lab choice


def test_five_failures_do_not_block_the_sixth_does():
    prot = IntrusionProtection()
    assert fail(prot, 5) == [False] * 5
    assert not prot.blocked(IP, T0)
    assert prot.record_failure(IP, T0) is True  # S8: "more than 5"
    assert prot.blocked(IP, T0)
    assert not prot.blocked("198.51.100.24", T0)  # per client address


def test_block_lasts_600_seconds():
    prot = IntrusionProtection()
    fail(prot, 6, at=T0)
    assert prot.blocked(IP, T0 + 599)
    assert not prot.blocked(IP, T0 + 600)
    assert not prot.blocked(IP, T0 + 601)  # the block is gone, not re-armed


def test_counter_starts_again_after_a_block():
    prot = IntrusionProtection()
    fail(prot, 6, at=T0)
    later = T0 + 600
    assert not prot.blocked(IP, later)
    assert fail(prot, 5, at=later) == [False] * 5  # the events that blocked were cleared
    assert prot.record_failure(IP, later) is True


def test_only_failures_inside_the_detection_window_count():
    prot = IntrusionProtection()
    fail(prot, 5, at=T0)
    assert prot.record_failure(IP, T0 + 60) is False  # those at T0 left the 60 s window
    assert not prot.blocked(IP, T0 + 60)
    prot = IntrusionProtection()
    fail(prot, 5, at=T0)
    assert prot.record_failure(IP, T0 + 59) is True  # still inside the window


def test_spread_out_failures_never_block():
    prot = IntrusionProtection()
    assert [prot.record_failure(IP, T0 + 15 * i) for i in range(40)] == [False] * 40


def test_trigger_level_10_workaround():
    prot = IntrusionProtection()
    prot.configure(trigger_level=10)
    assert prot.trigger_level == 10
    assert fail(prot, 10) == [False] * 10
    assert prot.record_failure(IP, T0) is True


def test_exemption_is_never_blocked():
    prot = IntrusionProtection()
    prot.configure(exemption=IP)
    assert prot.exemptions == {IP}
    assert fail(prot, 50) == [False] * 50
    assert not prot.blocked(IP, T0)
    assert fail(prot, 6, ip="198.51.100.99")[-1] is True  # others still are


def test_unblock_lifts_a_block():
    prot = IntrusionProtection()
    fail(prot, 6)
    prot.unblock(IP)
    assert not prot.blocked(IP, T0)
    prot.unblock(IP)  # unblocking an address that is not blocked is harmless


@pytest.mark.parametrize("value", [0, -5, 1001, True, False, 5.0, "10", None])
def test_bad_trigger_values_are_refused(value):
    prot = IntrusionProtection()
    if value is None:
        prot.configure(trigger_level=value)  # None leaves the level as it is
        assert prot.trigger_level == 5
        return
    with pytest.raises(uclab.ConfigError) as err:
        prot.configure(trigger_level=value)
    assert str(err.value) == f"trigger level must be a whole number 1-1000 (got {value!r})"
    assert prot.trigger_level == 5


@pytest.mark.parametrize("value", [1, 1000])
def test_trigger_bounds_are_accepted(value):
    prot = IntrusionProtection()
    prot.configure(trigger_level=value)
    assert prot.trigger_level == value


def test_the_edge_blocks_in_virtual_time():
    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    prot = lab.edge.intrusion
    fail(prot, 6, at=lab.edge.now)
    assert prot.blocked(IP, lab.edge.now)
    lab.advance(seconds=599)
    assert prot.blocked(IP, lab.edge.now)
    lab.advance(seconds=1)
    assert not prot.blocked(IP, lab.edge.now)
