"""Jabber PRT lines (``csf-unified.log``) both ways: the lines the simulated Jabber writes
(loggers, functions and texts with their sources), and the grammars that read real PRTs
(:mod:`.grammar`, :data:`GRAMMARS`), with :func:`to_loglines` turning what was read into the
simulator's :class:`~uclab.trace.logline.LogLine` objects so a view shows a real PRT like a
simulated one.

Line format, loggers and functions come from S1, S10, S17, S19, S20, T221845 and the seed
article. The truncated source paths and line numbers are copied from real lines where one shows
them; where none does, uclab writes a 40-character path with line 0 and says so in the fact's
note (modelled) [U].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from uclab import facts
from uclab.facts import Fact
from uclab.trace.dialects.jabber_prt.grammar import CURRENT_STYLE, GRAMMARS, PRODUCT
from uclab.trace.logline import LogLine
from uclab.trace.parsing import Record

__all__ = ["GRAMMARS", "PRODUCT", "PrtMessage", "prt_line", "to_loglines"]


@dataclass(frozen=True)
class PrtMessage:
    level: str
    source: str
    logger: str
    function: str
    text: Fact


TOKEN_REUSE = PrtMessage("INFO", facts.PRT_TOKEN_REUSE_AT, facts.LOGGER_SSO,
                         facts.PRT_TOKEN_REUSE_FN, facts.PRT_TOKEN_REUSE)
CREDS_FOR_AUTH = PrtMessage("INFO", facts.PRT_CREDS_FOR_AUTH_AT, facts.LOGGER_PROFILE,
                            facts.PRT_CREDS_FOR_AUTH_FN, facts.PRT_CREDS_FOR_AUTH)
NEEDS_AUTHZ = PrtMessage("DEBUG", facts.PRT_NEEDS_AUTHZ_AT, facts.LOGGER_SSO,
                         facts.PRT_NEEDS_AUTHZ_FN, facts.PRT_NEEDS_AUTHZ)
NAVIGATE = PrtMessage("DEBUG", facts.PRT_NAVIGATE_AT, facts.LOGGER_PLUGIN,
                      facts.PRT_NAVIGATE_FN, facts.PRT_NAVIGATE)
REFRESH_FAILURE = PrtMessage(facts.PRT_REFRESH_FAILURE_LEVEL, facts.PRT_REFRESH_FAILURE_AT,
                             facts.LOGGER_SSO, facts.PRT_REFRESH_FAILURE_FN,
                             facts.PRT_REFRESH_FAILURE)
EDGE_CONFIG_FAILED = PrtMessage("ERROR", facts.PRT_EDGE_CONFIG_FAILED_AT, facts.LOGGER_EDGE,
                                facts.PRT_EDGE_CONFIG_FAILED_FN, facts.PRT_EDGE_CONFIG_FAILED)
DISCOVERY_RESULT = PrtMessage("INFO", facts.PRT_DISCOVERY_RESULT_AT, facts.LOGGER_DISCOVERY,
                              facts.PRT_DISCOVERY_RESULT_FN, facts.PRT_DISCOVERY_RESULT)
XMPP_RECV = PrtMessage("INFO", facts.PRT_XMPP_RECV_AT, facts.LOGGER_JWCPP,
                       facts.PRT_XMPP_RECV_FN, facts.PRT_XMPP_RECV)
SASL_TOKEN_EMPTY = PrtMessage("INFO", facts.PRT_SASL_TOKEN_EMPTY_AT, facts.LOGGER_JWCPP,
                              facts.PRT_STREAM_FEATURES_FN, facts.PRT_SASL_TOKEN_EMPTY)
SASL_MECHANISM = PrtMessage("INFO", facts.PRT_SASL_MECHANISM_AT, facts.LOGGER_JWCPP,
                            facts.PRT_STREAM_FEATURES_FN, facts.PRT_SASL_MECHANISM)
NO_SASL = PrtMessage("ERROR", facts.PRT_NO_SASL_AT, facts.LOGGER_JWCPP,
                     facts.PRT_NO_SASL_FN, facts.PRT_NO_SASL)


def prt_line(ms: int, host: str, thread: str, msg: PrtMessage, secrets: tuple = (),
             **values: object) -> LogLine:
    return LogLine(ms, host, facts.PRT_LOG_NAME, "", (
        ("level", msg.level), ("thread", thread), ("source", msg.source),
        ("logger", msg.logger), ("function", msg.function),
        ("message", str(msg.text).format(**values))), secrets=secrets)


def to_loglines(records: Iterable[Record], host: str | None = None) -> list[LogLine]:
    """The simulator's PRT :class:`LogLine` of each ``jabber`` record (others are skipped), in
    order, so a real PRT renders through the same renderer as a simulated one.

    A current-style record keeps its six fields, its continuation lines joined to the message,
    and its time stamp as written (``stamp``; none or a time of day stays so, no date is
    invented); ``ms`` is its time read as UTC (the lab's zone), or the previous line's when it
    has none. An older-style record (``jabber-prt-old``, ``jabber-xmppsdk``) is kept verbatim
    (``raw``). ``host`` defaults to each record's source file.
    """
    out: list[LogLine] = []
    ms = 0
    for rec in records:
        if rec.product != PRODUCT:
            continue
        if rec.time is not None:
            ms = int(rec.time.replace(tzinfo=UTC).timestamp() * 1000)
        where = host if host is not None else rec.source
        if rec.grammar in CURRENT_STYLE:
            message = "\n".join((rec.text, *rec.block)) if rec.block else rec.text
            fields = (("level", rec.level or ""), ("thread", rec.get("thread", "")),
                      ("source", rec.get("source", "")), ("logger", rec.component or ""),
                      ("function", rec.get("function", "")), ("message", message),
                      ("stamp", rec.extra.get("stamp", "")))
        else:
            fields = (("level", ""), ("thread", ""), ("source", ""), ("logger", ""),
                      ("function", ""), ("message", ""), ("raw", rec.raw))
        out.append(LogLine(ms, where, str(facts.PRT_LOG_NAME), "", fields))
    return out
