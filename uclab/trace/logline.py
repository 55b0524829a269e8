"""Log lines in the dialects the products write, with secrets concealed by default.

One :class:`LogLine` model for every product; :meth:`LogLine.render` writes the dialect:

* Expressway (``traffic_server``, ``edgeconfigprovisioning``, ``credentialmanager``,
  ``XCP_JABBERD``): ``<local time> <host> <process> Key="value" ...`` as in S17, S18 and the
  seed article's traces, an HTTP message following in an ``HTTPMSG:`` block (:func:`http_block`,
  FORMATS.md §1.1);
* Jabber PRT ``csf-unified.log``: ``YYYY-MM-DD HH:MM:SS,mmm LEVEL [0xthread] [source(line)]
  [logger] [function] - message`` (S1, S10, S19, S20), the level padded to 5 and the source cut
  to 40 characters as in real files (FORMATS.md §1.2);
* CUCM CallManager SDI (``sdi``): ``<seq>.<sub> |HH:MM:SS.mmm |<Category> |<text>`` (S18),
  a SIP message after it on lines with no prefix (the SIP layout is modelled);
* other products' lines are plain ``time host process: text`` until a source gives their form;
* Cisco UC ``CiscoSyslog`` (``ciscosyslog``): a CiscoLog message (``<seq>: <host>: <timestamp>:
  %<APP>-<severity>-<NAME>: %[tag=value]...: text``, CUCM Managed Services Guide, "CiscoLog
  Message Format"; not in the fact sheet) after the prefix the local syslog writes; the prefix
  and the spacing are the lab's reading of field files [U].

Secrets are kept raw inside the line together with the mask the product prints
(``<CONCEALED>``, ``Hidden``); rendering conceals them, and any secret-shaped value the line
holds, through :func:`uclab.trace.redact.redact` unless ``reveal=True`` is asked for.
Module names and texts that only the seed article shows are field observations: see
:mod:`uclab.facts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from uclab import facts
from uclab.trace.redact import CONCEALED, redact

__all__ = ["CONCEALED", "CISCOLOG_KEYS", "DIALECTS", "EXPRESSWAY_DIALECTS", "SSOSP_DIALECT",
           "LogLine", "clip", "http_block", "http_message", "render_all"]

_TRAFFIC_SERVER, _PRT = str(facts.PROC_TRAFFIC_SERVER), str(facts.PRT_LOG_NAME)
EXPRESSWAY_DIALECTS = (_TRAFFIC_SERVER, str(facts.PROC_ECP), str(facts.PROC_CREDENTIALMANAGER),
                       str(facts.XCP_PROCESS))
#: CUCM's ssosp log4j file (:mod:`uclab.trace.dialects.cucm_ssosp`, FORMATS.md §1.5)
SSOSP_DIALECT = "cucm-ssosp"
DIALECTS = (*EXPRESSWAY_DIALECTS, _PRT, "syslog", "ciscosyslog", "sdi", SSOSP_DIALECT)
#: fields of a ``ciscosyslog`` line that are not ``[tag=value]`` tags
CISCOLOG_KEYS = ("seq", "app", "severity", "name", "text")


def _times(ms: int) -> tuple[str, str]:
    """Expressway's local ISO time (the lab's zone is UTC) and its UTCTime value."""
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    local = dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}+00:00"
    utc = dt.strftime("%Y-%m-%d %H:%M:%S,") + f"{ms % 1000:03d}"
    return local, utc


@dataclass(frozen=True)
class LogLine:
    """One line a product wrote, with the values a renderer needs.

    ``fields`` are ``(key, value)`` pairs in the product's order; a value of ``None`` for
    ``UTCTime`` marks where the UTC time goes. ``message`` is an attached multi-line payload
    (an HTTP message). ``secrets`` pairs each raw secret with the mask the product prints.
    """

    ms: int
    host: str
    dialect: str
    process: str
    fields: tuple[tuple[str, Any], ...]
    message: str = ""
    secrets: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    exchange_id: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.fields:
            if k == key:
                return v
        return default

    def render(self, reveal: bool = False) -> str:
        """The line as the product writes it, secrets concealed unless ``reveal``."""
        return redact(self._render(), self.secrets, reveal=reveal)

    def _render(self) -> str:
        if self.dialect == _PRT:
            return _jabber(self)
        if self.dialect == "ciscosyslog":
            return _ciscolog(self)
        if self.dialect == "sdi":
            return _sdi(self)
        if self.dialect == SSOSP_DIALECT:
            return _log4j(self)
        local, utc = _times(self.ms)
        short = self.host.split(".")[0]
        parts = []
        for k, v in self.fields:
            value = utc if (k == "UTCTime" and v is None) else v
            sep = ":" if (k == "Level" and self.dialect == _TRAFFIC_SERVER) else ""
            parts.append(f'{k}="{value}"{sep}')
        line = f"{local} {short} {self.process} " + " ".join(parts)
        if self.message:
            line += "\n" + http_block(self.message)
        return line

    def to_state(self) -> dict[str, Any]:
        return {"ms": self.ms, "host": self.host, "dialect": self.dialect,
                "process": self.process, "fields": [list(f) for f in self.fields],
                "message": self.message, "secrets": [list(s) for s in self.secrets],
                "exchange_id": self.exchange_id}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LogLine:
        """The line :meth:`to_state` wrote; a ``ValueError`` names a missing or wrong member."""
        fields = tuple(_pair(f, "fields") for f in _typed(state, "fields", list))
        dialect = _typed(state, "dialect", str)
        missing = [k for k in REQUIRED_FIELDS.get(dialect, ()) if k not in dict(fields)]
        if missing:
            raise ValueError(f"a {dialect} line needs the fields {', '.join(missing)}")
        secrets = tuple(_pair(s, "secrets", str) for s in _typed(state, "secrets", list, []))
        exchange_id = state.get("exchange_id")
        if exchange_id is not None and (isinstance(exchange_id, bool)
                                        or not isinstance(exchange_id, int)):
            raise ValueError("exchange_id must be a whole number or null")
        ms = _typed(state, "ms", int)
        if not 0 <= ms <= MAX_MS:
            raise ValueError(f"'ms' {ms} is not a time uclab can write (0 to {MAX_MS})")
        return cls(ms, _typed(state, "host", str), dialect,
                   _typed(state, "process", str), fields, _typed(state, "message", str, ""),
                   secrets, exchange_id)


#: the last millisecond a line can carry (9999-12-31 23:59:59.999 UTC)
MAX_MS = 253402300799999
#: the fields each dialect's renderer reads (the others render any fields)
REQUIRED_FIELDS = {_PRT: ("level", "thread", "source", "logger", "function", "message"),
                   "ciscosyslog": ("seq", "app", "severity", "name", "text"),
                   "sdi": ("seq", "sub", "category", "text"),
                   SSOSP_DIALECT: ("level", "thread", "logger", "text")}


def _typed(state: dict[str, Any], key: str, kind: type, default: Any = ...) -> Any:
    if key not in state and default is not ...:
        return default
    value = state[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key!r} must be a {kind.__name__} (got {type(value).__name__})")
    return value


def _pair(item: Any, what: str, kind: type = object) -> tuple[str, Any]:
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], kind)):
        raise ValueError(f"each of {what!r} must be a [name, value] pair (got {item!r:.60})")
    return item[0], item[1]


def _jabber(line: LogLine) -> str:
    """``YYYY-MM-DD HH:MM:SS,mmm LEVEL [0x…] [path(line)] [logger] [function] - message`` as
    real PRTs write it (FORMATS.md §1.2): the level padded to 5 (S1's ``WARN  [``), the
    ``path(line)`` field cut from the left to 40 characters (every real line). A line read from
    a real PRT (:func:`uclab.trace.dialects.jabber_prt.to_loglines`) may carry ``stamp``, the
    time as it was written (``""``: none; its source is then kept as read), and ``raw``, a line
    of an older style kept verbatim; its empty fields are left out as TAC copies leave them
    out."""
    f = dict(line.fields)
    if f.get("raw") is not None:
        return str(f["raw"])
    stamp = f.get("stamp")
    if stamp is None:
        dt = datetime.fromtimestamp(line.ms / 1000, tz=UTC)
        stamp = dt.strftime("%Y-%m-%d %H:%M:%S,") + f"{line.ms % 1000:03d}"
    head = [str(stamp)] if stamp else []
    if f["level"]:
        head.append(f"{f['level']:<{facts.PRT_LEVEL_WIDTH}} [{f['thread']}]")
    source = str(f["source"]) if "stamp" in f else str(f["source"])[-facts.PRT_SOURCE_WIDTH:]
    head += [f"[{v}]" for v in (source, f["logger"]) if v]
    return " ".join([*head, f"[{f['function']}] - {f['message']}"])


def _log4j(line: LogLine) -> str:
    """``YYYY-MM-DD HH:MM:SS,mmm LEVEL [thread] logger - message`` (ssosp, FORMATS.md §1.5,
    ``facts.SSOSP_LINE_FORMAT``), local time with no offset (the lab's zone is UTC); an
    attached ``message`` (a Java exception and its frames) follows on lines of its own."""
    dt = datetime.fromtimestamp(line.ms / 1000, tz=UTC)
    f = dict(line.fields)
    head = facts.SSOSP_LINE_FORMAT.format(
        date=dt.strftime("%Y-%m-%d"), time=dt.strftime("%H:%M:%S"), ms=f"{line.ms % 1000:03d}",
        level=f["level"], thread=f["thread"], logger=f["logger"], message=f["text"])
    return head + ("\n" + line.message if line.message else "")


def _ciscolog(line: LogLine) -> str:
    """``Mon dd HH:MM:SS <short host> <facility> <sev> : <seq>: <host>: Mon DD YYYY
    HH:MM:SS.mmm UTC :  %<APP>-<sev>-<NAME>: %[k=v]...: <text>`` (CiscoLog after the local
    syslog prefix) [U]."""
    dt = datetime.fromtimestamp(line.ms / 1000, tz=UTC)
    f = dict(line.fields)
    tags = "".join(f"[{k}={v}]" for k, v in line.fields if k not in CISCOLOG_KEYS)
    sev = f["severity"]
    head = f"{dt:%b} {dt.day:>2} {dt:%H:%M:%S} {line.host.split('.')[0]} {line.process} {sev}"
    stamp = f"{dt:%b %d %Y %H:%M:%S}.{line.ms % 1000:03d} UTC"
    return (f"{head} : {f['seq']}: {line.host}: {stamp} :  %{f['app']}-{sev}-{f['name']}: "
            f"%{tags}: {f['text']}")


def _sdi(line: LogLine) -> str:
    """CUCM CallManager SDI: ``<8-digit seq>.<3-digit sub> |HH:MM:SS.mmm |<Category> |<text>``
    (S18; FORMATS.md §1.5), the category padded to 9 as in S18 (``|AppInfo  |``), the time of
    day with no date (the lab's zone is UTC), ``Process(instance) - `` before the text when the
    line names a process; an attached message (a SIP message) follows on lines with no prefix,
    the layout the SDI parser reads (how CUCM prints SIP in SDI was not captured [U])."""
    f = dict(line.fields)
    dt = datetime.fromtimestamp(line.ms / 1000, tz=UTC)
    head = f"{f['seq']}.{f['sub']} |{dt:%H:%M:%S}.{line.ms % 1000:03d} |{f['category']:<9}|"
    who = f"{line.process}({f['instance']}) - " if line.process and f.get("instance") else (
        f"{line.process} - " if line.process else "")
    text = f"{head}{who}{f['text']}"
    return f"{text}\n{line.message}" if line.message else text


def http_block(message: str) -> str:
    """An HTTP message as the block after an Expressway record (FORMATS.md §1.1): a line
    ``HTTPMSG:``, the first message line after ``|``, every further line after one space (an
    empty line, the one between headers and body, becomes a line holding one space), and the
    closing ``|`` line."""
    first, *rest = message.split("\n")
    lines = [str(facts.HTTPMSG_MARKER), f"{facts.BLOCK_FIRST}{first}",
             *(f"{facts.BLOCK_INDENT}{r}" for r in rest), str(facts.BLOCK_END)]
    return "\n".join(lines)


def http_message(first_line: str, headers: list[tuple[str, str]], body: str = "",
                 quote_headers: bool = False,
                 concealed: tuple[str, ...] = ("authorization", "x-credentials")) -> str:
    """An HTTP message as Expressway prints it after ``|``; ``quote_headers`` writes values as
    ``['value']`` like the edgeconfigprovisioning module does in the seed's traces, except the
    ``concealed`` credential headers, which the seed shows bare (``Authorization: <CONCEALED>``).
    """
    lines = [first_line]
    for k, v in headers:
        bare = not quote_headers or v == CONCEALED or k.lower() in concealed
        lines.append(f"{k}: {v}" if bare else f"{k}: ['{v}']")
    if body:
        lines += ["", body]
    return "\n".join(lines)


def clip(text: str, limit: int, secrets: list[tuple[str, str]] | tuple = ()) -> str:
    """``text`` cut to about ``limit`` characters, but never through a secret: a secret cut in
    half would escape concealment and show its first part. The cut moves to the start of any
    secret it would split (and a secret that starts before the limit is kept whole, with a
    short closing tail such as ``"}``)."""
    if len(text) <= limit:
        return text
    cut = limit
    for raw, _ in secrets:
        if not raw:
            continue
        start = text.find(raw)
        while start != -1:
            if start < cut < start + len(raw):
                cut = start + len(raw)
            start = text.find(raw, start + 1)
    if cut > limit and len(text) - cut <= 20:  # a secret moved the cut: keep a short tail
        return text
    return text[:cut]


def render_all(lines: list[LogLine], reveal: bool = False) -> str:
    """The lines one after another; an Expressway record with an HTTPMSG block is followed by a
    blank line, as records are in real diagnostic logs (FORMATS.md §1.1, T225746, BLUCK7)."""
    out: list[str] = []
    for line in lines:
        out.append(line.render(reveal))
        if line.message and line.dialect in EXPRESSWAY_DIALECTS:
            out.append("")
    if out and out[-1] == "":
        out.pop()
    return "\n".join(out)
