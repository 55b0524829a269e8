"""CUCM ssosp log4j lines (``tomcat/logs/ssosp/log4j/ssosp*.log``): the parser (product
``cucm``, grammar ``cucm-ssosp``), and the log4j grammar IM&P and Unity Connection Tomcat
applications share (:func:`log4j_grammar`).

Grammar (``shared/real-logs/FORMATS.md`` §1.5; T217268, S21 = TAC 225746, ENTRA)::

    YYYY-MM-DD HH:MM:SS,mmm LEVEL [<tomcat thread>] <short.logger> - <message>
    2021-04-30 09:00:53,194 DEBUG [http-bio-443-exec-83] fappend.SamlLogger - SPSSOFederate: ...

* **Time** is local with no offset (``09:00:53`` beside ``IssueInstant="…T13:00:53Z"`` in
  T217268) [I]: :attr:`~uclab.trace.parsing.Record.time` is a naive datetime.
* **Multi-line**: any line that does not start with a date belongs to the record before it
  (FORMATS.md §1.5): a Java exception (``com.sun.identity.saml2.common.SAML2Exception: …``),
  its ``at …`` frames indented with spaces or tabs (T217268) or not at all (ENTRA), ``... n
  more``, ``Caused by:``, and SAML XML. Those lines are the record's ``block``; the first
  exception line gives the fields ``exception`` and ``exception_message``, and ``frames`` counts
  the ``at`` lines. :meth:`Log4jGrammar.continues` claims stack-trace lines even where another
  grammar might start on them.
* **Fields**: ``thread``; the logger is the record's ``component``, the level its ``level``.
  The brackets and the ``logger -`` part are optional, so that other log4j layouts still parse.
  TAC copies often drop the date (``authentication.SAMLAuthenticator - Time Valid?:false``,
  FORMATS.md SIG-23): a line that opens with ``package.Class - `` is a record with no time.
  A line whose bracket holds a Jabber PRT thread followed by another bracket (``[0x…] [file]``)
  is Jabber's grammar, not this one.
* **Secrets**: at DEBUG the base64 SAML response (``SAML Response is ::``), the response XML
  (``SPACSUtils.getResponse: got response=``) and the decrypted assertion are in the log; the
  records keep them verbatim (:attr:`~uclab.trace.parsing.Record.raw`), and
  :func:`uclab.trace.redact.redact` conceals them before anything is shown (FORMATS.md §2).
  ssosp lines for the OAuth endpoints are not published (FORMATS.md §1.5 [U]); the simulator
  writes only SAML lines (:func:`ssosp_line`, the texts of ``uclab.facts.sso``), and
  :func:`to_logline` reads them back.

IM&P's Client Profile Agent (``EPASSoap*.log``) and Config Manager files and Unity
Connection's ``ssosp*.log`` are log4j files too (FORMATS.md §1.6, §1.7); no published line
shows their layout, so :func:`log4j_grammar` gives them this same tolerant grammar under their
own product id [U]. The line grammar cannot tell these products apart: which one a file is
comes from where it was collected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from uclab.core.errors import ConfigError
from uclab.trace.logline import SSOSP_DIALECT, LogLine
from uclab.trace.parsing import ReadState, Record

__all__ = ["GRAMMARS", "PRODUCT", "SSOSP", "Log4jGrammar", "log4j_grammar", "ssosp_line",
           "to_logline"]

PRODUCT = "cucm"
NAME = "cucm-ssosp"
LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "SEVERE")

_LINE = re.compile(
    r"(?P<date>\d{4}-\d\d-\d\d)[ T](?P<hms>\d\d:\d\d:\d\d)(?:[,.](?P<ms>\d{1,3}))?[ \t]+"
    rf"(?P<level>{'|'.join(LEVELS)})\b[ \t]*(?:\[(?P<thread>[^\]]*)\][ \t]*)?"
    r"(?:(?P<logger>[A-Za-z_$][\w$]*(?:\.[\w$]+)*)[ \t]+-(?:[ \t]|$))?(?P<msg>.*)")
#: a TAC copy without the date: ``[LEVEL] [[thread]] <package.Class> - message``
_BARE = re.compile(rf"(?:(?P<level>{'|'.join(LEVELS)})[ \t]+)?(?:\[(?P<thread>[^\]]*)\][ \t]*)?"
                   r"(?P<logger>[a-z][\w$]*(?:\.[a-z][\w$]*)*\.[A-Z][\w$]*)[ \t]+-[ \t]"
                   r"(?P<msg>.*)")
#: Jabber PRT: ``LEVEL [0x<thread>] [<file(line)>]`` (FORMATS.md §1.2)
_PRT_THREAD = re.compile(r"0x[0-9A-Fa-f]+")
_EXCEPTION = re.compile(r"[ \t]*(?:Caused by:[ \t]*)?(?P<cls>[A-Za-z_$][\w$]*(?:\.[\w$]+)+"
                        r"(?:Exception|Error|Throwable|Fault)[\w$]*)(?::[ \t]?(?P<msg>.*))?")
_FRAME = re.compile(r"[ \t]*at[ \t]+[\w$.<>/]+\(")
_STACKISH = re.compile(r"[ \t]+\S|[ \t]*at[ \t]+[\w$.<>/]+\(|[ \t]*\.\.\.[ \t]*\d+[ \t]+"
                       r"(?:more|common frames omitted)|[ \t]*(?:Caused by|Suppressed):")


class Log4jGrammar:
    """A log4j ``date time,ms LEVEL [thread] logger - message`` grammar of one product."""

    def __init__(self, name: str, product: str, modelled: bool = False) -> None:
        self.name = name
        self.product = product
        #: whether the product's line layout is modelled rather than read off real lines
        self.modelled = modelled

    def __repr__(self) -> str:
        return f"Log4jGrammar({self.name!r}, {self.product!r})"

    def starts(self, line: str) -> bool:
        m = _LINE.match(line)
        if m is None:
            return _BARE.match(line) is not None
        thread = m["thread"]
        return not (thread is not None and _PRT_THREAD.fullmatch(thread.strip())
                    and m["logger"] is None and m["msg"].startswith("["))

    def continues(self, lines: Sequence[str], line: str) -> bool:
        return bool(_STACKISH.match(line) or _EXCEPTION.fullmatch(line))

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _LINE.match(lines[0]) or _BARE.match(lines[0])
        if m is None:
            raise ValueError("not a log4j line")
        when = None
        if "date" in m.re.groupindex:
            try:
                when = datetime.fromisoformat(f"{m['date']} {m['hms']}").replace(
                    microsecond=int((m["ms"] or "0").ljust(3, "0")) * 1000)
            except ValueError:  # 2021-13-45: keep the text, no time
                pass
        fields: list[tuple[str, str]] = []
        if m["thread"] is not None:
            fields.append(("thread", m["thread"]))
        block = tuple(lines[1:])
        frames = 0
        for text in block:
            if _FRAME.match(text):
                frames += 1
                continue
            e = _EXCEPTION.fullmatch(text)
            if e is not None and not any(k == "exception" for k, _ in fields):
                fields.append(("exception", e["cls"]))
                if e["msg"]:
                    fields.append(("exception_message", e["msg"].strip()))
        if frames:
            fields.append(("frames", str(frames)))
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      level=m["level"], component=m["logger"], fields=tuple(fields),
                      text=m["msg"], block=block, extra={"modelled": self.modelled})


def log4j_grammar(name: str, product: str) -> Log4jGrammar:
    """The log4j grammar for another product's Tomcat logs (module docstring) [U]."""
    return Log4jGrammar(name, product, modelled=False)


SSOSP = Log4jGrammar(NAME, PRODUCT)


def ssosp_line(ms: int, host: str, level: str, thread: str, logger: str, text: str,
               block: str = "", secrets: tuple[tuple[str, str], ...] = ()) -> LogLine:
    """One ssosp record as the simulator writes it (rendered by
    :meth:`uclab.trace.logline.LogLine.render`); ``block`` holds the continuation lines (a Java
    exception and its ``at`` frames)."""
    if level not in LEVELS:
        raise ValueError(f"not a log4j level: {level!r}")
    return LogLine(ms, host, SSOSP_DIALECT, NAME, (("level", level), ("thread", thread),
                                                    ("logger", logger), ("text", text)),
                   block, secrets)


def to_logline(record: Record, host: str | None = None) -> LogLine:
    """The simulator's LogLine of a parsed ssosp record that has a full time."""
    if record.time is None or record.level is None:
        raise ConfigError(f"the simulator writes no ssosp record without a time or level "
                          f"({record.where})")
    ms = int(record.time.replace(tzinfo=UTC).timestamp() * 1000)
    thread = dict(record.fields).get("thread", "")
    return ssosp_line(ms, host or record.host or "", record.level, thread,
                      record.component or "", record.text, "\n".join(record.block))
#: this module's grammars, most specific first
GRAMMARS = (SSOSP,)
