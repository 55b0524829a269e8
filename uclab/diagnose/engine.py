"""The scan: one pass over each input's lines with a prefilter, full parsing only around hits.

Lines are taken in blocks (:data:`BLOCK_LINES`); one compiled regular expression of every
anchor (each rule's literals, each not-yet-reached step's, the checks' and the PLAIN
detector's) is run over a block joined into one string, in C. Only the lines around a hit
(:data:`BACK` before, :data:`AHEAD` after) are cut into records with the product grammars
(:func:`uclab.trace.reading.grammars.all_grammars`, then :class:`FallbackGrammar`); the first
:data:`HEAD_LINES` lines of a file are parsed whole to tell its products and host. Once a step
is reached its anchors leave the expression. Rules are decided per file after its last line
(a rule may need a later line, e.g. the 4xx that answers a request). Memory is bounded by a
block plus the records that hold a hit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from uclab.diagnose import masking
from uclab.diagnose.checks import ANCHORS as CHECK_ANCHORS
from uclab.diagnose.checks import CHECKS, Hit
from uclab.diagnose.fallback import FallbackGrammar
from uclab.diagnose.report import Evidence
from uclab.diagnose.ruleset import Rule, Step
from uclab.trace.parsing import UNKNOWN, Grammar, Record, split

__all__ = ["FileScan", "scan_lines"]

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

    @property
    def host(self) -> str | None:
        return self.hosts.most_common(1)[0][0] if self.hosts else None


def shown(line: str, reveal: bool) -> str:
    text = masking.mask(line, reveal=reveal)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f" … [{len(text)} chars]"


class _Anchors:
    """The prefilter: literal -> what it stands for, compiled into one expression."""

    def __init__(self, rules: Sequence[Rule], steps: Sequence[Step]) -> None:
        self.fixed = {a for r in rules for a in r.anchors} | set(CHECK_ANCHORS) | set(
            masking.PLAIN_ANCHORS)
        self.step_of = {a: s.id for s in steps for a in s.anchors}
        self.compile(set())

    def compile(self, reached: set[str]) -> None:
        live = self.fixed | {a for a, s in self.step_of.items() if s not in reached}
        self.regex = re.compile("|".join(re.escape(a) for a in sorted(live, key=len,
                                                                      reverse=True)))


def scan_lines(name: str, lines: Iterable[str], rules: Sequence[Rule], steps: Sequence[Step],
               grammars: Sequence[Grammar], *, reveal: bool = False) -> FileScan:
    """Scan one file's lines (see the module docstring)."""
    grammars = (*grammars, FallbackGrammar())
    anchors = _Anchors(rules, steps)
    scan = FileScan(name)
    seen: set[int] = set()
    block: list[str] = []
    base, done = 1, 0
    for line in lines:
        block.append(line)
        scan.lines += 1
        if len(block) >= BLOCK_LINES:
            limit = len(block) - AHEAD
            _block(scan, block, base, done, limit, anchors, grammars, seen, reveal)
            keep = block[limit - BACK:]
            base += limit - BACK
            block, done = keep, BACK
    _block(scan, block, base, done, len(block), anchors, grammars, seen, reveal)
    return scan


def _block(scan: FileScan, block: list[str], base: int, done: int, limit: int,
           anchors: _Anchors, grammars: Sequence[Grammar], seen: set[int],
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
        for i in lines_hit:
            number = base + i
            record = next((r for r in records if r.line <= number <= r.end), None)
            if record is None or record.line in seen:
                continue
            seen.add(record.line)
            scan.hits.append(Hit(len(scan.hits), record, records))
            if masking.clear_passwords(record.raw):
                scan.plain_passwords.append(record.where)


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


def _count(scan: FileScan, record: Record) -> None:
    if record.product != UNKNOWN or not record.raw.strip().startswith("#"):
        scan.products[record.product] += 1
    if record.host:
        scan.hosts[record.host] += 1


# -- deciding the rules ----------------------------------------------------------------------
def evaluate(scan: FileScan, rules: Sequence[Rule], *, reveal: bool = False
             ) -> dict[str, list[Evidence]]:
    """rule id -> the evidence lines of each record of this file the rule matches."""
    out: dict[str, list[Evidence]] = {}
    hits = scan.hits
    for hit in hits:
        text = hit.text
        for rule in rules:
            if rule.kind != "match":
                continue
            pattern = next((p for p in rule.patterns if p in text), None)
            if pattern is None or not all(a in text for a in rule.all):
                continue
            if rule.in_file and not all(any(a in h.text for h in hits) for a in rule.in_file):
                continue
            if rule.unless_later and any(all(a in h.text for a in rule.unless_later)
                                         for h in hits[hit.index + 1:]):
                continue
            if rule.check and not CHECKS[rule.check](hit, hits):
                continue
            out.setdefault(rule.id, []).append(_evidence(hit.record, pattern, reveal))
    return out


def _evidence(record: Record, pattern: str, reveal: bool) -> Evidence:
    for offset, line in enumerate(record.lines):
        if pattern in line:
            return Evidence(f"{record.source}:{record.line + offset}", shown(line, reveal))
    # the pattern spans lines (a wrapped record): show the first line, cite the record
    return Evidence(record.where, shown(record.lines[0] if record.lines else "", reveal))
