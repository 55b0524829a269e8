"""Reading Expressway diagnostic logs: the grammars of ``shared/real-logs/FORMATS.md`` §1.1.

A record opens on a line with the syslog-style prefix ``<ISO local time+offset> <host>
<process>[<pid>]:`` (the colon is missing on edgeconfigprovisioning network lines), on a TAC
copy's line that keeps only the host (``xwayc XCP_JABBERD[23843]: …``) or only the process, or
on a bare ``Module=`` / ``Event=`` / ``UTCTime=`` / ``Level=`` line (T117811 copies). What
follows is a run of ``Key="value"`` pairs (``Key= "value"`` too; T117811), or, for Apache Traffic
Server's own errors, ``[<thread>]LEVEL:message`` with no pairs (T225746).

A record continues with its ``HTTPMSG:`` / `` SIPMSG:`` block (first line after ``|``, every
further line after one space, a line of one space between headers and body, closed by a ``|``
or `` |`` line or by ``|`` glued to the last line; inline on the record's line in T117811; cut
off by end of file or by the next record), with blank lines, and, in the seed article's wrapped
copy, with a ``Module=`` line that carries on a record whose pairs have no ``Module`` yet (or any
line while a quoted value is still open).

Times: ``UTCTime`` (UTC, ``,`` before 1-6 fraction digits, ``,92`` = 920 ms) is the record's
time; otherwise the ISO prefix with its offset (naive if it has none); otherwise ``None``.
Grammars never raise: what they cannot read stays in :attr:`~uclab.trace.parsing.Record.lines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from uclab import facts
from uclab.trace.parsing import ReadState, Record

__all__ = ["ATS_NATIVE", "EVENT", "GRAMMARS", "KV", "PRODUCT", "XCP", "ExpresswayGrammar",
           "parse_utctime"]

PRODUCT = "expressway"
#: processes a TAC copy may start a line with, with or without a host before them (§1.1)
KNOWN_PROCESSES = frozenset(str(p) for p in (
    facts.PROC_TRAFFIC_SERVER, facts.PROC_ECP, facts.PROC_CREDENTIALMANAGER, facts.XCP_PROCESS,
    facts.PROC_TVCS, facts.PROC_REPLICATION))
_MARKERS = (str(facts.HTTPMSG_MARKER).strip(), str(facts.SIPMSG_MARKER).strip())
_BAR = str(facts.BLOCK_FIRST)

_ISO = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?"
_PROC = r"(?P<proc>[A-Za-z_][\w.-]*)(?:\[(?P<pid>\d{1,10})\])?(?P<colon>:?)(?P<rest>(?:[\s\[].*)?)"
_PREFIXED = re.compile(rf"(?P<iso>{_ISO})\s+(?P<host>[\w.-]+)\s+{_PROC}", re.S)
_HOSTED = re.compile(rf"(?P<host>[\w.-]+)\s+{_PROC}", re.S)
_BARE_PROC = re.compile(_PROC, re.S)
_BARE_KV = re.compile(r'(?:Module|Event|UTCTime|Level)=\s?"')
#: a pair's key starts after no key character and is at most 64 long: the scan stays linear on a
#: line of one long word
_KV = re.compile(r'(?<![\w.-])(?P<k>[A-Za-z][\w.-]{0,63})=[ ]?"(?P<v>[^"]*)(?P<q>"|\Z)')
_HAS_KV = re.compile(r'(?<![\w.-])[A-Za-z][\w.-]{0,63}=[ ]?"')
_NATIVE = re.compile(r"\s*\[(?P<thread>[^\]\n]{1,80})\]\s*(?P<level>[A-Z]{3,9})\s*:\s?(?P<msg>.*)",
                     re.S)
_UTC = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[,.](\d{1,6}))?\s*")
_MODULE_WRAP = re.compile(r'\s*Module=[ ]?"')
_MODULE_KEY = re.compile(r'\bModule=[ ]?"')
_THREAD_KEY = re.compile(r'\bThreadID=[ ]?"')
_EVENT_KEY = re.compile(r'\bEvent=[ ]?"')
_XCP_PROC = str(facts.XCP_PROCESS)


def parse_utctime(value: str) -> datetime | None:
    """An aware UTC time from a ``UTCTime`` value; the fraction's digits are read as a decimal
    fraction (``,92`` = 920 ms, FORMATS.md §1.1). ``None`` if it is not a valid time."""
    m = _UTC.fullmatch(value)
    if m is None:
        return None
    y, mo, d, h, mi, s, frac = m.groups()
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s),
                        int((frac or "0").ljust(6, "0")), tzinfo=UTC)
    except ValueError:
        return None


def _iso_time(text: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(text.replace(",", "."))
    except ValueError:
        return None
    return dt.astimezone(UTC) if dt.tzinfo is not None else dt


@dataclass(frozen=True, slots=True)
class _Head:
    kind: str  # the grammar name
    form: str  # prefixed / host / process / bare
    iso: str | None
    host: str | None
    process: str | None
    pid: int | None
    colon: bool
    rest: str  # what follows the process tag (the whole line for a bare line)


def _classify(rest: str, process: str | None) -> str | None:
    if process is not None and _NATIVE.match(rest):
        return ATS_NATIVE
    if not _HAS_KV.search(rest):
        return None
    if process == _XCP_PROC or ("ThreadID=" in rest and _THREAD_KEY.search(rest)):
        return XCP
    if "Event=" in rest and _EVENT_KEY.search(rest):
        return EVENT
    return KV


_last: tuple[str, _Head | None] = ("\0", None)


def _head(line: str) -> _Head | None:
    """What the line's start says (cached for the last line: every grammar asks in turn)."""
    global _last
    if _last[0] == line:
        return _last[1]
    head = _read_head(line)
    _last = (line, head)
    return head


def _read_head(line: str) -> _Head | None:
    if len(line) > 200_000 or not line or line[0].isspace():
        return None
    m = _PREFIXED.fullmatch(line)
    if m is not None:
        kind = _classify(m["rest"], m["proc"]) or (
            KV if m["proc"] in KNOWN_PROCESSES else None)
        form = "prefixed"
    else:
        m = _HOSTED.fullmatch(line)
        if m is not None and m["proc"] in KNOWN_PROCESSES:
            kind, form = _classify(m["rest"], m["proc"]), "host"
        else:
            m = _BARE_PROC.fullmatch(line)
            if m is not None and m["proc"] in KNOWN_PROCESSES and (m["pid"] or m["colon"]):
                kind, form = _classify(m["rest"], m["proc"]), "process"
            elif _BARE_KV.match(line):
                return _Head(_classify(line, None) or KV, "bare", None, None, None, None, False,
                             line)
            else:
                return None
    if kind is None:
        return None
    groups = m.groupdict()
    return _Head(kind, form, groups.get("iso"), groups.get("host"), m["proc"],
                 int(m["pid"]) if m["pid"] else None, bool(m["colon"]), m["rest"])


def _outside_quotes(text: str, needle: str) -> int:
    """Where ``needle`` first occurs outside a quoted value, or -1."""
    start = 0
    while True:
        at = text.find(needle, start)
        if at < 0 or text.count('"', 0, at) % 2 == 0:
            return at
        start = at + 1


def _block(lines: Sequence[str]) -> tuple[list[str], bool]:
    """The message lines of a block (``|`` / one-space prefixes off) and whether it was closed."""
    out: list[str] = []
    for k, raw in enumerate(lines):
        if k and raw == "":
            break  # a blank line parts records (T225746, BLUCK7): the block was cut off
        text = raw
        if k == 0:
            text = text.lstrip(" ")
            text = text[1:] if text.startswith(_BAR) else text
        else:
            if text.strip() == _BAR:
                return _trim(out), True
            text = text[1:] if text.startswith(" ") else text
        if text.endswith(_BAR) and text.strip() != _BAR:
            out.append(text[:-1])
            return _trim(out), True
        out.append(text)
    return _trim(out), False


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _opens_block(line: str) -> bool:
    s = line.strip()
    return s in _MARKERS or line.lstrip(" ").startswith(_BAR)


@dataclass(slots=True)
class _Progress:
    """What :meth:`ExpresswayGrammar.continues` knows of the open record so far."""

    first: str
    head: _Head | None = None
    seen: int = 0
    open_quote: bool = False
    has_module: bool = False
    in_block: bool = False
    block_done: bool = False


class ExpresswayGrammar:
    """One Expressway record kind (:data:`KV`, :data:`EVENT`, :data:`XCP`, :data:`ATS_NATIVE`);
    all four share the reading, each starts only its own kind (FORMATS.md §1.1)."""

    product = PRODUCT

    def __init__(self, name: str) -> None:
        self.name = name
        self._memo: tuple[int, _Progress] | None = None

    def __repr__(self) -> str:
        return f"ExpresswayGrammar({self.name!r})"

    def starts(self, line: str) -> bool:
        head = _head(line)
        return head is not None and head.kind == self.name

    # -- continuation --------------------------------------------------------------------------
    def _progress(self, lines: Sequence[str]) -> _Progress:
        memo = self._memo
        if memo is None or memo[0] != id(lines) or memo[1].first is not lines[0] \
                or memo[1].seen > len(lines):
            progress = _Progress(lines[0])
        else:
            progress = memo[1]
        for line in lines[progress.seen:]:
            _advance(progress, line)
        self._memo = (id(lines), progress)
        return progress

    def continues(self, lines: Sequence[str], line: str) -> bool:
        if not lines:
            return False
        if not line.strip():
            return True
        p = self._progress(lines)
        if p.in_block and not p.block_done:
            return line[:1] in (" ", _BAR)
        if p.in_block:
            return False
        if _opens_block(line):
            return True
        if _MODULE_WRAP.match(line):
            return not p.has_module or p.open_quote
        return p.open_quote and _head(line) is None

    # -- reading -------------------------------------------------------------------------------
    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        memo = self._memo
        known = memo[1].head if memo is not None and memo[1].first is lines[0] else None
        head = known or _head(lines[0]) or _Head(self.name, "bare", None, None, None, None, False,
                                        lines[0])
        parts, i, odd = [head.rest], 1, head.rest.count('"') % 2 == 1
        while i < len(lines):
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or _opens_block(lines[j]):
                break
            if odd:  # the wrap cut a quoted value: the pieces join with nothing between
                parts.append(lines[j])
            elif _HAS_KV.match(lines[j].lstrip()):
                parts.append(" " + lines[j].lstrip())
            else:
                break
            odd ^= lines[j].count('"') % 2 == 1
            i = j + 1
        kv_text = "".join(parts)
        extra: dict = {"wrapped": i > 1}
        block: list[str] = []
        found = [(at, mk) for mk in _MARKERS if (at := _outside_quotes(kv_text, mk)) >= 0]
        marker = min(found) if found else None
        rest = list(lines[i:])
        if marker is not None:
            at, mk = marker
            inline = kv_text[at + len(mk):]
            kv_text = kv_text[:at]
            extra["block_kind"] = mk.rstrip(":")
            if inline.strip():
                block, extra["terminated"] = _block([inline, *rest])
                extra["inline"] = True
        if not block:
            k = next((n for n, ln in enumerate(rest) if ln.strip()), None)
            if k is not None and _opens_block(rest[k]):
                if rest[k].strip() in _MARKERS:
                    extra["block_kind"] = rest[k].strip().rstrip(":")
                    k += 1
                else:
                    extra.setdefault("block_kind", "HTTPMSG")
                if k < len(rest):
                    block, extra["terminated"] = _block(rest[k:])
        fields: list[tuple[str, str]] = []
        spans: list[tuple[int, int]] = []
        for m in _KV.finditer(kv_text):
            fields.append((m["k"], m["v"]))
            spans.append(m.span())
            if not m["q"]:
                extra["unclosed"] = m["k"]
        values = dict(fields)
        text = values.get("Detail", "").strip()
        level = values.get("Level")
        if self.name == ATS_NATIVE and head.form != "bare":
            native = _NATIVE.match(head.rest)
            if native is not None:
                extra["thread"] = native["thread"]
                level, text = native["level"], native["msg"].strip()
                fields, spans = [], []
        if not text:
            text = values.get("Event", "").strip() or _free_text(kv_text, spans)
        if head.pid is not None:
            extra["pid"] = head.pid
        if head.colon:
            extra["colon"] = True
        time = parse_utctime(values["UTCTime"]) if "UTCTime" in values else None
        iso_time = _iso_time(head.iso) if head.iso else None
        if iso_time is not None:
            extra["iso_time"] = iso_time
        if time is None and "UTCTime" in values:
            extra["bad_utctime"] = values["UTCTime"]
        if time is None:
            time = iso_time
        return Record(source, line, tuple(lines), PRODUCT, self.name, time=time,
                      host=head.host, process=head.process,
                      level=level.strip() if level is not None else None,
                      component=values.get("Module"), fields=tuple(fields), text=text,
                      block=tuple(block), extra=extra)


def _advance(p: _Progress, line: str) -> None:
    p.seen += 1
    if p.seen == 1:
        head = p.head = _head(line)
        rest = head.rest if head is not None else line
        p.open_quote = rest.count('"') % 2 == 1
        p.has_module = "Module=" in rest and _MODULE_KEY.search(rest) is not None
        marker = next((mk for mk in _MARKERS if _outside_quotes(rest, mk) >= 0), None)
        if marker is not None:
            p.in_block = True
            inline = rest[_outside_quotes(rest, marker) + len(marker):].strip()
            p.block_done = len(inline) > 1 and inline.endswith(_BAR)
        return
    if p.in_block:
        if not p.block_done:
            if line == "" and p.seen > 2:
                p.block_done = True
            elif line.endswith(_BAR):
                p.block_done = True
        return
    if not line.strip():
        return
    if _opens_block(line):
        p.in_block = True
        s = line.lstrip(" ")
        p.block_done = s.startswith(_BAR) and len(s) > 1 and s.endswith(_BAR)
        return
    if p.open_quote:
        p.open_quote = (line.count('"') % 2 == 0)
    else:
        p.open_quote = line.count('"') % 2 == 1
    p.has_module = p.has_module or "Module=" in line and _MODULE_KEY.search(line) is not None


def _free_text(kv_text: str, spans: list[tuple[int, int]]) -> str:
    """What is left of the pairs' text once the pairs are taken out (developer lines' free
    text after ``Thread="…":``)."""
    out, last = [], 0
    for a, b in spans:
        out.append(kv_text[last:a])
        last = b
    out.append(kv_text[last:])
    return " ".join("".join(out).split()).strip(": ")


XCP = "expressway-xcp"
ATS_NATIVE = "expressway-ats"
EVENT = "expressway-event"
KV = "expressway-kv"
#: the Expressway grammars, most specific first (XCP_JABBERD, ATS native, event, key=value)
GRAMMARS: tuple[ExpresswayGrammar, ...] = tuple(
    ExpresswayGrammar(n) for n in (XCP, ATS_NATIVE, EVENT, KV))
