"""The Expressway diagnostic-log grammar, both ways (``shared/real-logs/FORMATS.md`` §1.1):

* :mod:`.render` writes the lines the lab's Expressway-E and -C log (:class:`ExpresswayLog`);
* :mod:`.parse` reads real (and rendered) logs into :class:`~uclab.trace.parsing.Record`\\ s:
  :data:`GRAMMARS`, most specific first;
* :mod:`.replay` turns parsed records back into the simulator's objects
  (:class:`~uclab.trace.logline.LogLine`\\ s and :class:`~uclab.core.wire.Exchange`\\ s).

Every name of :mod:`.render` is importable from here, as before the split; the renderer and
the replay load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from uclab.trace.dialects.expressway.parse import (
    ATS_NATIVE,
    EVENT,
    GRAMMARS,
    KV,
    PRODUCT,
    XCP,
    ExpresswayGrammar,
    parse_utctime,
)

if TYPE_CHECKING:  # what a type checker and an editor see
    from uclab.trace.dialects.expressway.render import *  # noqa: F403
    from uclab.trace.dialects.expressway.render import (  # noqa: F401 - names nodes use
        SENSITIVE_FIELDS,
        SENSITIVE_HEADERS,
        ExpresswayLog,
        _reason,
        request_secrets,
        response_line_count,
    )
    from uclab.trace.dialects.expressway.replay import exchanges_of, log_lines_of, to_sim

_REPLAY = frozenset({"exchanges_of", "log_lines_of", "to_sim"})

__all__ = ["ATS_NATIVE", "EVENT", "GRAMMARS", "KV", "PRODUCT", "XCP", "ExpresswayGrammar",
           "ExpresswayLog", "exchanges_of", "log_lines_of", "parse_utctime", "request_secrets",
           "response_line_count", "to_sim"]


def __getattr__(name: str) -> Any:
    """The renderer's and the replay's names load on first use (PEP 562): reading a log
    needs only the parser."""
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{'replay' if name in _REPLAY else 'render'}")
    try:
        value = getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value
