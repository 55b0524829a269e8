"""CUCM end users: local or LDAP-synchronised, with an active flag and a password.

CUCM checks that a token's user is still active (an LDAP user removed from the directory shows
as inactive after the next sync) before it serves the request (S2). A password change does not
revoke tokens: "authentication doesn't fail when the password is changed" (seed article).
Passwords are stored as salted PBKDF2 hashes and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import dataclass

from uclab.core import defaults
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError


@dataclass
class User:
    user_id: str
    source: str  # "local" or "ldap"
    active: bool
    salt: bytes
    password_hash: bytes
    roles: tuple[str, ...] = ()
    application_user: bool = False

    def __repr__(self) -> str:
        return (f"User({self.user_id!r}, source={self.source!r}, active={self.active}"
                f"{', roles=' + repr(self.roles) if self.roles else ''})")


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, defaults.PASSWORD_HASH_ROUNDS)


class Directory:
    """The users of one CUCM cluster, plus the LDAP directory it synchronises from."""

    def __init__(self, entropy: Entropy) -> None:
        self._rng = entropy
        self._users: dict[str, User] = {}
        self._ldap: set[str] = set()
        self._lock = threading.RLock()

    def _add(self, user_id: str, password: str, source: str, roles: tuple[str, ...] = (),
             application_user: bool = False) -> User:
        if not isinstance(user_id, str) or not user_id or len(user_id) > 128 or \
                any(c in user_id for c in ' /\\:"'):
            raise ConfigError(f"{user_id!r} is not a valid user id (1-128 characters, no spaces "
                              "or / \\ : \")")
        if not isinstance(password, str) or not password:
            raise ConfigError(f"user {user_id!r} needs a non-empty password")
        with self._lock:
            if user_id.lower() in (u.lower() for u in self._users):
                raise ConfigError(f"a user {user_id!r} already exists")
            salt = self._rng.bytes(16)
            user = User(user_id, source, True, salt, _hash(password, salt), roles,
                        application_user)
            self._users[user_id] = user
            return user

    def add_local(self, user_id: str, password: str) -> User:
        return self._add(user_id, password, "local")

    def add_ldap(self, user_id: str, password: str) -> User:
        """A user that exists in the LDAP directory and is synchronised into CUCM."""
        with self._lock:
            user = self._add(user_id, password, "ldap")
            self._ldap.add(user_id)
            return user

    def add_application_user(self, user_id: str, password: str, roles: tuple[str, ...]) -> User:
        return self._add(user_id, password, "local", roles, application_user=True)

    def remove_from_ldap(self, user_id: str) -> None:
        """Delete the user in the directory server; CUCM notices at the next sync."""
        with self._lock:
            if user_id not in self._ldap:
                raise ConfigError(f"{user_id!r} is not an LDAP user")
            self._ldap.discard(user_id)

    def restore_to_ldap(self, user_id: str) -> None:
        """Put a removed user back in the directory server; the next sync reactivates it."""
        with self._lock:
            user = self.require(user_id)
            if user.source != "ldap":
                raise ConfigError(f"{user_id!r} is not an LDAP user")
            self._ldap.add(user_id)

    def ldap_sync(self) -> list[str]:
        """Run the LDAP sync: users gone from the directory become inactive. Returns them."""
        with self._lock:
            gone = [u.user_id for u in self._users.values()
                    if u.source == "ldap" and u.active and u.user_id not in self._ldap]
            for uid in gone:
                self._users[uid].active = False
            for uid in self._ldap:
                self._users[uid].active = True
            return gone

    def get(self, user_id: str) -> User | None:
        return self._users.get(user_id)

    def require(self, user_id: str) -> User:
        user = self.get(user_id)
        if user is None:
            raise ConfigError(f"there is no user {user_id!r}")
        return user

    def is_active(self, user_id: str) -> bool | None:
        user = self.get(user_id)
        return None if user is None else user.active

    def set_password(self, user_id: str, new_password: str) -> None:
        if not isinstance(new_password, str) or not new_password:
            raise ConfigError("the new password must be a non-empty string")
        with self._lock:
            user = self.require(user_id)
            user.salt = self._rng.bytes(16)
            user.password_hash = _hash(new_password, user.salt)

    def authenticate(self, user_id: str, password: str) -> User | None:
        """The user, if the password is right and the user active; None otherwise."""
        user = self.get(user_id) if isinstance(user_id, str) else None
        salt = user.salt if user else b"uclab-dummy-salt"
        digest = _hash(password if isinstance(password, str) else "", salt)
        ok = user is not None and hmac.compare_digest(digest, user.password_hash)
        return user if ok and user.active else None

    def __iter__(self):
        return iter(list(self._users.values()))
