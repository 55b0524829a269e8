"""The drill's menus derived from the catalogue: causes (fault ids, titles), fixes (the
catalogue's repairs, one per distinct fix text) and the red herrings (harmless oddities,
lab-only, each with its own 'revert' in the fix menu so that chasing one can be counted)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults import FAULTS, Fault
from uclab.lab import Lab


@dataclass(frozen=True)
class Fix:
    id: str
    text: str
    apply: Callable[[Lab], None] = field(repr=False)
    herring: str = ""


@dataclass(frozen=True)
class Herring:
    """A harmless oddity: a real setting at a non-default value that causes no fault."""

    id: str
    what: str
    shows_in: str
    apply: Callable[[Lab], None] = field(repr=False)
    revert: Callable[[Lab], None] = field(repr=False)


HERRINGS: dict[str, Herring] = {h.id: h for h in (
    Herring("access-expiry-30",
            f"CUCM '{facts.PARAM_ACCESS_EXPIRY}' = {facts.HERRING_ACCESS_EXPIRY} (default "
            f"{facts.PARAM_ACCESS_EXPIRY_DEFAULT})", "oauth-params",
            lambda lab: lab.cucm.set_parameter(str(facts.PARAM_ACCESS_EXPIRY),
                                               int(facts.HERRING_ACCESS_EXPIRY)),
            lambda lab: lab.cucm.set_parameter(str(facts.PARAM_ACCESS_EXPIRY),
                                               int(facts.PARAM_ACCESS_EXPIRY_DEFAULT))),
    # S23: True on a fresh install, False after an upgrade (which upgrades: not documented [U]);
    # "back to its default" below means the fresh-install value
    Herring("rtmt-sso-false", f"CUCM '{facts.PARAM_RTMT_SSO}' = {facts.HERRING_RTMT_SSO}",
            "oauth-params",
            lambda lab: lab.cucm.set_parameter(str(facts.PARAM_RTMT_SSO),
                                               str(facts.HERRING_RTMT_SSO)),
            lambda lab: lab.cucm.set_parameter(str(facts.PARAM_RTMT_SSO), str(facts.RTMT_TRUE))),
    Herring("ios-safari-yes", f"Expressway-C '{facts.IOS_SAFARI}' = {facts.HERRING_IOS_SAFARI}",
            "mra-page",
            lambda lab: lab.expc.set_access_control(allow_jabber_ios_embedded_safari=True),
            lambda lab: lab.expc.set_access_control(allow_jabber_ios_embedded_safari=False)),
)}


#: the faults a drill draws from: the MRA sign-in's, whose evidence the drill's tools (PRT,
#: diagnostic log, pages, CLI) show. In a fixed order, so that a seed keeps drawing the same
#: fault when the catalogue grows. The faults of notebook 11's variants (SIP OAuth, several
#: clusters, SSO) are not drawn: the drill has no tools of their own (a SIP trace, the IdP's
#: log) yet; every fault can still be named as a cause and its fix chosen.
POOL: tuple[str, ...] = (
    "expc-oauthlocal-off", "refresh-flow-mismatch", "expc-not-refreshed",
    "keys-regen-expc-stale", "imp-stale-keys", "unity-not-synced", "refresh-token-expired",
    "refresh-token-revoked", "ldap-user-deactivated", "cucm-below-11-5-su3", "expressway-ntp",
    "check-internal-no-mixed", "intrusion-expired-tokens", "central-imp-unsynchronized",
)


def _fixes() -> dict[str, Fix]:
    out: dict[str, Fix] = {}
    seen: set[str] = set()
    for fault in FAULTS.values():
        if fault.fix in seen:
            continue
        seen.add(fault.fix)
        fid = f"F{len(seen)}"
        out[fid] = Fix(fid, fault.fix, fault.repair)
    for n, h in enumerate(HERRINGS.values(), start=1):
        out[f"H{n}"] = Fix(f"H{n}", f"Set {h.what.split(' = ')[0]} back to its default",
                           h.revert, herring=h.id)
    return out


#: the fix menu: F1.. the catalogue's fixes, H1.. the red herrings' reverts
FIXES: dict[str, Fix] = _fixes()


def fix_of(fault: Fault) -> Fix:
    """The menu entry of the catalogue's own fix for ``fault``."""
    return next(f for f in FIXES.values() if f.text == fault.fix)


def resolve_cause(text: object) -> Fault:
    """A fault from its id, its title or an unambiguous start of its id (any case)."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"a cause is a fault id such as {next(iter(FAULTS))}, not {text!r}")
    key = text.strip().lower()
    for fault in FAULTS.values():
        if key in (fault.id, fault.title.lower()):
            return fault
    starts = [f for f in FAULTS.values() if f.id.startswith(key)]
    if len(starts) == 1 and len(key) >= 3:
        return starts[0]
    raise ConfigError(f"unknown cause {text!r}; causes: {', '.join(FAULTS)}")


def resolve_fix(text: object, cause: Fault | None = None) -> Fix:
    """A fix from its menu id (F3, h1, 3), or a fault id meaning that fault's catalogue fix, or
    ``fix`` / ``cause`` meaning the fix of the cause named."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"a fix is a menu id such as F1, not {text!r}")
    key = text.strip()
    if key.isdigit():
        key = f"F{key}"
    if key.upper() in FIXES:
        return FIXES[key.upper()]
    if key.lower() in ("fix", "cause", "its-fix") and cause is not None:
        return fix_of(cause)
    if key.lower() in FAULTS:
        return fix_of(FAULTS[key.lower()])
    raise ConfigError(f"unknown fix {text!r}; fixes: {', '.join(FIXES)} (or a fault id)")
