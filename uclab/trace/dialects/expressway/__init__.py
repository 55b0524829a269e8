"""The Expressway diagnostic-log grammar, both ways (``shared/real-logs/FORMATS.md`` §1.1):

* :mod:`.render` writes the lines the lab's Expressway-E and -C log (:class:`ExpresswayLog`);
* :mod:`.parse` reads real (and rendered) logs into :class:`~uclab.trace.parsing.Record`\\ s:
  :data:`GRAMMARS`, most specific first;
* :mod:`.replay` turns parsed records back into the simulator's objects
  (:class:`~uclab.trace.logline.LogLine`\\ s and :class:`~uclab.core.wire.Exchange`\\ s).

Every name of :mod:`.render` is importable from here, as before the split.
"""

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

__all__ = ["ATS_NATIVE", "EVENT", "GRAMMARS", "KV", "PRODUCT", "XCP", "ExpresswayGrammar",
           "ExpresswayLog", "exchanges_of", "log_lines_of", "parse_utctime", "request_secrets",
           "response_line_count", "to_sim"]
