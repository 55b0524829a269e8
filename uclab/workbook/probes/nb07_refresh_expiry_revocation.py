"""Probes of notebook 07: refresh, expiry, revocation, key regeneration, password and
directory changes."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults import sign_in_and_use
from uclab.lab import AXL_USER, LAB_PASSWORD, Lab
from uclab.workbook.probes.labs import signed_in
from uclab.workbook.probes.registry import probe


def _revoke(lab: Lab, user: str = "alice") -> None:
    """The admin calls CUCM's revoke API with AXL credentials (S2, S4)."""
    url = (f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_REVOKE}"
           f"?user_id={user}")
    resp = lab.session("admin").get(url, auth=(AXL_USER, LAB_PASSWORD))
    if resp.status_code != 200:
        raise ConfigError(f"the revoke API answered HTTP {resp.status_code}")


def _regen_everywhere(lab: Lab) -> None:
    """``set key regen authz signing``, then every node takes the new keys (S2, S3, S6, S12)."""
    lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    lab.expc.refresh_servers()
    lab.imp.restart_service(str(facts.SVC_XCP_AUTH))
    lab.unity.sync_keys()


#: the uses of exercise 07-first-refresh-minute: minutes after the sign-in, and each one's choice
NB07_REFRESH_USES = ((59, "the use at minute 59"), (61, "the use at minute 61"))


@probe
def first_refresh_minute(seed: int) -> str:
    """Jabber uses UDS 59 and 61 minutes after its sign-in: which use is the first one preceded
    by a silent refresh (a new access token)?"""
    lab, client = signed_in(seed)
    start_ms = lab.clock.ms
    for minute, choice in NB07_REFRESH_USES:
        before = client.tokens.access_token
        lab.advance(seconds=(start_ms + minute * 60_000 - lab.clock.ms) / 1000)
        if not client.use_service("uds"):
            raise ConfigError(f"the client failed at minute {minute}")
        if client.tokens.access_token != before:
            return choice
    return "neither of them"


@probe
def access_token_works_after_revoke(seed: int) -> str:
    """Right after the revoke API, does the signed-in client's access token still work?"""
    lab, client = signed_in(seed)
    token = client.tokens.access_token
    _revoke(lab)
    used = client.use_service("uds")
    return "yes" if used and client.tokens.access_token == token else "no"


@probe
def stage_after_revoke_61_minutes(seed: int) -> str:
    """After the revoke API and 61 minutes, where does the client's next request stop?"""
    lab, client = signed_in(seed)
    _revoke(lab)
    lab.advance(minutes=61)
    return client.use_service("uds").stage


@probe
def days_until_sign_in_again(seed: int) -> int:
    """Whole days after sign-in (plus a minute) at which the client must sign in again; the
    client uses UDS once a day, refreshing its access token each time."""
    lab, client = signed_in(seed)
    start_ms = lab.clock.ms
    for day in range(1, 400):
        target = start_ms + day * 86_400_000 + 60_000
        lab.advance(seconds=(target - lab.clock.ms) / 1000)
        used = client.use_service("uds")
        if not used:
            if used.stage != "refresh":
                raise ConfigError(f"day {day}: failed at {used.stage}, not at refresh")
            return day
    raise ConfigError("the refresh token never expired")


@probe
def works_after_key_regen(seed: int) -> str:
    """After ``set key regen authz signing`` with every node updated, does the signed-in client
    keep working without a new sign-in?"""
    lab, client = signed_in(seed)
    _regen_everywhere(lab)
    return "yes" if client.use_service("uds") else "no"


@probe
def new_sign_in_after_key_regen(seed: int) -> str:
    """After the regeneration, does a fresh sign-in work again (every node updated)?"""
    lab, _ = signed_in(seed)
    _regen_everywhere(lab)
    return "yes" if sign_in_and_use(lab) else "no"


#: the PRT levels of a failure: S1's failed-refresh line is WARN
_WARN_OR_ERROR = (str(facts.PRT_REFRESH_FAILURE_LEVEL), "ERROR")


@probe
def prt_function_after_failed_refresh(seed: int) -> str:
    """The PRT function that logs the failed refresh after a revoke (S1)."""
    lab, client = signed_in(seed)
    _revoke(lab)
    start = len(lab.logs)
    lab.advance(minutes=61)
    client.use_service("uds")
    for line in lab.logs[start:]:
        if line.dialect == facts.PRT_LOG_NAME and line.get("level") in _WARN_OR_ERROR:
            return str(line.get("function")).rsplit("::", 1)[-1]
    raise ConfigError("Jabber logged no warning or error")


# --- notebook 07 ---
#: the password alice is given in exercise 07-password-change (a lab value)
NEW_PASSWORD_07 = "An0ther-Passw0rd!"


@probe
def works_after_password_change(seed: int) -> str:
    """alice's password changes in the directory; 61 minutes later (so the refresh runs too)
    does her signed-in Jabber keep working without a new sign-in?"""
    lab, client = signed_in(seed)
    lab.cucm.users.set_password("alice", NEW_PASSWORD_07)
    lab.advance(minutes=61)
    return "yes" if client.use_service("uds") else "no"


@probe
def uds_works_after_ldap_removal(seed: int) -> str:
    """alice is removed from LDAP and the sync runs; right away, with an unexpired access token,
    does UDS (served by CUCM) still work?"""
    lab, client = signed_in(seed)
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()
    return "yes" if client.use_service("uds") else "no"
