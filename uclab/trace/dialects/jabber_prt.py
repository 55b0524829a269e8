"""Jabber PRT lines (``csf-unified.log``): loggers, functions and texts with their sources.

Line format, loggers and functions come from S1, S10, S17, S19, S20 and the seed article. The
truncated source paths and line numbers are copied from the seed article's lines where it shows
them; where no source shows the line for a message, uclab writes the file with line 0 and
says so in the fact's note [U].
"""

from __future__ import annotations

from dataclasses import dataclass

from uclab import facts
from uclab.facts import Fact
from uclab.trace.logline import LogLine


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
REFRESH_FAILURE = PrtMessage("ERROR", facts.PRT_REFRESH_FAILURE_AT, facts.LOGGER_SSO,
                             facts.PRT_REFRESH_FAILURE_FN, facts.PRT_REFRESH_FAILURE)
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
