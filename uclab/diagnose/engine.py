"""The scan: one pass over each input with a prefilter, full parsing only around hits.

Three entry points give the same :class:`FileScan`: :func:`scan_lines` (decoded lines from
:mod:`uclab.trace.reading`: pasted text, bundles, UTF-16), :func:`scan_stream` (a plain file's
raw bytes in :data:`CHUNK` blocks, decoded only around hits) and, for large plain files,
:func:`uclab.diagnose.hyperscanned.scan_with_hyperscan` (one Hyperscan pass) or
:func:`uclab.diagnose.accelerated.scan_with_grep` (grep's byte offsets).

Lines are taken in blocks (:data:`BLOCK_LINES`); one compiled regular expression of every
anchor (each rule's literals, each not-yet-reached step's, the checks' and the PLAIN
detector's) is run over a block joined into one string, in C. Only the lines around a hit
(:data:`BACK` before, :data:`AHEAD` after) are cut into records with the product grammars
(:func:`uclab.trace.reading.grammars.all_grammars`, then :class:`FallbackGrammar`); the first
:data:`HEAD_LINES` lines of a file are parsed whole to tell its products and host. Once a step
is reached its anchors leave the expression. Rules are decided per file after its last line
(:mod:`.decide`; a rule may need a later line, e.g. the 4xx that answers a request). Memory is
bounded by a block plus the records that hold a hit.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from uclab.diagnose import masking
from uclab.diagnose.checks import ANCHORS as CHECK_ANCHORS
from uclab.diagnose.checks import REFUSED, Hit
from uclab.diagnose.fallback import FallbackGrammar
from uclab.diagnose.report import Evidence
from uclab.diagnose.ruleset import Rule, Step
from uclab.trace.dialects import expressway, imp_xcp
from uclab.trace.parsing import UNKNOWN, Grammar, Record, split

__all__ = ["FileScan", "scan_lines", "scan_stream"]

BLOCK_LINES = 8192
BACK = 24
AHEAD = 40
HEAD_LINES = 2000
#: the longest evidence line shown (the rest is cut, and says so)
MAX_SHOWN = 600


@dataclass
class FileScan:
    """What one file showed: its products and hosts, steps reached, the hits, warnings."""

    name: str
    lines: int = 0
    products: Counter[str] = field(default_factory=Counter)
    hosts: Counter[str] = field(default_factory=Counter)
    steps: dict[str, Evidence] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    plain_passwords: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    long_lines: int = 0

    @property
    def host(self) -> str | None:
        return self.hosts.most_common(1)[0][0] if self.hosts else None


def shown(line: str, reveal: bool) -> str:
    text = masking.mask(line, reveal=reveal)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f" … [{len(text)} chars]"


class _Anchors:
    """The prefilter: literal -> what it stands for, compiled into one expression."""

    def __init__(self, rules: Sequence[Rule], steps: Sequence[Step]) -> None:
        #: what makes a record worth keeping with its context (rare in a healthy log)
        self.triggers = tuple({p for r in rules for p in (*r.patterns, *r.in_file)} | {
            REFUSED, *masking.PLAIN_ANCHORS})
        #: what the checks look back (or forward) for, kept in a ring (one per login)
        self.context = tuple({a for r in rules for a in (*r.unless_later, *r.elsewhere)} |
                             set(CHECK_ANCHORS))
        self.fixed = set(self.triggers) | set(self.context)
        self.step_of = {a: s.id for s in steps for a in s.anchors}
        self.compile(set())

    def compile(self, reached: set[str]) -> None:
        """Drops the anchors of the ``reached`` steps; the expressions compile on first use
        (the Hyperscan and grep scans never use them)."""
        self._reached = set(reached)
        self._regex: re.Pattern[str] | None = None
        self._bregex: re.Pattern[bytes] | None = None

    def _pattern(self) -> str:
        live = self.fixed | {a for a, s in self.step_of.items() if s not in self._reached}
        return "|".join(re.escape(a) for a in sorted(live, key=len, reverse=True))

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self._pattern())
        return self._regex

    @property
    def bregex(self) -> re.Pattern[bytes]:
        if self._bregex is None:
            self._bregex = re.compile(self._pattern().encode())
        return self._bregex


class _Keeper:
    """Which hit records a file keeps: every record holding a trigger (with the records read
    around it), and of the context records (one or two per login in a healthy log) only the
    last :data:`RING` before a trigger and the :data:`RING` after it; memory stays bounded."""

    def __init__(self, scan: FileScan, anchors: _Anchors) -> None:
        self.scan, self.anchors = scan, anchors
        self.seen: set[int] = set()
        self.ring: deque[Hit] = deque(maxlen=RING)
        self.pinned = 0

    def add(self, records: list[Record], numbers: Iterable[int]) -> None:
        for number in numbers:
            record = next((r for r in records if r.line <= number <= r.end), None)
            if record is None or record.line in self.seen:
                continue
            self.seen.add(record.line)
            text = record.raw
            if any(t in text for t in self.anchors.triggers):
                self.scan.hits.extend(self.ring)
                self.ring.clear()
                self.scan.hits.append(Hit(0, record, records))
                self.pinned = RING
                if masking.clear_passwords(text):
                    self.scan.plain_passwords.append(record.where)
            elif self.pinned:
                self.scan.hits.append(Hit(0, record))
                self.pinned -= 1
            else:
                self.ring.append(Hit(0, record))

    def finish(self) -> None:
        hits = sorted([*self.scan.hits, *self.ring], key=lambda h: h.record.line)
        for i, hit in enumerate(hits):
            hit.index = i
        self.scan.hits = hits


#: context records kept before and after a trigger
RING = 64


def scan_lines(name: str, lines: Iterable[str], rules: Sequence[Rule], steps: Sequence[Step],
               grammars: Sequence[Grammar], *, reveal: bool = False) -> FileScan:
    """Scan one file's decoded lines (see the module docstring)."""
    grammars = (*grammars, FallbackGrammar())
    anchors = _Anchors(rules, steps)
    scan = FileScan(name)
    keeper = _Keeper(scan, anchors)
    block: list[str] = []
    base, done = 1, 0
    for line in lines:
        block.append(line)
        scan.lines += 1
        if len(block) >= BLOCK_LINES:
            limit = len(block) - AHEAD
            _block(scan, block, base, done, limit, anchors, grammars, keeper, reveal)
            keep = block[limit - BACK:]
            base += limit - BACK
            block, done = keep, BACK
    _block(scan, block, base, done, len(block), anchors, grammars, keeper, reveal)
    keeper.finish()
    return scan


def _block(scan: FileScan, block: list[str], base: int, done: int, limit: int,
           anchors: _Anchors, grammars: Sequence[Grammar], keeper: _Keeper,
           reveal: bool) -> None:
    if base == 1:
        for record in split(block[:HEAD_LINES], grammars, scan.name):
            _count(scan, record)
    text = "\n".join(block[done:limit])
    hit_lines: list[int] = []
    idx, pos = done, 0
    reached_now = False
    for m in anchors.regex.finditer(text):
        idx += text.count("\n", pos, m.start())
        pos = m.start()
        literal = m.group(0)
        step = anchors.step_of.get(literal)
        if step is not None and step not in scan.steps:
            scan.steps[step] = Evidence(f"{scan.name}:{base + idx}", shown(block[idx], reveal))
            reached_now = True
        if literal in anchors.fixed and (not hit_lines or hit_lines[-1] != idx):
            hit_lines.append(idx)
    if reached_now:
        anchors.compile(set(scan.steps))
    for start, end, lines_hit in _regions(hit_lines, len(block)):
        records = list(split(block[start:end], grammars, scan.name, first_line=base + start))
        if base + start > HEAD_LINES:
            for record in records:
                _count(scan, record)
        keeper.add(records, [base + i for i in lines_hit])


# -- the byte path: plain files, scanned in large chunks without decoding them ------------------
CHUNK = 8 << 20
#: the longest line the byte path decodes (the rest of such a line is cut, and said)
MAX_LINE = 1 << 20


def _decode(raw: bytes, scan: FileScan) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        scan.encoding = "latin-1"
        return raw.decode("latin-1")


def _lines_of(raw: bytes, scan: FileScan) -> list[str]:
    lines = _decode(raw, scan).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for line in lines:
        line = line[:-1] if line.endswith("\r") else line
        if len(line) > MAX_LINE:
            scan.long_lines += 1
            line = line[:MAX_LINE]
        out.append(line)
    return out


def _back(buf: bytes, pos: int, n: int, floor: int) -> int:
    """The start of the line ``n`` lines above the one at ``pos`` (not before ``floor``)."""
    start = buf.rfind(b"\n", floor, pos) + 1 if pos > floor else floor
    for _ in range(n):
        if start <= floor:
            return floor
        start = buf.rfind(b"\n", floor, start - 1) + 1
    return max(start, floor)


def _ahead(buf: bytes, pos: int, n: int) -> int:
    end = pos
    for _ in range(n):
        nxt = buf.find(b"\n", end)
        if nxt < 0:
            return len(buf)
        end = nxt + 1
    return end


def scan_stream(name: str, stream, rules: Sequence[Rule], steps: Sequence[Step],
                grammars: Sequence[Grammar], *, reveal: bool = False,
                progress=None) -> FileScan:
    """Scan a plain UTF-8/Latin-1 file's bytes in :data:`CHUNK` blocks: one regular
    expression over the raw bytes, lines decoded only around hits."""
    grammars = (*grammars, FallbackGrammar())
    anchors = _Anchors(rules, steps)
    scan = FileScan(name)
    keeper = _Keeper(scan, anchors)
    buf = b""
    first = 1          # the line number of buf's first line
    scanned = 0        # the offset in buf from which hits are still to be read
    head = True
    while True:
        chunk = stream.read(CHUNK)
        final = not chunk
        buf += chunk
        if not final:
            cut = buf.rfind(b"\n") + 1
            if cut == 0:  # no line end in a whole chunk: one huge line; keep its start
                if len(buf) > 2 * CHUNK:
                    scan.long_lines += 1
                    buf = buf[:CHUNK] + b"\n"
                    cut = len(buf)
                    stream_skip_line(stream)
                else:
                    continue
        else:
            if buf and not buf.endswith(b"\n"):
                buf += b"\n"
            cut = len(buf)
        body = buf[:cut]
        limit = cut if final else _back(body, cut, AHEAD, scanned)
        if head:
            head_end = _ahead(body, 0, HEAD_LINES)
            for record in split(_lines_of(body[:head_end], scan), grammars, name):
                _count(scan, record)
            head = False
        _chunk(scan, body, first, scanned, limit, anchors, grammars, keeper, reveal)
        if final:
            scan.lines = first - 1 + body.count(b"\n")
            break
        keep_from = _back(body, limit, BACK, 0)
        first += body.count(b"\n", 0, keep_from)
        buf = buf[keep_from:]
        scanned = limit - keep_from
        if progress is not None:
            progress(name, first)
    keeper.finish()
    return scan


def stream_skip_line(stream) -> None:
    """Read on to the end of the current (huge) line."""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return
        at = chunk.find(b"\n")
        if at >= 0:
            stream.seek(at + 1 - len(chunk), 1)
            return


def _chunk(scan: FileScan, body: bytes, first: int, scanned: int, limit: int,
           anchors: _Anchors, grammars: Sequence[Grammar], keeper: _Keeper,
           reveal: bool) -> None:
    hits: list[tuple[int, int]] = []  # (offset of the hit's line, its line number)
    number, pos = first + body.count(b"\n", 0, scanned), scanned
    reached_now = False
    for m in anchors.bregex.finditer(body, scanned, limit):
        number += body.count(b"\n", pos, m.start())
        pos = m.start()
        literal = m.group(0).decode()
        line_start = body.rfind(b"\n", 0, pos) + 1
        step = anchors.step_of.get(literal)
        if step is not None and step not in scan.steps:
            line = body[line_start:body.find(b"\n", pos)]
            scan.steps[step] = Evidence(f"{scan.name}:{number}",
                                        shown(_decode(line[:MAX_LINE], scan), reveal))
            reached_now = True
        if literal in anchors.fixed and (not hits or hits[-1][1] != number):
            hits.append((line_start, number))
    if reached_now:
        anchors.compile(set(scan.steps))
    i = 0
    while i < len(hits):
        start = _back(body, hits[i][0], BACK, 0)
        end = _ahead(body, hits[i][0], AHEAD)
        group = [hits[i][1]]
        i += 1
        while i < len(hits) and hits[i][0] < end:
            end = max(end, _ahead(body, hits[i][0], AHEAD))
            group.append(hits[i][1])
            i += 1
        line0 = group[0] - body.count(b"\n", start, hits[i - len(group)][0])
        records = list(split(_lines_of(body[start:end], scan), grammars, scan.name,
                             first_line=line0))
        if line0 > HEAD_LINES:
            for record in records:
                _count(scan, record)
        keeper.add(records, group)


def _regions(hit_lines: list[int], size: int) -> Iterator[tuple[int, int, list[int]]]:
    start = end = -1
    group: list[int] = []
    for i in hit_lines:
        a, b = max(0, i - BACK), min(size, i + AHEAD)
        if group and a <= end:
            end = max(end, b)
            group.append(i)
            continue
        if group:
            yield start, end, group
        start, end, group = a, b, [i]
    if group:
        yield start, end, group


#: the grammars whose lines both Expressway and IM&P write (the XCP router runs on both, S17):
#: a file of only such lines is IM&P's, one with other Expressway lines too is Expressway's
XCP_GRAMMARS = frozenset({expressway.XCP, imp_xcp.NAME})
XCP_PRODUCT = "xcp"


def _count(scan: FileScan, record: Record) -> None:
    if record.grammar in XCP_GRAMMARS:
        scan.products[XCP_PRODUCT] += 1
    elif record.product != UNKNOWN or not record.raw.strip().startswith("#"):
        scan.products[record.product] += 1
    if record.host:
        scan.hosts[record.host] += 1
