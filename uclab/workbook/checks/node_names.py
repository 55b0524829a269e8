"""The one table of names people write for the lab's nodes, so that an exercise that asks for a
node accepts ``cucm-pub``, "CUCM publisher", ``expc``, "Exp-C", "IM and Presence", "CUC" or
"Unity Connection" alike, without each exercise retyping its own list.

Each node is keyed by the lab's short host name (what ``lab.hops()`` and the ladder print; a
test checks the keys against a built :class:`uclab.Lab`), or by its peer role where the lab
names it so (:data:`uclab.sim.context.ROLES`), and lists the product's names as the fact
sheet and the Cisco guides write them, with the abbreviations engineers use.

Used by :mod:`uclab.workbook.checks.answer_forms` (choices that name a node, text answers that
are a host).
"""

from __future__ import annotations

import re

#: node key -> the names people write for it (the first is the workbook's own display name)
NODE_NAMES: dict[str, tuple[str, ...]] = {
    "jabber-alice": ("Jabber", "Cisco Jabber", "the Jabber client", "Jabber client", "client",
                     "jabber-alice"),
    "public-dns": ("public DNS", "the public DNS", "public DNS server", "external DNS",
                   "DNS", "dns.example.net"),
    "expe": ("Expressway-E", "Expressway E", "Expressway Edge", "Exp-E", "ExpE", "Exp E",
             "expe", "Edge", "VCS-E", "Cisco Expressway-E"),
    "expc": ("Expressway-C", "Expressway C", "Expressway Core", "Exp-C", "ExpC", "Exp C",
             "expc", "VCS-C", "Cisco Expressway-C"),
    "cucm-pub": ("CUCM publisher", "cucm-pub", "CUCM pub", "publisher", "the publisher",
                 "Unified CM publisher", "CallManager publisher", "CUCM publisher node",
                 "CUCM's publisher"),
    "cucm-sub1": ("CUCM subscriber", "cucm-sub1", "cucm-sub", "CUCM sub", "subscriber",
                  "Unified CM subscriber", "CallManager subscriber"),
    "imp-pub": ("IM&P", "IMP", "IM & P", "IM and P", "IM&P Service", "IM and Presence",
                "IM & Presence", "IM and Presence Service", "Cisco IM and Presence",
                "Unified Presence", "CUP", "CUPS", "imp-pub", "IM&P publisher"),
    "cuc-pub": ("Unity Connection", "Cisco Unity Connection", "Unity", "CUC", "UCxn",
                "cuc-pub", "Unity Connection server", "voicemail server"),
    "idp": ("the SAML IdP", "SAML IdP", "IdP", "identity provider", "SAML identity provider",
            "idp"),
}
#: names that mean either CUCM node: they pick a choice only if exactly one choice is a CUCM
CUCM_ANY = ("CUCM", "Unified CM", "CallManager", "Communications Manager",
            "Cisco Unified Communications Manager", "CM")
CUCM_NODES = frozenset({"cucm-pub", "cucm-sub1"})

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_PORT = re.compile(r":\d+/?$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def _key(text: str) -> str:
    """Case, spaces, hyphens, dots and a leading "the" never matter."""
    text = " ".join(str(text).split()).strip("'\"` .").casefold()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^0-9a-z&]", "", text)


def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for node, names in NODE_NAMES.items():
        for name in names:
            table.setdefault(_key(name), set()).add(node)
    for name in CUCM_ANY:
        table.setdefault(_key(name), set()).update(CUCM_NODES)
    return {k: frozenset(v) for k, v in table.items()}


_ALIASES = _table()


def nodes_named(text: str) -> frozenset[str]:
    """The nodes ``text`` can mean (empty when it names none). A full host name or URL
    (``https://cuc-pub.example.com:443``) counts as its first label; a trailing qualifier in
    parentheses ("IM&P (its running XCP Authentication Service)") is ignored."""
    if not isinstance(text, str) or len(text) > 200:
        return frozenset()
    found = _ALIASES.get(_key(text))
    if found:
        return found
    bare = _QUALIFIER.sub("", text).strip()
    if bare and bare != text.strip() and (found := _ALIASES.get(_key(bare))):
        return found
    host = _PORT.sub("", _SCHEME.sub("", bare.casefold())).strip("/")
    if "." in host and " " not in host:
        return _ALIASES.get(_key(host), frozenset()) or _ALIASES.get(
            _key(host.split(".", 1)[0]), frozenset())
    return frozenset()


def node_of(text: str) -> str | None:
    """The one node ``text`` names, or None (no node, or either CUCM node)."""
    found = nodes_named(text)
    return next(iter(found)) if len(found) == 1 else None


def names_of(node: str) -> tuple[str, ...]:
    """Every name the table accepts for ``node`` (its own names; not the CUCM-wide ones)."""
    return NODE_NAMES.get(node, ())
