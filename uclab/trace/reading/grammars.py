"""Every product log grammar uclab reads, in the order they are tried (most specific first).

Each dialect module in :mod:`uclab.trace.dialects` that has a parser exports a tuple
``GRAMMARS``; this module gathers them. The order matters only where two grammars could start
on the same line: the splitter tries the grammar of the open record first, then these in order
(FORMATS.md §5: detect the product by the line grammar, never by the file name).
"""

from __future__ import annotations

import importlib
from functools import cache

from uclab.trace.parsing import Grammar

__all__ = ["DIALECT_MODULES", "all_grammars", "products"]

#: the dialect modules that may carry parsers, in the order their grammars are tried
#: (Unity's come before Expressway's: the lab's Unity traces share the Expressway key=value
#: line shape, but only Unity's grammar knows their process names)
DIALECT_MODULES = (
    "uclab.trace.dialects.unity",
    "uclab.trace.dialects.expressway",
    "uclab.trace.dialects.cucm_sdi",
    "uclab.trace.dialects.cucm_cli",
    "uclab.trace.dialects.imp_xcp",
    "uclab.trace.dialects.jabber_prt",
    "uclab.trace.dialects.jabber_mobile",
    "uclab.trace.dialects.tc_endpoint",
    "uclab.trace.dialects.xmpp_clients",
    "uclab.trace.dialects.cucm_ssosp",
)


@cache
def all_grammars() -> tuple[Grammar, ...]:
    """The grammars of every dialect module that has a parser, in trying order."""
    found: list[Grammar] = []
    for name in DIALECT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        found.extend(getattr(module, "GRAMMARS", ()))
    return tuple(found)


def products() -> tuple[str, ...]:
    """The product ids the grammars give their records, each once, in trying order."""
    return tuple(dict.fromkeys(g.product for g in all_grammars()))
