"""The registry: every entry of the product modules, each with its Python name and product, and
the look-ups ``uclab facts`` is built on (:func:`entries`, :func:`find`, :func:`listing`)."""

from __future__ import annotations

from types import ModuleType

from uclab.core.errors import ConfigError
from uclab.facts import (
    apns,
    clusters,
    cucm,
    cucm_tools,
    drill,
    endpoint_grammar,
    endpoint_logs,
    expressway,
    expressway_grammar,
    expressway_logs,
    expressway_tools,
    imp,
    imp_xcp,
    inferences,
    jabber,
    jabber_prt,
    jabber_tools,
    lab,
    microsoft,
    oauth_profiles,
    rfc,
    server_grammar,
    sip_oauth,
    sso,
    unity,
    webex_app,
)
from uclab.facts.entry import EVIDENCE, KINDS, Entry, Fact, Number

PRODUCTS = ("cucm", "expressway", "imp", "unity", "jabber", "endpoint", "rfc", "lab")
#: Each product module with its product. A module may import entries only from a module above
#: it here: the first module an entry appears in owns it.
MODULES: tuple[tuple[ModuleType, str], ...] = (
    (cucm, "cucm"), (expressway, "expressway"), (expressway_logs, "expressway"),
    (expressway_grammar, "expressway"), (imp, "imp"),
    (imp_xcp, "imp"), (server_grammar, "cucm"),
    (unity, "unity"), (jabber, "jabber"), (jabber_prt, "jabber"),
    (endpoint_grammar, "jabber"), (endpoint_logs, "endpoint"),
    (rfc, "rfc"), (lab, "lab"),
    # the troubleshooting drill's tools (uclab.drill), one module per product
    (cucm_tools, "cucm"), (expressway_tools, "expressway"), (jabber_tools, "jabber"),
    (drill, "lab"),
    (inferences, "cucm"),
    # the lab's OAuth profiles and PKCE (Lab(profile=...))
    (oauth_profiles, "lab"),
    (sip_oauth, "cucm"),
    (webex_app, "jabber"), (apns, "imp"), (microsoft, "unity"),
    (sso, "cucm"),
    (clusters, "cucm"),
)


def _collect() -> tuple[Entry, ...]:
    found: list[Entry] = []
    seen: set[int] = set()
    for module, product in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, Fact | Number) and id(value) not in seen:
                seen.add(id(value))
                value.name = name
                value.product = value.product or product
                found.append(value)
    return tuple(found)


_ENTRIES = _collect()


def entries() -> tuple[Entry, ...]:
    """Every entry, product module by product module, each in definition order."""
    return _ENTRIES


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise ConfigError(f"unknown {what} {value!r}; {what}s: {', '.join(allowed)}")
    return value.strip().lower()


def find(product: str | None = None, word: str | None = None, *, evidence: str | None = None,
         kind: str | None = None) -> list[Entry]:
    """The entries of ``product`` (any if None) whose name, value, source or note contains
    ``word`` (case-insensitive), optionally only those of one ``evidence`` or ``kind``."""
    product = _choice(product, PRODUCTS, "product")
    evidence = _choice(evidence, EVIDENCE, "evidence")
    kind = _choice(kind, KINDS, "kind")
    if word is not None and not isinstance(word, str):
        raise ConfigError(f"the word to look for must be text (got {word!r})")
    needle = (word or "").lower()
    return [e for e in _ENTRIES
            if (product is None or e.product == product)
            and (evidence is None or e.evidence == evidence)
            and (kind is None or e.kind == kind)
            and any(needle in part.lower() for part in (e.name, str(e.value), e.source, e.note))]


def listing(product: str | None = None, word: str | None = None) -> str:
    """One line ``NAME: <cite()>`` per matching entry, under a ``# product`` line per product."""
    found = find(product, word)
    if not found:
        where = f" in {product.strip().lower()}" if product else ""
        return f"no fact matches {word!r}{where}"
    lines: list[str] = []
    for name in PRODUCTS:
        group = [e for e in found if e.product == name]
        if group:
            lines.append(f"# {name} ({len(group)})")
            lines += [f"{e.name}: {e.cite()}" for e in group]
    return "\n".join(lines)
