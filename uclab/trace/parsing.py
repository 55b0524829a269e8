"""What a log parser gives and how a stream of lines is cut into records: the base every dialect's
parser builds on (``uclab.trace.dialects.*``), and the reader (``uclab.trace.reading``) drives.

A :class:`Record` is one entry a product wrote: its physical lines verbatim, where it came from
(file and 1-based line), the product and grammar that wrote it, and what the grammar reads off
it (time, host, level, component, key=value fields, message text, an attached block such as an
Expressway ``HTTPMSG:`` message or a Java stack trace). Times follow the grammars' rules in
``shared/real-logs/FORMATS.md`` §1: an aware UTC time when the line gives UTC or an offset; a
naive time when the product writes local time with no zone; ``None`` when the line has no time
(TAC copies often drop it) — a time is never invented; TC/CE ``uptime`` stays relative.

A :class:`Grammar` says when a line opens one of its records (:meth:`Grammar.starts`), when a
line continues the record that is open (:meth:`Grammar.continues`), and how a record's lines
read (:meth:`Grammar.parse`). :func:`split` applies them to a stream: a line the open record's
grammar claims continues it; otherwise the first grammar that starts on it (the open record's
own grammar first, so a file keeps to its product) opens a new record;
a line no grammar starts belongs to the record before it (the rule CJLV follows, FORMATS.md
§1.2), or, before any record, to an ``unknown`` record. Empty lines never open a record and are
kept only where the open grammar claims them. Memory is bounded by one record, not the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

__all__ = ["UNKNOWN", "Grammar", "LineGrammar", "ReadState", "Record", "split"]

#: the product and grammar of lines no grammar recognises
UNKNOWN = "unknown"
#: the most lines one record keeps; the rest are counted in :attr:`Record.dropped` (with the
#: empty lines skipped inside a record, so that :attr:`Record.end` is its real last line)
MAX_RECORD_LINES = 20_000


@dataclass(frozen=True, slots=True)
class Record:
    """One entry a product wrote, read from a log (see the module docstring)."""

    source: str
    line: int
    lines: tuple[str, ...]
    product: str
    grammar: str
    time: datetime | None = None
    uptime: float | None = None
    host: str | None = None
    process: str | None = None
    level: str | None = None
    component: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ""
    block: tuple[str, ...] = ()
    dropped: int = 0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def end(self) -> int:
        """The 1-based line number of the record's last line."""
        return self.line + len(self.lines) + self.dropped - 1

    @property
    def where(self) -> str:
        """``file:line`` (``file:first-last`` for a record of several lines)."""
        return (f"{self.source}:{self.line}" if self.end == self.line
                else f"{self.source}:{self.line}-{self.end}")

    def get(self, key: str, default: str | None = None) -> str | None:
        """The first value of the key=value field ``key``."""
        for k, v in self.fields:
            if k == key:
                return v
        return default

    @property
    def raw(self) -> str:
        """The record's lines joined, verbatim (secrets included: conceal before showing)."""
        return "\n".join(self.lines)


@dataclass(slots=True)
class ReadState:
    """What a grammar carries from one record to the next in one file: the last date seen (for
    lines that give only a time of day), and anything else the grammar keeps in ``notes``."""

    source: str
    last_date: datetime | None = None
    notes: dict[str, Any] = field(default_factory=dict)


class Grammar(Protocol):
    """One product log grammar (FORMATS.md §1)."""

    #: a short stable id, e.g. ``expressway-kv`` or ``jabber-prt``
    name: str
    #: the product id records of this grammar carry, e.g. ``expressway`` or ``jabber``
    product: str

    def starts(self, line: str) -> bool:
        """Whether ``line`` opens a record of this grammar."""
        ...

    def continues(self, lines: Sequence[str], line: str) -> bool:
        """Whether ``line`` belongs to the open record whose lines so far are ``lines``, even
        though another grammar might start on it (block lines, wrapped lines, stack frames)."""
        ...

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        """The record made of ``lines`` (the first at 1-based ``line`` of ``source``). Never
        raises on odd content: what it cannot read stays in :attr:`Record.lines`."""
        ...


class LineGrammar:
    """The common case of :class:`Grammar`: a record opens on a line :attr:`opening` matches
    and claims no line by force (lines no grammar starts still join it, by :func:`split`'s
    rule). Subclasses set ``name``, ``product`` and ``opening`` and write ``parse``."""

    name: str
    product: str
    opening: re.Pattern[str]

    def starts(self, line: str) -> bool:
        return self.opening.match(line) is not None

    def continues(self, lines: Sequence[str], line: str) -> bool:
        return False


def _unknown(lines: Sequence[str], source: str, line: int, dropped: int) -> Record:
    return Record(source, line, tuple(lines), UNKNOWN, UNKNOWN, text="\n".join(lines),
                  dropped=dropped)


def split(lines: Iterable[str], grammars: Sequence[Grammar], source: str = "<text>",
          first_line: int = 1, state: ReadState | None = None) -> Iterator[Record]:
    """Cut ``lines`` (without their line ends) into records of ``grammars``, tried in order.

    Streams: each record is yielded as soon as the next one starts. Line numbers count every
    physical line from ``first_line``, empty ones included. ``state`` lets the caller hand the
    grammars what it knows from outside the lines (e.g. ``notes["date"]``, the date of a file
    whose lines give only a time of day, taken from its name or from RTMT).
    """
    state = state if state is not None else ReadState(source)
    grammar: Grammar | None = None
    buf: list[str] = []
    start = last = first_line

    def flush() -> Record | None:
        if not buf:
            return None
        dropped = (last - start + 1) - len(buf)
        if grammar is None:
            return _unknown(buf, source, start, dropped)
        try:
            record = grammar.parse(buf, source, start, state)
        except Exception:  # noqa: BLE001 - a grammar bug must not lose the lines
            return _unknown(buf, source, start, dropped)
        if dropped:
            record = _with_dropped(record, dropped)
        if record.time is not None:
            state.last_date = record.time
        return record

    number = first_line - 1
    for number, text in enumerate(lines, first_line):
        if buf and grammar is not None and grammar.continues(buf, text):
            if len(buf) < MAX_RECORD_LINES:
                buf.append(text)
            last = number
            continue
        if not text.strip():
            continue
        if grammar is not None and grammar.starts(text):
            opener: Grammar | None = grammar
        else:
            opener = next((g for g in grammars if g.starts(text)), None)
        if opener is None and buf:
            if len(buf) < MAX_RECORD_LINES:
                buf.append(text)
            last = number
            continue
        done = flush()
        if done is not None:
            yield done
        grammar, buf, start, last = opener, [text], number, number
    done = flush()
    if done is not None:
        yield done


def _with_dropped(record: Record, dropped: int) -> Record:
    from dataclasses import replace

    return replace(record, dropped=dropped)
