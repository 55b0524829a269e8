"""uclab.sim.cucm.users: local and LDAP users, inactive after LDAP removal, hashed passwords."""

import pytest

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.sim.cucm.users import Directory


def test_authenticate_and_password_change():
    d = Directory(Entropy(1))
    d.add_local("carol", "pw1")
    assert d.authenticate("carol", "pw1").user_id == "carol"
    assert d.authenticate("carol", "nope") is None
    d.set_password("carol", "pw2")
    assert d.authenticate("carol", "pw1") is None and d.authenticate("carol", "pw2")


def test_ldap_removal_makes_user_inactive_after_sync():
    d = Directory(Entropy(1))
    d.add_ldap("alice", "pw")
    d.remove_from_ldap("alice")
    assert d.is_active("alice") is True  # not until the next sync
    assert d.ldap_sync() == ["alice"]
    assert d.is_active("alice") is False
    assert d.authenticate("alice", "pw") is None
    assert d.is_active("nobody") is None


def test_passwords_are_not_stored_in_clear():
    d = Directory(Entropy(1))
    u = d.add_local("dave", "s3cret-value")
    assert b"s3cret-value" not in u.password_hash and "s3cret" not in repr(u)


@pytest.mark.parametrize("bad", ["", "a b", "x/y", None, "q" * 129])
def test_bad_user_ids_are_refused(bad):
    with pytest.raises(ConfigError, match="not a valid user id"):
        Directory(Entropy(1)).add_local(bad, "pw")


def test_duplicates_refused_case_insensitively():
    d = Directory(Entropy(1))
    d.add_local("Eve", "pw")
    with pytest.raises(ConfigError, match="already exists"):
        d.add_local("eve", "pw")


def test_restore_to_ldap_reactivates_at_next_sync():
    d = Directory(Entropy(1))
    d.add_ldap("alice", "pw")
    d.remove_from_ldap("alice")
    d.ldap_sync()
    d.restore_to_ldap("alice")
    assert d.is_active("alice") is False
    d.ldap_sync()
    assert d.is_active("alice") is True
