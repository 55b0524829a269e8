"""uclab.core.entropy: seeded streams are reproducible; unseeded ones come from secrets."""

import secrets

from uclab.core.entropy import Entropy


def test_same_seed_same_stream():
    a, b = Entropy(7), Entropy(7)
    assert [a.hex(8), a.uuid4(), a.urlsafe(24)] == [b.hex(8), b.uuid4(), b.urlsafe(24)]


def test_different_seeds_differ():
    assert Entropy(1).bytes(32) != Entropy(2).bytes(32)


def test_children_are_independent_of_parent_draws():
    a, b = Entropy(3), Entropy(3)
    a.bytes(100)  # drawing from the parent must not shift a child stream
    assert a.child("x").bytes(16) == b.child("x").bytes(16)
    assert a.child("x").bytes(16) != a.child("y").bytes(16)


def test_unseeded_uses_secrets(monkeypatch):
    calls = []
    real = secrets.token_bytes

    def spy(n):
        calls.append(n)
        return real(n)

    monkeypatch.setattr(secrets, "token_bytes", spy)
    e = Entropy()
    assert not e.deterministic
    e.bytes(24)
    assert calls == [24]


def test_uuid4_is_version_4():
    u = Entropy(5).uuid4()
    assert u[14] == "4" and len(u) == 36


def test_below_is_in_range():
    e = Entropy(9)
    assert all(0 <= e.below(10) < 10 for _ in range(200))


def test_bytes_at_replays_a_draw_without_moving_the_stream():
    a, b = Entropy("pos"), Entropy("pos")
    a.bytes(40)
    at = a.position
    drawn = a.bytes(128)
    assert b.bytes_at(at, 128) == drawn and b.position == 0
    assert b.bytes_at(0, 40) == Entropy("pos").bytes(40)


def test_unseeded_stream_has_no_positions():
    import pytest

    from uclab.core.errors import ConfigError

    with pytest.raises(ConfigError):
        Entropy().bytes_at(0, 16)
